"""API tokens for participants' and regions' systems (rules API-TOKEN, API-TOKEN-SCOPE, API-TOKEN-AUDIT): made by
the organisation's own users or by staff, hashed, shown once, expiring, revocable, their last use recorded; a call
with a token acts as the token's account within the token's actions."""

import datetime as dt
import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stelselbeheer.kern.models import ApiToken, AuditEvent
from stelselbeheer.kern.rollen import Actie, Rol
from stelselbeheer.kern.services import api_token_aanmaken, api_token_intrekken
from stelselbeheer.kern.tokens import VOORVOEGSEL, toegestane_acties

PROBLEM = "application/problem+json"
VERZOEK = {"soort": "oauthclient_nieuw", "gegevens": {"hostname": "app.zorgictnoord.nl", "organisatienaam": "ZIN"}}


def _token(gebruiker, acties=None, **kw):
    return api_token_aanmaken(actor=kw.pop("actor", gebruiker), eigenaar=gebruiker, naam=kw.pop("naam", "Koppeling"),
                              acties=acties if acties is not None else toegestane_acties(gebruiker), **kw)


def _bearer(waarde):
    return {"HTTP_AUTHORIZATION": f"Bearer {waarde}"}


# ---- lifecycle ----

def test_token_wordt_gehasht_bewaard_en_eenmaal_teruggegeven(wereld):
    """API-TOKEN: a recognisable prefix and public id, 256 random bits; only the SHA-256 is stored."""
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, waarde = _token(deelnemer, [Actie.EIGEN_DEELNEMER_LEZEN])
    assert waarde.startswith(f"{VOORVOEGSEL}{token.publiek_id}_") and len(waarde) == 4 + 10 + 1 + 43
    token.refresh_from_db()
    assert token.geheim_sha256 == hashlib.sha256(waarde.encode()).hexdigest()
    opgeslagen = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert not any(waarde in v or waarde.split("_", 2)[2] in v for v in opgeslagen)
    assert token.deelnemer == wereld["dva"] and token.rso is None and token.aangemaakt_door == deelnemer
    event = AuditEvent.objects.filter(actie="api_token.aangemaakt").get()
    assert waarde.split("_", 2)[2] not in str(event.na) and event.na["acties"] == [Actie.EIGEN_DEELNEMER_LEZEN]


def test_token_werkt_en_legt_laatste_gebruik_vast(client, wereld):
    token, waarde = _token(wereld["gebruikers"][Rol.DEELNEMER])
    assert token.laatst_gebruikt_op is None
    r = client.get("/api/mijn/deelnemer", **_bearer(waarde))
    assert r.status_code == 200 and r.json()["id"] == wereld["dva"].pk
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None
    eerst = token.laatst_gebruikt_op
    client.get("/api/mijn/deelnemer", **_bearer(waarde))
    token.refresh_from_db()
    assert token.laatst_gebruikt_op == eerst  # at most once a minute: no write on every call


@pytest.mark.parametrize("stand", ["verlopen", "ingetrokken", "inactief", "verhuisd", "fout", "onbekend"])
def test_onbruikbaar_token_geeft_401(client, wereld, maak, stand):
    """API-TOKEN: expired, revoked, inactive account, account moved to another participant, a wrong secret or no
    such token: 401 problem+json with WWW-Authenticate: Bearer, also on a public operation."""
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, waarde = _token(deelnemer)
    if stand == "verlopen":
        ApiToken.objects.filter(pk=token.pk).update(geldig_tot=timezone.now() - dt.timedelta(seconds=1))
    elif stand == "ingetrokken":
        api_token_intrekken(actor=deelnemer, token=token)
    elif stand == "inactief":
        deelnemer.is_active = False
        deelnemer.save()
    elif stand == "verhuisd":
        deelnemer.deelnemer = wereld["dvp"]
        deelnemer.save()
    elif stand == "fout":
        waarde = waarde[:-4] + ("AAAA" if not waarde.endswith("AAAA") else "BBBB")
    else:
        waarde = "stb_0123456789_" + "x" * 43
    for pad in ("/api/mijn/deelnemer", "/api/aanbieders"):
        r = client.get(pad, **_bearer(waarde))
        assert r.status_code == 401 and r["Content-Type"] == PROBLEM, (pad, r.content)
        assert r["WWW-Authenticate"].startswith("Bearer")
    reden = r.json()["detail"]
    verwacht = {"verlopen": "verlopen", "ingetrokken": "ingetrokken", "inactief": "niet meer actief",
                "verhuisd": "hoort niet meer", "fout": "onbekend", "onbekend": "onbekend"}[stand]
    assert verwacht in reden


