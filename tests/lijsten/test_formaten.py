"""The current formats (LST-FORMAAT, LST-ZAKL-1/2): ZAL release 3 beside release 2 under one Volgnummer, the
Zorgaanbiederskoppellijst, the derived schemas against the public examples, and ``?api=`` on /lijsten/ and on the
framework's file names."""

import json
from pathlib import Path

import pytest
from django.test import Client
from lxml import etree

from stelselbeheer.lijsten import formaten
from stelselbeheer.lijsten.bestanden import alles_schrijven
from stelselbeheer.lijsten.bouwers import bouwers
from stelselbeheer.lijsten.models import Formaatversie, Snapshot
from stelselbeheer.lijsten.services import alle_lijsten_publiceren, lijst_publiceren, lijst_terugdraaien
from stelselbeheer.lijsten.snelpad import Snelpad
from stelselbeheer.lijsten.validatie import LijstOngeldig, schema, valideer
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register import services as reg
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst

from .conftest import MOMENT

DATA = Path(__file__).parent / "data"
VOORBEELDEN = {"zal3": "MedMij_Zorgaanbiederslijst_example.9.3.xml",
               "zakl": "MedMij_Zorgaanbiederskoppellijst_example.5.1.xml"}
NS3 = formaten.FORMATEN["zal"][3].namespace
NSK = formaten.FORMATEN["zakl"][1].namespace


def _doc(xml: bytes):
    return etree.fromstring(xml)


@pytest.mark.parametrize("sleutel", sorted(VOORBEELDEN))
def test_de_voorbeelden_valideren_tegen_de_afgeleide_schemas(sleutel):
    xml = (DATA / VOORBEELDEN[sleutel]).read_bytes()
    valideer(sleutel, xml)
    # and the schema is not vacuous: the same example with one element renamed is refused
    kapot = xml.replace(b"<Zorgaanbiedernaam>umcharderwijk@medmij", b"<Zorgaanbiedernaam>UMC Harderwijk", 1)
    with pytest.raises(LijstOngeldig):
        valideer(sleutel, kapot)


def test_elk_formaat_heeft_een_schema_met_zijn_namespace():
    for lijst, per_api in formaten.FORMATEN.items():
        for api, f in per_api.items():
            assert schema(formaten.sleutel(lijst, api)).validate is not None
            doel = etree.parse(str(Path(formaten.__file__).parent / "schemas" / f.xsd)).getroot().get(
                "targetNamespace")
            assert doel == f.namespace, (lijst, api)


@pytest.fixture
def gepubliceerd(register):
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam="apotheekcentrum@medmij")
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=dienst.aanbieder, gegevensdienst=dienst.gegevensdienst,
                                   authorization_endpoint=dienst.authorization_endpoint,
                                   token_endpoint=dienst.token_endpoint,
                                   systeemrollen={"MED-FHIR-SERVER": "https://fhir.centrum.nl/48"},
                                   interfaceversies=["1.3.0", "1.4.0"], abonneren_maximale_duur=90,
                                   abonneren_endpoint="https://abo.centrum.nl/subscription")
    return alle_lijsten_publiceren(actor=None)


def test_lst_formaat_een_publicatie_geeft_elk_formaat_onder_een_volgnummer(gepubliceerd):
    zal = gepubliceerd["zal"]
    versie = Formaatversie.objects.get(snapshot=zal, api=3)
    assert (versie.volgnummer, versie.tijdstempel) == (zal.volgnummer, zal.tijdstempel)
    r2, r3 = _doc(zal.inhoud), _doc(versie.inhoud)
    namen2 = [e.text for e in r2.iter("{*}Zorgaanbiedernaam")]
    namen3 = [e.text for e in r3.iter(f"{{{NS3}}}Zorgaanbiedernaam")]
    assert namen2 == namen3 == sorted(zal.entries)
    assert r3.findtext(f"{{{NS3}}}Volgnummer") == r2.findtext("{*}Volgnummer") == str(zal.volgnummer)
    centrum = next(z for z in r3.iter(f"{{{NS3}}}Zorgaanbieder")
                   if z.findtext(f"{{{NS3}}}Zorgaanbiedernaam") == "apotheekcentrum@medmij")
    assert centrum.findtext(f"{{{NS3}}}Aanbiedertype") == "ZA"
    versies = [v.text for v in centrum.iter(f"{{{NS3}}}InterfaceversieId")]
    assert versies == ["1.3.0", "1.4.0"]  # the one dienst under each version it is offered in
    assert [m.text for m in centrum.iter(f"{{{NS3}}}MaximaleDuur")] == ["90", "90"]
    assert versie.handtekening and versie.sha256 != zal.sha256
    # the subscription endpoint's host is a node receivers connect to: on the whitelist (LST-WHL-1)
    assert "abo.centrum.nl" in gepubliceerd["whitelist"].entries


