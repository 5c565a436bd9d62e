"""Safe settings for production behind a TLS proxy (issue 15): the documented production environment
(deploy/stelselbeheer.env.voorbeeld) passes `stelsel check --deploy`; the proxy header, trusted origins,
Secure cookies and HSTS come from the environment; login throttling sees the client behind the proxy."""

import json
import os
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from axes.helpers import get_client_ip_address
from django.test import Client, RequestFactory

from stelselbeheer.kern.rollen import Rol
from tests.conftest import WACHTWOORD

# settings and the production check, not the database engine: in the SQLite round only (make test)
pytestmark = pytest.mark.eenmaal

VOORBEELD = Path(__file__).resolve().parents[2] / "deploy" / "stelselbeheer.env.voorbeeld"

def _zonder_ontwikkeling() -> dict[str, str]:
    """This process's environment without what development and the test run set (STELSEL_*, DJANGO_* such as
    the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, DATABASE_URL)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("STELSEL_", "DJANGO_")) and k != "DATABASE_URL"}


def productieomgeving(tmp_path, **extra) -> dict[str, str]:
    """The environment as production has it: the documented file plus a secret key, nothing of development."""
    env = _zonder_ontwikkeling()
    for regel in VOORBEELD.read_text(encoding="utf-8").splitlines():
        if regel.strip() and not regel.lstrip().startswith("#"):
            naam, _, waarde = regel.partition("=")
            env[naam.strip()] = waarde.strip()
    env.update(STELSEL_SECRET_KEY=secrets.token_urlsafe(64), STELSEL_VAR_DIR=str(tmp_path),
               STELSEL_STATIC_ROOT=str(tmp_path / "static"), DJANGO_SETTINGS_MODULE="stelselbeheer.settings")
    env.update(extra)
    return env


def _stelsel(*args, env):
    stelsel = shutil.which("stelsel", path=str(Path(sys.executable).parent)) or "stelsel"
    return subprocess.run([stelsel, *args], env=env, capture_output=True, text=True, timeout=120)


def _instellingen(env, *namen):
    code = ("import json; from django.conf import settings; "
            f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(namen)!r}}}))")
    uit = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout)


def test_check_deploy_is_schoon_met_de_gedocumenteerde_productieomgeving(tmp_path):
    uit = _stelsel("check", "--deploy", "--fail-level", "WARNING", env=productieomgeving(tmp_path))
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "System check identified no issues" in uit.stdout


def test_check_deploy_meldt_wat_ontbreekt_zonder_die_omgeving(tmp_path):
    """The check is not toothless: without the proxy/HTTPS settings it names what is missing."""
    env = {k: v for k, v in productieomgeving(tmp_path).items()
           if not k.startswith(("STELSEL_HSTS", "STELSEL_SSL", "STELSEL_SECURE"))}
    env["STELSEL_SECURE_COOKIES"] = "0"
    uit = _stelsel("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert uit.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in uit.stderr + uit.stdout


def test_instellingen_uit_de_omgeving(tmp_path):
    waarden = _instellingen(productieomgeving(tmp_path, STELSEL_HSTS_SECONDS="600"),
                            "SECURE_PROXY_SSL_HEADER", "CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_SECURE",
                            "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                            "SECURE_SSL_REDIRECT", "PROXY_AANTAL", "DEBUG")
    assert waarden == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://stelsel.example.nl"], "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True, "PROXY_AANTAL": 1, "DEBUG": False}


def test_smtp_uit_de_omgeving(tmp_path):
    """SMTP server, login, TLS and sender come from the environment (before: only the backend; localhost:25)."""
    waarden = _instellingen(productieomgeving(tmp_path, STELSEL_EMAIL_HOST="smtp.example.nl", STELSEL_EMAIL_PORT="587",
                                              STELSEL_EMAIL_USER="stelsel", STELSEL_EMAIL_PASSWORD="geheim",
                                              STELSEL_EMAIL_TLS="1",
                                              STELSEL_EMAIL_AFZENDER="MedMij <noreply@example.nl>"),
                            "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
                            "EMAIL_USE_TLS", "EMAIL_USE_SSL", "DEFAULT_FROM_EMAIL", "EMAIL_TIMEOUT")
    assert waarden == {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "smtp.example.nl",
                       "EMAIL_PORT": 587, "EMAIL_HOST_USER": "stelsel", "EMAIL_HOST_PASSWORD": "geheim",
                       "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False,
                       "DEFAULT_FROM_EMAIL": "MedMij <noreply@example.nl>", "EMAIL_TIMEOUT": 10}
    fout = subprocess.run([sys.executable, "-c", "from django.conf import settings; settings.EMAIL_HOST"],
                          env=productieomgeving(tmp_path, STELSEL_EMAIL_TLS="1", STELSEL_EMAIL_SSL="1"),
                          capture_output=True, text=True, timeout=60)
    assert fout.returncode != 0 and "sluiten elkaar uit" in fout.stderr


def test_veilige_cookies_standaard_in_productie_niet_in_ontwikkeling(tmp_path):
    kaal = _zonder_ontwikkeling()
    kaal.update(DJANGO_SETTINGS_MODULE="stelselbeheer.settings", STELSEL_VAR_DIR=str(tmp_path))
    productie = _instellingen({**kaal, "STELSEL_SECRET_KEY": secrets.token_urlsafe(64)},
                              "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER")
    assert productie == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
                         "SECURE_PROXY_SSL_HEADER": None}  # the proxy header only when asked for
    ontwikkeling = _instellingen({**kaal, "STELSEL_ONTWIKKELING": "1"}, "SESSION_COOKIE_SECURE")
    assert ontwikkeling == {"SESSION_COOKIE_SECURE": False}


@pytest.fixture
def achter_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["stelsel.example.nl"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    return settings


def _inloggen_via_proxy(gebruikersnaam):
    """A browser at https://stelsel.example.nl, TLS ended at nginx, which passes plain HTTP on to gunicorn."""
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="stelsel.example.nl", HTTP_X_FORWARDED_PROTO="https")
    pagina = browser.get("/inloggen/")
    token = pagina.context["csrf_token"]
    return pagina, browser.post("/inloggen/", {"username": gebruikersnaam, "password": WACHTWOORD,
                                               "csrfmiddlewaretoken": str(token)},
                                HTTP_ORIGIN="https://stelsel.example.nl",
                                HTTP_REFERER="https://stelsel.example.nl/inloggen/")


