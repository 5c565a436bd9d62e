"""The JSON API: OpenAPI 3.1, problem+json errors with field and reason, 404 for unknown ids, paging."""

import pytest

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.organisaties.models import Organisatie

PROBLEM = "application/problem+json"


def test_openapi_31(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/aanbieders" in spec["paths"]


def test_openbaar_zoeken(client, wereld, maak):
    maak.aanbieder(wereld["dva"], naam="apotheekcentrumzwolle@medmij", weergavenaam="Apotheek Centrum Zwolle",
                   plaats="Zwolle", gegevensdienst=wereld["dienst"])
    maak.aanbieder(wereld["dva"], naam="ggzdeventer@medmij", weergavenaam="GGZ Deventer", plaats="Deventer")
    data = client.get("/api/aanbieders", {"q": "apotheek"}).json()
    assert data["aantal"] == 1 and data["resultaten"][0]["naam"] == "apotheekcentrumzwolle@medmij"
    assert data["resultaten"][0]["gegevensdiensten"] == [{"code": "48", "naam": "Medicatiegegevens",
                                                          "interfaceversies": ["1.4.0"]}]
    assert data["resultaten"][0]["aanbiedertype"] == "ZA"
    assert client.get("/api/aanbieders", {"plaats": "Deventer"}).json()["aantal"] == 1
    assert client.get("/api/aanbieders", {"q": "ggzdeventer@medmij"}).json()["aantal"] == 1
    kvk = wereld["aanbieder"].organisatie.kvk_nummer
    assert [a["naam"] for a in client.get("/api/aanbieders", {"q": kvk}).json()["resultaten"]] == [
        "huisartsdelinde@medmij"]
    assert client.get("/api/aanbieders", {"gegevensdienst": "48"}).json()["aantal"] == 2


def test_onbekende_sleutel_geeft_404_probleem(client, wereld):
    for pad in ["/api/aanbieders/bestaatniet@medmij", "/api/gegevensdiensten/999"]:
        r = client.get(pad)
        assert r.status_code == 404 and r["Content-Type"] == PROBLEM
        assert r.json()["status"] == 404
    client.force_login(wereld["gebruikers"]["uitvoering"])
    for pad in ["/api/organisaties/999999", "/api/deelnemers/999999", "/api/deelnemers/999999/kwalificaties"]:
        assert client.get(pad).status_code == 404


def test_paginering_en_fouten(client, wereld):
    r = client.get("/api/aanbieders", {"pagina": 0, "per_pagina": 1000})
    assert r.status_code == 422 and r["Content-Type"] == PROBLEM
    assert {e["field"] for e in r.json()["errors"]} == {"pagina", "per_pagina"}
    r = client.get("/api/aanbieders", {"pagina": "een"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "pagina"


def test_organisatie_aanmaken_met_fouten_schrijft_niets(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    orgs, events = Organisatie.objects.count(), AuditEvent.objects.count()
    r = client.post("/api/organisaties", {"naam": "Nieuw B.V.", "soort": "leverancier", "kvk_nummer": "123",
                                          "agb_code": "12x45678"}, content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == PROBLEM
    fouten = {e["field"]: e["reason"] for e in r.json()["errors"]}
    assert fouten["kvk_nummer"] == "Een KvK-nummer bestaat uit precies 8 cijfers."
    assert "agb_code" in fouten
    assert (Organisatie.objects.count(), AuditEvent.objects.count()) == (orgs, events)


def test_organisatie_ontbrekend_veld(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post("/api/organisaties", {"soort": "leverancier"}, content_type="application/json")
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"naam", "kvk_nummer"}


def test_organisatie_aanmaken_en_wijzigen(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post("/api/organisaties", {"naam": "Nieuw B.V.", "soort": "leverancier", "kvk_nummer": "55512345"},
                    content_type="application/json")
    assert r.status_code == 201
    org_id = r.json()["id"]
    r = client.patch(f"/api/organisaties/{org_id}", {"plaats": "Assen", "reden": "verhuisd"},
                     content_type="application/json")
    assert r.status_code == 200 and r.json()["plaats"] == "Assen"
    e = AuditEvent.objects.order_by("-volgnummer").first()
    assert (e.actie, e.actor_naam, e.reden, e.na) == ("organisatie.gewijzigd", "medewerker", "verhuisd",
                                                      {"plaats": "Assen"})
    r = client.patch(f"/api/organisaties/{org_id}", {"regio_id": 424242}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "regio_id"


def test_kwalificatie_via_api_bewaakt_nal365(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    pad = f"/api/deelnemers/{wereld['dva'].pk}/kwalificaties"
    r = client.post(pad, {"rol": "dva", "gegevensdienst": "48", "testdatum": "2026-01-10", "resultaat": "geslaagd",
                          "geldig_tot": "2027-01-11"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "geldig_tot"
    r = client.post(pad, {"rol": "dva", "gegevensdienst": "onbekend", "testdatum": "2026-01-10",
                          "resultaat": "geslaagd"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "gegevensdienst"
    r = client.post(pad, {"rol": "dva", "gegevensdienst": "48", "testdatum": "2026-01-10", "resultaat": "geslaagd"},
                    content_type="application/json")
    assert r.status_code == 201 and r.json()["geldig_tot"] == "2027-01-10"


def test_aanbieder_toevoegen_via_api(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    org = wereld["aanbieder"].organisatie
    body = {"naam": "Fout Naam", "weergavenaam": "Tweede", "organisatie_id": org.pk, "dva_id": wereld["dvp"].pk}
    r = client.post("/api/beheer/aanbieders", body, content_type="application/json")
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} >= {"dva"}
    body.update(naam="tweedepraktijk@medmij", dva_id=wereld["dva"].pk)
    r = client.post("/api/beheer/aanbieders", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["naam"] == "tweedepraktijk@medmij"


@pytest.mark.parametrize("pad", ["/api/audit", "/api/audit/verificatie"])
def test_audit_api(client, wereld, pad):
    client.force_login(wereld["gebruikers"]["auditor"])
    data = client.get(pad).json()
    assert data.get("in_orde", True) is True
    if pad == "/api/audit":
        assert data["aantal"] == AuditEvent.objects.count()


def test_zoeken_negeert_hoofdletters_en_accenten_en_volgt_wijzigingen(client, wereld, maak):
    from stelselbeheer.register import services

    a = maak.aanbieder(wereld["dva"], naam="dietistenpraktijkede@medmij", weergavenaam="Diëtistenpraktijk Ëde",
                       plaats="Ede")
    assert client.get("/api/aanbieders", {"q": "DIETIST"}).json()["aantal"] == 1
    assert client.get("/api/aanbieders", {"q": "diëtistenpraktijk ëde"}).json()["aantal"] == 1
    services.aanbieder_wijzigen(actor=None, aanbieder=a, wijzigingen={"weergavenaam": "Voedingspraktijk Ede"})
    assert client.get("/api/aanbieders", {"q": "dietistenpraktijk ede"}).json()["aantal"] == 0
    assert client.get("/api/aanbieders", {"q": "dietist"}).json()["aantal"] == 1  # still in the aanbiedernaam
    assert client.get("/api/aanbieders", {"q": "voedings"}).json()["aantal"] == 1


def test_paginering_van_een_brede_zoekopdracht(client, wereld, maak, monkeypatch):
    """Past the first scan's stock of ids the result counts and pages through the database itself."""
    from stelselbeheer.register.zoeken import Zoekresultaat

    monkeypatch.setattr(Zoekresultaat, "VOORRAAD", 3)
    for i in range(7):
        maak.aanbieder(wereld["dva"], naam=f"apotheek{'abcdefg'[i]}zwolle@medmij",
                       weergavenaam=f"Apotheek {'ABCDEFG'[i]} Zwolle")
    eerste = client.get("/api/aanbieders", {"q": "apotheek", "per_pagina": 3}).json()
    derde = client.get("/api/aanbieders", {"q": "apotheek", "per_pagina": 3, "pagina": 3}).json()
    assert eerste["aantal"] == derde["aantal"] == 7
    assert [a["weergavenaam"] for a in eerste["resultaten"]] == ["Apotheek A Zwolle", "Apotheek B Zwolle",
                                                                 "Apotheek C Zwolle"]
    assert [a["weergavenaam"] for a in derde["resultaten"]] == ["Apotheek G Zwolle"]
    assert client.get("/api/aanbieders", {"q": "apotheek", "per_pagina": 3, "pagina": 4}).json()["resultaten"] == []
    pagina = client.get("/aanbiedersregister/", {"q": "apotheek"}).content.decode()  # 25 a page: all 7
    assert "7 aanbieders" in pagina and pagina.index("Apotheek A Zwolle") < pagina.index("Apotheek G Zwolle")


def test_invoerfouten_van_de_api_zijn_nederlands(client, db):
    """pydantic's own messages are English; the API's problem+json names each field with a Dutch reason."""
    r = client.post("/api/meldingen", {"soort": "vraag", "onderwerp": "o" * 201, "omschrijving": "x",
                                       "melder_email": "a@example.nl"}, content_type="application/json")
    assert r.status_code == 422
    redenen = {e["field"]: e["reason"] for e in r.json()["errors"]}
    assert redenen["onderwerp"] == "Hooguit 200 tekens."
    assert redenen["melder_naam"] == "Dit veld is verplicht."
    r = client.get("/api/aanbieders?pagina=x")
    assert r.status_code == 422 and r.json()["errors"][0]["reason"] == "Geef een geheel getal."
