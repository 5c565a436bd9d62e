"""The demo board: the demo board account chairs it, past meetings with adopted minutes, a meeting next month with
its agenda and a proposal awaiting adoption, all within the rules the services enforce."""

import datetime as dt

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Statuswijziging
from stelselbeheer.demo.generator import genereer
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.overleg.models import Besluitvoorstel, Notulen, NotulenStatus, Orgaan, VergaderStatus
from stelselbeheer.overleg.workflow import stemgerechtigd

PEIL = dt.date(2026, 11, 23)


def test_demo_bestuur(db, client):
    genereer(aanbieders=30, seed=5, peildatum=PEIL)
    bestuur = Orgaan.objects.get(code="bestuur")
    voorzitter = bestuur.leden.get(rol="voorzitter")
    assert voorzitter.gebruiker.username == "bestuur" and stemgerechtigd(voorzitter.gebruiker, bestuur, PEIL)
    gehouden = bestuur.vergaderingen.filter(status=VergaderStatus.GEHOUDEN)
    assert gehouden.filter(notulen__isnull=False).count() == 3
    assert Notulen.objects.filter(vergadering__orgaan=bestuur, status=NotulenStatus.VASTGESTELD).count() == 2
    volgende = bestuur.vergaderingen.get(status=VergaderStatus.GEPLAND)
    assert volgende.begin.date() > PEIL and volgende.agendapunten.count() >= 4
    soorten = {p.onderwerp_type.model for p in volgende.agendapunten.exclude(onderwerp_type=None)}
    assert {"deelnemer", "melding", "nalevingszaak"} <= soorten  # and what later demo modules put on it (an RFC)
    wachtend = Besluitvoorstel.objects.get(status="voorgelegd")
    assert wachtend.agendapunt.vergadering == volgende and wachtend.soort == "toelating"
    # OVL-STAP: every decision of the demo, the history's included, is an adopted proposal's, and each step of the
    # history rests on a decision whose proposal enables exactly that step
    assert Besluit.objects.count() > 2 and not Besluit.objects.filter(voorstel__isnull=True).exists()
    assert not Besluit.objects.exclude(voorstel__status="vastgesteld").exists()
    stappen = Statuswijziging.objects.filter(besluit__isnull=False).select_related("besluit__voorstel")
    assert stappen.exists() and all(w.besluit.voorstel.stap == w.overgang for w in stappen)
    assert not Orgaan.objects.get(code="stuurgroep").openbaar
    assert verifieer().in_orde
    client.force_login(voorzitter.gebruiker)
    pagina = client.get(volgende.get_absolute_url()).content.decode()
    assert wachtend.nummer in pagina and "Advies toelating" in pagina
