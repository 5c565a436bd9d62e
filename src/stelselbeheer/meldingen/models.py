"""Meldingen (issue 6): the front door for questions, complaints, disputes, incidents and calamities, with the
decision tree that sends what does not belong here to the right desk. Started: filing, the tree, the status
page and the queues; triage, service levels, incidents and complaints follow."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Beslisboom(models.Model):
    """One version of the decision tree; the active one is used. Versions are kept: a melding names its version."""

    versie = models.PositiveIntegerField("versie", unique=True)
    boom = models.JSONField("boom")
    actief = models.BooleanField("actief", default=False)
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "beslisboom"
        verbose_name_plural = "beslisbomen"
        ordering = ["-versie"]
        constraints = [models.UniqueConstraint(fields=["actief"], condition=models.Q(actief=True),
                                               name="een_actieve_beslisboom")]

    def __str__(self):
        return f"Beslisboom versie {self.versie}{' (actief)' if self.actief else ''}"


class Soort(models.TextChoices):
    VRAAG = "vraag", "Vraag"
    KLACHT = "klacht", "Klacht"
    GESCHIL = "geschil", "Geschil"
    INCIDENT = "incident", "Incident"
    CALAMITEIT = "calamiteit", "Calamiteit"


class Niveau(models.TextChoices):
    REGIONAAL = "regionaal", "Regionaal"
    LANDELIJK = "landelijk", "Landelijk"


class Status(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    OPGELOST = "opgelost", "Opgelost"
    GESLOTEN = "gesloten", "Gesloten"


class Prioriteit(models.TextChoices):
    LAAG = "laag", "Laag"
    NORMAAL = "normaal", "Normaal"
    HOOG = "hoog", "Hoog"
    KRITIEK = "kritiek", "Kritiek"


class Melding(models.Model):
    nummer = models.CharField("referentie", max_length=20, unique=True, editable=False)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    onderwerp = models.CharField("onderwerp", max_length=200)
    omschrijving = models.TextField("omschrijving")
    melder_naam = models.CharField("naam", max_length=200)
    melder_email = models.EmailField("e-mailadres")
    melder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="meldingen", verbose_name="melder (account)")
    regio = models.ForeignKey("organisaties.Regio", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="meldingen", verbose_name="regio")
    niveau = models.CharField("niveau", max_length=20, choices=Niveau.choices, default=Niveau.LANDELIJK,
                              db_index=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True)
    beslisboom = models.ForeignKey(Beslisboom, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="beslisboom (versie)")
    uitkomst = models.CharField("uitkomst van de beslisboom", max_length=20, blank=True)
    token_sha256 = models.CharField("SHA-256 van de statuscode", max_length=64, unique=True, editable=False)
    prioriteit = models.CharField("prioriteit", max_length=10, choices=Prioriteit.choices,
                                  default=Prioriteit.NORMAAL)
    team = models.CharField("team", max_length=100, blank=True)
    toegewezen_aan = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="toegewezen aan")
    reactie_voor = models.DateTimeField("reactie uiterlijk", null=True, blank=True)
    oplossing_voor = models.DateTimeField("opgelost uiterlijk", null=True, blank=True, db_index=True)
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-ingediend_op", "-id"]

    def __str__(self):
        return f"{self.nummer}: {self.onderwerp}"

    def get_absolute_url(self):
        return reverse("melding-detail", args=[self.nummer])


class Meldinggebeurtenis(models.Model):
    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="gebeurtenissen",
                                verbose_name="melding")
    soort = models.CharField("soort", max_length=40)
    tekst = models.TextField("tekst", blank=True)
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "meldinggebeurtenis"
        verbose_name_plural = "meldinggebeurtenissen"
        ordering = ["melding", "tijdstip", "id"]

    def __str__(self):
        return f"{self.melding.nummer}: {self.soort}"
