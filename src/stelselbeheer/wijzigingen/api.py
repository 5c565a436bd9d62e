"""JSON API of the development agendas and the change requests on the agreements (RFCs) (tag ``wijzigingen``).

Reading follows RFC-ZICHT like the pages (the public: only RFCs on a public agenda, once taken in). Filing is open
to the public through ``Openbaar`` (no CSRF token without a session; a rate limit per client and per e-mail
address). Staff take the route's steps; an affected participant reacts in an open consultation. Errors are
problem+json.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api.auth import Openbaar, Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.overleg.api import FOUTEN, Probleem
from stelselbeheer.overleg.models import Besluitvoorstel
from stelselbeheer.register.models import Gegevensdienst

from . import agendas as standaard
from . import services, workflow
from .models import Ontwikkelagenda, Wijzigingsvoorstel

router = Router(tags=["wijzigingen"])


class AgendaUit(Schema):
    code: str
    naam: str
    soort: str
    beoordelaar: str
    adviesorgaan: str | None = Field(description="Code van het adviserende orgaan, of leeg")
    beslisser: str
    met_consultatie: bool
    consultatie_werkdagen: int
    openbaar: bool
    route: list[str] = Field(description="De statussen langs de route van deze agenda, in volgorde")

    @staticmethod
    def resolve_adviesorgaan(obj):
        return obj.adviesorgaan.code if obj.adviesorgaan_id else None

    @staticmethod
    def resolve_route(obj):
        return list(obj.route())


class GetroffeneUit(Schema):
    deelnemer_id: int
    deelnemer: str
    rol: str
    aantal_aanbieders: int
    gegevensdiensten: list[str]


class ImpactUit(Schema):
    peildatum: dt.date
    berekend_op: dt.datetime
    gegevensdiensten: list[str]
    rollen: list[str]
    aantal_aanbieders: int
    aanbieders_per_dienst: dict[str, int]
    getroffenen: list[GetroffeneUit]


class RfcUit(Schema):
    nummer: str
    titel: str
    agenda: str = Field(description="Code van de ontwikkelagenda")
    status: str
    bron: str
    ingediend_op: dt.datetime
    consultatie_tot: dt.date | None
    besluit: str | None = Field(description="Nummer van het besluit van het bestuur")

    @staticmethod
    def resolve_agenda(obj):
        return obj.agenda.code

    @staticmethod
    def resolve_besluit(obj):
        return obj.besluit.nummer if obj.besluit_id else None


class RfcDetailUit(Schema):
    """Built as a dict by ``_detail``, hence no resolvers."""

    nummer: str
    titel: str
    agenda: str = Field(description="Code van de ontwikkelagenda")
    status: str
    bron: str
    ingediend_op: dt.datetime
    consultatie_tot: dt.date | None
    besluit: str | None = Field(description="Nummer van het besluit van het bestuur")
    release: str | None = Field(description="Nummer van de release van de afsprakenset")
    probleem: str
    voorstel: str
    gegevensdiensten: list[str]
    raakt_dva: bool
    raakt_dvp: bool
    advies: str
    impact: ImpactUit | None = Field(None, description="De laatste impactanalyse (momentopname uit het register)")


class RfcIn(Schema):
    agenda: str = Field(description="Code van de ontwikkelagenda: bronsysteem, viewer of algemeen")
    titel: str
    probleem: str
    voorstel: str
    gegevensdiensten: list[str] = Field([], description="Codes; leeg: alle gegevensdiensten")
    raakt_dva: bool = True
    raakt_dvp: bool = True
    indiener_naam: str
    indiener_email: str


class RfcStapIn(Schema):
    stap: str = Field(description="Een stap van de route: " + ", ".join(workflow.PER_NAAM))
    toelichting: str = ""
    advies: str = ""
    besluitvoorstel: str | None = Field(None, description="Nummer van het besluitvoorstel (bij voorleggen)")


class ReactieIn(Schema):
    standpunt: str = Field(description="steun, bezwaar, opmerking of geen")
    toelichting: str = ""


class ReactieUit(Schema):
    deelnemer_id: int
    standpunt: str
    toelichting: str
    gegeven_op: dt.datetime


def _rfc(request, nummer: str) -> Wijzigingsvoorstel:
    return get_object_or_404(Wijzigingsvoorstel.objects.zichtbaar_voor(request.user)
                             .select_related("agenda", "besluit", "release"), nummer=nummer)


def _detail(rfc: Wijzigingsvoorstel) -> dict:
    uit = {"nummer": rfc.nummer, "titel": rfc.titel, "agenda": rfc.agenda.code, "status": rfc.status,
           "bron": rfc.bron, "ingediend_op": rfc.ingediend_op, "consultatie_tot": rfc.consultatie_tot,
           "besluit": rfc.besluit.nummer if rfc.besluit_id else None,
           "release": rfc.release.nummer if rfc.release_id else None} | {
        "probleem": rfc.probleem, "voorstel": rfc.voorstel, "raakt_dva": rfc.raakt_dva, "raakt_dvp": rfc.raakt_dvp,
        "advies": rfc.advies, "gegevensdiensten": sorted(g.code for g in rfc.gegevensdiensten.all())}
    analyse = rfc.analyses.first()
    if analyse is not None:
        uit["impact"] = {
            "peildatum": analyse.peildatum, "berekend_op": analyse.berekend_op,
            "gegevensdiensten": analyse.gegevensdiensten, "rollen": analyse.rollen,
            "aantal_aanbieders": analyse.aantal_aanbieders, "aanbieders_per_dienst": analyse.aanbieders_per_dienst,
            "getroffenen": [{"deelnemer_id": g.deelnemer_id, "deelnemer": str(g.deelnemer), "rol": g.rol,
                             "aantal_aanbieders": g.aantal_aanbieders, "gegevensdiensten": g.gegevensdiensten}
                            for g in analyse.getroffenen.select_related("deelnemer__organisatie")]}
    return uit


@router.get("/wijzigingen/agendas", response={200: list[AgendaUit], 401: Probleem, 403: Probleem},
            summary="De ontwikkelagenda's met hun route", auth=Openbaar(Actie.RFC_PUBLIEK_LEZEN))
def agendas(request):
    standaard.zorgen()
    return list(Ontwikkelagenda.objects.select_related("adviesorgaan"))


@router.get("/wijzigingen/rfc", response={200: Pagina[RfcUit], 401: Probleem, 403: Probleem, 422: Probleem},
            summary="Wijzigingsverzoeken op de afspraken (RFC's) die de vrager mag zien",
            auth=Openbaar(Actie.RFC_PUBLIEK_LEZEN))
def rfc_lijst(request, agenda: str = "", status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Wijzigingsvoorstel.objects.zichtbaar_voor(request.user).select_related("agenda", "besluit")
    if agenda:
        qs = qs.filter(agenda__code=agenda)
    if status:
        qs = qs.filter(status=status)
    return pagineer(qs, pagina, per_pagina)


@router.post("/wijzigingen/rfc", response={201: RfcUit, 400: Probleem, 403: Probleem, 422: Probleem,
                                           429: Probleem},
             summary="Een wijzigingsverzoek op de afspraken (RFC) indienen",
             description="Openbaar: een client zonder sessie heeft geen login en geen CSRF-token nodig; met het "
                         "sessiecookie van de webpagina's is het CSRF-token (X-CSRFToken) verplicht. Per client en "
                         "per e-mailadres geldt een limiet (429 met Retry-After).",
             auth=Openbaar(Actie.RFC_INDIENEN, limiet=limieten.SCHRIJVEN))
def rfc_indienen(request, payload: RfcIn):
    limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(payload.indiener_email))
    standaard.zorgen()
    agenda = Ontwikkelagenda.objects.filter(code=payload.agenda).first()
    if agenda is None:
        raise ValidationError({"agenda": f"Onbekende ontwikkelagenda '{payload.agenda}'."})
    diensten = list(Gegevensdienst.objects.filter(code__in=payload.gegevensdiensten))
    onbekend = set(payload.gegevensdiensten) - {d.code for d in diensten}
    if onbekend:
        raise ValidationError({"gegevensdiensten": f"Onbekende gegevensdienst(en): {', '.join(sorted(onbekend))}."})
    rfc = services.rfc_indienen(
        actor=request.user if request.user.is_authenticated else None, agenda=agenda, titel=payload.titel,
        probleem=payload.probleem, voorstel=payload.voorstel, gegevensdiensten=diensten,
        raakt_dva=payload.raakt_dva, raakt_dvp=payload.raakt_dvp, indiener_naam=payload.indiener_naam,
        indiener_email=payload.indiener_email)
    return Status(201, rfc)


@router.get("/wijzigingen/rfc/{rfc}", response={200: RfcDetailUit, **FOUTEN},
            summary="Eén RFC met zijn impactanalyse", auth=Openbaar(Actie.RFC_PUBLIEK_LEZEN))
def rfc_detail(request, rfc: str):
    return _detail(_rfc(request, rfc))


@router.post("/wijzigingen/rfc/{rfc}/stap", response={200: RfcUit, **FOUTEN},
             summary="Een stap van de route zetten (uitvoeringsorganisatie)", auth=Recht(Actie.RFC_BEHANDELEN))
def rfc_stap(request, rfc: str, payload: RfcStapIn):
    voorstel = _rfc(request, rfc)
    besluitvoorstel = None
    if payload.besluitvoorstel:
        besluitvoorstel = Besluitvoorstel.objects.select_related("orgaan").filter(
            nummer=payload.besluitvoorstel).first()
        if besluitvoorstel is None:
            raise ValidationError({"besluitvoorstel": f"Geen besluitvoorstel '{payload.besluitvoorstel}'."})
    return services.stap_zetten(actor=request.auth, voorstel=voorstel, stap=payload.stap,
                                toelichting=payload.toelichting, advies=payload.advies, besluitvoorstel=besluitvoorstel,
                                basis_url=request.build_absolute_uri("/"))


@router.post("/wijzigingen/rfc/{rfc}/reacties", response={201: ReactieUit, **FOUTEN},
             summary="Reageren in de consultatie (getroffen deelnemer)", auth=Recht(Actie.RFC_REAGEREN))
def rfc_reageren(request, rfc: str, payload: ReactieIn):
    return Status(201, services.reageren(actor=request.auth, voorstel=_rfc(request, rfc), standpunt=payload.standpunt,
                                         toelichting=payload.toelichting))
