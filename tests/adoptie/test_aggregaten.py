"""The aggregates per sector, region, region × sector and vendor against an independently computed oracle
(property-based: any register, any product)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from stelselbeheer.adoptie.berekening import Aanbiederregel, Registerstand, bereken

SECTOREN = ["huisartsenzorg", "farmacie", "ggz"]
DIENSTEN = ["1", "48", "49"]


@st.composite
def registers(draw):
    n = draw(st.integers(0, 40))
    aanbieders, zal = [], {}
    for i in range(n):
        regel = Aanbiederregel(id=i, naam=f"a{i}@medmij", weergavenaam=f"A{i}", organisatie_id=1000 + i,
                               sector=draw(st.sampled_from(SECTOREN)), regio_id=draw(st.sampled_from([None, 1, 2])),
                               leverancier_id=draw(st.sampled_from([None, 7, 8, 9])))
        aanbieders.append(regel)
        if draw(st.booleans()):
            zal[regel.naam] = frozenset(draw(st.sets(st.sampled_from(DIENSTEN))))
    klanten = {lev: {s: draw(st.integers(0, 3)) for s in SECTOREN} for lev in (7, 8, 9, 10)}
    kwalificaties = {lev: set(draw(st.sets(st.sampled_from(DIENSTEN)))) for lev in (7, 8, 9)}
    return Registerstand(moment=dt.datetime(2026, 11, 30, tzinfo=dt.UTC), zal_volgnummer=1, zal=zal,
                         aanbieders=aanbieders, klanten=klanten, kwalificaties=kwalificaties,
                         dva_organisaties={7, 8, 9}, handmatig={})


def _orakel(stand, sectoren, diensten):
    """Counted the plain way, row by row over the target group."""
    doelgroep = [a for a in stand.aanbieders if not sectoren or a.sector in sectoren]
    live = {a.id for a in doelgroep if stand.zal.get(a.naam, frozenset()) & diensten}

    def groep(sleutel):
        uit = {}
        for a in doelgroep:
            k = sleutel(a)
            if k is None:
                continue
            uit.setdefault(k, [0, 0])
            uit[k][0] += a.id in live
            uit[k][1] += 1
        return uit

    relevant = [lev for lev, per in stand.klanten.items()
                if any(n for s, n in per.items() if not sectoren or s in sectoren)]
    gereed = [lev for lev in relevant if lev in stand.dva_organisaties and stand.kwalificaties.get(lev, set())
              & diensten]
    return {"live": len(live), "totaal": len(doelgroep),
            "sector": groep(lambda a: a.sector), "regio": groep(lambda a: str(a.regio_id or "")),
            "sector_regio": groep(lambda a: f"{a.sector}|{a.regio_id or ''}"),
            "leverancier": groep(lambda a: str(a.leverancier_id) if a.leverancier_id else None),
            "relevant": len(relevant), "gereed": len(gereed)}


@settings(max_examples=150, deadline=None)
@given(stand=registers(), sectoren=st.sets(st.sampled_from(SECTOREN)), diensten=st.sets(st.sampled_from(DIENSTEN)))
def test_aggregaten_gelijk_aan_het_orakel(stand, sectoren, diensten):
    diensten = frozenset(diensten)
    uit = bereken(product_id=1, sectoren=sorted(sectoren), diensten=diensten, stand=stand)
    verwacht = _orakel(stand, sectoren, diensten)
    assert (uit.aanbieders_live, uit.aanbieders_totaal) == (verwacht["live"], verwacht["totaal"])
    assert uit.sector == verwacht["sector"]
    assert uit.regio == verwacht["regio"]
    assert uit.sector_regio == verwacht["sector_regio"]
    assert uit.leverancier == verwacht["leverancier"]
    assert (uit.leveranciers_gereed, uit.leveranciers_relevant) == (verwacht["gereed"], verwacht["relevant"])
    # the breakdowns add up to the totals
    assert sum(t for _, t in uit.sector.values()) == uit.aanbieders_totaal
    assert sum(live for live, _ in uit.regio.values()) == uit.aanbieders_live