def test_lst_formaat_een_wijziging_alleen_in_release_3_is_een_wijziging(gepubliceerd):
    """An interface version shows only in release 3; the entry still counts as changed, so a publication
    'only when changed' goes out and both formats carry it."""
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam="huisartsdelinde@medmij")
    AanbiederGegevensdienst.objects.filter(pk=dienst.pk).update(interfaceversies=["2.0.0"])
    nieuw = lijst_publiceren(actor=None, lijst="zal", alleen_bij_wijziging=True)
    assert isinstance(nieuw, Snapshot) and nieuw.gewijzigd == ["huisartsdelinde@medmij"]
    assert b"<InterfaceversieId>2.0.0</InterfaceversieId>" in Formaatversie.objects.get(snapshot=nieuw).inhoud
    assert lijst_publiceren(actor=None, lijst="zal", alleen_bij_wijziging=True) is None


def test_lst_formaat_terugdraaien_neemt_elk_formaat_mee(gepubliceerd):
    Aanbieder.objects.filter(naam="apotheekcentrum@medmij").update(hrn="X1")
    AanbiederGegevensdienst.objects.filter(aanbieder__naam="apotheekcentrum@medmij").update(
        abonneren_maximale_duur=None, abonneren_endpoint="")
    tweede = lijst_publiceren(actor=None, lijst="zal")
    terug = lijst_terugdraaien(actor=None, lijst="zal", volgnummer=1, reden="abonneren per ongeluk weg")
    assert terug.volgnummer == tweede.volgnummer + 1
    oud, nieuw = (Formaatversie.objects.get(lijst="zal", api=3, volgnummer=v) for v in (1, terug.volgnummer))
    assert b"<MaximaleDuur>90</MaximaleDuur>" in nieuw.inhoud
    assert _doc(nieuw.inhoud).findtext(f"{{{NS3}}}Volgnummer") == str(terug.volgnummer)
    assert oud.inhoud.split(b"<Zorgaanbieders>")[1] == nieuw.inhoud.split(b"<Zorgaanbieders>")[1]


def test_lst_zakl_dezelfde_aanbieders_en_diensten_als_de_zal_met_kenmerken(gepubliceerd):
    zal, zakl = gepubliceerd["zal"], gepubliceerd["zakl"]
    assert set(zakl.entries) == set(zal.entries)
    doc = _doc(zakl.inhoud)
    org = Aanbieder.objects.select_related("organisatie").get(naam="apotheekcentrum@medmij").organisatie
    centrum = next(z for z in doc.iter(f"{{{NSK}}}Zorgaanbieder")
                   if z.findtext(f"{{{NSK}}}Zorgaanbiedernaam") == "apotheekcentrum@medmij")
    assert [(etree.QName(k[0]).localname, k[0].text) for k in centrum.iter(f"{{{NSK}}}IdentificerendKenmerk")] == [
        ("KVK", org.kvk_nummer)]
    dienst = centrum.find(f".//{{{NSK}}}Gegevensdienst")
    assert dienst.findtext(f"{{{NSK}}}Weergavenaam") == "Medicatiegegevens"
    assert [v.text for v in dienst.iter(f"{{{NSK}}}InterfaceversieId")] == ["1.3.0", "1.4.0"]


def test_lst_zakl_2_zonder_identificerend_kenmerk_niet_op_de_zakl_wel_op_de_zal(register):
    """The boundary: no number at all leaves the aanbieder off the ZAKL; exactly one (an HRN) puts it on."""
    centrum = Aanbieder.objects.get(naam="apotheekcentrum@medmij")
    Organisatie.objects.filter(pk=centrum.organisatie_id).update(kvk_nummer="", agb_code="", ura="", oin="")
    gebouwd = {lijst: bouwers()[lijst](MOMENT) for lijst in ("zal", "zakl")}
    assert "apotheekcentrum@medmij" in gebouwd["zal"].entries
    assert "apotheekcentrum@medmij" not in gebouwd["zakl"].entries
    assert "huisartsdelinde@medmij" in gebouwd["zakl"].entries
    Aanbieder.objects.filter(pk=centrum.pk).update(hrn="A")
    zakl = bouwers()["zakl"](MOMENT)
    assert "apotheekcentrum@medmij" in zakl.entries
    assert b"<IdentificerendKenmerk><HRN>A</HRN></IdentificerendKenmerk>" in zakl.schrijf(1, MOMENT)
    valideer("zakl", zakl.schrijf(1, MOMENT))


