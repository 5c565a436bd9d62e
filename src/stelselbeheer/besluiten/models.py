"""The register of board decisions (besluitenregister).

Every decision of the board (admission, refusal, exit, termination, suspension and its lifting, release
approval) is a ``Besluit`` with a number, date, subject, parties, text and attachments. A public decision
is on the public page and in the Atom feed; a confidential one is seen only by staff, the board and the
participant concerned (rule BES-VERTROUWELIJK): ``Besluit.objects.zichtbaar_voor(user)`` is the one place
where that is decided, used by every page, feed, API call and download.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.kern.rollen import Rol, rol_van


class BesluitSoort(models.TextChoices):
    TOELATING = "toelating", "Toelating"
    AFWIJZING = "afwijzing", "Afwijzing van een aanvraag"
    UITTREDING = "uittreding", "Uittreding op verzoek"
    BEEINDIGING = "beeindiging", "Beëindiging (ontbinding)"
    OPSCHORTING = "opschorting", "Opschorting"
    OPHEFFING = "opheffing", "Opheffing van een opschorting"
    RELEASE = "release", "Goedkeuring van een release"
    OVERIG = "overig", "Overig"


#: roles that see every decision, confidential ones included
ALLES_ZIEN = {Rol.BESTUUR, Rol.UITVOERING}


class BesluitQuerySet(models.QuerySet):
    def openbaar(self):
        return self.filter(openbaar=True)

    def zichtbaar_voor(self, user):
        """BES-VERTROUWELIJK: staff and board see all; a participant user also its own confidential
        decisions (as the participant concerned or a party); everyone else only public ones."""
        rol = rol_van(user)
        if rol in ALLES_ZIEN:
            return self
        if rol == Rol.DEELNEMER and user.deelnemer_id:
            eigen = Q(deelnemer_id=user.deelnemer_id) | Q(partijen__deelnemer__id=user.deelnemer_id)
            return self.filter(Q(openbaar=True) | eigen).distinct()
        return self.filter(openbaar=True)


class Besluit(models.Model):
    nummer = models.CharField("besluitnummer", max_length=20, unique=True, editable=False)
    datum = models.DateField("datum")
    soort = models.CharField("soort", max_length=20, choices=BesluitSoort.choices)
    onderwerp = models.CharField("onderwerp", max_length=200)
    tekst = models.TextField("tekst")
    openbaar = models.BooleanField("openbaar", default=True,
                                   help_text="Openbare besluiten staan op de openbare pagina en in de feed.")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="besluiten", verbose_name="betrokken deelnemer")
    partijen = models.ManyToManyField("organisaties.Organisatie", blank=True, related_name="besluiten",
                                      verbose_name="partijen")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="vastgelegd door")
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    objects = BesluitQuerySet.as_manager()

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ["-datum", "-nummer"]

    def __str__(self):
        return f"{self.nummer}: {self.onderwerp}"

    def get_absolute_url(self):
        return reverse("besluit-detail", args=[self.nummer])


class Bijlage(models.Model):
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="bijlagen", verbose_name="besluit")
    naam = models.CharField("naam", max_length=200)
    bestand = models.FileField("bestand", upload_to="besluiten/%Y/")
    grootte = models.PositiveIntegerField("grootte (bytes)")

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("besluit-bijlage", args=[self.besluit.nummer, self.pk])
