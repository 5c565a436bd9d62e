"""JSON API of the adoption monitor (tag ``adoptie``): the products against the targets, one product's figures with
its history, breakdowns and thresholds, and the public summary. The same figures as the pages and downloads (the
same ``gegevens`` and ``drempels`` functions). Errors are problem+json."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from stelselbeheer.api.auth import Recht
from stelselbeheer.implementatie.models import Product
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.overleg.api import FOUTEN, Probleem

from .berekening import pct
from .gegevens import laatste_standen, productcijfers

router = Router(tags=["adoptie"])


class DrempelUit(Schema):
    fase: str
    soort: str
    waarde: int
    omschrijving: str
    gemeten: str
    gehaald: bool


class AdoptieProductUit(Schema):
    code: str
    naam: str
    fase: str
    datum: dt.date | None
    aanbieders_live: int | None
    aanbieders_totaal: int | None
    percentage_aanbieders: float | None
    leveranciers_gereed: int | None
    leveranciers_relevant: int | None
    percentage_leveranciers: float | None


class DagUit(Schema):
    datum: dt.date
    aanbieders_live: int
    aanbieders_totaal: int
    leveranciers_gereed: int
    leveranciers_relevant: int


class SamenvattingUit(AdoptieProductUit):
    drempels: list[DrempelUit]
    verloop: list[DagUit]


class Paar(Schema):
    live: int
    totaal: int


class LeverancierUit(Schema):
    organisatie_id: int
    gereed: bool
    bron: str
    klanten: dict[str, int]


class AdoptieProductDetailUit(SamenvattingUit):
    per_sector: dict[str, Paar]
    per_regio: dict[str, Paar]
    per_regio_sector: dict[str, Paar]
    per_leverancier: dict[str, Paar]
    leveranciers: list[LeverancierUit]
    top_leveranciers: dict[str, list[int]]


def _totaal(product, datum, s) -> dict:
    return {"code": product.code, "naam": product.naam, "fase": product.fase, "datum": datum,
            "aanbieders_live": s.aanbieders_live if s else None,
            "aanbieders_totaal": s.aanbieders_totaal if s else None,
            "percentage_aanbieders": pct(s.aanbieders_live, s.aanbieders_totaal) if s else None,
            "leveranciers_gereed": s.leveranciers_gereed if s else None,
            "leveranciers_relevant": s.leveranciers_relevant if s else None,
            "percentage_leveranciers": pct(s.leveranciers_gereed, s.leveranciers_relevant) if s else None}


def _samenvatting(product) -> tuple[dict, object]:
    c = productcijfers(product)
    uit = _totaal(product, c.datum, c.stand) | {
        "drempels": [{"fase": f.fase, "soort": u.drempel.soort, "waarde": u.drempel.waarde,
                      "omschrijving": u.drempel.omschrijving, "gemeten": u.gemeten, "gehaald": u.gehaald}
                     for f in c.fasen for u in f.uitkomsten],
        "verloop": [{"datum": d, "aanbieders_live": a, "aanbieders_totaal": t, "leveranciers_gereed": g,
                     "leveranciers_relevant": r} for d, a, t, g, r in c.verloop]}
    return uit, c


def _paren(d: dict) -> dict:
    return {k: {"live": v[0], "totaal": v[1]} for k, v in d.items()}


@router.get("/adoptie/producten", response={200: list[AdoptieProductUit], 401: Probleem, 403: Probleem},
            summary="Adoptie per product (de nieuwste momentopname)", auth=Recht(Actie.ADOPTIE_LEZEN))
def producten(request):
    opname, standen = laatste_standen()
    return [_totaal(p, opname.datum if opname and p.pk in standen else None, standen.get(p.pk))
            for p in Product.objects.all()]


@router.get("/adoptie/producten/{code}", response={200: AdoptieProductDetailUit, **FOUTEN},
            summary="Adoptie van één product: verloop, uitsplitsingen en MVP-drempels", auth=Recht(Actie.ADOPTIE_LEZEN))
def product(request, code: str):
    uit, c = _samenvatting(get_object_or_404(Product, code=code))
    s = c.stand
    return uit | {"per_sector": _paren(s.sector), "per_regio": _paren(s.regio),
                  "per_regio_sector": _paren(s.sector_regio), "per_leverancier": _paren(s.leverancier),
                  "leveranciers": [{"organisatie_id": int(k), **v} for k, v in s.leveranciers.items()],
                  "top_leveranciers": {k: [int(x) for x in v] for k, v in s.top.items()}}


@router.get("/adoptie/producten/{code}/samenvatting", response={200: SamenvattingUit, 404: Probleem},
            summary="Openbare samenvatting van de adoptie van één product (geen instellingen bij naam)")
def samenvatting(request, code: str):
    return _samenvatting(get_object_or_404(Product, code=code))[0]
