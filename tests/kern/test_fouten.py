"""When things break (issue 15): Dutch HTML error pages, problem+json for every error under /api/, 503 with
Retry-After when the database cannot be reached, and the liveness and readiness endpoints."""

import json
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from stelselbeheer.kern.rollen import Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def bezoeker():
    """A client that gets the error page instead of the exception, like a browser."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_weg():
    """Every new query fails as when PostgreSQL is down or unreachable."""
    with mock.patch.object(connection, "ensure_connection",
                           side_effect=OperationalError("connection refused: is the server running?")):
        yield


def _probleem(antwoord, status):
    assert antwoord.status_code == status
    assert antwoord["Content-Type"] == "application/problem+json"
    body = json.loads(antwoord.content)
    assert body["status"] == status and body["title"] and body["type"].startswith("https://stelselbeheer.nl/")
    return body


def test_onverwachte_fout_geeft_een_nederlandse_500_pagina(bezoeker):
    with mock.patch("stelselbeheer.kern.views.render", side_effect=RuntimeError("stuk")):
        antwoord = bezoeker.get("/")
    assert antwoord.status_code == 500
    assert antwoord["Content-Type"].startswith("text/html")
    tekst = antwoord.content.decode()
    assert '<html lang="nl">' in tekst and "Er ging iets mis" in tekst
    assert "stuk" not in tekst  # nothing of the error itself


def test_onverwachte_fout_in_de_api_geeft_problem_json(bezoeker):
    with mock.patch("stelselbeheer.register.api.zoeken", side_effect=RuntimeError("stuk")):
        body = _probleem(bezoeker.get("/api/aanbieders?q=zorg"), 500)
    assert body["title"] == "Interne fout" and "stuk" not in json.dumps(body)


def test_database_onbereikbaar_pagina_503_met_retry_after(bezoeker, database_weg):
    antwoord = bezoeker.get("/aanbiedersregister/")
    assert antwoord.status_code == 503
    assert int(antwoord["Retry-After"]) > 0
    tekst = antwoord.content.decode()
    assert '<html lang="nl">' in tekst and "Tijdelijk niet beschikbaar" in tekst


def test_database_onbereikbaar_voor_een_ingelogde_gebruiker(maak):
    """The session and the user are read in middleware, before any view: still the 503 page."""
    gebruiker = maak.gebruiker(Rol.UITVOERING, "medewerker")
    bezoeker = Client(raise_request_exception=False)
    bezoeker.force_login(gebruiker)
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("weg")):
        antwoord = bezoeker.get("/beheer/deelnemers/")
        api = bezoeker.get("/api/deelnemers")
    assert antwoord.status_code == 503 and "Tijdelijk niet beschikbaar" in antwoord.content.decode()
    _probleem(api, 503)


def test_database_onbereikbaar_api_503_problem_json(bezoeker, database_weg):
    antwoord = bezoeker.get("/api/aanbieders")
    body = _probleem(antwoord, 503)
    assert body["title"] == "Tijdelijk niet beschikbaar"
    assert int(antwoord["Retry-After"]) > 0


def test_leeft_zonder_database(bezoeker, database_weg):
    antwoord = bezoeker.get("/gezond/leeft")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "leeft"}
    assert "no-cache" in antwoord["Cache-Control"]


def test_klaar_controleert_de_database(bezoeker):
    antwoord = bezoeker.get("/gezond/klaar")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "klaar", "database": "bereikbaar"}
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("weg")):
        antwoord = bezoeker.get("/gezond/klaar")
    assert antwoord.status_code == 503
    assert antwoord.json()["database"] == "onbereikbaar"
    assert int(antwoord["Retry-After"]) > 0


def test_gezondheid_zonder_https_redirect(bezoeker, settings):
    """A probe on gunicorn's own port comes without the proxy's X-Forwarded-Proto: it must not be redirected."""
    settings.SECURE_SSL_REDIRECT = True
    assert bezoeker.get("/gezond/leeft").status_code == 200
    assert bezoeker.get("/gezond/klaar").status_code == 200
    assert bezoeker.get("/aanbiedersregister/").status_code == 301


def test_onbekend_api_adres_is_problem_json(bezoeker):
    body = _probleem(bezoeker.get("/api/bestaat-niet"), 404)
    assert body["title"] == "Niet gevonden"


def test_onbekende_methode_is_problem_json_met_allow(bezoeker):
    antwoord = bezoeker.delete("/api/aanbieders")
    body = _probleem(antwoord, 405)
    assert "GET" in antwoord["Allow"] and "GET" in body["detail"]


def test_onbekende_host_api_problem_json_en_pagina_nederlands(bezoeker):
    _probleem(bezoeker.get("/api/aanbieders", HTTP_HOST="aanvaller.example"), 400)
    pagina = bezoeker.get("/aanbiedersregister/", HTTP_HOST="aanvaller.example")
    assert pagina.status_code == 400 and "Ongeldig verzoek" in pagina.content.decode()


def test_bestaande_problem_json_blijft_ongewijzigd(bezoeker):
    body = _probleem(bezoeker.get("/api/gegevensdiensten/bestaat-niet"), 404)
    assert body["detail"] == "Er bestaat geen object met deze sleutel."


def test_csrf_fout_is_een_nederlandse_pagina(maak):
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=maak.deelnemer())
    bezoeker = Client(enforce_csrf_checks=True)
    antwoord = bezoeker.post("/inloggen/", {"username": "deelnemer", "password": "x"})
    assert antwoord.status_code == 403
    assert "Formulier verlopen of niet vertrouwd" in antwoord.content.decode()
