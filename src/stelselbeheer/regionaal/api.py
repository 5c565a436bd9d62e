"""JSON API of the regional layer (tag ``regionaal``): catalogue with tariff history, agreements with their
computed terms, signing, and helpdesk coverage. A regional user sees only its own RSO (RSO-EIGEN: another
RSO's objects are a 404), as on the pages. Errors are problem+json."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.api.schemas import FOUTEN
from stelselbeheer.kern.rollen import Actie

from . import dekking as dekking_regels
from . import overzicht, regels, services
from .forms import LAATST, VROEGST

router = Router(tags=["regionaal"])




class TariefUit(Schema):
    jaar: int
    bedrag: Decimal


class DienstUit(Schema):
    id: int
    thema: str
    omvat: str
    plaatsing: str
    levering: str
    tarieven: list[TariefUit] = Field(description="Alle jaren, nieuwste eerst (de geschiedenis)")

    @staticmethod
    def resolve_tarieven(obj):
        return list(obj.tarieven.all())


class _Overeenkomst(Schema):
    nummer: str
    rso_id: int
    vsv_id: int
    regio_id: int
    status: str
    opzegtermijn_maanden: int
    optionele_diensten: list[int]
    rso_getekend_op: dt.date | None
    vsv_getekend_op: dt.date | None
    ingangsdatum: dt.date | None
    einddatum: dt.date | None


class OvereenkomstUit(_Overeenkomst):
    @staticmethod
    def resolve_optionele_diensten(obj):
        return [d.pk for d in obj.optionele_diensten.all()]


class TermenUit(Schema):
    opzegging_vandaag_einde: dt.date | None = Field(description="Einde bij een opzegging die vandaag binnenkomt")
    in_opzegtermijn: bool
    laatste_opzegdag: dt.date | None = Field(description="Voor de gevraagde einddatum (parameter einde)")
    laatste_opzegdag_basis: str | None
    overmacht_ontbinding_vanaf: dt.date | None = Field(description="Bij overmacht sinds de parameter overmacht")
    geschillen: list[str]


class OvereenkomstDetailUit(_Overeenkomst):
    termen: TermenUit


class OndertekeningIn(Schema):
    partij: str = Field(description="rso of vsv")
    naam: str
    functie: str
    plaats: str = ""
    datum: dt.date


class DekkingUit(Schema):
    regio: str
    status: str
    bedienende_rso_id: int | None
    overeenkomsten: list[str]


def _overeenkomst(request, nummer: str):
    return get_object_or_404(overzicht.zichtbare_overeenkomsten(request.auth), nummer=nummer)


def _detail(ovk, einde: dt.date | None = None, overmacht: dt.date | None = None) -> dict:
    t = overzicht.termen(ovk, timezone.localdate(), gewenst_einde=einde, overmacht_sinds=overmacht)
    velden = {naam: getattr(ovk, naam) for naam in _Overeenkomst.model_fields if naam != "optionele_diensten"}
    return velden | {"optionele_diensten": [d.pk for d in ovk.optionele_diensten.all()], "termen": {
        "opzegging_vandaag_einde": t.opzegging_vandaag_einde, "in_opzegtermijn": t.in_opzegtermijn,
        "laatste_opzegdag": t.laatste_opzegdag.dag if t.laatste_opzegdag else None,
        "laatste_opzegdag_basis": t.laatste_opzegdag.basis if t.laatste_opzegdag else None,
        "overmacht_ontbinding_vanaf": t.overmacht.ontbinding_vanaf if t.overmacht else None,
        "geschillen": list(regels.GESCHILLENREGELING)}}


@router.get("/regionaal/rsos/{rso_id}/diensten", response={200: list[DienstUit], **FOUTEN},
            summary="Dienstencatalogus van een RSO met de tarieven per jaar", auth=Recht(Actie.REGIONAAL_LEZEN))
def diensten(request, rso_id: int):
    rso = get_object_or_404(overzicht.zichtbare_rsos(request.auth), pk=rso_id)
    return list(rso.rso_diensten.prefetch_related("tarieven"))


@router.get("/regionaal/overeenkomsten", response={200: Pagina[OvereenkomstUit], **FOUTEN},
            summary="Overeenkomsten RSO-VSV (regio: alleen de eigen RSO)", auth=Recht(Actie.REGIONAAL_LEZEN))
def overeenkomsten(request, status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = overzicht.zichtbare_overeenkomsten(request.auth).prefetch_related("optionele_diensten")
    return pagineer(qs.filter(status=status) if status else qs, pagina, per_pagina)


@router.get("/regionaal/overeenkomsten/{nummer}", response={200: OvereenkomstDetailUit, **FOUTEN},
            summary="Eén overeenkomst met de berekende termijnen", auth=Recht(Actie.REGIONAAL_LEZEN))
def overeenkomst(request, nummer: str, einde: dt.date | None = None, overmacht: dt.date | None = None):
    buiten = {veld: "Kies een datum tussen 1900 en 2200." for veld, dag in (("einde", einde), ("overmacht", overmacht))
              if dag is not None and not VROEGST <= dag <= LAATST}
    if buiten:
        raise ValidationError(buiten)
    return _detail(_overeenkomst(request, nummer), einde, overmacht)


@router.post("/regionaal/overeenkomsten/{nummer}/ondertekening", response={200: OvereenkomstDetailUit, **FOUTEN},
             summary="Ondertekening door een partij vastleggen", auth=Recht(Actie.REGIONAAL_BEHEREN))
def ondertekening(request, nummer: str, payload: OndertekeningIn):
    ovk = services.overeenkomst_ondertekenen(actor=request.auth, overeenkomst=_overeenkomst(request, nummer),
                                             **payload.dict())
    return _detail(ovk)


@router.get("/regionaal/dekking", response={200: list[DekkingUit], **FOUTEN},
            summary="Dekking van de regionale helpdesks per regio (regio: de eigen bediende regio's)",
            auth=Recht(Actie.REGIONAAL_LEZEN))
def dekking(request):
    rso = request.auth.rso if getattr(request.auth, "rso_id", None) else None
    rijen = dekking_regels.dekking(regio_ids=dekking_regels.bediende_regio_ids(rso) if rso else None)
    return [{"regio": r.regio.naam, "status": r.status,
             "bedienende_rso_id": r.bedienende_rso.pk if r.bedienende_rso else None,
             "overeenkomsten": [o.nummer for o in r.overeenkomsten]} for r in rijen]
