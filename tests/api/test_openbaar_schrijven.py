"""Public writes through a real HTTP server (MEL-OPENBAAR): a client without a session files a melding or an
application with plain JSON; a request with a session cookie is still CSRF-checked; every API error is
problem+json (MEL-MISBRUIK). Django's test client skips CSRF, so these go through pytest-django's live_server."""

import json
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.test import Client

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.meldingen.models import Melding

PROBLEM = "application/problem+json"
MELDING = {"soort": "vraag", "onderwerp": "ZAL ophalen", "omschrijving": "Hoe vaak mag ik pollen?",
           "melder_naam": "An", "melder_email": "an@vsv.nl"}
AANVRAAG = {"naam": "Nieuw PGO B.V.", "kvk_nummer": "12345678", "rollen": ["dvp"], "overeenkomstversie": "2.2",
            "contact_email": "a@nieuwpgo.nl"}


def _verzoek(url, data=None, *, methode="POST", koppen=None, ruw: bytes | None = None):
    """(status, headers, body) of one request without any cookie unless ``koppen`` sets one."""
    body = ruw if ruw is not None else (json.dumps(data).encode() if data is not None else None)
    verzoek = urllib.request.Request(url, data=body, method=methode,
                                     headers={"Content-Type": "application/json", **(koppen or {})})
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


def test_melding_zonder_sessie_over_http(live_server, transactional_db):
    """MEL-OPENBAAR: plain JSON, no cookie, no token: 201 (it was 403 "CSRF check Failed")."""
    status, koppen, body = _verzoek(f"{live_server.url}/api/meldingen", MELDING)
    assert status == 201, body
    antwoord = json.loads(body)
    assert Melding.objects.get().nummer == antwoord["nummer"] and len(antwoord["statuscode"]) >= 40
    status, _, body = _verzoek(f"{live_server.url}/api/meldingen/status/{antwoord['statuscode']}", methode="GET")
    assert status == 200 and json.loads(body)["nummer"] == antwoord["nummer"]


def test_aanmelding_zonder_sessie_over_http(live_server, transactional_db):
    """MEL-OPENBAAR: the public application takes plain JSON from any client."""
    status, _, body = _verzoek(f"{live_server.url}/api/aanmeldingen", AANVRAAG)
    assert status == 201, body
    assert json.loads(body)["status"] == "aangemeld"
    assert Deelnemer.objects.filter(organisatie__kvk_nummer="12345678").exists()


@pytest.mark.parametrize("pad,data", [("/api/meldingen", MELDING), ("/api/aanmeldingen", AANVRAAG)])
def test_met_sessiecookie_geldt_csrf(live_server, transactional_db, maak, client, pad, data):
    """MEL-OPENBAAR: a request that carries the session cookie acts in its user's name and is CSRF-checked, as
    a cross-site form would send it; with the token it goes through in that user's name."""
    gebruiker = maak.gebruiker(Rol.UITVOERING)
    client.force_login(gebruiker)
    sessie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status, koppen, body = _verzoek(f"{live_server.url}{pad}", data, koppen={"Cookie": sessie})
    assert status == 403 and koppen["Content-Type"] == PROBLEM
    assert "CSRF" in json.loads(body)["title"]
    assert not Melding.objects.exists() and not Deelnemer.objects.exists()
    token = "a" * 32
    status, _, body = _verzoek(f"{live_server.url}{pad}", data, koppen={
        "Cookie": f"{sessie}; {settings.CSRF_COOKIE_NAME}={token}", "X-CSRFToken": token})
    assert status == 201, body
    if pad == "/api/meldingen":
        assert Melding.objects.get().melder == gebruiker


def test_fouten_van_de_api_zijn_problem_json(live_server, transactional_db):
    """MEL-MISBRUIK: malformed JSON, a body over 2.5 MB (it was an HTML 400), an unknown path and a wrong method
    all answer problem+json; nothing is filed."""
    url = f"{live_server.url}/api/meldingen"
    status, koppen, body = _verzoek(url, ruw=b'{"soort": "vraag", ')
    assert (status, koppen["Content-Type"]) == (400, PROBLEM)
    assert json.loads(body)["errors"][0]["field"] == "body"
    groot = dict(MELDING, omschrijving="klik http://example.invalid/ " * 100_000)  # 3 MB
    status, koppen, body = _verzoek(url, groot)
    assert (status, koppen["Content-Type"]) == (413, PROBLEM), body[:200]
    assert json.loads(body)["status"] == 413
    status, koppen, _ = _verzoek(f"{live_server.url}/api/bestaat-niet", methode="GET")
    assert (status, koppen["Content-Type"]) == (404, PROBLEM)
    status, koppen, _ = _verzoek(url, MELDING, methode="PUT")
    assert (status, koppen["Content-Type"]) == (405, PROBLEM) and "POST" in koppen["Allow"]
    assert not Melding.objects.exists()


def test_openapi_toont_openbare_schrijfoperaties_met_hun_antwoorden(client, db):
    """MEL-OPENBAAR: the public writes need no security requirement (an empty one; the session is the
    alternative) and document every status they answer, errors as problem+json."""
    spec = client.get("/api/openapi.json").json()
    for pad in ("/api/meldingen", "/api/aanmeldingen"):
        operatie = spec["paths"][pad]["post"]
        assert {} in operatie["security"], pad
        antwoorden = operatie["responses"]
        assert {"201", "400", "403", "413", "422", "429"} <= set(antwoorden), pad
        for code in ("400", "403", "413", "422", "429"):
            assert "application/problem+json" in antwoorden[code]["content"], (pad, code)
        assert "Retry-After" in antwoorden["429"]["headers"]
    status = spec["paths"]["/api/meldingen/status/{code}"]["get"]["responses"]
    assert {"200", "404", "429"} <= set(status)


def test_limiet_over_http_geeft_429_met_retry_after(live_server, transactional_db, settings):
    """MEL-MISBRUIK: what a real client meets past the limit: 429 problem+json with Retry-After."""
    settings.LIMIETEN = {**settings.LIMIETEN, "schrijven": "2/h"}
    url = f"{live_server.url}/api/meldingen"
    assert [_verzoek(url, dict(MELDING, melder_email=f"m{i}@vsv.nl"))[0] for i in range(2)] == [201, 201]
    status, koppen, body = _verzoek(url, dict(MELDING, melder_email="m3@vsv.nl"))
    assert (status, koppen["Content-Type"]) == (429, PROBLEM) and int(koppen["Retry-After"]) > 0
    assert json.loads(body)["title"] == "Te veel verzoeken" and Melding.objects.count() == 2


def test_serverfout_in_de_api_is_problem_json(db, monkeypatch):
    """MEL-MISBRUIK: even a server error under /api/ is problem+json, without a traceback."""
    def kapot(**kwargs):
        raise RuntimeError("geheim detail")

    monkeypatch.setattr("stelselbeheer.meldingen.services.melding_indienen", kapot)
    r = Client(raise_request_exception=False).post("/api/meldingen", MELDING, content_type="application/json")
    assert (r.status_code, r["Content-Type"]) == (500, PROBLEM) and b"geheim" not in r.content
