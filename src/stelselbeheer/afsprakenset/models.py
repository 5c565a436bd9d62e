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