def test_intrekken_door_collega_en_niet_door_een_andere_deelnemer(wereld, maak):
    """API-TOKEN: a participant's users manage their participant's tokens, also a colleague's; not another's."""
    eigenaar = wereld["gebruikers"][Rol.DEELNEMER]
    collega = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dva"])
    ander = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"])
    token, _ = _token(eigenaar)
    with pytest.raises(PermissionDenied):
        api_token_intrekken(actor=ander, token=token)
    api_token_intrekken(actor=collega, token=token, reden="Koppeling vervangen")
    token.refresh_from_db()
    assert token.ingetrokken_door == collega and token.stand(timezone.now()) == "ingetrokken"
    assert AuditEvent.objects.filter(actie="api_token.ingetrokken", reden="Koppeling vervangen").exists()
    with pytest.raises(ValidationError):
        api_token_intrekken(actor=collega, token=token)


# ---- who makes which token (API-TOKEN-SCOPE) ----

def test_scope_niet_meer_dan_de_rol(wereld):
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    for acties in ([Actie.DEELNEMER_WIJZIGEN], [Actie.API_TOKEN_BEHEREN], [], ["bestaat.niet"]):
        with pytest.raises(ValidationError) as fout:
            _token(deelnemer, acties)
        assert "acties" in fout.value.message_dict
    assert ApiToken.objects.count() == 0


def test_geldigheid_standaard_en_maximum(wereld, settings):
    settings.API_TOKEN_GELDIG_DAGEN, settings.API_TOKEN_MAX_DAGEN = 30, 60
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, _ = _token(deelnemer)
    assert dt.timedelta(days=29) < token.geldig_tot - timezone.now() <= dt.timedelta(days=30)
    for te_ver in (timezone.now() + dt.timedelta(days=61), timezone.now() - dt.timedelta(minutes=1)):
        with pytest.raises(ValidationError) as fout:
            _token(deelnemer, geldig_tot=te_ver)
        assert "geldig_tot" in fout.value.message_dict


