"""The afsprakenset as versioned documents: releases with their documents, referenced standards and changelog, and
the chain rollout of an approved release per participant.

A ``Release`` moves draft → consultation → approved (by the board, on an adopted decision) → in force → withdrawn
(rule AFS-STATUS; the transitions are declared in ``workflow.py``). An approved release sets an implementation
deadline per participant role (``Implementatietermijn``); every affected participant gets a ``Uitrol`` whose status
(planned, in test, qualified, live) is tracked; a missed deadline opens a compliance finding (AFS-UITROL-TERMIJN).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.kern.identificatie import valideer_xml_tekens

NUMMER_PATROON = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}$")
KWARTAAL_PATROON = re.compile(r"^(\d{4})-Q([1-4])$")


def valideer_nummer(waarde: str) -> None:
    if not NUMMER_PATROON.match(waarde or ""):
        raise ValidationError("Een releasenummer bestaat uit cijfers en punten, bijvoorbeeld 3.1 of 3.1.2.",
                              code="ongeldig_nummer")


def valideer_kwartaal(waarde: str) -> None:
    if waarde and not KWARTAAL_PATROON.match(waarde):
        raise ValidationError("Schrijf het kwartaal als jaar-Q en het nummer, bijvoorbeeld 2027-Q2.",
                              code="ongeldig_kwartaal")


def nummer_sleutel(nummer: str) -> tuple[int, ...]:
    """Sort key of a release number: 3.10 comes after 3.9."""
    return tuple(int(d) for d in nummer.split(".") if d.isdigit())


class ReleaseStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    CONSULTATIE = "consultatie", "In consultatie"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd door het bestuur"
    IN_WERKING = "in_werking", "In werking"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


#: statuses in which a release is public (its page, the roadmap, the feed); a draft is staff-only
OPENBARE_STATUSSEN = (ReleaseStatus.CONSULTATIE, ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING,
                      ReleaseStatus.INGETROKKEN)


class ReleaseQuerySet(models.QuerySet):
    def openbaar(self):
        return self.filter(status__in=OPENBARE_STATUSSEN)

    def in_werking(self):
        return self.filter(status=ReleaseStatus.IN_WERKING)


class Release(models.Model):
    nummer = models.CharField("releasenummer", max_length=20, unique=True, validators=[valideer_nummer],
                              help_text="Bijvoorbeeld 3.1 of 3.1.2.")
    titel = models.CharField("titel", max_length=200, validators=[valideer_xml_tekens])
    samenvatting = models.TextField("samenvatting", blank=True, validators=[valideer_xml_tekens])
    status = models.CharField("status", max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.CONCEPT,
                              db_index=True)
    gepland_kwartaal = models.CharField("gepland kwartaal", max_length=7, blank=True, validators=[valideer_kwartaal],
                                        help_text="Het kwartaal waarin de release naar verwachting in werking "
                                                  "treedt, bijvoorbeeld 2027-Q2 (voor de roadmap).")
    ingangsdatum = models.DateField("ingangsdatum", null=True, blank=True,
                                    help_text="De dag waarop de release in werking treedt.")
    overgangsdatum = models.DateField("einde overgangstermijn", null=True, blank=True,
                                      help_text="Na deze dag moet elke deelnemer de deelnemersovereenkomst van deze "
                                                "release (of een nieuwere) hebben getekend.")
    besluit = models.OneToOneField("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="release", verbose_name="goedkeuringsbesluit")
    status_sinds = models.DateTimeField("status sinds", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="aangemaakt door")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = "release"
        verbose_name_plural = "releases"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(name="release_overgang_na_ingang",
                                   condition=Q(overgangsdatum__isnull=True) | Q(ingangsdatum__isnull=True)
                                   | Q(overgangsdatum__gte=models.F("ingangsdatum"))),
            models.CheckConstraint(name="release_goedgekeurd_met_besluit",
                                   condition=~Q(status__in=["goedgekeurd", "in_werking"]) | Q(besluit__isnull=False)),
        ]

    def __str__(self):
        return f"Release {self.nummer}: {self.titel}"

    def get_absolute_url(self):
        return reverse("release-detail", args=[self.nummer])

    def clean(self):
        super().clean()
        if self.ingangsdatum and self.overgangsdatum and self.overgangsdatum < self.ingangsdatum:
            raise ValidationError({"overgangsdatum": "Het einde van de overgangstermijn ligt niet vóór de "
                                                     "ingangsdatum."})

    @property
    def is_openbaar(self) -> bool:
        return self.status in OPENBARE_STATUSSEN


class Releasedocument(models.Model):
    """A document of the release (the agreements themselves, an explanation, a consultation version); checked like a
    meeting document (type and size) and downloaded through the app, never through a public media URL."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="documenten", verbose_name="release")
    naam = models.CharField("naam", max_length=200, validators=[valideer_xml_tekens])
    bestand = models.FileField("bestand", upload_to="afsprakenset/%Y/")
    grootte = models.PositiveIntegerField("grootte (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    toegevoegd_op = models.DateTimeField("toegevoegd op", auto_now_add=True)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="toegevoegd door")

    class Meta:
        verbose_name = "releasedocument"
        verbose_name_plural = "releasedocumenten"
        ordering = ["release", "naam", "id"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("releasedocument-download", args=[self.release.nummer, self.pk])


class Standaard(models.Model):
    """A standard the release references (name, version, the organisation that owns it)."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="standaarden", verbose_name="release")
    naam = models.CharField("naam", max_length=200, validators=[valideer_xml_tekens])
    versie = models.CharField("versie", max_length=40, validators=[valideer_xml_tekens])
    eigenaar = models.CharField("eigenaar (organisatie)", max_length=200, validators=[valideer_xml_tekens])
    url = models.URLField("vindplaats", blank=True)

    class Meta:
        verbose_name = "standaard"
        verbose_name_plural = "standaarden"
        ordering = ["release", "naam"]
        constraints = [models.UniqueConstraint(fields=["release", "naam"], name="standaard_eenmaal_per_release")]

    def __str__(self):
        return f"{self.naam} {self.versie}"


class Impact(models.TextChoices):
    GEEN = "geen", "Geen aanpassing nodig"
    LAAG = "laag", "Kleine aanpassing"
    HOOG = "hoog", "Grote aanpassing"


class Wijziging(models.Model):
    """One changelog entry of a release, with its impact per participant role and the gegevensdiensten it touches."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="wijzigingen", verbose_name="release")
    titel = models.CharField("titel", max_length=200, validators=[valideer_xml_tekens])
    omschrijving = models.TextField("omschrijving", validators=[valideer_xml_tekens])
    impact_dvp = models.CharField("impact voor een DVP", max_length=10, choices=Impact.choices, default=Impact.GEEN)
    impact_dva = models.CharField("impact voor een DVA", max_length=10, choices=Impact.choices, default=Impact.GEEN)
    gegevensdiensten = models.ManyToManyField("register.Gegevensdienst", blank=True, related_name="releasewijzigingen",
                                              verbose_name="gegevensdiensten")
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "wijziging"
        verbose_name_plural = "wijzigingen (changelog)"
        ordering = ["release", "id"]

    def __str__(self):
        return self.titel

    def impact_voor(self, rol: str) -> str:
        return self.impact_dvp if rol == "dvp" else self.impact_dva


class Implementatietermijn(models.Model):
    """AFS-UITROL: the day by which every participant with ``rol`` has the approved release live."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="termijnen", verbose_name="release")
    rol = models.CharField("rol", max_length=10, choices=[("dvp", "Dienstverlener persoon (DVP)"),
                                                          ("dva", "Dienstverlener aanbieder (DVA)")])
    uiterlijk = models.DateField("live uiterlijk op")

    class Meta:
        verbose_name = "implementatietermijn"
        verbose_name_plural = "implementatietermijnen"
        ordering = ["release", "rol"]
        constraints = [models.UniqueConstraint(fields=["release", "rol"], name="termijn_eenmaal_per_rol")]

    def __str__(self):
        return f"{self.release.nummer} {self.get_rol_display()}: {self.uiterlijk:%d-%m-%Y}"


class UitrolStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    IN_TEST = "in_test", "In test"
    GEKWALIFICEERD = "gekwalificeerd", "Gekwalificeerd"
    LIVE = "live", "Live"


UITROLVOLGORDE = [s.value for s in UitrolStatus]


class Uitrol(models.Model):
    """One affected participant's progress on one approved release, in one role, with its qualification result."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="uitrollen", verbose_name="release")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="uitrollen",
                                  verbose_name="deelnemer")
    rol = models.CharField("rol", max_length=10, choices=Implementatietermijn._meta.get_field("rol").choices)
    uiterlijk = models.DateField("live uiterlijk op")
    status = models.CharField("status", max_length=20, choices=UitrolStatus.choices, default=UitrolStatus.GEPLAND,
                              db_index=True)
    status_sinds = models.DateField("status sinds")
    testdatum = models.DateField("datum kwalificatietest", null=True, blank=True)
    testresultaat = models.CharField("resultaat kwalificatietest", max_length=20, blank=True,
                                     choices=[("geslaagd", "Geslaagd"), ("gezakt", "Niet geslaagd")])
    toelichting = models.TextField("toelichting", blank=True, validators=[valideer_xml_tekens])
    #: AFS-UITROL-TERMIJN: the finding the missed deadline opened (once)
    constatering = models.OneToOneField("naleving.Constatering", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="uitrol", verbose_name="constatering (termijn verstreken)")

    class Meta:
        verbose_name = "uitrol"
        verbose_name_plural = "uitrollen"
        ordering = ["release", "uiterlijk", "deelnemer"]
        constraints = [models.UniqueConstraint(fields=["release", "deelnemer", "rol"], name="uitrol_eenmaal")]
        indexes = [models.Index(fields=["uiterlijk", "status"], name="uitrol_termijn_idx")]

    def __str__(self):
        return f"{self.release.nummer}: {self.deelnemer} ({self.get_rol_display()})"


class Overeenkomstsignalering(models.Model):
    """AFS-OVEREENKOMST: a participant that signed an outdated agreement version is reminded once per release in
    force, and after that release's transition date a finding opens, once."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="signaleringen",
                                verbose_name="release in werking")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT,
                                  related_name="overeenkomstsignaleringen", verbose_name="deelnemer")
    herinnerd_op = models.DateField("herinnerd op")
    constatering = models.OneToOneField("naleving.Constatering", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="overeenkomstsignalering", verbose_name="constatering")

    class Meta:
        verbose_name = "signalering verouderde overeenkomst"
        verbose_name_plural = "signaleringen verouderde overeenkomst"
        ordering = ["-herinnerd_op", "-id"]
        constraints = [models.UniqueConstraint(fields=["release", "deelnemer"], name="signalering_eenmaal")]

    def __str__(self):
        return f"{self.deelnemer}: overeenkomst ouder dan {self.release.nummer}"
