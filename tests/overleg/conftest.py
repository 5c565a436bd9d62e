"""A board with the world's board user as its chair, a meeting that began an hour ago with an agenda item about the
DVA, and a proposal the staff member prepared and put before the board on it."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from stelselbeheer.overleg import services


def plannen(orgaan, begin, uren=2, **kw):
    return services.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=uren),
                                        plaats=kw.pop("plaats", "Utrecht"), **kw)


@pytest.fixture
def bestuur(wereld):
    bestuurder = wereld["gebruikers"]["bestuur"]
    medewerker = wereld["gebruikers"]["uitvoering"]
    orgaan = services.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur Stichting MedMij", soort="bestuur",
                                      omschrijving="Eindverantwoordelijk voor het stelsel.", openbaar=True)
    services.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=bestuurder,
                           van=timezone.localdate() - dt.timedelta(days=365))
    vergadering = plannen(orgaan, timezone.now() - dt.timedelta(hours=1))
    punt = services.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Toelating Zorg-ICT Noord",
                                         onderwerp=wereld["dva"])
    voorstel = services.besluitvoorstel_opstellen(
        actor=medewerker, orgaan=orgaan, onderwerp="Toelating van Zorg-ICT Noord B.V.", soort="toelating",
        tekst="Het bestuur besluit Zorg-ICT Noord B.V. toe te laten als DVA.", deelnemer=wereld["dva"],
        partijen=[wereld["dva"].organisatie], agendapunt=punt)
    services.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel)
    voorstel.refresh_from_db()
    return SimpleNamespace(orgaan=orgaan, vergadering=vergadering, punt=punt, voorstel=voorstel,
                           bestuurder=bestuurder, medewerker=medewerker)
