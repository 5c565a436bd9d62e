"""The demo's adoption monitor and bottlenecks: a year of daily snapshots (recomputed, ending yesterday, its last
day equal to what the register gives now), typed-in statuses only for a product without gegevensdiensten,
knelpunten in several bouwblokken, one on next month's implementation-group agenda."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from stelselbeheer.adoptie.berekening import bereken_product, lees_register
from stelselbeheer.adoptie.models import Adoptiestand, Bron, HandmatigeStatus, Momentopname
from stelselbeheer.demo.adoptie import _zoals_de_zal
from stelselbeheer.demo.generator import genereer
from stelselbeheer.implementatie.models import Product
from stelselbeheer.knelpunten.models import Knelpunt
from stelselbeheer.overleg.models import Agendapunt, OrgaanSoort

PEIL = dt.date(2026, 11, 23)


def test_demo_adoptie_en_knelpunten(db):
    genereer(aanbieders=60, seed=5, peildatum=PEIL)
    opnamen = Momentopname.objects.order_by("datum")
    assert opnamen.count() == 365 and {o.bron for o in opnamen} == {Bron.TERUGGEREKEND}
    assert (opnamen.first().datum, opnamen.last().datum) == (PEIL - dt.timedelta(days=365), PEIL - dt.timedelta(days=1))
    assert Adoptiestand.objects.count() == 365 * Product.objects.count()
    stand = lees_register()
    stand.zal = _zoals_de_zal(stand.moment)
    for product in Product.objects.all():
        gisteren = Adoptiestand.objects.get(product=product, momentopname=opnamen.last())
        nu = bereken_product(product, stand)
        assert (gisteren.aanbieders_live, gisteren.aanbieders_totaal) == (nu.aanbieders_live, nu.aanbieders_totaal)
        verloop = list(Adoptiestand.objects.filter(product=product).order_by("momentopname__datum")
                       .values_list("aanbieders_live", flat=True))
        assert verloop == sorted(verloop)  # growing towards today
    assert not HandmatigeStatus.objects.filter(product__gegevensdiensten__isnull=False).exists()
    assert Knelpunt.objects.values("bouwblok").distinct().count() >= 4
    geagendeerd = Knelpunt.objects.get(status="in_behandeling", titel__startswith="Zorgaanbieder niet")
    punt = Agendapunt.objects.get(onderwerp_type=ContentType.objects.get_for_model(Knelpunt),
                                  onderwerp_id=geagendeerd.pk)
    begin = punt.vergadering.begin.date()
    assert punt.vergadering.orgaan.soort == OrgaanSoort.IMPLEMENTATIEGROEP
    assert (begin.year, begin.month) == ((PEIL.year, PEIL.month + 1) if PEIL.month < 12 else (PEIL.year + 1, 1))
