from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie

from . import services
from .models import Organisatie, Regio
from .zoeken import zoek_organisaties

router = Router(tags=["organisaties"])


class OrganisatieUit(Schema):
    id: int
    naam: str
    soort: str
    kvk_nummer: str
    ura: str
    agb_code: str
    oin: str
    sector: str
    plaats: str
    regio_id: int | None
    website: str


class OrganisatieIn(Schema):
    naam: str
    soort: str
    kvk_nummer: str = Field(..., description="8 cijfers")
    ura: str = ""
    agb_code: str = ""
    oin: str = ""
    sector: str = "overig"
    plaats: str = ""
    regio_id: int | None = None
    website: str = ""


class OrganisatieWijziging(Schema):
    naam: str | None = None
    soort: str | None = None
    kvk_nummer: str | None = None
    ura: str | None = None
    agb_code: str | None = None
    oin: str | None = None
    sector: str | None = None
    plaats: str | None = None
    regio_id: int | None = None
    website: str | None = None
    reden: str = ""


class OrganisatieFilters(Schema):
    q: str = ""
    soort: str = ""
    sector: str = ""


def _velden(payload: dict) -> dict:
    velden = {k: v for k, v in payload.items() if v is not None}
    if "regio_id" in velden:
        velden["regio"] = verwijzing(Regio, velden.pop("regio_id"), "regio_id")
    return velden


@router.get(
    "/organisaties", response=Pagina[OrganisatieUit], summary="Organisaties zoeken", auth=Recht(Actie.ORGANISATIE_LEZEN)
)
def organisaties(request, filters: Query[OrganisatieFilters], pagina: int = 1, per_pagina: int = 25):
    return pagineer(zoek_organisaties(filters.q, soort=filters.soort, sector=filters.sector), pagina, per_pagina)


@router.get(
    "/organisaties/{organisatie_id}",
    response=OrganisatieUit,
    summary="Eén organisatie",
    auth=Recht(Actie.ORGANISATIE_LEZEN),
)
def organisatie(request, organisatie_id: int):
    return get_object_or_404(Organisatie, pk=organisatie_id)


@router.post(
    "/organisaties",
    response={201: OrganisatieUit},
    summary="Organisatie vastleggen",
    auth=Recht(Actie.ORGANISATIE_WIJZIGEN),
)
def organisatie_toevoegen(request, payload: OrganisatieIn):
    return Status(201, services.organisatie_aanmaken(actor=request.auth, **_velden(payload.dict())))


@router.patch(
    "/organisaties/{organisatie_id}",
    response=OrganisatieUit,
    summary="Organisatie wijzigen",
    auth=Recht(Actie.ORGANISATIE_WIJZIGEN),
)
def organisatie_wijzigen(request, organisatie_id: int, payload: OrganisatieWijziging):
    organisatie = get_object_or_404(Organisatie, pk=organisatie_id)
    data = payload.dict(exclude_unset=True)
    reden = data.pop("reden", "")
    return services.organisatie_wijzigen(
        actor=request.auth, organisatie=organisatie, wijzigingen=_velden(data), reden=reden
    )
