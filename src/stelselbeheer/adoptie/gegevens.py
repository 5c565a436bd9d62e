"""What the monitor's pages, downloads and API read: the latest snapshot's figures of a product (or, before any
snapshot, the figures computed from the register now), its history, and its thresholds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .berekening import Productstand, bereken_product
from .drempels import Fasedrempels, voor_product
from .models import Adoptiestand, Momentopname


@dataclass
class Productcijfers:
    product: object
    stand: Productstand
    datum: dt.date | None  # None: computed now, no snapshot yet
    verloop: list[tuple]
    fasen: list[Fasedrempels]


def productcijfers(product) -> Productcijfers:
    laatste = (Adoptiestand.objects.filter(product=product).select_related("momentopname")
               .order_by("-momentopname__datum").first())
    stand = Productstand.uit_model(laatste) if laatste else bereken_product(product)
    verloop = list(Adoptiestand.objects.filter(product=product).order_by("momentopname__datum").values_list(
        "momentopname__datum", "aanbieders_live", "aanbieders_totaal", "leveranciers_gereed",
        "leveranciers_relevant"))
    return Productcijfers(product=product, stand=stand, datum=laatste.momentopname.datum if laatste else None,
                          verloop=verloop, fasen=voor_product(product, stand))


def laatste_standen() -> tuple[Momentopname | None, dict[int, Adoptiestand]]:
    """The newest snapshot and its figures per product id (the totals only)."""
    opname = Momentopname.objects.order_by("-datum").first()
    if opname is None:
        return None, {}
    return opname, {s.product_id: s for s in opname.standen.defer("detail")}


def per_maand(verloop: list[tuple]) -> list[tuple]:
    """The last day of each month in the history, and the newest day: a short table beside the chart (the
    downloads hold every day)."""
    uit: dict[tuple[int, int], tuple] = {}
    for rij in verloop:
        uit[(rij[0].year, rij[0].month)] = rij
    return list(uit.values())
