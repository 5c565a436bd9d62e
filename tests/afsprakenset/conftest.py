"""A board with the world's board user as its chair and a meeting that began an hour ago; release 3.0 in force (its
agreement signed by nobody yet); release 3.1 in consultation with a deadline per role; and a helper that lets the
board adopt a release proposal, which yields the Besluit the approval step takes."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Release
from stelselbeheer.overleg import services as ovl

VANDAAG = timezone.localdate()


def vastgesteld_besluit(omgeving, onderwerp="Goedkeuring release 3.1", soort="release"):
    """Staff prepare a proposal on the meeting's agenda, a voting board member adopts it: the Besluit."""
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=omgeving.vergadering, titel=onderwerp)
    voorstel = ovl.besluitvoorstel_opstellen(actor=omgeving.medewerker, orgaan=omgeving.orgaan, onderwerp=onderwerp,
                                             tekst=f"Het bestuur besluit: {onderwerp}.", soort=soort, agendapunt=punt)
    ovl.besluitvoorstel_voorleggen(actor=omgeving.medewerker, voorstel=voorstel)
    voorstel = ovl.besluitvoorstel_vaststellen(actor=omgeving.bestuurder, voorstel=voorstel)
    return voorstel.besluit


@pytest.fixture
def omgeving(wereld):
    bestuurder = wereld["gebruikers"]["bestuur"]
    medewerker = wereld["gebruikers"]["uitvoering"]
    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=bestuurder,
                      van=VANDAAG - dt.timedelta(days=365))
    begin = timezone.now() - dt.timedelta(hours=1)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                          plaats="Utrecht")
    o = SimpleNamespace(wereld=wereld, orgaan=orgaan, vergadering=vergadering, bestuurder=bestuurder,
                        medewerker=medewerker)
    # 3.0: in force since 100 days, the transition period ended 10 days ago
    huidig = afs.release_aanmaken(actor=medewerker, nummer="3.0", titel="Afsprakenset 3.0",
                                  ingangsdatum=VANDAAG - dt.timedelta(days=100),
                                  overgangsdatum=VANDAAG - dt.timedelta(days=10))
    afs.release_overgang(actor=medewerker, release=huidig, overgang="consultatie_openen")
    afs.termijn_vastleggen(actor=medewerker, release=huidig, rol="dva", uiterlijk=VANDAAG - dt.timedelta(days=50))
    afs.release_overgang(actor=medewerker, release=huidig, overgang="goedkeuren",
                         besluit=vastgesteld_besluit(o, "Goedkeuring release 3.0"))
    afs.release_overgang(actor=medewerker, release=huidig, overgang="in_werking_stellen")
    # 3.1: in consultation, deadlines for both roles in 60 days
    nieuw = afs.release_aanmaken(actor=medewerker, nummer="3.1", titel="Afsprakenset 3.1", gepland_kwartaal="2027-Q2",
                                 ingangsdatum=VANDAAG + dt.timedelta(days=30),
                                 overgangsdatum=VANDAAG + dt.timedelta(days=120))
    afs.wijziging_toevoegen(actor=medewerker, release=nieuw, titel="Nieuwe gegevensdienst",
                            omschrijving="Een DVA biedt gegevensdienst 48 aan via FHIR R4.", impact_dvp="laag",
                            impact_dva="hoog", gegevensdiensten=[wereld["dienst"]])
    afs.release_overgang(actor=medewerker, release=nieuw, overgang="consultatie_openen")
    for rol in ("dvp", "dva"):
        afs.termijn_vastleggen(actor=medewerker, release=nieuw, rol=rol, uiterlijk=VANDAAG + dt.timedelta(days=60))
    o.huidig = Release.objects.get(pk=huidig.pk)
    o.nieuw = Release.objects.get(pk=nieuw.pk)
    return o
