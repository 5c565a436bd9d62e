"""A board with the world's board user as chair, a meeting that began an hour ago, and helpers to file an RFC and
to prepare the board's decision proposal on it (staff prepare, the board decides: OVL-SCHEIDING)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from stelselbeheer.overleg import services as ovl
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.agendas import zorgen
from stelselbeheer.wijzigingen.models import Ontwikkelagenda


def agenda(code):
    zorgen()  # a transactional test (live server, browser) flushes the migration's agendas
    return Ontwikkelagenda.objects.get(code=code)


def indienen(code="algemeen", actor=None, **kw):
    kw.setdefault("titel", "Medicatieoverzicht ook voor de DVP")
    kw.setdefault("probleem", "De afspraken noemen alleen de DVA.")
    kw.setdefault("voorstel", "Neem de DVP op in hoofdstuk 4.")
    kw.setdefault("indiener_naam", "An de Vries")
    kw.setdefault("indiener_email", "an@vsv.nl")
    return services.rfc_indienen(actor=actor, agenda=agenda(code), **kw)


@pytest.fixture
def bestuur(wereld):
    bestuurder = wereld["gebruikers"]["bestuur"]
    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=bestuurder,
                      van=timezone.localdate() - dt.timedelta(days=365))
    begin = timezone.now() - dt.timedelta(hours=1)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                          plaats="Utrecht")

    def voorstel_voor(rfc):
        punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel=rfc.titel, onderwerp=rfc)
        return ovl.besluitvoorstel_opstellen(actor=wereld["gebruikers"]["uitvoering"], orgaan=orgaan,
                                             onderwerp=f"{rfc.nummer}: {rfc.titel}", tekst="Het bestuur neemt het "
                                             "wijzigingsverzoek aan.", soort="overig", agendapunt=punt)

    return SimpleNamespace(orgaan=orgaan, vergadering=vergadering, bestuurder=bestuurder, voorstel_voor=voorstel_voor)
