"""The MVP thresholds per phase (ADO-DREMPEL), judged against a product's adoption figures.

``voor_product(product)`` is the entry point for the implementation monitor's product page: per phase, each
threshold with what was measured and whether it is met. A percentage is met at or above its value, counted in whole
numbers (live × 100 ≥ value × total), so 80 of 100 meets 80% and 79 of 100 does not; an empty target group meets
no percentage.
"""

from __future__ import annotations

from dataclasses import dataclass

from stelselbeheer.implementatie.models import FASEVOLGORDE, Fase

from .berekening import Productstand, bereken_product
from .models import Adoptiestand, Drempel, Drempelsoort


@dataclass
class Uitkomst:
    drempel: Drempel
    gemeten: str
    gehaald: bool


@dataclass
class Fasedrempels:
    fase: str
    label: str
    uitkomsten: list[Uitkomst]

    @property
    def alle_gehaald(self) -> bool:
        return bool(self.uitkomsten) and all(u.gehaald for u in self.uitkomsten)


def _procent_gehaald(live: int, totaal: int, waarde: int) -> bool:
    return totaal > 0 and live * 100 >= waarde * totaal


def beoordeel(drempel: Drempel, stand: Productstand) -> Uitkomst:
    soort, waarde = drempel.soort, drempel.waarde
    if soort == Drempelsoort.AANBIEDERS_LIVE:
        return Uitkomst(drempel, f"{stand.aanbieders_live} live", stand.aanbieders_live >= waarde)
    if soort == Drempelsoort.LEVERANCIERS_GEREED:
        return Uitkomst(drempel, f"{stand.leveranciers_gereed} gereed", stand.leveranciers_gereed >= waarde)
    if soort == Drempelsoort.AANBIEDERS_PCT:
        return Uitkomst(drempel, f"{stand.aanbieders_live} van {stand.aanbieders_totaal}",
                        _procent_gehaald(stand.aanbieders_live, stand.aanbieders_totaal, waarde))
    if soort == Drempelsoort.LEVERANCIERS_PCT:
        return Uitkomst(drempel, f"{stand.leveranciers_gereed} van {stand.leveranciers_relevant}",
                        _procent_gehaald(stand.leveranciers_gereed, stand.leveranciers_relevant, waarde))
    # TOP_LEVERANCIERS: in every sector with vendor systems, its ``waarde`` largest are all ready
    gereed = {lev for lev, info in stand.leveranciers.items() if info.get("gereed")}
    sectoren = {s: top[:waarde] for s, top in stand.top.items() if top}
    goed = {s for s, top in sectoren.items() if all(lev in gereed for lev in top)}
    return Uitkomst(drempel, f"{len(goed)} van {len(sectoren)} sectoren",
                    bool(sectoren) and len(goed) == len(sectoren))


def laatste_stand(product) -> Productstand | None:
    """The product's figures of the newest snapshot that has its breakdown (the nightly one; the demo's recomputed
    history keeps it on its last day only), when there is one."""
    stand = (Adoptiestand.objects.filter(product=product).exclude(detail={}).order_by("-momentopname__datum")
             .first())
    return Productstand.uit_model(stand) if stand else None


def voor_product(product, stand: Productstand | None = None) -> list[Fasedrempels]:
    """Per phase of the strategy, the product's thresholds and whether each is met: from ``stand`` when given, else
    from the newest snapshot (cheap: one row), else computed from the register now (reads the whole register and the
    published ZAL: seconds at 50,000 providers)."""
    if stand is None:
        stand = laatste_stand(product) or bereken_product(product)
    per_fase: dict[str, list[Uitkomst]] = {f: [] for f in FASEVOLGORDE}
    for drempel in Drempel.objects.all():
        per_fase.setdefault(drempel.fase, []).append(beoordeel(drempel, stand))
    return [Fasedrempels(fase=f, label=Fase(f).label, uitkomsten=per_fase[f]) for f in FASEVOLGORDE if per_fase[f]]


def drempels_van_fase(product, fase: str, stand: Productstand | None = None) -> Fasedrempels | None:
    return next((f for f in voor_product(product, stand) if f.fase == fase), None)