def test_wie_maakt_welk_token(wereld, maak):
    """Own account: participant and region users; staff who manage accounts: for a participant's or region's
    account only, never a board or staff account; roles without the right: none."""
    g = wereld["gebruikers"]
    _token(g[Rol.REGIO])
    token, _ = _token(g[Rol.DEELNEMER], actor=g[Rol.UITVOERING])
    assert token.aangemaakt_door == g[Rol.UITVOERING]
    for actor, eigenaar in ((g[Rol.UITVOERING], g[Rol.BESTUUR]), (g[Rol.UITVOERING], g[Rol.UITVOERING]),
                            (g[Rol.BESTUUR], g[Rol.BESTUUR]), (g[Rol.AUDITOR], g[Rol.AUDITOR]),
                            (g[Rol.DEELNEMER], maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dva"])),
                            (g[Rol.REGIO], g[Rol.DEELNEMER])):
        with pytest.raises(PermissionDenied):
            _token(eigenaar, [Actie.KENNISBANK_LEZEN], actor=actor)
    # the server's command line (actor=None) may make one for any account, e.g. for the board's own tooling
    _token(g[Rol.BESTUUR], actor=None)


# ---- using a token ----

def test_actie_buiten_de_scope_geeft_403_ook_als_de_rol_hem_heeft(client, wereld):
    """API-TOKEN-SCOPE: the participant's role may submit change requests; this token may only read."""
    token, waarde = _token(wereld["gebruikers"][Rol.DEELNEMER], [Actie.EIGEN_DEELNEMER_LEZEN])
    assert client.get("/api/mijn/deelnemer", **_bearer(waarde)).status_code == 200
    for r in (client.get("/api/mijn/verzoeken", **_bearer(waarde)),
              client.post("/api/mijn/verzoeken", VERZOEK, content_type="application/json", **_bearer(waarde))):
        assert r.status_code == 403 and r["Content-Type"] == PROBLEM
        assert "buiten zijn acties" in r.json()["detail"]
    assert not wereld["dva"].verzoeken.exists()


def test_scope_geldt_ook_in_de_service(client, wereld):
    """API-TOKEN-SCOPE: the workflow step's own right is checked in the service (kan), which meets the scope too: a
    staff token that may read participants cannot take a step of the admission workflow."""
    token, waarde = _token(wereld["gebruikers"][Rol.UITVOERING], [Actie.DEELNEMER_LEZEN], actor=None)
    r = client.post(f"/api/deelnemers/{wereld['dva'].pk}/overgangen", {"overgang": "uittreding_starten"},
                    content_type="application/json", **_bearer(waarde))
    assert r.status_code == 403, r.content
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == "actief"


def test_token_van_een_deelnemer_raakt_geen_andere_deelnemer(client, wereld, maak):
    """The token acts with its account's object scope: its own participant only."""
    from stelselbeheer.naleving.services import zaak_openen

    _, waarde = _token(wereld["gebruikers"][Rol.DEELNEMER])
    zaak_ander = zaak_openen(actor=None, deelnemer=wereld["dvp"], verplichting="NAL-365", omstandigheden="x")
    assert client.get(f"/api/deelnemers/{wereld['dvp'].pk}", **_bearer(waarde)).status_code == 403
    assert client.get("/api/mijn/zaken", **_bearer(waarde)).json() == []
    r = client.post(f"/api/mijn/zaken/{zaak_ander.nummer}/toelichting",
                    {"maatregelen": "Overgenomen", "maatregelen_termijn": "2026-12-31"},
                    content_type="application/json", **_bearer(waarde))
    assert r.status_code == 404 and r["Content-Type"] == PROBLEM
    assert client.get("/api/mijn/deelnemer", **_bearer(waarde)).json()["id"] == wereld["dva"].pk


def test_auditevent_noemt_het_token(client, wereld):
    """API-TOKEN-AUDIT: a change through a token is the account's, and names the token (in the hashed content)."""
    from stelselbeheer.kern.audit import verifieer

    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, waarde = _token(deelnemer)
    melding = {"soort": "vraag", "onderwerp": "ZAL ophalen", "omschrijving": "Hoe vaak mag ik pollen?",
               "melder_naam": "An", "melder_email": "an@zorgictnoord.nl"}
    r = client.post("/api/meldingen", melding, content_type="application/json", **_bearer(waarde))
    assert r.status_code == 201, r.content
    event = AuditEvent.objects.order_by("-volgnummer").first()
    assert event.actor == deelnemer
    assert event.actor_naam == f"deelnemer (API-token stb_{token.publiek_id})"
    assert verifieer().in_orde


def test_mislukte_pogingen_worden_begrensd(client, wereld, settings):
    """API-TOKEN: failed token attempts per client address are limited; then every token call gets 429 with
    Retry-After until the window ends, a valid token too."""
    settings.LIMIETEN = {**settings.LIMIETEN, "token": "3/h"}
    _, waarde = _token(wereld["gebruikers"][Rol.DEELNEMER])
    for _ in range(3):
        assert client.get("/api/mijn/deelnemer", **_bearer("stb_fout")).status_code == 401
    for w in ("stb_fout", waarde):
        r = client.get("/api/mijn/deelnemer", **_bearer(w))
        assert r.status_code == 429 and r["Content-Type"] == PROBLEM and int(r["Retry-After"]) > 0
    assert client.get("/api/aanbieders").status_code == 200  # without a token nothing changes


def test_andere_authorization_dan_bearer_telt_niet_als_token(client, wereld):
    r = client.get("/api/mijn/deelnemer", HTTP_AUTHORIZATION="Basic ZGVlbG5lbWVyOng=")
    assert r.status_code == 401 and "WWW-Authenticate" not in r


# ---- the pages ----

def test_deelnemer_maakt_token_in_het_portaal_en_ziet_het_eenmaal(client, wereld):
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])
    r = client.post("/mijn/api-tokens/", {"naam": "Koppeling productie",
                                          "acties": [Actie.EIGEN_DEELNEMER_LEZEN, Actie.VERZOEK_INDIENEN]})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    pagina = r.content.decode()
    waarde = re.search(r"stb_[0-9a-f]{10}_[A-Za-z0-9_-]{43}", pagina).group(0)
    assert token.geheim_sha256 == hashlib.sha256(waarde.encode()).hexdigest()
    assert "curl -H" in pagina and "mijn/deelnemer" in pagina
    assert waarde not in client.get("/mijn/api-tokens/").content.decode()  # shown once
    assert token.eigenaar == wereld["gebruikers"][Rol.DEELNEMER] and sorted(token.acties) == sorted(
        [Actie.EIGEN_DEELNEMER_LEZEN, Actie.VERZOEK_INDIENEN])


