"""The demo's regional layer: three RSO's with catalogues and tariffs for two years, agreements with computed terms
(one in its notice period), a region without an RSO whose melding went to the national desk, a planned tactical
meeting, and the demo regional account sees only its own RSO."""

import datetime as dt

from stelselbeheer.demo.generator import genereer
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.regionaal import dekking, overzicht
from stelselbeheer.regionaal.models import Checklist, Overeenkomst, OvereenkomstStatus, RegionaalOverleg, Tarief

PEIL = dt.date(2026, 11, 23)


def test_demo_regionaal(db, client):
    genereer(aanbieders=30, seed=5, peildatum=PEIL)
    assert Tarief.objects.values("dienst__rso").distinct().count() == 3
    assert set(Tarief.objects.values_list("jaar", flat=True)) == {2025, 2026}
    opgezegd = Overeenkomst.objects.get(status=OvereenkomstStatus.OPGEZEGD)
    assert overzicht.termen(opgezegd, PEIL).in_opzegtermijn and opgezegd.einddatum > PEIL
    assert Overeenkomst.objects.filter(status=OvereenkomstStatus.ONDERTEKEND).count() == 2
    assert Overeenkomst.objects.filter(status=OvereenkomstStatus.CONCEPT).count() == 1
    zeeland = next(r for r in dekking.dekking(PEIL) if r.regio.naam == "Zeeland")
    assert zeeland.status == dekking.Dekkingsstatus.ONGEDEKT
    melding = Melding.objects.get(regio=zeeland.regio)
    assert melding.niveau == "landelijk" and melding.gebeurtenissen.filter(soort="naar de landelijke desk").exists()
    groep = RegionaalOverleg.objects.get(niveau="tactisch")
    assert groep.orgaan.vergaderingen.filter(status="gepland", begin__date__gt=PEIL).exists()
    plan = Checklist.objects.get(soort="stappenplan_vsv")
    assert plan.stappen.filter(gereed_op__isnull=False).count() * 2 == plan.stappen.count()  # halfway
    assert verifieer().in_orde
    regio = Gebruiker.objects.get(username="regio")
    client.force_login(regio)
    assert list(overzicht.zichtbare_rsos(regio)) == [regio.rso]
    assert client.get(f"/regionaal/rso/{regio.rso.pk}/").status_code == 200
