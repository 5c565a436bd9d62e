"""The demo board: the demo board account chairs it, past meetings with adopted minutes, a meeting next month with
its agenda and a proposal awaiting adoption, all within the rules the services enforce."""

import datetime as dt

from stelselbeheer.besluiten.models import Besluit
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
    gehouden = bestuur.vergaderingen.filter(status=VergaderStatus.GEHOUDEN).exclude(
        agendapunten__onderwerp_type__model="wijzigingsvoorstel")  # the RFC demo's extra meeting (demo/wijzigingen)
    assert gehouden.count() == 3
    assert Notulen.objects.filter(vergadering__orgaan=bestuur, status=NotulenStatus.VASTGESTELD).count() == 2
    volgende = bestuur.vergaderingen.get(status=VergaderStatus.GEPLAND)
    assert volgende.begin.date() > PEIL and volgende.agendapunten.count() >= 4
    soorten = {p.onderwerp_type.model for p in volgende.agendapunten.exclude(onderwerp_type=None)}
    assert soorten - {"wijzigingsvoorstel"} == {"deelnemer", "melding", "nalevingszaak"}
    wachtend = Besluitvoorstel.objects.get(status="voorgelegd")
    assert wachtend.agendapunt.vergadering == volgende and wachtend.soort == "toelating"
    assert Besluit.objects.filter(voorstel__isnull=False, rfcs__isnull=True).count() == 2
    assert not Orgaan.objects.get(code="stuurgroep").openbaar
    assert verifieer().in_orde
    client.force_login(voorzitter.gebruiker)
    pagina = client.get(volgende.get_absolute_url()).content.decode()
    assert wachtend.nummer in pagina and "Advies toelating" in pagina
