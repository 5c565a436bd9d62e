"""Staff security: TOTP second factor for staff and board (TOE-2FA), set up only with a one-time enrolment code
that someone else issued (TOE-2FA-INSCHRIJVING), login throttling, session expiry, password rules."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stelselbeheer.kern.models import AuditEvent, Inschrijfcode
from stelselbeheer.kern.services import inschrijfcode_uitgeven
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


def _inschrijven(client, naam, code=None):
    """Hand in an enrolment code (issued from the command line unless given); returns the device it opened."""
    from stelselbeheer.kern.models import Gebruiker

    code = code or inschrijfcode_uitgeven(actor=None, gebruiker=Gebruiker.objects.get(username=naam))[1]
    r = client.post("/account/tweefactor/", {"inschrijfcode": code, "next": "/beheer/deelnemers/"})
    assert r.status_code == 302, r.content.decode()
    return TOTPDevice.objects.get(user__username=naam, confirmed=False)


def test_medewerker_moet_een_tweede_factor_instellen_en_gebruiken(client, wereld, aan):
    _inloggen(client, "medewerker")
    r = client.get("/beheer/deelnemers/")
    assert r.status_code == 302 and r["Location"].startswith("/account/tweefactor/")
    assert client.get("/api/deelnemers").status_code == 403
    _inschrijven(client, "medewerker")
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
    apparaat = _inschrijven(client, "bestuur")
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
    apparaat = _inschrijven(client, "medewerker")
    client.post("/account/tweefactor/", {"code": "000000"})
    assert client.post("/account/tweefactor/", {"code": _code(apparaat)}).status_code == 200  # throttled
    assert client.get("/beheer/deelnemers/").status_code == 302


def test_commando_geeft_de_code_en_herstelt(client, wereld, aan, capsys):
    _inloggen(client, "medewerker")
    apparaat = _inschrijven(client, "medewerker")
    client.post("/account/tweefactor/", {"code": _code(apparaat)})
    call_command("tweefactor", "code", "medewerker")
    code = capsys.readouterr().out.strip()
    assert code == _code(apparaat)
    call_command("tweefactor", "herstel", "medewerker")
    assert not TOTPDevice.objects.exists()
    assert AuditEvent.objects.filter(actie="gebruiker.tweede_factor_hersteld").exists()


# ---- enrolment only with a one-time code from someone else (TOE-2FA-INSCHRIJVING) ----

def test_zonder_inschrijfcode_geen_geheime_sleutel(client, wereld, aan):
    """TOE-2FA-INSCHRIJVING: the password alone never shows a new TOTP secret; the page says whom to ask."""
    _inloggen(client, "medewerker")
    r = client.get("/account/tweefactor/?next=/beheer/deelnemers/")
    pagina = r.content.decode()
    assert r.status_code == 200 and "Geheime sleutel" not in pagina and "<svg" not in pagina
    assert "inschrijfcode" in pagina and "collega van de uitvoeringsorganisatie" in pagina
    assert "stelsel tweefactor inschrijfcode medewerker" in pagina
    assert not TOTPDevice.objects.exists()
    r = client.post("/account/tweefactor/", {"inschrijfcode": "ABCD-EFGH-JKMN-PQRS"})
    assert r.status_code == 200 and "Geheime sleutel" not in r.content.decode()
    assert "klopt niet" in r.content.decode() and not TOTPDevice.objects.exists()
    r = client.post("/account/tweefactor/", {"code": "123456"})  # a TOTP code without a device: still the code form
    assert "Geheime sleutel" not in r.content.decode() and not TOTPDevice.objects.exists()
    assert client.get("/beheer/deelnemers/").status_code == 302


def _met_tweede_factor(client, gebruiker):
    """Logged in with password and second factor (a confirmed device, verified in this session)."""
    client.force_login(gebruiker)
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="app", confirmed=True)
    sessie = client.session
    sessie["otp_device_id"] = apparaat.persistent_id
    sessie.save()


def test_inschrijfcode_van_een_collega_werkt_eenmaal(client, wereld, aan, maak):
    """Issued by another staff member on the account page; shown once; stored hashed; used once; recorded."""
    collega = maak.gebruiker("uitvoering", "collega")
    beheer = Client()
    _met_tweede_factor(beheer, collega)
    doel = wereld["gebruikers"]["uitvoering"]
    r = beheer.post(f"/beheer/accounts/{doel.pk}/")
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    code = r.content.decode().split("<strong><code>")[1].split("</code>")[0]
    inschrijving = Inschrijfcode.objects.get(gebruiker=doel)
    assert inschrijving.uitgegeven_door == collega and code not in inschrijving.code_sha256
    assert inschrijving.geldig_tot - inschrijving.uitgegeven_op == dt.timedelta(hours=72)
    assert code not in beheer.get(f"/beheer/accounts/{doel.pk}/").content.decode()  # once

    _inloggen(client, "medewerker")
    _inschrijven(client, "medewerker", code.lower().replace("-", " "))  # typed loosely: still the code
    assert "Geheime sleutel" in client.get("/account/tweefactor/").content.decode()
    ander = Client()  # the same password elsewhere, with the same code: nothing
    _inloggen(ander, "medewerker")
    r = ander.post("/account/tweefactor/", {"inschrijfcode": code})
    assert "klopt niet" in r.content.decode() and "Geheime sleutel" not in r.content.decode()
    assert "Geheime sleutel" not in ander.get("/account/tweefactor/").content.decode()
    acties = list(AuditEvent.objects.filter(actie__startswith="gebruiker.inschrijfcode").order_by("volgnummer")
                  .values_list("actie", "actor_id"))
    assert acties == [("gebruiker.inschrijfcode_uitgegeven", collega.pk), ("gebruiker.inschrijfcode_gebruikt", doel.pk)]


def test_niemand_geeft_zichzelf_een_inschrijfcode(client, wereld, aan):
    medewerker = wereld["gebruikers"]["uitvoering"]
    with pytest.raises(PermissionDenied):
        inschrijfcode_uitgeven(actor=medewerker, gebruiker=medewerker)
    with pytest.raises(PermissionDenied):  # the board may not issue codes at all
        inschrijfcode_uitgeven(actor=wereld["gebruikers"]["bestuur"], gebruiker=medewerker)
    _met_tweede_factor(client, medewerker)
    bestuur = wereld["gebruikers"]["bestuur"]
    assert "Inschrijfcode aanmaken" in client.get(f"/beheer/accounts/{bestuur.pk}/").content.decode()
    assert client.post(f"/beheer/accounts/{medewerker.pk}/").status_code == 403
    assert not Inschrijfcode.objects.exists()


def test_inschrijfcode_verloopt_en_een_nieuwe_vervangt_de_oude(client, wereld, aan):
    doel = wereld["gebruikers"]["bestuur"]
    _, oud = inschrijfcode_uitgeven(actor=None, gebruiker=doel)
    _, nieuw = inschrijfcode_uitgeven(actor=None, gebruiker=doel)
    _inloggen(client, "bestuur")
    assert "klopt niet" in client.post("/account/tweefactor/", {"inschrijfcode": oud}).content.decode()
    Inschrijfcode.objects.filter(ingetrokken_op__isnull=True).update(geldig_tot=timezone.now())
    assert "klopt niet" in client.post("/account/tweefactor/", {"inschrijfcode": nieuw}).content.decode()
    assert not TOTPDevice.objects.exists()


def test_geen_inschrijfcode_voor_wie_hem_niet_nodig_heeft_of_al_een_factor_heeft(wereld, aan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        inschrijfcode_uitgeven(actor=None, gebruiker=wereld["gebruikers"]["auditor"])
    TOTPDevice.objects.create(user=wereld["gebruikers"]["bestuur"], name="app", confirmed=True)
    with pytest.raises(ValidationError) as fout:
        inschrijfcode_uitgeven(actor=None, gebruiker=wereld["gebruikers"]["bestuur"])
    assert "herstel" in str(fout.value)
    assert not Inschrijfcode.objects.exists()


def test_commando_geeft_een_inschrijfcode(client, wereld, aan, capsys):
    call_command("tweefactor", "herstel", "medewerker")
    assert "inschrijfcode" in capsys.readouterr().out
    call_command("tweefactor", "inschrijfcode", "medewerker")
    uit = capsys.readouterr().out
    code = uit.split("medewerker: ")[1].split()[0]
    assert "Eenmalig, geldig tot" in uit
    assert AuditEvent.objects.get(actie="gebruiker.inschrijfcode_uitgegeven").actor_naam != "medewerker"
    _inloggen(client, "medewerker")
    apparaat = _inschrijven(client, "medewerker", code)
    r = client.post("/account/tweefactor/", {"code": _code(apparaat), "next": "/beheer/deelnemers/"})
    assert r.status_code == 302 and client.get("/beheer/deelnemers/").status_code == 200
