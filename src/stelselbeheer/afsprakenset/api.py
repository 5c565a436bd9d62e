"""JSON API of the afsprakenset (tag ``afsprakenset``): releases, their standards, changelog, deadlines and rollout
progress (public releases for everyone, the rollout in totals), the rollout per participant for staff, board and
auditor, a participant's own rollout, and the staff's writing calls (create a release, take a step). The same
rules as the pages (the services enforce them); errors are problem+json."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.api.schemas import FOUTEN, Probleem
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.rollen import Actie, kan

from . import services, voortgang, workflow
from .models import Release, Uitrol

router = Router(tags=["afsprakenset"])




class ReleaseUit(Schema):
    nummer: str
    titel: str
    samenvatting: str
    status: str
    gepland_kwartaal: str
    ingangsdatum: dt.date | None
    overgangsdatum: dt.date | None
    besluit: str | None = Field(None, description="Nummer van het goedkeuringsbesluit")

    @staticmethod
    def resolve_besluit(obj):
        return obj.besluit.nummer if obj.besluit_id else None


class StandaardUit(Schema):
    naam: str
    versie: str
    eigenaar: str
    url: str


class WijzigingUit(Schema):
    titel: str
    omschrijving: str
    impact_dvp: str
    impact_dva: str
    gegevensdiensten: list[str]

    @staticmethod
    def resolve_gegevensdiensten(obj):
        return [g.code for g in obj.gegevensdiensten.all()]


class TermijnUit(Schema):
    rol: str
    uiterlijk: dt.date


class VoortgangUit(Schema):
    rol: str
    uiterlijk: dt.date | None
    totaal: int
    te_laat: int = Field(description="Na de termijn nog niet live")
    per_status: dict[str, int]


class ReleaseDetailUit(ReleaseUit):
    standaarden: list[StandaardUit]
    wijzigingen: list[WijzigingUit]
    termijnen: list[TermijnUit]
    voortgang: list[VoortgangUit] = Field(description="Uitrol in totalen per rol (openbaar)")


class UitrolUit(Schema):
    id: int
    release: str
    deelnemer_id: int
    deelnemer: str
    rol: str
    uiterlijk: dt.date
    status: str
    status_sinds: dt.date
    testdatum: dt.date | None
    testresultaat: str
    constatering_id: int | None

    @staticmethod
    def resolve_release(obj):
        return obj.release.nummer

    @staticmethod
    def resolve_deelnemer(obj):
        return str(obj.deelnemer)


class ReleaseIn(Schema):
    nummer: str = Field(..., max_length=20)
    titel: str = Field(..., max_length=200)
    samenvatting: str = Field("", max_length=5000)
    gepland_kwartaal: str = Field("", max_length=7)
    ingangsdatum: dt.date | None = None
    overgangsdatum: dt.date | None = None


class ReleaseStapIn(Schema):
    overgang: str = Field(..., description="; ".join(f"{o.naam}: {o.label}" for o in workflow.OVERGANGEN))
    besluit: str | None = Field(None, max_length=20, description="Besluitnummer (alleen bij goedkeuren)")
    toelichting: str = Field("", max_length=5000)


class TermijnIn(Schema):
    rol: str = Field(..., description="dvp of dva")
    uiterlijk: dt.date


class UitrolIn(Schema):
    status: str = Field(..., description="gepland, in_test, gekwalificeerd of live (alleen vooruit)")
    testdatum: dt.date | None = None
    testresultaat: str = Field("", description="geslaagd of gezakt (leeg: ongewijzigd)")
    toelichting: str = Field("", max_length=5000)


def _release(request, nummer: str) -> Release:
    release = get_object_or_404(Release.objects.select_related("besluit"), nummer=nummer)
    if not release.is_openbaar and not kan(request.user, Actie.RELEASE_LEZEN):
        raise Http404("Deze release bestaat niet of is niet openbaar.")
    return release


def _detail(release: Release) -> dict:
    uit = ReleaseUit.from_orm(release).dict()
    uit["standaarden"] = list(release.standaarden.all())
    uit["wijzigingen"] = list(release.wijzigingen.prefetch_related("gegevensdiensten"))
    uit["termijnen"] = list(release.termijnen.all())
    uit["voortgang"] = [{"rol": v["rol"], "uiterlijk": v["uiterlijk"], "totaal": v["totaal"], "te_laat": v["te_laat"],
                         "per_status": dict(v["statussen"])} for v in voortgang.per_rol(release, vandaag())]
    return uit


@router.get("/afsprakenset/releases", response={200: Pagina[ReleaseUit], 422: Probleem},
            summary="Releases (openbaar: zonder concepten)", auth=None)
def releases(request, status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Release.objects.all() if kan(request.user, Actie.RELEASE_LEZEN) else Release.objects.openbaar()
    qs = qs.select_related("besluit")
    return pagineer(qs.filter(status=status) if status else qs, pagina, per_pagina)


@router.get("/afsprakenset/releases/{release}", response={200: ReleaseDetailUit, 404: Probleem},
            summary="Eén release met standaarden, changelog, termijnen en voortgang (totalen)", auth=None)
def release_detail(request, release: str):
    return _detail(_release(request, release))


@router.get("/afsprakenset/releases/{release}/uitrol", response={200: Pagina[UitrolUit], **FOUTEN},
            summary="Uitrol per deelnemer", auth=Recht(Actie.RELEASE_LEZEN))
def uitrol(request, release: str, status: str = "", rol: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Uitrol.objects.filter(release=_release(request, release)).select_related(
        "release", "deelnemer__organisatie").order_by("deelnemer__organisatie__naam", "rol")
    if status:
        qs = qs.filter(status=status)
    if rol:
        qs = qs.filter(rol=rol)
    return pagineer(qs, pagina, per_pagina)


@router.get("/afsprakenset/mijn/uitrol", response={200: list[UitrolUit], 401: Probleem, 403: Probleem},
            summary="De uitrol van de eigen deelnemer", auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN))
def mijn_uitrol(request):
    if not request.auth.deelnemer_id:
        raise PermissionDenied("Uw account hoort niet bij een deelnemer.")
    return list(Uitrol.objects.filter(deelnemer_id=request.auth.deelnemer_id).select_related(
        "release", "deelnemer__organisatie").order_by("-release__aangemaakt_op", "rol"))


@router.post("/afsprakenset/releases", response={201: ReleaseUit, **FOUTEN}, summary="Release aanmaken",
             auth=Recht(Actie.RELEASE_BEHEREN))
def release_aanmaken(request, payload: ReleaseIn):
    return Status(201, services.release_aanmaken(actor=request.auth, **payload.dict()))


@router.post("/afsprakenset/releases/{release}/stappen", response={200: ReleaseUit, **FOUTEN},
             summary="Een stap zetten (goedkeuren alleen met het besluit van het bestuur)",
             auth=Recht(Actie.RELEASE_BEHEREN))
def release_stap(request, release: str, payload: ReleaseStapIn):
    release_ = get_object_or_404(Release, nummer=release)
    besluit = None
    if payload.besluit:
        besluit = Besluit.objects.filter(nummer=payload.besluit).first()
        if besluit is None:
            raise ValidationError({"besluit": f"Geen besluit met nummer {payload.besluit}."})
    return services.release_overgang(actor=request.auth, release=release_, overgang=payload.overgang,
                                     besluit=besluit, toelichting=payload.toelichting)


@router.post("/afsprakenset/releases/{release}/termijnen", response={200: TermijnUit, **FOUTEN},
             summary="Implementatietermijn van een rol vastleggen of verschuiven", auth=Recht(Actie.RELEASE_BEHEREN))
def termijn_vastleggen(request, release: str, payload: TermijnIn):
    release_ = get_object_or_404(Release, nummer=release)
    if payload.rol not in ("dvp", "dva"):
        raise ValidationError({"rol": "Kies de rol dvp of dva."})
    return services.termijn_vastleggen(actor=request.auth, release=release_, rol=payload.rol,
                                       uiterlijk=payload.uiterlijk)


@router.post("/afsprakenset/uitrol/{uitrol}", response={200: UitrolUit, **FOUTEN},
             summary="De uitrol van een deelnemer bijwerken (status, kwalificatietest)",
             auth=Recht(Actie.RELEASE_BEHEREN))
def uitrol_bijwerken(request, uitrol: int, payload: UitrolIn):
    uitrol_ = get_object_or_404(Uitrol, pk=uitrol)
    return services.uitrol_bijwerken(actor=request.auth, uitrol=uitrol_, **payload.dict())
