"""The afsprakenset demo: release 2.3 in force on the board's adopted release decision, 2.4 in consultation, 2.5
planned on the roadmap, and a rollout halfway with one participant past its deadline and the finding (and case)
it caused; within the rules the services enforce."""

import datetime as dt

from stelselbeheer.afsprakenset.models import Release, Uitrol, UitrolStatus
from stelselbeheer.demo.generator import genereer
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.naleving.models import Bron, Constatering, Nalevingszaak

PEIL = dt.date(2026, 11, 23)


def test_demo_afsprakenset(db, client):
    genereer(aanbieders=30, seed=5, peildatum=PEIL)
    assert dict(Release.objects.values_list("nummer", "status")) == {
        "2.3": "in_werking", "2.4": "consultatie", "2.5": "concept"}
    huidig = Release.objects.get(nummer="2.3")
    assert huidig.besluit.voorstel.status == "vastgesteld"
    te_laat = Uitrol.objects.filter(release=huidig, uiterlijk__lt=PEIL).exclude(status=UitrolStatus.LIVE)
    assert te_laat.count() == 1
    uitrol = te_laat.get()
    assert uitrol.constatering.bron == Bron.UITROL_TERMIJN
    assert Nalevingszaak.objects.filter(constatering=uitrol.constatering).count() == 1
    assert Constatering.objects.filter(bron=Bron.UITROL_TERMIJN).count() == 1
    dvp = Uitrol.objects.filter(release=huidig, rol="dvp")
    assert dvp.filter(status=UitrolStatus.LIVE).exists() and dvp.exclude(status=UitrolStatus.LIVE).exists()
    html = client.get("/afsprakenset/roadmap/").content.decode()
    assert "Release 2.4" in html and "Release 2.5" in html and "Release 2.3" not in html
    assert "na de termijn nog niet live" in client.get("/afsprakenset/2.3/").content.decode()
    assert AuditEvent.objects.filter(actie="release.goedkeuren").count() == 1
    assert verifieer().in_orde
