"""Knowledge base (MEL-KENNIS), monthly figures (MEL-CIJFERS), the staff page for the tree (MEL-BOOM) and the
handling API."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from stelselbeheer.meldingen import beslisboom as boom
from stelselbeheer.meldingen import cijfers, kennisbank, services
from stelselbeheer.meldingen.models import Beslisboom, Melding

A = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def artikelen(db):
    openbaar = services.artikel_vastleggen(actor=None, titel="De regionale viewer toont geen gegevens",
                                           tekst="Controleer of de patiënt toestemming gaf.", doelgroep="openbaar",
                                           trefwoorden="viewer toestemming")
    intern = services.artikel_vastleggen(actor=None, titel="Certificaat vernieuwen voor de ZAL",
                                         tekst="Zo vervangt u een verlopen PKIoverheid-certificaat in de viewer.",
                                         doelgroep="deelnemers")
    concept = services.artikel_vastleggen(actor=None, titel="Viewer concept", tekst="x", doelgroep="openbaar",
                                          gepubliceerd=False)
    return openbaar, intern, concept


def test_kennisbank_doelgroep_en_rangorde(wereld, artikelen):
    openbaar, intern, concept = artikelen
    assert kennisbank.zoeken(None, "viewer") == [openbaar]  # participants' article and draft hidden
    deelnemer = wereld["gebruikers"]["deelnemer"]
    assert kennisbank.zoeken(deelnemer, "viewer") == [openbaar, intern]  # title hit ranks first
    assert kennisbank.zoeken(deelnemer, "certificaat viewer")[0] == intern
    assert kennisbank.zoeken(wereld["gebruikers"]["regio"], "certificaat") == []
    assert kennisbank.zoeken(None, "de") == []  # words under three letters are not searched


def test_voordeur_zoekt_eerst_in_de_kennisbank(client, artikelen):
    tekst = client.get("/melden/", {"q": "viewer toont niets"}).content.decode()
    assert "De regionale viewer toont geen gegevens" in tekst and "Certificaat vernieuwen" not in tekst
    assert client.get(f"/kennisbank/{artikelen[1].pk}/").status_code == 404  # not public
    assert client.get(f"/kennisbank/{artikelen[0].pk}/").status_code == 200
    r = client.get("/api/kennisbank", {"q": "viewer"})
    assert [a["titel"] for a in r.json()] == ["De regionale viewer toont geen gegevens"]


def test_antwoord_wordt_kennisartikel_vanaf_de_melding(client, wereld):
    m, _ = services.melding_indienen(actor=None, soort="vraag", onderwerp="Hoe vaak wordt de ZAL ververst?",
                                     omschrijving="x", melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "artikel", "titel": "Verversen van de ZAL",
                                                       "tekst": "Haal de lijst elke 5 minuten op met If-None-Match.",
                                                       "doelgroep": "deelnemers", "gepubliceerd": "on"})
    assert r.status_code == 302
    artikel = m.kennisartikelen.get()
    assert artikel.doelgroep == "deelnemers" and "kennisartikel" in m.gebeurtenissen.values_list("soort", flat=True)
    client.force_login(wereld["gebruikers"]["regio"])
    assert client.get(f"/beheer/meldingen/{m.nummer}/").status_code == 404


def _melding(ingediend, reactie_voor, oplossing_voor, eerste=None, opgelost=None, soort="vraag"):
    m, _ = services.melding_indienen(actor=None, soort=soort, onderwerp="x", omschrijving="x", melder_naam="A",
                                     melder_email="a@x.nl", uitkomst="landelijk")
    Melding.objects.filter(pk=m.pk).update(ingediend_op=ingediend, reactie_voor=reactie_voor,
                                           oplossing_voor=oplossing_voor, eerste_reactie_op=eerste,
                                           opgelost_op=opgelost)


def test_maandcijfers_op_tijd_te_laat_en_lopend(db):
    nu = dt.datetime(2026, 11, 23, 12, tzinfo=A)
    okt = dt.datetime(2026, 10, 5, 10, tzinfo=A)
    uur = dt.timedelta(hours=1)
    _melding(okt, okt + uur, okt + 8 * uur, eerste=okt + uur / 2, opgelost=okt + 4 * uur)   # both on time
    _melding(okt, okt + uur, okt + 8 * uur, eerste=okt + 2 * uur, opgelost=okt + 9 * uur,
             soort="incident")                                                              # both late
    _melding(okt, okt + uur, okt + 8 * uur)                                                 # no answer: late
    _melding(nu - uur, nu + uur, nu + 8 * uur, soort="calamiteit")                           # still running
    # 31 October 23:30 Amsterdam is 22:30 UTC: it belongs to October, not November
    _melding(dt.datetime(2026, 10, 31, 23, 30, tzinfo=A), nu + uur, nu + 8 * uur, soort="klacht")
    reeks = cijfers.maandcijfers(Melding.objects.all(), nu=nu, maanden=2)
    oktober, november = reeks
    assert (oktober.naam, november.naam) == ("okt 2026", "nov 2026")
    assert oktober.per_soort == {"vraag": 2, "klacht": 1, "geschil": 0, "incident": 1, "calamiteit": 0}
    assert (oktober.reactie, oktober.oplossing) == ([1, 3], [1, 3]) and oktober.reactie_pct == 33
    assert november.totaal == 1 and november.reactie == [0, 0] and november.reactie_pct is None
    svg = cijfers.grafiek(reeks)
    assert svg.count("<rect") == 3 + 1 + 5 and "okt 2026: 2 vraag" in svg
    sla = cijfers.grafiek_sla(reeks)
    assert "okt 2026: 33% reactie op tijd" in sla and "nov 2026:" not in sla  # nothing counted yet in November


def test_cijferpagina_regio_telt_alleen_de_eigen_regio(client, wereld, maak):
    ander = maak.rso("RSO Zuid-Limburg")
    for regio in (wereld["rso"].regio, ander.regio, ander.regio):
        services.melding_indienen(actor=None, soort="incident", onderwerp="x", omschrijving="x", melder_naam="A",
                                  melder_email="a@x.nl", uitkomst="rso", regio=regio)
    client.force_login(wereld["gebruikers"]["regio"])
    assert sum(m["totaal"] for m in client.get("/api/meldingen/cijfers").json()) == 1
    tekst = client.get("/beheer/meldingen/cijfers/").content.decode()
    assert "<svg" in tekst and "Reactie op tijd" in tekst
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert sum(m["totaal"] for m in client.get("/api/meldingen/cijfers").json()) == 3


def test_beslisboom_bewerken_als_data(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    eerste = services.actieve_boom()
    r = client.post("/beheer/meldingen/beslisboom/", {"boom": "{niet: json"})
    assert "Geen geldige JSON" in r.content.decode()
    kapot = json.loads(json.dumps(boom.STANDAARD))
    kapot["knopen"]["regionaal"]["opties"][0]["naar"] = "nergens"
    r = client.post("/beheer/meldingen/beslisboom/", {"boom": json.dumps(kapot)})
    assert "onbekende knoop &#x27;nergens&#x27;" in r.content.decode() or "onbekende knoop 'nergens'" in \
        r.content.decode()
    assert Beslisboom.objects.count() == 1
    nieuw = json.loads(json.dumps(boom.STANDAARD))
    nieuw["knopen"]["werkplek"]["vraag"] = "Gaat het om uw eigen computer of account?"
    r = client.post("/beheer/meldingen/beslisboom/", {"boom": json.dumps(nieuw)})
    assert r.status_code == 302
    actief = services.actieve_boom()
    assert actief.versie == eerste.versie + 1 and actief.door == wereld["gebruikers"]["uitvoering"]
    assert "eigen computer" in client.get("/melden/").content.decode()
    assert client.get("/api/beslisboom").json()["versie"] == actief.versie


def test_api_behandeling_met_fouten_per_veld(client, wereld):
    m, _ = services.melding_indienen(actor=None, soort="incident", onderwerp="Viewer", omschrijving="x",
                                     melder_naam="A", melder_email="a@x.nl", uitkomst="rso", regio=wereld["rso"].regio)
    client.force_login(wereld["gebruikers"]["regio"])
    r = client.post(f"/api/meldingen/{m.nummer}/triage", {"prioriteit": "hoog", "team": "Viewer"},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "in_behandeling" and r.json()["eerste_reactie_op"]
    r = client.post(f"/api/meldingen/{m.nummer}/incident", {"ernst": "ernstig", "aanbieders": ["bestaatniet@medmij"],
                                                            "gegevensdiensten": ["48"]},
                    content_type="application/json")
    assert r.status_code == 422 and "aanbieders" in json.dumps(r.json())
    r = client.post(f"/api/meldingen/{m.nummer}/incident",
                    {"ernst": "ernstig", "aanbieders": ["huisartsdelinde@medmij"], "gegevensdiensten": ["48"]},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["betrokken_deelnemers"] == [wereld["dva"].pk]
    r = client.post(f"/api/meldingen/{m.nummer}/escalatie", {"reden": "Landelijk"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["niveau"] == "landelijk"
    assert client.get(f"/api/meldingen/{m.nummer}").status_code == 404  # now the national desk's
    client.force_login(wereld["gebruikers"]["uitvoering"])
    soorten = [g["soort"] for g in client.get(f"/api/meldingen/{m.nummer}").json()["gebeurtenissen"]]
    assert soorten[:2] == ["ingediend", "triage"] and "geëscaleerd naar de landelijke desk" in soorten
