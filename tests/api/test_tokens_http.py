"""API tokens through a real HTTP server (API-TOKEN, API-TOKEN-CSRF): Django's test client skips CSRF checks, so
these go through pytest-django's live_server with urllib, as a participant's system would."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from stelselbeheer.kern.models import ApiToken, AuditEvent
from stelselbeheer.kern.rollen import Actie, Rol
from stelselbeheer.kern.services import api_token_aanmaken, api_token_intrekken
from stelselbeheer.meldingen.models import Melding

MELDING = {"soort": "vraag", "onderwerp": "ZAL ophalen", "omschrijving": "Hoe vaak mag ik pollen?",
           "melder_naam": "Koppeling", "melder_email": "koppeling@zorgictnoord.nl"}


def _verzoek(url, data=None, *, methode="GET", koppen=None):
    body = json.dumps(data).encode() if data is not None else None
    verzoek = urllib.request.Request(url, data=body, method=methode,
                                     headers={"Content-Type": "application/json", **(koppen or {})})
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


def test_token_over_http_zonder_csrf_en_met_audit(live_server, wereld, transactional_db):
    """A participant's system: reads its participant and files a melding with only the Bearer header (no cookie,
    no CSRF token); the audit event names the token; after revoking, 401."""
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, waarde = api_token_aanmaken(actor=deelnemer, eigenaar=deelnemer, naam="Koppeling",
                                       acties=[Actie.EIGEN_DEELNEMER_LEZEN, Actie.MELDING_INDIENEN])
    bearer = {"Authorization": f"Bearer {waarde}"}
    status, koppen, body = _verzoek(f"{live_server.url}/api/mijn/deelnemer", koppen=bearer)
    assert status == 200 and json.loads(body)["id"] == wereld["dva"].pk
    assert "Set-Cookie" not in koppen  # a token call opens no session
    status, _, body = _verzoek(f"{live_server.url}/api/meldingen", MELDING, methode="POST", koppen=bearer)
    assert status == 201, body
    melding = Melding.objects.get(nummer=json.loads(body)["nummer"])
    event = AuditEvent.objects.filter(object_type="meldingen.melding", object_id=str(melding.pk)).first()
    assert event.actor == deelnemer and f"API-token stb_{token.publiek_id}" in event.actor_naam
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None
    # outside its scope: the role may read its change requests, this token may not
    status, koppen, body = _verzoek(f"{live_server.url}/api/mijn/verzoeken", koppen=bearer)
    assert status == 403 and koppen["Content-Type"] == "application/problem+json"
    api_token_intrekken(actor=deelnemer, token=token)
    status, koppen, body = _verzoek(f"{live_server.url}/api/mijn/deelnemer", koppen=bearer)
    assert status == 401 and koppen["WWW-Authenticate"].startswith("Bearer")
    assert "ingetrokken" in json.loads(body)["detail"]


def test_sessie_vraagt_nog_wel_csrf_en_token_niet(live_server, wereld, transactional_db, client):
    """API-TOKEN-CSRF: with the session cookie a writing call without CSRF token is refused (a cross-site form could
    send that cookie); the same call with the Bearer header goes through, even if the cookie comes along."""
    regio = wereld["gebruikers"][Rol.REGIO]
    client.force_login(regio)
    sessie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
    status, _, body = _verzoek(f"{live_server.url}/api/meldingen", MELDING, methode="POST", koppen=sessie)
    assert status == 403 and json.loads(body)["type"].endswith("/csrf")
    assert not Melding.objects.exists()
    _, waarde = api_token_aanmaken(actor=regio, eigenaar=regio, naam="Regiodesk", acties=[Actie.MELDING_INDIENEN])
    status, _, body = _verzoek(f"{live_server.url}/api/meldingen", MELDING, methode="POST",
                               koppen={**sessie, "Authorization": f"Bearer {waarde}"})
    assert status == 201, body
    assert ApiToken.objects.get().laatst_gebruikt_op is not None


def test_zonder_sessie_en_zonder_token_401_niet_403(live_server, wereld, transactional_db):
    """A writing call with neither session nor token is simply not logged in (it was 403 "CSRF check Failed")."""
    status, koppen, body = _verzoek(f"{live_server.url}/api/organisaties", {"naam": "X"}, methode="POST")
    assert status == 401 and koppen["Content-Type"] == "application/problem+json", body
