"""What an agenda item can be about, as data: per kind the model, how staff name one (its key), who may see it, and
how it is shown (a readable label and a link to its own page).

Later apps add their kinds (a change request, a release) with ``registreren`` from their ``AppConfig.ready``,
without changing this app. An agenda item stores a generic pointer (content type + id); the label and link are
computed when shown, and only to whom may see the object (OVL-ONDERWERP): anyone else reads the kind only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from stelselbeheer.kern.rollen import Actie, kan


@dataclass(frozen=True)
class Onderwerpsoort:
    code: str
    label: str
    model: str  # "app_label.Model"
    #: lookups tried in turn for the key staff type (a number, or a name); "pk" only for digits
    sleutels: tuple[str, ...]
    hulp: str
    #: whether ``user`` may see this object (label and link); the agenda item's title is always shown
    zichtbaar: Callable[[object, object], bool]

    def modelklasse(self):
        return apps.get_model(self.model)

    def zoek(self, sleutel: str):
        sleutel = (sleutel or "").strip()
        qs = self.modelklasse()._default_manager.all()
        for lookup in self.sleutels:
            if lookup == "pk" and not sleutel.isdigit():
                continue
            treffers = list(qs.filter(**{lookup: sleutel})[:2])
            if len(treffers) == 1:
                return treffers[0]
        raise ValidationError({"onderwerp_sleutel": f"Geen {self.label.lower()} gevonden met '{sleutel}'. "
                                                    f"{self.hulp}"}, code="bestaat_niet")

    def sleutel_van(self, obj) -> str:
        veld = next((s for s in self.sleutels if s != "pk"), "pk").split("__")[0]
        return str(getattr(obj, veld) if veld != "pk" else obj.pk)


def _besluit_zichtbaar(user, obj) -> bool:
    return type(obj).objects.zichtbaar_voor(user).filter(pk=obj.pk).exists()


SOORTEN: dict[str, Onderwerpsoort] = {}


def registreren(soort: Onderwerpsoort) -> None:
    SOORTEN[soort.code] = soort


for _soort in (
    Onderwerpsoort("deelnemer", "Toetreding of deelname (deelnemer)", "deelnemers.Deelnemer",
                   ("organisatie__naam__iexact", "pk"), "Geef de naam van de organisatie of het deelnemer-id.",
                   lambda user, obj: kan(user, Actie.DEELNEMER_LEZEN)),
    Onderwerpsoort("zaak", "Nalevingszaak", "naleving.Nalevingszaak", ("nummer__iexact",),
                   "Geef het zaaknummer, bijvoorbeeld N-2026-0001.",
                   lambda user, obj: kan(user, Actie.NALEVING_LEZEN)),
    Onderwerpsoort("melding", "Klacht, geschil of melding", "meldingen.Melding", ("nummer__iexact",),
                   "Geef de referentie, bijvoorbeeld M-2026-0001.",
                   lambda user, obj: kan(user, Actie.MELDINGEN_BEHANDELEN)),
    Onderwerpsoort("besluit", "Besluit", "besluiten.Besluit", ("nummer__iexact",),
                   "Geef het besluitnummer, bijvoorbeeld B-2026-0001.", _besluit_zichtbaar),
):
    registreren(_soort)


def soort_van(obj) -> Onderwerpsoort | None:
    label = obj._meta.label_lower
    return next((s for s in SOORTEN.values() if s.model.lower() == label), None)


def keuzes() -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in SOORTEN.values()]


def zoek(code: str, sleutel: str):
    """The object of kind ``code`` that staff named by ``sleutel``; a field error naming what was not found."""
    soort = SOORTEN.get(code)
    if soort is None:
        raise ValidationError({"onderwerp_soort": f"Onbekende soort onderwerp '{code}'."}, code="ongeldig")
    return soort.zoek(sleutel)


def verwijzing(obj) -> tuple[ContentType | None, int | None]:
    if obj is None:
        return None, None
    if soort_van(obj) is None:
        raise ValidationError({"onderwerp_soort": "Een agendapunt kan hier niet naar verwijzen."}, code="ongeldig")
    return ContentType.objects.get_for_model(obj), obj.pk


@dataclass(frozen=True)
class Weergave:
    soort: str  # the kind's label, always shown
    label: str  # the object's own label, empty when hidden or gone
    url: str | None
    code: str = ""
    sleutel: str = ""


def weergave(agendapunt, user) -> Weergave | None:
    """How an agenda item's subject is shown to ``user``: kind, label and link, or the kind only."""
    if agendapunt.onderwerp_type_id is None:
        return None
    model = agendapunt.onderwerp_type.model_class()
    soort = soort_van(model) if model else None
    obj = agendapunt.onderwerp
    if soort is None or obj is None:
        return Weergave(soort=soort.label if soort else "Onderwerp", label="(niet meer beschikbaar)", url=None)
    if not soort.zichtbaar(user, obj):
        return Weergave(soort=soort.label, label="", url=None, code=soort.code)
    return Weergave(soort=soort.label, label=str(obj), url=obj.get_absolute_url(), code=soort.code,
                    sleutel=soort.sleutel_van(obj))
