from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.antwoordcache import bewaard
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.organisaties.models import Organisatie

from . import services, verzoeken
from .models import STANDAARD_AANBIEDERTYPE, Aanbieder, Gegevensdienst, OAuthclient, Wijzigingsverzoek
from .zoeken import ZOEK_API, openbare_aanbieders, rijen, zoeken

router = Router(tags=["register"])


class GegevensdienstUit(Schema):
    code: str
    naam: str
    in_gebruik: bool


class AanbiederDienstKort(Schema):
    code: str
    naam: str
    interfaceversies: list[str] = Field(..., description="Interfaceversies waarin de aanbieder deze dienst aanbiedt")


class AanbiederPubliek(Schema):  # validated from the plain rows of register.zoeken.rijen: nothing to resolve
    naam: str
    weergavenaam: str
    soort: str
    aanbiedertype: str = Field(..., description="Code van het aanbiedertype (ZA, BAZB, APD; ZA als er geen is)")
    plaats: str
    gegevensdiensten: list[AanbiederDienstKort]


class SysteemrolUit(Schema):
    code: str
    resource_endpoint: str


class AanbiederDienstUit(Schema):
    gegevensdienst: str = Field(..., alias="gegevensdienst.code")
    authorization_endpoint: str
    token_endpoint: str
    systeemrollen: list[SysteemrolUit]
    interfaceversies: list[str]
    abonneren_maximale_duur: int | None
    abonneren_endpoint: str


class AanbiederVolledig(Schema):
    id: int
    naam: str
    weergavenaam: str
    soort: str
    aanbiedertype: str = Field(..., description="Code van het aanbiedertype (ZA als er geen is vastgelegd)")
    hrn: str
    plaats: str
    organisatie_id: int
    dva_id: int
    diensten: list[AanbiederDienstUit]

    @staticmethod
    def resolve_aanbiedertype(obj) -> str:
        return obj.aanbiedertype.code if obj.aanbiedertype_id else STANDAARD_AANBIEDERTYPE


class AanbiederIn(Schema):
    naam: str = Field(..., description="Aanbiedernaam: kleine letters gevolgd door @medmij, 10–57 tekens")
    weergavenaam: str
    soort: str = "zorgaanbieder"
    organisatie_id: int
    dva_id: int
    plaats: str = ""
    aanbiedertype: str = Field("", description="Code van het aanbiedertype, zoals ZA, BAZB of APD; leeg: ZA")
    hrn: str = Field("", description="HRN: 1 tot en met 20 letters of cijfers")


class ZoekFilters(Schema):
    q: str = Field("", description="Naamfragment, plaats, aanbiedernaam of KvK/URA/AGB-nummer")
    gegevensdienst: str = ""
    plaats: str = ""


class OAuthclientUit(Schema):
    id: int
    hostname: str
    organisatienaam: str
    dvp_id: int


@router.get("/gegevensdiensten", response=list[GegevensdienstUit], summary="Alle gegevensdiensten")
def gegevensdiensten(request):
    return Gegevensdienst.objects.order_by("code")


@router.get("/gegevensdiensten/{code}", response=GegevensdienstUit, summary="Eén gegevensdienst")
def gegevensdienst(request, code: str):
    return get_object_or_404(Gegevensdienst, code=code)


@router.get("/aanbieders", response=Pagina[AanbiederPubliek], summary="Openbaar aanbiedersregister doorzoeken")
@decorate_view(bewaard(ZOEK_API, alleen_anoniem=False))  # the same answer for every caller
def aanbieders(request, filters: Query[ZoekFilters], pagina: int = 1, per_pagina: int = 25):
    resultaat = zoeken(filters.q, gegevensdienst=filters.gegevensdienst, plaats=filters.plaats, openbaar=True)
    return pagineer(resultaat, pagina, per_pagina)


@router.get("/aanbieders/{naam}", response=AanbiederPubliek, summary="Eén aanbieder (openbare velden)")
def aanbieder(request, naam: str):
    return rijen([get_object_or_404(openbare_aanbieders().values_list("id", flat=True), naam=naam)])[0]


