"""The national implementation programme's portfolio (seed 003): products, services and frameworks, each in one of
the strategy's four phases. The monitor, the acceptance criteria, the ordering and the risks build on ``Product``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse

from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.organisaties.models import Sector


class Fase(models.TextChoices):
    """The strategy's four phases, in order (seed 003, "Implementatiefasen")."""

    INTAKE = "intake", "Intake"
    KOPLOPERS = "koplopers", "Koplopers"
    OPTIMALISATIE = "optimalisatie", "Optimalisatie"
    BREDE_IMPLEMENTATIE = "brede_implementatie", "Brede implementatie"


FASEVOLGORDE = [f.value for f in Fase]


class Productsoort(models.TextChoices):
    PRODUCT = "product", "Product"
    DIENST = "dienst", "Dienst"
    AFSPRAKENSTELSEL = "afsprakenstelsel", "Afsprakenstelsel"


def valideer_sectoren(waarde) -> None:
    if not isinstance(waarde, list) or any(s not in Sector.values for s in waarde):
        raise ValidationError("Kies sectoren uit de lijst.", code="ongeldige_sector")


class Product(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=200, unique=True, validators=[valideer_xml_tekens])
    soort = models.CharField("soort", max_length=20, choices=Productsoort.choices, default=Productsoort.PRODUCT)
    omschrijving = models.TextField("omschrijving", blank=True)
    eigenaar = models.CharField("eigenaar (programma)", max_length=200,
                                help_text="Het programma of de organisatie die het product beheert.")
    sectoren = models.JSONField("sectoren", default=list, blank=True, validators=[valideer_sectoren])
    gegevensdiensten = models.ManyToManyField("register.Gegevensdienst", blank=True, related_name="producten",
                                              verbose_name="gegevensdiensten")
    wettelijk_verplicht = models.BooleanField("wettelijk verplicht", default=False)
    voorwaarde_voor = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="vereist",
                                             verbose_name="voorwaarde voor")
    fase = models.CharField("fase", max_length=30, choices=Fase.choices, default=Fase.INTAKE, db_index=True)
    fase_sinds = models.DateField("in deze fase sinds", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "product"
        verbose_name_plural = "producten"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        try:
            return reverse("product-detail", args=[self.code])
        except NoReverseMatch:  # the portfolio pages come with the implementation monitor
            return ""

    def get_sectoren_display(self) -> str:
        return ", ".join(str(Sector(s).label) for s in self.sectoren)
