"""RSO-DEKKING: a regional melding goes to the RSO that serves the region; a region no RSO serves is flagged and
its meldingen go to the national desk with that reason; the decision tree sends end users to the national desk."""

import datetime as dt

from stelselbeheer.meldingen import beslisboom
from stelselbeheer.meldingen.models import Niveau
from stelselbeheer.meldingen.services import melding_indienen
from stelselbeheer.meldingen.zichtbaar import zichtbare_meldingen
from stelselbeheer.organisaties.models import Regio, Soort
from stelselbeheer.regionaal import dekking, services

from .conftest import ondertekenen


def _melden(regio):
    return melding_indienen(actor=None, soort="vraag", onderwerp="Viewer leeg", omschrijving="De viewer toont niets.",
                            melder_naam="A", melder_email="a@example.nl", uitkomst="rso", regio=regio)[0]


def test_gedekte_regio_regionale_desk(regio):
    melding = _melden(regio.rso.regio)
    assert melding.niveau == Niveau.REGIONAAL
    assert melding in zichtbare_meldingen(regio.regiogebruiker)
    assert not melding.gebeurtenissen.filter(soort="naar de landelijke desk").exists()


def test_regio_zonder_rso_gaat_naar_de_landelijke_desk(regio, wereld):
    leeg = Regio.objects.create(code="zeeland", naam="Zeeland")
    melding = _melden(leeg)
    assert melding.niveau == Niveau.LANDELIJK and melding.regio == leeg
    reden = melding.gebeurtenissen.get(soort="naar de landelijke desk")
    assert "geen RSO" in reden.tekst and reden.zichtbaar == "melder"
    assert melding not in zichtbare_meldingen(regio.regiogebruiker)
    assert melding in zichtbare_meldingen(wereld["gebruikers"]["uitvoering"])
    rij = next(r for r in dekking.dekking() if r.regio == leeg)
    assert rij.status == dekking.Dekkingsstatus.ONGEDEKT


def test_rso_uit_een_andere_regio_bedient_via_de_overeenkomst(regio, maak, wereld):
    """A region without an RSO of its own, served by RSO Twente under an agreement with a VSV there: its meldingen go
    to RSO Twente's desk, and no longer to the national desk."""
    leeg = Regio.objects.create(code="achterhoek", naam="Achterhoek")
    vsv = maak.organisatie(naam="VSV Achterhoek", soort=Soort.VSV, regio=leeg)
    assert dekking.bedienende_rso(leeg) is None
    ovk = services.overeenkomst_opstellen(actor=None, rso=regio.rso, vsv=vsv, opzegtermijn_maanden=6)
    services.contactpersoon_toevoegen(actor=None, overeenkomst=ovk, partij="vsv", organisatie="VSV Achterhoek",
                                      naam="B", functie="Aanspreekpunt", telefoon="0543-111111", email="b@vsv.nl")
    ondertekenen(ovk, datum=dt.date(2026, 1, 5))
    assert dekking.bedienende_rso(leeg) == regio.rso
    melding = _melden(leeg)
    assert melding.niveau == Niveau.REGIONAAL and melding in zichtbare_meldingen(regio.regiogebruiker)
    ander = maak.rso("RSO Zuid-Limburg")
    andere_desk = maak.gebruiker("regio", rso=ander)
    assert melding not in zichtbare_meldingen(andere_desk)


def test_rso_zonder_overeenkomst_wordt_gemarkeerd(regio):
    rij = next(r for r in dekking.dekking() if r.regio == regio.rso.regio)
    assert rij.status == dekking.Dekkingsstatus.ZONDER_OVEREENKOMST and rij.bedienende_rso == regio.rso
    ondertekenen(regio.ovk)
    rij = next(r for r in dekking.dekking() if r.regio == regio.rso.regio)
    assert rij.status == dekking.Dekkingsstatus.GEDEKT


def test_beslisboom_stuurt_de_eindgebruiker_naar_de_landelijke_desk():
    beslisboom.controleer(beslisboom.STANDAARD)
    paden = beslisboom.bladeren(beslisboom.STANDAARD)
    assert beslisboom.STANDAARD["knopen"]["client"]["uitkomst"] == "landelijk"
    assert paden["client"] == ["Ik ben cliënt of patiënt, geen zorgverlener"]
    opties = [o["naar"] for o in beslisboom.STANDAARD["knopen"][beslisboom.STANDAARD["start"]]["opties"]]
    naam, knoop = beslisboom.stap(beslisboom.STANDAARD, [opties.index("client")])
    assert naam == "client" and "landelijke helpdesk" in knoop["tekst"]