@router.get(
    "/beheer/aanbieders/{naam}",
    response=AanbiederVolledig,
    summary="Eén aanbieder met endpoints (medewerkers)",
    auth=Recht(Actie.AANBIEDER_LEZEN),
)
def aanbieder_volledig(request, naam: str):
    return get_object_or_404(
        Aanbieder.objects.select_related("aanbiedertype")
        .prefetch_related("diensten__gegevensdienst", "diensten__systeemrollen"), naam=naam
    )


@router.post(
    "/beheer/aanbieders",
    response={201: AanbiederVolledig},
    summary="Aanbieder toevoegen (medewerkers)",
    auth=Recht(Actie.AANBIEDER_WIJZIGEN),
)
def aanbieder_toevoegen(request, payload: AanbiederIn):
    organisatie = verwijzing(Organisatie, payload.organisatie_id, "organisatie_id")
    dva = verwijzing(Deelnemer, payload.dva_id, "dva_id")
    aanbieder = services.aanbieder_aanmaken(
        actor=request.auth,
        naam=payload.naam,
        weergavenaam=payload.weergavenaam,
        soort=payload.soort,
        organisatie=organisatie,
        dva=dva,
        plaats=payload.plaats,
        aanbiedertype=payload.aanbiedertype,
        hrn=payload.hrn,
    )
    return Status(201, aanbieder)


@router.get(
    "/beheer/oauthclients",
    response=Pagina[OAuthclientUit],
    summary="OAuth-clients (medewerkers)",
    auth=Recht(Actie.AANBIEDER_LEZEN),
)
def oauthclients(request, pagina: int = 1, per_pagina: int = 25):
    return pagineer(OAuthclient.objects.order_by("hostname"), pagina, per_pagina)


# --- wijzigingsverzoeken ---------------------------------------------------------------------------------

class VerzoekIn(Schema):
    soort: str = Field(..., description="aanbieder_nieuw, dienst_instellen of oauthclient_nieuw")
    gegevens: dict = Field(..., description="De velden van de soort (zie de documentatie van het portaal)")
    toelichting: str = ""


class VerzoekUit(Schema):
    id: int
    deelnemer_id: int
    soort: str
    gegevens: dict
    toelichting: str
    status: str
    ingediend_op: datetime
    beoordeeld_op: datetime | None
    reden: str


class BeoordelingIn(Schema):
    goedkeuren: bool
    reden: str = ""


@router.get("/mijn/verzoeken", response=list[VerzoekUit], summary="De eigen wijzigingsverzoeken",
            auth=Recht(Actie.VERZOEK_INDIENEN))
def mijn_verzoeken(request):
    return Wijzigingsverzoek.objects.filter(deelnemer_id=request.auth.deelnemer_id)


@router.post("/mijn/verzoeken", response={201: VerzoekUit},
             summary="Wijzigingsverzoek indienen (telt pas na goedkeuring)", auth=Recht(Actie.VERZOEK_INDIENEN))
def verzoek_indienen(request, payload: VerzoekIn):
    deelnemer = get_object_or_404(Deelnemer, pk=request.auth.deelnemer_id)
    return Status(201, verzoeken.verzoek_indienen(actor=request.auth, deelnemer=deelnemer, soort=payload.soort,
                                                  gegevens=payload.gegevens, toelichting=payload.toelichting))


@router.get("/verzoeken", response=Pagina[VerzoekUit], summary="Wijzigingsverzoeken van deelnemers",
            auth=Recht(Actie.AANBIEDER_LEZEN))
def verzoeken_lijst(request, status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Wijzigingsverzoek.objects.order_by("ingediend_op", "id")
    return pagineer(qs.filter(status=status) if status else qs, pagina, per_pagina)


@router.post("/verzoeken/{verzoek_id}/beoordeling", response=VerzoekUit,
             summary="Verzoek goedkeuren (en doorvoeren) of afwijzen met reden", auth=Recht(Actie.VERZOEK_BEOORDELEN))
def verzoek_beoordelen(request, verzoek_id: int, payload: BeoordelingIn):
    verzoek = get_object_or_404(Wijzigingsverzoek, pk=verzoek_id)
    if payload.goedkeuren:
        return verzoeken.verzoek_goedkeuren(actor=request.auth, verzoek=verzoek, reden=payload.reden)
    return verzoeken.verzoek_afwijzen(actor=request.auth, verzoek=verzoek, reden=payload.reden)
