import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.register.models import Gegevensdienst

from . import services
from .models import Deelnemer, Kwalificatie
from .zoeken import zoek_deelnemers

router = Router(tags=["deelnemers"])


class RolUit(Schema):
    rol: str
    sinds: dt.date


class DeelnemerUit(Schema):
    id: int
    organisatie_id: int
    naam: str = Field(..., alias="organisatie.naam")
    kvk_nummer: str = Field(..., alias="organisatie.kvk_nummer")
    overeenkomstversie: str
    ondertekend_op: dt.date | None
    status: str
    status_sinds: dt.date
    rollen: list[RolUit]


class KwalificatieUit(Schema):
    id: int
    rol: str
    gegevensdienst: str = Field(..., alias="gegevensdienst.code")
    testdatum: dt.date
    resultaat: str
    geldig_tot: dt.date


class KwalificatieIn(Schema):
    rol: str
    gegevensdienst: str = Field(..., description="Gegevensdienst-id (code)")
    testdatum: dt.date
    resultaat: str
    geldig_tot: dt.date | None = Field(None, description="Standaard: testdatum + 365 dagen (NAL-365)")
    opmerking: str = ""


def _deelnemers():
    return Deelnemer.objects.select_related("organisatie").prefetch_related("rollen")


@router.get("/deelnemers", response=Pagina[DeelnemerUit], summary="Deelnemers", auth=Recht(Actie.DEELNEMER_LEZEN))
def deelnemers(request, q: str = "", status: str = "", rol: str = "", pagina: int = 1, per_pagina: int = 25):
    return pagineer(zoek_deelnemers(q, status=status, rol=rol).prefetch_related("rollen"), pagina, per_pagina)


@router.get(
    "/deelnemers/{deelnemer_id}", response=DeelnemerUit, summary="Eén deelnemer", auth=Recht(Actie.DEELNEMER_LEZEN)
)
def deelnemer(request, deelnemer_id: int):
    return get_object_or_404(_deelnemers(), pk=deelnemer_id)


@router.get(
    "/deelnemers/{deelnemer_id}/kwalificaties",
    response=list[KwalificatieUit],
    summary="Kwalificaties van een deelnemer",
    auth=Recht(Actie.DEELNEMER_LEZEN),
)
def kwalificaties(request, deelnemer_id: int):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    return Kwalificatie.objects.filter(deelnemer=deelnemer).select_related("gegevensdienst")


@router.post(
    "/deelnemers/{deelnemer_id}/kwalificaties",
    response={201: KwalificatieUit},
    summary="Testresultaat vastleggen",
    auth=Recht(Actie.DEELNEMER_WIJZIGEN),
)
def kwalificatie_vastleggen(request, deelnemer_id: int, payload: KwalificatieIn):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    dienst = Gegevensdienst.objects.filter(code=payload.gegevensdienst).first()
    if dienst is None:
        raise ValidationError({"gegevensdienst": f"Onbekende gegevensdienst '{payload.gegevensdienst}'."})
    return Status(
        201,
        services.kwalificatie_vastleggen(
            actor=request.auth,
            deelnemer=deelnemer,
            rol=payload.rol,
            gegevensdienst=dienst,
            testdatum=payload.testdatum,
            resultaat=payload.resultaat,
            geldig_tot=payload.geldig_tot,
            opmerking=payload.opmerking,
        ),
    )


@router.get(
    "/mijn/deelnemer",
    response=DeelnemerUit,
    summary="De eigen deelnemer (deelnemergebruikers)",
    auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN),
)
def mijn_deelnemer(request):
    return get_object_or_404(_deelnemers(), pk=request.auth.deelnemer_id)


@router.get(
    "/mijn/kwalificaties",
    response=list[KwalificatieUit],
    summary="De eigen kwalificaties",
    auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN),
)
def mijn_kwalificaties(request):
    return Kwalificatie.objects.filter(deelnemer_id=request.auth.deelnemer_id).select_related("gegevensdienst")
