"""Bottlenecks (knelpunten) of the national implementation (seeds 002 and 003): each classified into one of the
eight MedElkaar bouwblokken, a sector and a region; within or outside the framework's reach; with an owner and
partners, the kind of outcome sought, put on the agenda of the body that acts on it, and followed to resolution.

A knelpunt may come from a melding (one knelpunt per melding). Turning a knelpunt into a change request comes with
the change-request app (a later step; see docs/knelpunten.md)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.organisaties.models import Sector


class Bouwblok(models.Model):
    """One of the eight bouwblokken of MedElkaar (seed 002), as data."""

    nummer = models.PositiveSmallIntegerField("nummer", unique=True)
    naam = models.CharField("naam", max_length=100, unique=True, validators=[valideer_xml_tekens])
    vraag = models.CharField("kernvraag", max_length=300, validators=[valideer_xml_tekens])

    class Meta:
        verbose_name = "bouwblok"
        verbose_name_plural = "bouwblokken"
        ordering = ["nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"


class Uitkomstsoort(models.TextChoices):
    POC = "poc", "Proof of concept"
    PROCEDURE = "procedure", "(Aangescherpte) procedure"
    AFSPRAAK = "afspraak", "Afspraak"


class KnelpuntStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    OPGELOST = "opgelost", "Opgelost"
    VERVALLEN = "vervallen", "Vervallen"


AFGESLOTEN = {KnelpuntStatus.OPGELOST, KnelpuntStatus.VERVALLEN}


class Knelpunt(models.Model):
    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    titel = models.CharField("titel", max_length=200, validators=[valideer_xml_tekens])
    omschrijving = models.TextField("omschrijving", validators=[valideer_xml_tekens])
    bouwblok = models.ForeignKey(Bouwblok, on_delete=models.PROTECT, related_name="knelpunten",
                                 verbose_name="bouwblok")
    sector = models.CharField("sector", max_length=30, choices=Sector.choices, blank=True,
                              help_text="Leeg: sectoroverstijgend.")
    regio = models.ForeignKey("organisaties.Regio", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="regio", help_text="Leeg: landelijk.")
    binnen_invloed = models.BooleanField(
        "binnen de invloedssfeer van het afsprakenstelsel",
        help_text="Kan Stichting MedMij het zelf oplossen (binnen het afsprakenstelsel), of vraagt het een bredere "
                  "aanpak met andere partijen?")
    eigenaar = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="eigenaar")
    partners = models.ManyToManyField("organisaties.Organisatie", blank=True, related_name="+",
                                      verbose_name="partners")
    uitkomstsoort = models.CharField("beoogde uitkomst", max_length=20, choices=Uitkomstsoort.choices)
    product = models.ForeignKey("implementatie.Product", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="knelpunten", verbose_name="product")
    melding = models.OneToOneField("meldingen.Melding", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="knelpunt", verbose_name="uit melding")
    rfc = models.OneToOneField("wijzigingen.Wijzigingsvoorstel", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="knelpunt", verbose_name="wijzigingsverzoek op de afspraken (RFC)")
    status = models.CharField("status", max_length=20, choices=KnelpuntStatus.choices, default=KnelpuntStatus.OPEN,
                              db_index=True)
    oplossing = models.TextField("oplossing", blank=True, validators=[valideer_xml_tekens])
    afgesloten_op = models.DateField("afgesloten op", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="aangemaakt door")
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "knelpunt"
        verbose_name_plural = "knelpunten"
        ordering = ["-nummer"]

    def __str__(self):
        return f"{self.nummer} {self.titel}"

    def get_absolute_url(self):
        return reverse("knelpunt-detail", args=[self.nummer])
