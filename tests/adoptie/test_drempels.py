"""ADO-DREMPEL: the MVP thresholds per phase (data, from the migration), met or not exactly at the boundary."""

import pytest

from stelselbeheer.adoptie.berekening import Productstand
from stelselbeheer.adoptie.drempels import beoordeel, voor_product
from stelselbeheer.adoptie.models import Drempel, Drempelsoort
from stelselbeheer.adoptie.services import momentopname_maken
from stelselbeheer.register import services as reg_services

pytestmark = pytest.mark.django_db


def _drempel(soort):
    return Drempel.objects.get(soort=soort)


def test_de_drempels_van_de_strategie_staan_als_gegevens_klaar():
    assert {(d.fase, d.soort, d.waarde) for d in Drempel.objects.all()} == {
        ("koplopers", "aanbieders_live", 1), ("koplopers", "leveranciers_gereed", 1),
        ("optimalisatie", "top_leveranciers", 5), ("brede_implementatie", "aanbieders_pct", 80),
        ("brede_implementatie", "leveranciers_pct", 90)}


@pytest.mark.parametrize("live,totaal,gehaald", [(80, 100, True), (79, 100, False), (4, 5, True), (3, 4, False),
                                                 (0, 0, False), (100, 100, True)])
def test_80_procent_aanbieders_op_de_grens(live, totaal, gehaald):
    u = beoordeel(_drempel(Drempelsoort.AANBIEDERS_PCT), Productstand(aanbieders_live=live, aanbieders_totaal=totaal))
    assert u.gehaald is gehaald


@pytest.mark.parametrize("gereed,relevant,gehaald", [(9, 10, True), (8, 10, False), (89, 99, False), (90, 100, True),
                                                     (0, 0, False)])
def test_90_procent_leveranciers_op_de_grens(gereed, relevant, gehaald):
    u = beoordeel(_drempel(Drempelsoort.LEVERANCIERS_PCT),
                  Productstand(leveranciers_gereed=gereed, leveranciers_relevant=relevant))
    assert u.gehaald is gehaald


@pytest.mark.parametrize("live,gehaald", [(0, False), (1, True)])
def test_koplopers_live(live, gehaald):
    assert beoordeel(_drempel(Drempelsoort.AANBIEDERS_LIVE), Productstand(aanbieders_live=live)).gehaald is gehaald


def _top(gereed_per_sector: dict[str, tuple[int, int]]) -> Productstand:
    """Per sector (number of vendors, how many of the largest are ready)."""
    stand = Productstand()
    for s, (aantal, gereed) in gereed_per_sector.items():
        ids = [f"{s}-{i}" for i in range(aantal)]
        stand.top[s] = ids
        for i, lev in enumerate(ids):
            stand.leveranciers[lev] = {"gereed": i < gereed, "bron": "kwalificatie", "klanten": {s: 10 - i}}
    return stand


@pytest.mark.parametrize("sectoren,gehaald", [
    ({"huisartsenzorg": (8, 5)}, True),      # the five largest ready, the rest not
    ({"huisartsenzorg": (8, 4)}, False),     # the fifth largest is not
    ({"huisartsenzorg": (3, 3)}, True),      # fewer than five vendors in the sector: all of them
    ({"huisartsenzorg": (8, 5), "ggz": (6, 4)}, False),  # every sector
    ({}, False),
])
def test_top5_per_sector(sectoren, gehaald):
    assert beoordeel(_drempel(Drempelsoort.TOP_LEVERANCIERS), _top(sectoren)).gehaald is gehaald


def test_een_gewijzigde_drempel_geldt_meteen():
    d = _drempel(Drempelsoort.AANBIEDERS_PCT)
    d.waarde = 75
    d.save()
    assert beoordeel(d, Productstand(aanbieders_live=75, aanbieders_totaal=100)).gehaald


def test_voor_product_per_fase(register, maak):
    product = register.product(diensten=[])
    fasen = voor_product(product, Productstand(aanbieders_live=80, aanbieders_totaal=100, leveranciers_gereed=9,
                                               leveranciers_relevant=10))
    assert [f.fase for f in fasen] == ["koplopers", "optimalisatie", "brede_implementatie"]
    per_fase = {f.fase: f.alle_gehaald for f in fasen}
    assert per_fase == {"koplopers": True, "optimalisatie": False, "brede_implementatie": True}


def test_voor_product_leest_de_nieuwste_momentopname(register, maak, wereld):
    dva = register.leverancier("Zorgsystemen Noord B.V.")
    maak.kwalificatie(dva, wereld["dienst"])
    a = register.aanbieder(dva, diensten=[wereld["dienst"]])
    product = register.product(diensten=[wereld["dienst"]])
    register.publiceer_zal()
    momentopname_maken()
    reg_services.aanbieder_dienst_verwijderen(actor=None, dienst=a.diensten.get())
    register.publiceer_zal(goedgekeurd={a.naam})
    koplopers = voor_product(product)[0]
    assert koplopers.fase == "koplopers" and koplopers.uitkomsten[0].gehaald  # the snapshot's figures, not now's
    momentopname_maken()
    assert not voor_product(product)[0].uitkomsten[0].gehaald
