"""The OpenAPI document describes what the code enforces (rule API-OPENAPI): the security schemes on the operations,
every error status as problem+json, the bounds on parameters; and the bounds hold (422 naming the field)."""

import importlib
import inspect
import pkgutil

import pytest
from ninja import Schema

import stelselbeheer

PROBLEM = "application/problem+json"


@pytest.fixture
def spec(client, db):
    return client.get("/api/openapi.json").json()


def _operaties(spec):
    return [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]


def test_beveiligingsschemas(spec):
    schemas = spec["components"]["securitySchemes"]
    assert schemas["sessie"] == {**schemas["sessie"], "type": "apiKey", "in": "cookie", "name": "sessionid"}
    assert "X-CSRFToken" in schemas["sessie"]["description"]
    assert schemas["token"]["type"] == "http" and schemas["token"]["scheme"] == "bearer"
    assert "Recht" not in schemas
    eisen = {(m, p): op["security"] for m, p, op in _operaties(spec)}
    assert eisen[("get", "/api/organisaties")] == [{"sessie": []}, {"token": []}]
    for openbaar in (("get", "/api/aanbieders"), ("post", "/api/meldingen"), ("get", "/api/kennisbank"),
                     ("get", "/api/overleg/organen")):
        assert eisen[openbaar][0] == {}, openbaar  # no requirement; a session or token acts in an account's name


def test_elke_operatie_documenteert_haar_foutantwoorden(spec):
    for m, p, op in _operaties(spec):
        antwoorden = op["responses"]
        verwacht = {"401", "403", "429", "503"}
        if "{" in p:
            verwacht.add("404")
        if "requestBody" in op:
            verwacht |= {"400", "413", "422"}
        if op.get("parameters"):
            verwacht.add("422")
        assert verwacht <= set(antwoorden), (m, p, sorted(antwoorden))
        for status, antwoord in antwoorden.items():
            if status.startswith(("4", "5")):
                assert antwoord["content"] == {PROBLEM: {"schema": {"$ref": "#/components/schemas/Probleem"}}}, (
                    m, p, status)
        assert "Retry-After" in antwoorden["429"]["headers"] and "Retry-After" in antwoorden["503"]["headers"]


def test_grenzen_van_parameters(spec):
    parameters = {x["name"]: x["schema"] for x in spec["paths"]["/api/organisaties"]["get"]["parameters"]}
    assert parameters["per_pagina"]["maximum"] == 100 and parameters["per_pagina"]["minimum"] == 1
    assert parameters["pagina"]["minimum"] == 1
    assert parameters["q"]["maxLength"] == 200
    body = spec["components"]["schemas"]["OrganisatieIn"]["properties"]
    assert body["naam"]["maxLength"] == 50_000
    melding = spec["components"]["schemas"]["MeldingIn"]["properties"]
    assert melding["onderwerp"]["maxLength"] == 200  # the field's own bound stays
    deelnemer_id = spec["paths"]["/api/deelnemers/{deelnemer_id}"]["get"]["parameters"][0]["schema"]
    assert deelnemer_id["maximum"] == 2**63 - 1


def test_grenzen_worden_afgedwongen(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.get("/api/organisaties", {"q": "x" * 201})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "q"
    r = client.get("/api/organisaties", {"q": "a\x00b"})
    assert r.status_code == 422 and "NUL" in r.json()["errors"][0]["reason"]
    r = client.post("/api/organisaties", {"naam": "Nul\x00teken", "soort": "leverancier", "kvk_nummer": "12345678"},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "naam"
    r = client.post(f"/api/deelnemers/{wereld['dva'].pk}/kwalificaties", {"gegevensdienst": "48", "rol": "dva",
                    "testdatum": "2026-06-01", "resultaat": "geslaagd", "termijn": 2**64},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "termijn"
    r = client.get(f"/api/deelnemers/{2**64}")  # SQLite finds nothing (404), PostgreSQL refuses the number (422)
    assert r.status_code in {404, 422} and r["Content-Type"] == PROBLEM
    r = client.get("/api/aanbieders/a%00b")
    assert r.status_code == 404 and r["Content-Type"] == PROBLEM


def test_geen_twee_schemas_met_een_naam():
    """The OpenAPI document names a component schema after its class: two different schemas of one name (the
    adoption monitor's and the portfolio's ProductDetailUit) left one of them documented with the other's fields,
    which schemathesis caught as answers that violate their schema. Identical copies (the problem body) may share."""
    per_naam: dict[str, dict] = {}
    for module in pkgutil.iter_modules(stelselbeheer.__path__):
        try:
            api = importlib.import_module(f"stelselbeheer.{module.name}.api")
        except ModuleNotFoundError:
            continue
        for naam, klasse in inspect.getmembers(api, inspect.isclass):
            if issubclass(klasse, Schema) and klasse.__module__ == api.__name__:
                per_naam.setdefault(naam, {})[api.__name__] = klasse.model_json_schema()
    botsend = {naam: sorted(v) for naam, v in per_naam.items() if len({repr(s) for s in v.values()}) > 1}
    assert botsend == {}
