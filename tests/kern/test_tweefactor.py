"""Staff security: TOTP second factor for staff and board (TOE-2FA), login throttling, session expiry,
password rules."""

import pytest
from django.conf import settings as django_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stelselbeheer.kern.models import AuditEvent
from tests.conftest import WACHTWOORD


@pytest.fixture
def aan(settings):
    settings.TWEEFACTOR_ROLLEN = {"bestuur", "uitvoering"}
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # throttling after a wrong code has its own test


def _code(apparaat, verschuiving=0):
    return f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift + verschuiving):06d}"


def _inloggen(client, naam):
    r = client.post("/inloggen/", {"username": naam, "password": WACHTWOORD, "next": "/beheer/deelnemers/"})
    assert r.status_code == 302
    return r


def test_medewerker_moet_een_tweede_factor_instellen_en_gebruiken(client, wereld, aan):
    _inloggen(client, "medewerker")
    r = client.get("/beheer/deelnemers/")
    assert r.status_code == 302 and r["Location"].startswith("/account/tweefactor/")
    assert client.get("/api/deelnemers").status_code == 403
    pagina = client.get("/account/tweefactor/?next=/beheer/deelnemers/").content.decode()
    assert "<svg" in pagina and "Geheime sleutel" in pagina
    apparaat = TOTPDevice.objects.get(user__username="medewerker")
    r = client.post("/account/tweefactor/", {"code": "000000", "next": "/beheer/deelnemers/"})
    assert r.status_code == 200 and "klopt niet" in r.content.decode() and not TOTPDevice.objects.get().confirmed
    r = client.post("/account/tweefactor/", {"code": _code(apparaat), "next": "/beheer/deelnemers/"})
    assert r.status_code == 302 and r["Location"] == "/beheer/deelnemers/"
    assert client.get("/beheer/deelnemers/").status_code == 200
    assert AuditEvent.objects.filter(actie="gebruiker.tweede_factor_ingesteld").count() == 1

    client.post("/uitloggen/")
    assert client.get("/beheer/deelnemers/").status_code == 302
    _inloggen(client, "medewerker")
    pagina = client.get("/account/tweefactor/").content.decode()
    assert "Geheime sleutel" not in pagina  # set up once; now only the code
    assert client.get("/beheer/audit/").status_code == 302


def test_naar_buiten_doorsturen_na_de_tweede_factor_kan_niet(client, wereld, aan):
    _inloggen(client, "bestuur")
    client.get("/account/tweefactor/")
    apparaat = TOTPDevice.objects.get(user__username="bestuur")
    r = client.post("/account/tweefactor/", {"code": _code(apparaat), "next": "https://elders.example/"})
    assert r["Location"] == "/"


@pytest.mark.parametrize("rol", ["deelnemer", "regio", "auditor"])
def test_andere_rollen_hebben_geen_tweede_factor_nodig(client, wereld, aan, rol):
    naam = {"deelnemer": "deelnemer", "regio": "regio", "auditor": "auditor"}[rol]
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/").status_code == 200 and not TOTPDevice.objects.exists()
    assert naam


def test_inloggen_wordt_na_vijf_fouten_geblokkeerd(client, wereld, settings):
    settings.AXES_ENABLED = True
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        r = client.post("/inloggen/", {"username": "medewerker", "password": "fout-wachtwoord"})
        assert r.status_code == 200 and "juiste gebruikersnaam" in r.content.decode()
    r = client.post("/inloggen/", {"username": "medewerker", "password": "fout-wachtwoord"})
    assert r.status_code == 429
    r = client.post("/inloggen/", {"username": "medewerker", "password": WACHTWOORD})
    assert r.status_code == 429 and "Te veel mislukte inlogpogingen" in r.content.decode()


def test_sessies_verlopen_en_wachtwoorden_hebben_regels(wereld):
    from django.core.exceptions import ValidationError

    from stelselbeheer.kern.services import gebruiker_aanmaken

    assert django_settings.SESSION_COOKIE_AGE <= 8 * 3600 and django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(actor=None, gebruikersnaam="kort", wachtwoord="welkom", rol="uitvoering")
    assert "wachtwoord" in fout.value.message_dict


def test_na_een_foute_code_even_wachten(client, wereld, settings):
    settings.TWEEFACTOR_ROLLEN = {"uitvoering"}
    _inloggen(client, "medewerker")
    client.get("/account/tweefactor/")
    apparaat = TOTPDevice.objects.get()
    client.post("/account/tweefactor/", {"code": "000000"})
    assert client.post("/account/tweefactor/", {"code": _code(apparaat)}).status_code == 200  # throttled
    assert client.get("/beheer/deelnemers/").status_code == 302


def test_commando_geeft_de_code_en_herstelt(client, wereld, aan, capsys):
    from django.core.management import call_command

    _inloggen(client, "medewerker")
    client.get("/account/tweefactor/")
    apparaat = TOTPDevice.objects.get()
    client.post("/account/tweefactor/", {"code": _code(apparaat)})
    call_command("tweefactor", "code", "medewerker")
    code = capsys.readouterr().out.strip()
    assert code == _code(apparaat)
    call_command("tweefactor", "herstel", "medewerker")
    assert not TOTPDevice.objects.exists()
    assert AuditEvent.objects.filter(actie="gebruiker.tweede_factor_hersteld").exists()