def test_inloggen_achter_een_tls_proxy(achter_proxy, maak):
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=maak.deelnemer())
    pagina, antwoord = _inloggen_via_proxy("deelnemer")
    assert pagina["Strict-Transport-Security"].startswith("max-age=31536000")
    assert pagina.cookies["csrftoken"]["secure"]
    assert antwoord.status_code == 302, antwoord.content.decode()[:500]
    assert antwoord.cookies["sessionid"]["secure"] and antwoord.cookies["sessionid"]["httponly"]


def test_zonder_proxykop_faalt_inloggen_achter_een_tls_proxy(achter_proxy, maak):
    """What issue 15 found: the browser says https, Django sees http, the origin check refuses the login."""
    achter_proxy.SECURE_PROXY_SSL_HEADER = None
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=maak.deelnemer())
    _, antwoord = _inloggen_via_proxy("deelnemer")
    assert antwoord.status_code == 403


@pytest.mark.parametrize(("aantal", "doorgestuurd", "verwacht"), [
    (0, "203.0.113.7", "127.0.0.1"),  # no proxy trusted: the peer, whatever the header says
    (1, "203.0.113.7", "203.0.113.7"),  # nginx appended the client
    (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client's own (forged) entry comes first
    (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # two proxies
    (2, "10.0.0.2", "127.0.0.1"),  # fewer entries than proxies: not believed
])
def test_clientadres_voor_de_inlogblokkade(settings, aantal, doorgestuurd, verwacht):
    settings.PROXY_AANTAL = aantal
    verzoek = RequestFactory().post("/inloggen/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=doorgestuurd)
    assert get_client_ip_address(verzoek) == verwacht


def _taken_systemd() -> set[str]:
    """The `stelsel …` command of every systemd service that a timer starts (deploy/systemd/)."""
    map_ = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
    taken = set()
    for timer in map_.glob("*.timer"):
        dienst = (map_ / timer.name.replace(".timer", ".service")).read_text(encoding="utf-8")
        taken |= {shlex.split(r.split("/bin/stelsel ", 1)[1])[0] for r in dienst.splitlines()
                  if r.startswith("ExecStart=")}
    return taken


def _taken_crontab() -> set[str]:
    regels = (Path(__file__).resolve().parents[2] / "deploy" / "crontab").read_text(encoding="utf-8").splitlines()
    return {shlex.split(r)[6] for r in regels if r.strip() and not r.startswith("#")}


def test_de_crontab_van_het_image_draait_dezelfde_taken_als_de_systemd_timers():
    """Containers (supercronic, deploy/crontab) and systemd (deploy/systemd/*.timer) run the same periodic jobs:
    before, the image's crontab had no nightly backup."""
    systemd, crontab = _taken_systemd(), _taken_crontab()
    assert "backup" in systemd and "kwalificaties_controleren" in systemd
    assert systemd <= crontab, sorted(systemd - crontab)
