"""The adoption monitor of the national implementation strategy (seed 003): the MVP thresholds per phase as data,
the daily snapshot of each product's adoption (derived from the register and the published ZAL), and the few
statuses that cannot be derived and are typed in, marked as such."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from stelselbeheer.implementatie.models import Fase
from stelselbeheer.kern.identificatie import valideer_xml_tekens


class Drempelsoort(models.TextChoices):
    AANBIEDERS_LIVE = "aanbieders_live", "Aanbieders live (ten minste, aantal)"
    LEVERANCIERS_GEREED = "leveranciers_gereed", "Leverancierssystemen gereed (ten minste, aantal)"
    TOP_LEVERANCIERS = "top_leveranciers", "Grootste leverancierssystemen per sector gereed (aantal per sector)"
    AANBIEDERS_PCT = "aanbieders_pct", "Aanbieders live (percentage)"
    LEVERANCIERS_PCT = "leveranciers_pct", "Relevante leverancierssystemen gereed (percentage)"


#: kinds whose value is a percentage (at most 100)
PERCENTAGES = [Drempelsoort.AANBIEDERS_PCT.value, Drempelsoort.LEVERANCIERS_PCT.value]


class Drempel(models.Model):
    """One MVP threshold of a phase (ADO-DREMPEL): the strategy's table as data, so the programme can tune it."""

    fase = models.CharField("fase", max_length=30, choices=Fase.choices)
    soort = models.CharField("soort", max_length=30, choices=Drempelsoort.choices)
    waarde = models.PositiveIntegerField("waarde", validators=[MinValueValidator(1)])
    omschrijving = models.CharField("omschrijving", max_length=300, validators=[valideer_xml_tekens])
    bron = models.CharField("bron", max_length=200, blank=True, validators=[valideer_xml_tekens])

    class Meta:
        verbose_name = "MVP-drempel"
        verbose_name_plural = "MVP-drempels"
        ordering = ["fase", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["fase", "soort"], name="adoptie_drempel_uniek"),
            models.CheckConstraint(condition=~models.Q(soort__in=PERCENTAGES) | models.Q(waarde__lte=100),
                                   name="adoptie_drempel_percentage"),
        ]

    def __str__(self):
        return f"{self.get_fase_display()}: {self.omschrijving}"


class Bron(models.TextChoices):
    REGISTER = "register", "Afgeleid uit het register en de gepubliceerde ZAL"
    TERUGGEREKEND = "teruggerekend", "Teruggerekend (demo: geen gepubliceerde ZAL op die dag)"


class Momentopname(models.Model):
    """One day's adoption figures of every product (ADO-MOMENTOPNAME: at most one per day)."""

    datum = models.DateField("datum", unique=True)
    gemaakt_op = models.DateTimeField("gemaakt op")
    zal_volgnummer = models.PositiveBigIntegerField("ZAL-versie", null=True, blank=True,
                                                    help_text="De gepubliceerde ZAL-versie waaruit 'live' volgt.")
    bron = models.CharField("bron", max_length=20, choices=Bron.choices, default=Bron.REGISTER)

    class Meta:
        verbose_name = "momentopname"
        verbose_name_plural = "momentopnamen"
        ordering = ["-datum"]

    def __str__(self):
        return f"Momentopname {self.datum:%d-%m-%Y}"


class Adoptiestand(models.Model):
    """A product's adoption on one snapshot's day: the totals, and the breakdown per sector, region, region ×
    sector and vendor in ``detail`` (see ``berekening.Stand.als_json``)."""

    momentopname = models.ForeignKey(Momentopname, on_delete=models.CASCADE, related_name="standen",
                                     verbose_name="momentopname")
    product = models.ForeignKey("implementatie.Product", on_delete=models.CASCADE, related_name="adoptiestanden",
                                verbose_name="product")
    aanbieders_live = models.PositiveIntegerField("aanbieders live")
    aanbieders_totaal = models.PositiveIntegerField("aanbieders in de doelgroep")
    leveranciers_gereed = models.PositiveIntegerField("leverancierssystemen gereed")
    leveranciers_relevant = models.PositiveIntegerField("relevante leverancierssystemen")
    handmatig = models.PositiveIntegerField("waarvan handmatig vastgelegd", default=0)
    detail = models.JSONField("uitsplitsing", default=dict, blank=True)

    class Meta:
        verbose_name = "adoptiestand"
        verbose_name_plural = "adoptiestanden"
        ordering = ["-momentopname__datum", "product__naam"]
        constraints = [models.UniqueConstraint(fields=["momentopname", "product"], name="adoptie_stand_uniek")]

    def __str__(self):
        return f"{self.product} op {self.momentopname.datum:%d-%m-%Y}"


class HandmatigeStatus(models.Model):
    """A status typed in where the register cannot tell (ADO-HANDMATIG): a provider's for a product without
    gegevensdiensten, a vendor's that is no DVA participant (it has no qualification to read). Always shown with its
    source and who recorded it."""

    product = models.ForeignKey("implementatie.Product", on_delete=models.CASCADE, related_name="handmatige_statussen",
                                verbose_name="product")
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.CASCADE, related_name="+",
                                    verbose_name="organisatie")
    live = models.BooleanField("live / gereed")
    bron = models.CharField("bron", max_length=200, validators=[valideer_xml_tekens],
                            help_text="Waar de status vandaan komt, bijvoorbeeld 'opgave leverancier, 12-11-2026'.")
    toelichting = models.TextField("toelichting", blank=True, validators=[valideer_xml_tekens])
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="vastgelegd door")
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now=True)

    class Meta:
        verbose_name = "handmatige status"
        verbose_name_plural = "handmatige statussen"
        ordering = ["product", "organisatie__naam"]
        constraints = [models.UniqueConstraint(fields=["product", "organisatie"], name="adoptie_handmatig_uniek")]

    def __str__(self):
        return f"{self.organisatie} – {self.product}: {'live' if self.live else 'niet live'} (handmatig)"


#: the percentages the strategy aims at (seed 003, §3): providers live, relevant vendor systems ready
DOEL_AANBIEDERS = 80
DOEL_LEVERANCIERS = 90
