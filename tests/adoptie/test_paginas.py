"""The monitor's pages and API per role, the typed-in status through the page (redirect after POST, field errors,
nothing written on refusal), and the public summary naming no institution."""

import pytest

from stelselbeheer.adoptie.models import HandmatigeStatus
from stelselbeheer.adoptie.services import momentopname_maken


@pytest.fixture
def opzet(register, maak, wereld):
    dva = register.leverancier("Zorgsystemen Noord B.V.")
    maak.kwalificatie(dva, wereld["dienst"])
    aanbieders = [register.aanbieder(dva, diensten=[wereld["dienst"]]) for _ in range(2)]
    register.aanbieder(dva)
    medicatie = register.product("medicatie", diensten=[wereld["dienst"]], fase="optimalisatie")
    kader = register.product("kader")
    geen_dva = register.leverancier("Geen DVA B.V.", dva=False)
    register.klant_van(aanbieders[0].organisatie, geen_dva)
    register.publiceer_zal()
    momentopname_maken()
    return {"medicatie": medicatie, "kader": kader, "aanbieders": aanbieders, "geen_dva": geen_dva, "dva": dva}


def test_dashboard_toont_de_cijfers(client, wereld, opzet):
    client.force_login(wereld["gebruikers"]["auditor"])
    html = client.get("/adoptie/medicatie/").content.decode()
    assert "2 van 3" in html and "<svg" in html and "Zorgsystemen Noord B.V." in html
    assert "MVP-drempels" in html and "Aanbieders live per regio en sector (%)" in html
    html = client.get("/adoptie/").content.decode()
    assert "Producten per fase" in html and 'href="/adoptie/medicatie/"' in html


def test_aanbiederslijst_toont_status_en_bron(client, wereld, opzet):
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.get("/adoptie/medicatie/aanbieders/")
    html = r.content.decode()
    assert html.count(">live</td>") == 2 and html.count(">niet live</td>") == 1
    assert "gepubliceerde ZAL" in html
    assert r.context["pagina"].paginator.count == 3


def test_openbare_samenvatting_noemt_geen_instellingen(client, opzet):
    html = client.get("/adoptie/medicatie/samenvatting/").content.decode()
    assert "66,7%" in html and "Optimalisatie (huidige fase)" in html
    assert "Zorgsystemen Noord" not in html and "Praktijk" not in html
    data = client.get("/api/adoptie/producten/medicatie/samenvatting").json()
    assert data["aanbieders_live"] == 2 and data["percentage_aanbieders"] == 66.7
    assert "leveranciers" not in data and "per_leverancier" not in data


def test_api_detail(client, wereld, opzet):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    data = client.get("/api/adoptie/producten/medicatie").json()
    assert data["per_sector"] == {"huisartsenzorg": {"live": 2, "totaal": 3}}
    assert {d["soort"]: d["gehaald"] for d in data["drempels"]}["aanbieders_live"] is True
    assert len(data["verloop"]) == 1
    assert client.get("/api/adoptie/producten/bestaatniet").status_code == 404
    producten = client.get("/api/adoptie/producten").json()
    assert {p["code"] for p in producten} == {"medicatie", "kader"}


def test_handmatig_vastleggen_door_de_uitvoering(client, wereld, opzet):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    org = opzet["geen_dva"]
    r = client.post("/adoptie/medicatie/handmatig/", {"organisatie": org.kvk_nummer, "live": "ja",
                                                      "bron": "opgave leverancier"})
    assert r.status_code == 302 and r["Location"] == "/adoptie/medicatie/handmatig/"
    status = HandmatigeStatus.objects.get()
    assert status.live and status.vastgelegd_door == wereld["gebruikers"]["uitvoering"]


def test_handmatig_geweigerd_waar_het_register_het_weet(client, wereld, opzet):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    org = opzet["aanbieders"][0].organisatie
    r = client.post("/adoptie/medicatie/handmatig/", {"organisatie": org.kvk_nummer, "live": "ja", "bron": "x"})
    assert r.status_code == 422
    assert "volgt uit de gepubliceerde ZAL" in r.content.decode()
    r = client.post("/adoptie/medicatie/handmatig/", {"organisatie": "", "live": "misschien", "bron": ""})
    assert r.status_code == 422 and set(r.context["form"].errors) == {"organisatie", "live", "bron"}
    assert not HandmatigeStatus.objects.exists()


@pytest.mark.parametrize("rol", ["bestuur", "auditor", "deelnemer", "regio"])
def test_handmatig_alleen_voor_de_uitvoering(client, wereld, opzet, rol):
    client.force_login(wereld["gebruikers"][rol])
    r = client.post("/adoptie/kader/handmatig/", {"organisatie": opzet["geen_dva"].kvk_nummer, "live": "ja",
                                                  "bron": "x"})
    assert r.status_code == 403
    assert not HandmatigeStatus.objects.exists()


@pytest.mark.parametrize("rol,status", [("deelnemer", 403), ("regio", 403), ("publiek", 302), ("auditor", 200)])
def test_downloads_per_rol(client, wereld, opzet, rol, status):
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    assert client.get("/adoptie/medicatie/export.xlsx").status_code == status
    assert client.get("/adoptie/export.csv").status_code == status


def test_productpagina_van_de_implementatie_toont_adoptie_en_drempels(client, wereld):
    """The implementation monitor's product page shows this app's figures and MVP thresholds (registered from
    AdoptieConfig.ready; implementatie does not import adoptie), to the public too, with a link for monitor readers."""
    from stelselbeheer.implementatie.models import Product

    product = Product.objects.create(code="medicatie", naam="Medicatieoverdracht", eigenaar="Programma")
    product.gegevensdiensten.set([wereld["dienst"]])
    html = client.get("/implementatie/producten/medicatie/").content.decode()
    assert "Adoptie en MVP-drempels" in html and "MVP-drempels per fase" in html
    assert 'href="/adoptie/medicatie/samenvatting/"' in html
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert 'href="/adoptie/medicatie/"' in client.get("/implementatie/producten/medicatie/").content.decode()