def test_pagina_weigert_te_ruime_scope(client, wereld):
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])
    r = client.post("/mijn/api-tokens/", {"naam": "Te ruim", "acties": [Actie.DEELNEMER_WIJZIGEN]})
    assert r.status_code == 422 and not ApiToken.objects.exists()


def test_intrekken_via_de_pagina(client, wereld):
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    token, waarde = _token(deelnemer)
    client.force_login(deelnemer)
    pad = f"/mijn/api-tokens/{token.pk}/intrekken/"
    assert "intrekken" in client.get(pad).content.decode()
    r = client.post(pad, {"reden": "Systeem uitgefaseerd"})
    assert r.status_code == 302 and r["Location"] == "/mijn/api-tokens/"
    token.refresh_from_db()
    assert token.ingetrokken_op is not None
    client.logout()
    assert client.get("/api/mijn/deelnemer", **_bearer(waarde)).status_code == 401


def test_tokens_van_een_andere_organisatie_zijn_onzichtbaar(client, wereld, maak):
    ander = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"])
    token, _ = _token(ander, naam="Koppeling van de ander")
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])
    assert "Koppeling van de ander" not in client.get("/mijn/api-tokens/").content.decode()
    assert client.post(f"/mijn/api-tokens/{token.pk}/intrekken/").status_code == 404
    client.force_login(wereld["gebruikers"][Rol.REGIO])
    assert client.get("/mijn/api-tokens/").status_code == 403  # a region's user has /regio/api-tokens/
    assert client.get("/regio/api-tokens/").status_code == 200


def test_medewerker_geeft_token_uit_voor_een_regioaccount(client, wereld):
    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    regio = wereld["gebruikers"][Rol.REGIO]
    r = client.post("/beheer/api-tokens/", {"eigenaar": regio.pk, "naam": "Regiodesk",
                                            "acties": [Actie.MELDINGEN_BEHANDELEN]})
    assert r.status_code == 200, r.content.decode()
    token = ApiToken.objects.get()
    assert token.eigenaar == regio and token.rso == wereld["rso"] and token.aangemaakt_door.rol == Rol.UITVOERING
    r = client.post("/beheer/api-tokens/", {"eigenaar": wereld["gebruikers"][Rol.BESTUUR].pk, "naam": "Bestuur",
                                            "acties": [Actie.KENNISBANK_LEZEN]})
    assert r.status_code == 422 and ApiToken.objects.count() == 1  # not a choice: participants' and regions' only


def test_opdrachtregel_maakt_lijst_en_trekt_in(client, wereld, capsys):
    """API-TOKEN: on the server, a token for any account, also the board's (the portal gives staff none)."""
    from django.core.management import call_command

    call_command("tokens", "aanmaken", "bestuur", "--naam", "Rapportage", "--actie", Actie.AUDIT_LEZEN)
    waarde = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert token.eigenaar.username == "bestuur" and token.acties == [Actie.AUDIT_LEZEN]
    assert token.aangemaakt_door is None
    assert client.get("/api/audit/verificatie", **_bearer(waarde)).status_code == 200
    assert client.get("/api/deelnemers", **_bearer(waarde)).status_code == 403  # outside the scope
    call_command("tokens", "lijst")
    assert f"stb_{token.publiek_id}" in capsys.readouterr().out
    call_command("tokens", "intrekken", f"stb_{token.publiek_id}", "--reden", "Klaar")
    assert client.get("/api/audit/verificatie", **_bearer(waarde)).status_code == 401
