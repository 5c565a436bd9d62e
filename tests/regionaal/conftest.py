"""A region with its RSO (the world's RSO Twente), a catalogue with a primary, an optional and a direct service, a
VSV in the region with one member, and a drafted agreement with the VSV's contact person."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from stelselbeheer.organisaties.models import RelatieSoort, Soort
from stelselbeheer.organisaties.services import relatie_leggen
from stelselbeheer.regionaal import services


@pytest.fixture
def regio(wereld, maak):
    rso = wereld["rso"]
    primair = services.dienst_vastleggen(actor=None, rso=rso, thema="Communicatie", omvat="Regionale updates.",
                                         plaatsing="regionaal", levering="primair")
    optioneel = services.dienst_vastleggen(actor=None, rso=rso, thema="Helpdesk zorgverleners",
                                           omvat="Eerste- en tweedelijns ondersteuning.", plaatsing="regionaal",
                                           levering="optioneel")
    overleg = services.dienst_vastleggen(actor=None, rso=rso, thema="Overlegstructuren en governance",
                                         omvat="Organisatie regio-overleg.", plaatsing="regionaal",
                                         levering="optioneel")
    direct = services.dienst_vastleggen(actor=None, rso=rso, thema="Telefonische helpdesk deelnemers",
                                        omvat="Helpdesk voor regionale issues.", plaatsing="regionaal",
                                        levering="rechtstreeks")
    for dienst, bedrag in ((optioneel, "4800.00"), (direct, "1200.00")):
        services.tarief_vaststellen(actor=None, dienst=dienst, jaar=2025, bedrag=Decimal(bedrag))
    vsv = maak.organisatie(naam="VSV Twente-Oost", soort=Soort.VSV, regio=rso.regio, plaats="Enschede")
    lid = maak.organisatie(naam="Verloskundigenpraktijk De Wieg", soort=Soort.ZORGAANBIEDER, plaats="Hengelo")
    relatie_leggen(actor=None, van=lid, naar=vsv, soort=RelatieSoort.LID_VAN)
    ovk = services.overeenkomst_opstellen(actor=None, rso=rso, vsv=vsv, opzegtermijn_maanden=3,
                                          optionele_diensten=[optioneel])
    services.contactpersoon_toevoegen(actor=None, overeenkomst=ovk, partij="vsv", organisatie="VSV Twente-Oost",
                                      naam="Anna de Vries", functie="Aanspreekpunt digitale gegevensuitwisseling",
                                      telefoon="053-1234567", email="anna@vsv-twente.nl")
    return SimpleNamespace(rso=rso, vsv=vsv, lid=lid, primair=primair, optioneel=optioneel, overleg=overleg,
                           direct=direct, ovk=ovk, regiogebruiker=wereld["gebruikers"]["regio"])


def ondertekenen(ovk, datum=dt.date(2026, 1, 15), actor=None):
    services.overeenkomst_ondertekenen(actor=actor, overeenkomst=ovk, partij="rso", naam="Bert Bakker",
                                       functie="Bestuurder", plaats="Enschede", datum=datum)
    return services.overeenkomst_ondertekenen(actor=actor, overeenkomst=ovk, partij="vsv", naam="Carla Jansen",
                                              functie="Voorzitter", plaats="Enschede",
                                              datum=datum + dt.timedelta(days=3))
