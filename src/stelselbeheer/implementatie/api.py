"""JSON API of the implementation monitor (tag ``implementatie``): the portfolio (public summaries for everyone),
the acceptance criteria and their scores, phase decisions, frontrunners, the responsibility table, the WSJF ordering
with its arithmetic and history, the risks, and "what is asked of me now". Rights as on the pages; the services
enforce the rules (IMP-BESLUIT, IMP-CRITERIA, ...). Errors are problem+json, a refused phase change with one error
per unmet criterion (field ``criterium_<code>``)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api import problemen
from stelselbeheer.api.auth import Openbaar, Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.api.schemas import FOUTEN, Probleem
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.overleg.models import Vergadering
from stelselbeheer.register.models import Gegevensdienst

from . import services, standaard, taken
from .models import (
    Fase,
    Koploper,
    Product,
    Risico,
    Volgorderun,
    verwachting_voor,
    volgende_fase,
)

router = Router(tags=["implementatie"])




# -- schemas ---------------------------------------------------------------------------------------------------------

class ProductUit(Schema):
    """The public summary of a product."""

    code: str
    naam: str
    soort: str
    omschrijving: str
    eigenaar: str
    sectoren: list[str]
    gegevensdiensten: list[str] = Field(description="Codes van de gegevensdiensten")
    wettelijk_verplicht: bool
    voorwaarde_voor: list[str] = Field(description="Codes van de producten waarvoor dit product een voorwaarde is")
    fase: str
    fase_sinds: dt.date | None

    @staticmethod
    def resolve_gegevensdiensten(obj):
        return [g.code for g in obj.gegevensdiensten.all()]

    @staticmethod
    def resolve_voorwaarde_voor(obj):
        return [p.code for p in obj.voorwaarde_voor.all()]


class BeoordelingUit(Schema):
    criterium: str
    naam: str
    verwachting: str
    oordeel: str | None
    bevindingen: str
    openstaande_punten: str


class FasebesluitUit(Schema):
    nummer: str
    product: str
    van_fase: str
    naar_fase: str
    vergadering_id: int
    orgaan: str
    besloten_door_id: int | None = Field(description="Het stemgerechtigde lid; leeg als de uitvoeringsorganisatie "
                                                     "het besluit na de vergadering vastlegde")
    vastgelegd_door_id: int | None
    vastgelegd_op: dt.datetime
    toelichting: str
    criteria: list[dict]

    @staticmethod
    def resolve_product(obj):
        return obj.product.code

    @staticmethod
    def resolve_orgaan(obj):
        return obj.vergadering.orgaan.code


class KoploperUit(Schema):
    id: int
    organisatie_id: int
    organisatie: str
    toelichting: str
    geselecteerd_op: dt.date

    @staticmethod
    def resolve_organisatie(obj):
        return obj.organisatie.naam


class TaakUit(Schema):
    id: int
    product: str
    fase: str
    partij: str
    organisatie_id: int | None
    omschrijving: str

    @staticmethod
    def resolve_product(obj):
        return obj.product.code


class ProductDetailUit(Schema):
    """Built as a dict by ``_detail`` (what is in it depends on who asks), hence no resolvers."""

    code: str
    naam: str
    soort: str
    omschrijving: str
    eigenaar: str
    sectoren: list[str]
    gegevensdiensten: list[str] = Field(description="Codes van de gegevensdiensten")
    wettelijk_verplicht: bool
    voorwaarde_voor: list[str] = Field(description="Codes van de producten waarvoor dit product een voorwaarde is")
    fase: str
    fase_sinds: dt.date | None
    naar_fase: str | None = Field(None, description="De volgende fase; alleen voor wie het portfolio mag lezen")
    beoordelingen: list[BeoordelingUit] | None = None
    fasebesluiten: list[FasebesluitUit] | None = None
    koplopers: list[KoploperUit] | None = None
    taken: list[TaakUit] | None = None


class VerwachtingUit(Schema):
    fase: str
    verwachting: str


class CriteriumUit(Schema):
    code: str
    naam: str
    omschrijving: str
    verwachtingen: list[VerwachtingUit]


class RegelUit(Schema):
    rang: int
    product: str
    gebruikerswaarde: int
    tijdkritiek: int
    risicoreductie: int
    wettelijk: int
    randvoorwaarde: int
    vertragingskosten: int
    omvang: int
    score: str = Field(description="WSJF, afgerond op drie decimalen")
    berekening: str

    @staticmethod
    def resolve_product(obj):
        return obj.product.code

    @staticmethod
    def resolve_score(obj):
        return str(obj.score)


class RunUit(Schema):
    id: int
    uitgevoerd_op: dt.datetime
    aanleiding: str
    uitgevoerd_door_id: int | None
    regels: list[RegelUit]

    @staticmethod
    def resolve_regels(obj):
        return list(obj.regels.select_related("product"))


class RisicoUit(Schema):
    nummer: str
    titel: str
    product: str | None
    kans: str
    impact: str
    prioriteit: str
    mitigatie: str
    eigenaar_id: int
    herzien_op: dt.date
    status: str

    @staticmethod
    def resolve_product(obj):
        return obj.product.code if obj.product_id else None


class ProductIn(Schema):
    code: str
    naam: str
    eigenaar: str
    soort: str = "product"
    omschrijving: str = ""
    sectoren: list[str] = []
    gegevensdiensten: list[str] = Field([], description="Codes van gegevensdiensten")
    wettelijk_verplicht: bool = False
    voorwaarde_voor: list[str] = Field([], description="Codes van producten")


class ProductWijzigIn(Schema):
    naam: str | None = None
    soort: str | None = None
    omschrijving: str | None = None
    eigenaar: str | None = None
    sectoren: list[str] | None = None
    gegevensdiensten: list[str] | None = None
    wettelijk_verplicht: bool | None = None
    voorwaarde_voor: list[str] | None = None
    reden: str = ""


class OordeelIn(Schema):
    criterium: str = Field(description="Code van het criterium, bijvoorbeeld referentieproces")
    oordeel: str = Field(description="voldaan, deels of niet_voldaan")
    bevindingen: str
    openstaande_punten: str = ""


class BeoordelingenIn(Schema):
    oordelen: list[OordeelIn]


class FasebesluitIn(Schema):
    naar_fase: str
    vergadering_id: int = Field(description="Id van de vergadering van de implementatiegroep")
    toelichting: str = ""


class KoploperIn(Schema):
    organisatie_id: int
    toelichting: str = ""


class RedenIn(Schema):
    reden: str


class TaakIn(Schema):
    fase: str
    partij: str
    omschrijving: str
    organisatie_id: int | None = None


class WsjfIn(Schema):
    gebruikerswaarde: int
    tijdkritiek: int
    risicoreductie: int
    omvang: int
    toelichting: str = ""


class HerberekenIn(Schema):
    aanleiding: str


class RisicoIn(Schema):
    titel: str
    kans: str = Field(description="L, M of H")
    impact: str = Field(description="L, M of H")
    eigenaar_id: int
    herzien_op: dt.date
    mitigatie: str = ""
    product: str | None = Field(None, description="Code van het product; leeg: de hele implementatie")


class RisicoWijzigIn(Schema):
    titel: str | None = None
    kans: str | None = None
    impact: str | None = None
    eigenaar_id: int | None = None
    herzien_op: dt.date | None = None
    mitigatie: str | None = None
    status: str | None = None
    reden: str = ""


# -- helpers --------------------------------------------------------------------------------------------------------

def _diensten(codes: list[str]) -> list[Gegevensdienst]:
    gevonden = {g.code: g for g in Gegevensdienst.objects.filter(code__in=codes)}
    onbekend = [c for c in codes if c not in gevonden]
    if onbekend:
        raise ValidationError({"gegevensdiensten": f"Onbekende gegevensdienst(en): {', '.join(onbekend)}."})
    return [gevonden[c] for c in codes]


def _producten(codes: list[str], veld: str = "voorwaarde_voor") -> list[Product]:
    gevonden = {p.code: p for p in Product.objects.filter(code__in=codes)}
    onbekend = [c for c in codes if c not in gevonden]
    if onbekend:
        raise ValidationError({veld: f"Onbekend(e) product(en): {', '.join(onbekend)}."})
    return [gevonden[c] for c in codes]


def _product(code: str) -> Product:
    return get_object_or_404(Product.objects.prefetch_related("gegevensdiensten", "voorwaarde_voor"), code=code)


def _detail(request, product: Product) -> dict:
    uit = {"code": product.code, "naam": product.naam, "soort": product.soort, "omschrijving": product.omschrijving,
           "eigenaar": product.eigenaar, "sectoren": product.sectoren,
           "wettelijk_verplicht": product.wettelijk_verplicht,
           "gegevensdiensten": [g.code for g in product.gegevensdiensten.all()],
           "voorwaarde_voor": [p.code for p in product.voorwaarde_voor.all()], "fase": product.fase,
           "fase_sinds": product.fase_sinds}
    if kan(request.user, Actie.IMPLEMENTATIE_LEZEN):
        naar = volgende_fase(product.fase)
        scores = {b.criterium_id: b for b in product.beoordelingen.filter(fase=naar)} if naar else {}
        uit |= {
            "naar_fase": naar,
            "beoordelingen": [{"criterium": c.code, "naam": c.naam, "verwachting": verwachting_voor(c, naar),
                               "oordeel": getattr(scores.get(c.pk), "oordeel", None),
                               "bevindingen": getattr(scores.get(c.pk), "bevindingen", ""),
                               "openstaande_punten": getattr(scores.get(c.pk), "openstaande_punten", "")}
                              for c in standaard.criteria()] if naar else [],
            "fasebesluiten": list(product.fasebesluiten.select_related("vergadering__orgaan", "product")),
            "koplopers": list(product.koplopers.select_related("organisatie")),
            "taken": list(product.taken.select_related("product")),
        }
    return uit


# -- portfolio -------------------------------------------------------------------------------------------------------

@router.get("/implementatie/producten", response={200: Pagina[ProductUit], 422: Probleem},
            summary="Producten van de landelijke implementatie (openbare samenvatting)",
            auth=Openbaar(Actie.IMPLEMENTATIE_PUBLIEK_LEZEN), openapi_extra=problemen(openbaar=True))
def producten(request, fase: str = "", sector: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Product.objects.prefetch_related("gegevensdiensten", "voorwaarde_voor")
    if fase:
        if fase not in Fase.values:
            raise ValidationError({"fase": f"Kies een van: {', '.join(Fase.values)}."})
        qs = qs.filter(fase=fase)
    if sector:
        qs = qs.filter(pk__in=[p.pk for p in qs.only("pk", "sectoren") if sector in p.sectoren])
    return pagineer(qs, pagina, per_pagina)


@router.post("/implementatie/producten", response={201: ProductUit, **FOUTEN}, summary="Product toevoegen",
             auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def product_aanmaken(request, payload: ProductIn):
    d = payload.dict()
    d["gegevensdiensten"] = _diensten(d["gegevensdiensten"])
    d["voorwaarde_voor"] = _producten(d["voorwaarde_voor"])
    return Status(201, services.product_aanmaken(actor=request.auth, **d))


@router.get("/implementatie/producten/{code}", response={200: ProductDetailUit, 404: Probleem},
            summary="Eén product: de openbare samenvatting; beoordelingen, fasebesluiten, koplopers en taken voor "
                    "wie het portfolio mag lezen",
            auth=Openbaar(Actie.IMPLEMENTATIE_PUBLIEK_LEZEN), openapi_extra=problemen(openbaar=True))
def product(request, code: str):
    return _detail(request, _product(code))


@router.patch("/implementatie/producten/{code}", response={200: ProductUit, **FOUTEN}, summary="Product wijzigen",
              auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def product_wijzigen(request, code: str, payload: ProductWijzigIn):
    d = payload.dict(exclude_unset=True)
    reden = d.pop("reden", "")
    d = {k: v for k, v in d.items() if v is not None}
    if "gegevensdiensten" in d:
        d["gegevensdiensten"] = _diensten(d["gegevensdiensten"])
    if "voorwaarde_voor" in d:
        d["voorwaarde_voor"] = _producten(d["voorwaarde_voor"])
    return services.product_wijzigen(actor=request.auth, product=_product(code), wijzigingen=d, reden=reden)


@router.get("/implementatie/criteria", response={200: list[CriteriumUit]},
            summary="De zes acceptatiecriteria met hun verwachting per fase",
            auth=Openbaar(Actie.IMPLEMENTATIE_PUBLIEK_LEZEN), openapi_extra=problemen(openbaar=True))
def criteria(request):
    return [{"code": c.code, "naam": c.naam, "omschrijving": c.omschrijving,
             "verwachtingen": [{"fase": f, "verwachting": verwachting_voor(c, f)}
                               for f in (Fase.KOPLOPERS, Fase.OPTIMALISATIE, Fase.BREDE_IMPLEMENTATIE)]}
            for c in standaard.criteria()]


@router.put("/implementatie/producten/{code}/beoordelingen", response={200: ProductDetailUit, **FOUTEN},
            summary="Acceptatiecriteria beoordelen naar de volgende fase (oordeel, bevindingen, openstaande punten)",
            auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def beoordelen(request, code: str, payload: BeoordelingenIn):
    p = _product(code)
    services.criteria_beoordelen(actor=request.auth, product=p, oordelen={
        o.criterium: {"oordeel": o.oordeel, "bevindingen": o.bevindingen,
                      "openstaande_punten": o.openstaande_punten} for o in payload.oordelen})
    return _detail(request, _product(code))


@router.post("/implementatie/producten/{code}/fasebesluiten", response={201: FasebesluitUit, **FOUTEN},
             summary="Fasebesluit van de implementatiegroep (stemgerechtigd lid, of vastlegging na de gehouden "
                     "vergadering); 422 met een fout per niet voldaan criterium",
             auth=Recht(Actie.FASE_BESLUITEN))
def fasebesluit(request, code: str, payload: FasebesluitIn):
    vergadering = verwijzing(Vergadering, payload.vergadering_id, "vergadering_id")
    return Status(201, services.fasebesluit_nemen(actor=request.auth, product=_product(code),
                                                  naar_fase=payload.naar_fase, vergadering=vergadering,
                                                  toelichting=payload.toelichting))


@router.post("/implementatie/producten/{code}/koplopers", response={201: KoploperUit, **FOUTEN},
             summary="Koploper kiezen", auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def koploper(request, code: str, payload: KoploperIn):
    organisatie = verwijzing(Organisatie, payload.organisatie_id, "organisatie_id")
    return Status(201, services.koploper_selecteren(actor=request.auth, product=_product(code),
                                                    organisatie=organisatie, toelichting=payload.toelichting))


@router.post("/implementatie/koplopers/{koploper_id}/intrekking", response={204: None, **FOUTEN},
             summary="Koploper intrekken (met reden)", auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def koploper_intrekken(request, koploper_id: int, payload: RedenIn):
    services.koploper_intrekken(actor=request.auth, koploper=get_object_or_404(Koploper, pk=koploper_id),
                                reden=payload.reden)
    return Status(204, None)


@router.post("/implementatie/producten/{code}/taken", response={201: TaakUit, **FOUTEN},
             summary="Taak toevoegen aan de verantwoordelijkheidstabel", auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def taak(request, code: str, payload: TaakIn):
    organisatie = verwijzing(Organisatie, payload.organisatie_id, "organisatie_id") if payload.organisatie_id \
        else None
    return Status(201, services.taak_toevoegen(actor=request.auth, product=_product(code), fase=payload.fase,
                                               partij=payload.partij, omschrijving=payload.omschrijving,
                                               organisatie=organisatie))


# -- "what is asked of me now" ---------------------------------------------------------------------------------------

@router.get("/implementatie/mijn-taken", response={200: list[TaakUit], **FOUTEN},
            summary="Wat de implementatie nu van de eigen organisatie vraagt", auth=Recht(Actie.EIGEN_TAKEN_LEZEN))
def mijn_taken(request):
    user = request.auth
    organisatie = user.deelnemer.organisatie if user.deelnemer_id else user.rso if user.rso_id else None
    if organisatie is None:
        raise PermissionDenied("Bij uw account hoort geen organisatie.")
    return taken.gevraagd_van(organisatie)


@router.get("/implementatie/organisaties/{organisatie_id}/taken", response={200: list[TaakUit], **FOUTEN},
            summary="Wat de implementatie nu van een organisatie vraagt", auth=Recht(Actie.IMPLEMENTATIE_LEZEN))
def taken_van(request, organisatie_id: int):
    return taken.gevraagd_van(get_object_or_404(Organisatie, pk=organisatie_id))


# -- WSJF ------------------------------------------------------------------------------------------------------------

@router.put("/implementatie/producten/{code}/wsjf", response={200: RunUit | None, **FOUTEN},
            summary="WSJF-invoer vastleggen; antwoordt met de (nieuwe) laatste volgorde",
            auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def wsjf_invoer(request, code: str, payload: WsjfIn):
    services.wsjf_invoer_vastleggen(actor=request.auth, product=_product(code), **payload.dict())
    return Volgorderun.objects.order_by("-uitgevoerd_op", "-id").first()


@router.get("/implementatie/volgorde", response={200: Pagina[RunUit], **FOUTEN},
            summary="Vastgelegde WSJF-volgordes met hun berekening, de nieuwste eerst",
            auth=Recht(Actie.IMPLEMENTATIE_LEZEN))
def volgordes(request, pagina: int = 1, per_pagina: int = 10):
    return pagineer(Volgorderun.objects.order_by("-uitgevoerd_op", "-id"), pagina, per_pagina)


@router.post("/implementatie/volgorde", response={201: RunUit, **FOUTEN},
             summary="De volgorde nu berekenen en vastleggen", auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def herberekenen(request, payload: HerberekenIn):
    return Status(201, services.volgorde_herberekenen(actor=request.auth, aanleiding=payload.aanleiding))


# -- risks -----------------------------------------------------------------------------------------------------------

@router.get("/implementatie/risicos", response={200: Pagina[RisicoUit], **FOUTEN}, summary="Risico's",
            auth=Recht(Actie.IMPLEMENTATIE_LEZEN))
def risicos(request, status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Risico.objects.select_related("product")
    return pagineer(qs.filter(status=status) if status else qs, pagina, per_pagina)


@router.post("/implementatie/risicos", response={201: RisicoUit, **FOUTEN}, summary="Risico vastleggen",
             auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def risico_vastleggen(request, payload: RisicoIn):
    d = payload.dict()
    d["eigenaar"] = verwijzing(Gebruiker, d.pop("eigenaar_id"), "eigenaar_id")
    d["product"] = _producten([d["product"]], "product")[0] if d["product"] else None
    return Status(201, services.risico_vastleggen(actor=request.auth, **d))


@router.patch("/implementatie/risicos/{nummer}", response={200: RisicoUit, **FOUTEN}, summary="Risico bijwerken",
              auth=Recht(Actie.IMPLEMENTATIE_BEHEREN))
def risico_wijzigen(request, nummer: str, payload: RisicoWijzigIn):
    d = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    reden = d.pop("reden", "")
    if "eigenaar_id" in d:
        d["eigenaar"] = verwijzing(Gebruiker, d.pop("eigenaar_id"), "eigenaar_id")
    return services.risico_wijzigen(actor=request.auth, risico=get_object_or_404(Risico, nummer=nummer),
                                    wijzigingen=d, reden=reden)