# --- ?api= ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pad", ["/lijsten/zal.xml", "/MedMij_Zorgaanbiederslijst.xml"])
def test_api_kiest_het_formaat_zonder_api_het_oudste(pad, gepubliceerd):
    c = Client()
    zonder, twee, drie = c.get(pad), c.get(pad, {"api": "2"}), c.get(pad, {"api": "3"})
    assert zonder.status_code == twee.status_code == drie.status_code == 200
    assert zonder.content == twee.content == gepubliceerd["zal"].inhoud
    assert drie.content == Formaatversie.objects.get(api=3).inhoud
    assert zonder["X-Volgnummer"] == drie["X-Volgnummer"] == "1"
    assert drie["ETag"] != zonder["ETag"]
    assert c.get(pad, {"api": "3"}, HTTP_IF_NONE_MATCH=drie["ETag"]).status_code == 304
    assert c.get(pad, {"api": "3", "sinds": "1"}).status_code == 204
    gz = c.get(pad, {"api": "3"}, HTTP_ACCEPT_ENCODING="gzip")
    assert gz["Content-Encoding"] == "gzip" and gz["ETag"] == drie["ETag"][:-1] + '-gz"'


@pytest.mark.parametrize("waarde", ["1", "4", "abc", "", "3 ", "99999999999999999999"])
def test_onbekende_api_geeft_404_problem_json_met_de_geserveerde(waarde, gepubliceerd):
    r = Client().get("/MedMij_Zorgaanbiederslijst.xml", {"api": waarde})
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"
    fout = json.loads(r.content)
    assert fout["errors"][0]["field"] == "api" and fout["errors"][0]["served"] == [2, 3]
    assert "2, 3" in fout["detail"]


def test_api_op_de_andere_bestandsnamen_en_de_geschiedenis(gepubliceerd):
    c = Client()
    for lijst, bestand in formaten.BESTANDSNAMEN.items():
        eerste = formaten.eerste(lijst)
        r = c.get(f"/{bestand}")
        assert r.status_code == 200 and r.content == gepubliceerd[lijst].inhoud, lijst
        assert c.get(f"/{bestand}", {"api": str(eerste)}).content == r.content
        assert c.get(f"/{bestand}", {"api": str(eerste + 5)}).status_code == 404
    assert c.get("/MedMij_Onbekend.xml").status_code == 404
    assert c.get("/lijsten/zal/1.xml", {"api": "3"}).content == Formaatversie.objects.get(api=3).inhoud
    assert c.get("/lijsten/zal/1.xml", {"api": "7"}).status_code == 404
    sig = c.get("/lijsten/zal.xml.sig", {"api": "3"})
    assert sig.status_code == 200 and sig.content.decode() == Formaatversie.objects.get(api=3).handtekening
    assert c.get("/lijsten/zal/1.xml.sig", {"api": "3"}).status_code == 200


def test_snelpad_antwoordt_de_bestandsnamen_en_laat_api_aan_django(gepubliceerd, settings, monkeypatch):
    settings.LIJST_KOP_TTL = 0
    # inside the test's transaction closing "old" connections would close the test's own (as test_snelpad)
    monkeypatch.setattr("stelselbeheer.lijsten.snelpad.close_old_connections", lambda: None)
    pad = Snelpad(lambda environ, start: None)
    etag = f'"{gepubliceerd["zal"].sha256}"'
    basis = {"REQUEST_METHOD": "GET", "PATH_INFO": "/MedMij_Zorgaanbiederslijst.xml", "HTTP_IF_NONE_MATCH": etag}
    assert pad._antwoord({**basis, "QUERY_STRING": ""})[0] == "304 Not Modified"
    assert pad._antwoord({**basis, "QUERY_STRING": "sinds=1"})[0] == "204 No Content"
    for vraag in ("api=3", "api=7&sinds=1", "api="):
        assert pad._antwoord({**basis, "QUERY_STRING": vraag}) is None


def test_lst_bestanden_elk_formaat_als_bestand(register, settings, tmp_path, django_capture_on_commit_callbacks):
    """LST-BESTANDEN for a further format: the live files beside the list's (nginx serves them for ?api=3) and each
    version's gzip and signature; ``alles_schrijven`` writes them again."""
    settings.LIJST_BESTANDEN = tmp_path / "openbaar"
    with django_capture_on_commit_callbacks(execute=True):
        eerste = lijst_publiceren(actor=None, lijst="zal")
    with django_capture_on_commit_callbacks(execute=True):
        tweede = lijst_publiceren(actor=None, lijst="zal", omschrijving="nog eens")
    lijsten = settings.LIJST_BESTANDEN / "lijsten"
    live = Formaatversie.objects.get(snapshot=tweede, api=3)
    assert (lijsten / "zal.api3.xml").read_bytes() == live.inhoud
    assert (lijsten / "zal.api3.xml.sig").read_text() == live.handtekening
    assert (lijsten / "zal.xml").read_bytes() == tweede.inhoud
    for v in (eerste.volgnummer, tweede.volgnummer):
        assert (lijsten / "zal" / f"{v}.api3.xml.gz").exists()
    for pad in lijsten.rglob("*api3*"):
        pad.unlink()
    alles_schrijven()
    assert (lijsten / "zal.api3.xml").read_bytes() == live.inhoud
    assert (lijsten / "zal" / f"{eerste.volgnummer}.api3.xml.gz").exists()
