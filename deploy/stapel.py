"""The production stack on this machine: a scratch PostgreSQL database, gunicorn, the task worker and nginx (TLS) in
front, started from the files in deploy/ with the documented production environment. Used by the smoke test
(deploy/rooktest.py, `make rooktest`) and the benchmark through the production stack (bench/productie.py).

    with Productiestapel(database_url, naam="rooktest") as stapel:
        stapel.inrichten("--aanbieders", "40")     # migrate, demo data, a signing key, a publication, collectstatic
        stapel.starten()                           # gunicorn, worker, nginx; waits until they answer
        status, koppen, inhoud = stapel.client().vraag("GET", "/lijsten/zal.xml")

It makes a scratch database ``<name>_<naam>`` next to the one the URL names (dropped at the end), a temporary
directory for everything else (var, static files, the lists' files, logs, nginx's configuration and TLS
certificate), and takes free ports on 127.0.0.1. nginx (Debian's package) runs in the foreground with its own pid
and log files, so it needs no root-owned directories. Everything it starts it stops again, by its own pid, also
when something fails or the run is interrupted (SIGINT/SIGTERM raise ``Mislukt``).
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

DEPLOY = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
STELSEL = str(BIN / "stelsel")
MIME_TYPES = Path("/etc/nginx/mime.types")


class Mislukt(Exception):
    pass


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def omgeving_uit_voorbeeld() -> dict[str, str]:
    """The documented production environment (deploy/stelselbeheer.env.voorbeeld)."""
    omgeving = {}
    for regel in (DEPLOY / "stelselbeheer.env.voorbeeld").read_text(encoding="utf-8").splitlines():
        regel = regel.strip()
        if regel and not regel.startswith("#"):
            naam, _, waarde = regel.partition("=")
            omgeving[naam.strip()] = waarde.strip()
    return omgeving


def hsts_waarde(omgeving: dict[str, str]) -> str:
    """The Strict-Transport-Security value the application sends with ``omgeving`` (STELSEL_HSTS_*), for what nginx
    serves itself (STELSEL_NGINX_HSTS); empty when the application sends none."""
    seconden = int(omgeving.get("STELSEL_HSTS_SECONDS") or 0)
    if not seconden:
        return ""
    waarde = f"max-age={seconden}"
    waarde += "; includeSubDomains" if omgeving.get("STELSEL_HSTS_INCLUDE_SUBDOMAINS") == "1" else ""
    return waarde + ("; preload" if omgeving.get("STELSEL_HSTS_PRELOAD") == "1" else "")


def nginx_configuratie(map_: Path, waarden: dict[str, str], *, extra: str = "", processen: int = 1,
                       verbindingen: int = 256, toegangslog: bool = True) -> Path:
    """deploy/nginx/stelselbeheer.conf.template filled in (only ${NAME}s we know: nginx's own $vars stay), inside
    a main configuration that keeps pid, logs and temporary files in ``map_``; ``extra`` is added to http {}."""
    sjabloon = (DEPLOY / "nginx" / "stelselbeheer.conf.template").read_text(encoding="utf-8")
    site = re.sub(r"\$\{([A-Z_]+)\}", lambda m: waarden[m.group(1)] if m.group(1) in waarden else m.group(0), sjabloon)
    open_plekken = sorted(set(re.findall(r"\$\{([A-Z_]+)\}", site)))
    if open_plekken:
        raise Mislukt(f"nginx-sjabloon: niet ingevuld: {open_plekken}")
    (map_ / "stelselbeheer.conf").write_text(site, encoding="utf-8")
    hoofd = map_ / "nginx.conf"
    hoofd.write_text(f"""worker_processes {processen};
daemon off;
pid {map_}/nginx.pid;
error_log {map_}/nginx-error.log warn;
events {{ worker_connections {verbindingen}; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {f"{map_}/nginx-access.log" if toegangslog else "off"};
    client_body_temp_path {map_}/tmp-body;
    proxy_temp_path {map_}/tmp-proxy;
    fastcgi_temp_path {map_}/tmp-fastcgi;
    uwsgi_temp_path {map_}/tmp-uwsgi;
    scgi_temp_path {map_}/tmp-scgi;
    sendfile on;
    include {map_}/stelselbeheer.conf;
{extra}
}}
""", encoding="utf-8")
    return hoofd


class Stapel:
    """The processes of the stack; ``stoppen`` ends each of them (and its process group) by its own pid."""

    def __init__(self, map_: Path, env: dict[str, str]):
        self.map = map_
        self.env = env
        self.processen: list[tuple[str, subprocess.Popen]] = []

    def draai(self, *args: str, timeout: float = 300, env: dict[str, str] | None = None) -> str:
        begin = time.monotonic()
        uit = subprocess.run(args, env=env or self.env, cwd=self.map, capture_output=True, text=True, timeout=timeout)
        print(f"   ({time.monotonic() - begin:4.1f} s) {Path(args[0]).name} {' '.join(args[1:3])}", flush=True)
        if uit.returncode != 0:
            raise Mislukt(f"{' '.join(args)} faalde ({uit.returncode}):\n{uit.stdout[-2000:]}\n{uit.stderr[-4000:]}")
        return uit.stdout

    def start(self, naam: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.map / f"{naam}.log", "ab")  # handed to the child, closed here right after
        p = subprocess.Popen(args, env=env or self.env, cwd=self.map, stdout=log, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.processen.append((naam, p))
        return p

    def nog_in_leven(self) -> None:
        for naam, p in self.processen:
            if p.poll() is not None:
                raise Mislukt(f"{naam} is gestopt (code {p.returncode}):\n{self.log(naam)}")

    def log(self, naam: str, tekens: int = 3000) -> str:
        pad = self.map / f"{naam}.log"
        return pad.read_text(errors="replace")[-tekens:] if pad.exists() else ""

    def stop(self, *namen: str) -> None:
        """Stop the named processes (all when none are named), in the reverse order of their start."""
        weg = [(n, p) for n, p in reversed(self.processen) if not namen or n in namen]
        for naam, p in weg:
            if p.poll() is None:
                p.send_signal(signal.SIGQUIT if naam == "nginx" else signal.SIGTERM)  # nginx: graceful shutdown
        grens = time.monotonic() + 20
        for naam, p in weg:
            try:
                p.wait(timeout=max(0.1, grens - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"   {naam} stopte niet binnen de tijd: SIGKILL", flush=True)
            try:  # whatever the process left in its own group (gunicorn's workers, nginx's worker)
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            p.wait()
        self.processen = [(n, p) for n, p in self.processen if (n, p) not in weg]

    stoppen = stop


class Client:
    """HTTPS through nginx, trusting only the test's own certificate; cookies kept by hand."""

    def __init__(self, poort: int, certificaat: Path, host: str = "localhost"):
        self.poort, self.host = poort, host
        self.context = ssl.create_default_context(cafile=str(certificaat))
        self.cookies: dict[str, str] = {}
        self.set_cookie: list[str] = []

    def vraag(self, methode: str, pad: str, body: bytes | None = None, kop: dict | None = None, *,
              uitpakken: bool = True):
        """(status, headers, body); a gzip body is decompressed unless ``uitpakken`` is false."""
        verbinding = http.client.HTTPSConnection(self.host, self.poort, context=self.context, timeout=30)
        koppen = {"Accept-Encoding": "gzip", **(kop or {})}
        if self.cookies:
            koppen["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            verbinding.request(methode, pad, body=body, headers=koppen)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read()
            if uitpakken and antwoord.headers.get("Content-Encoding") == "gzip":
                inhoud = gzip.decompress(inhoud)
        finally:
            verbinding.close()
        self.set_cookie = antwoord.headers.get_all("Set-Cookie") or []
        for regel in self.set_cookie:
            naam, _, rest = regel.partition("=")
            self.cookies[naam.strip()] = rest.split(";", 1)[0]
        return antwoord.status, antwoord.headers, inhoud


def direct_status(poort: int, pad: str, host: str = "localhost") -> int:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
    try:
        verbinding.request("GET", pad, headers={"Host": host})
        return verbinding.getresponse().status
    finally:
        verbinding.close()


def onderbreekbaar() -> None:
    """SIGINT and SIGTERM raise ``Mislukt``, so that ``Productiestapel`` still stops what it started."""

    def onderbroken(signum, frame):
        raise Mislukt(f"onderbroken ({signal.strsignal(signum)})")

    signal.signal(signal.SIGTERM, onderbroken)
    signal.signal(signal.SIGINT, onderbroken)


class Productiestapel:
    """A scratch database and directory, free ports and the production environment; ``inrichten`` and ``starten``
    bring the stack up, leaving the ``with`` block stops everything and removes what was made."""

    def __init__(self, database_url: str, *, naam: str = "rooktest", gunicorn_processen: int | None = None,
                 gunicorn_threads: int | None = None):
        if not shutil.which("nginx"):
            raise Mislukt("nginx niet gevonden: installeer het Debian-pakket nginx (apt-get install nginx)")
        if not shutil.which("openssl"):
            raise Mislukt("openssl niet gevonden (Debian-pakket openssl)")
        self.beheer_url = database_url
        beheer = urllib.parse.urlsplit(database_url)
        self.database = f"{beheer.path.lstrip('/') or 'postgres'}_{naam}"
        self.database_url = urllib.parse.urlunsplit(beheer._replace(path=f"/{self.database}"))
        self.map = Path(tempfile.mkdtemp(prefix=f"stelsel-{naam}-"))
        self.map.chmod(0o755)  # nginx's worker (user nobody when started as root) reads the files below it
        self.app_poort, self.http_poort, self.https_poort = vrije_poort(), vrije_poort(), vrije_poort()
        self.lijstbestanden = self.map / "openbaar"
        self.certificaat, self.tls_sleutel = self.map / "tls.crt", self.map / "tls.key"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("STELSEL_", "DJANGO_")) and k != "DATABASE_URL"}
        env.update(omgeving_uit_voorbeeld())
        env.update({
            "DJANGO_SETTINGS_MODULE": "stelselbeheer.settings",
            "STELSEL_SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": self.database_url,
            "STELSEL_ALLOWED_HOSTS": "localhost",
            "STELSEL_CSRF_TRUSTED_ORIGINS": f"https://localhost:{self.https_poort}",
            "STELSEL_VAR_DIR": str(self.map / "var"),
            "STELSEL_STATIC_ROOT": str(self.map / "static"),
            "STELSEL_LIJST_BESTANDEN": str(self.lijstbestanden),
            "STELSEL_LIJST_SLEUTEL": str(self.map / "var" / "sleutels" / "register-sleutel.pem"),
            "STELSEL_LIJST_CERTIFICAAT": str(self.map / "var" / "sleutels" / "register-certificaat.pem"),
            "STELSEL_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "STELSEL_LOG_LEVEL": "WARNING",
            "STELSEL_GUNICORN_BIND": f"127.0.0.1:{self.app_poort}",
            "STELSEL_GUNICORN_ACCESSLOG": str(self.map / "gunicorn-toegang.log"),
            # gunicorn makes a fresh one by default; here a known one to look into
            "PROMETHEUS_MULTIPROC_DIR": str(self.map / "metrieken"),
        })
        if gunicorn_processen:
            env["STELSEL_GUNICORN_WORKERS"] = str(gunicorn_processen)
        if gunicorn_threads:
            env["STELSEL_GUNICORN_THREADS"] = str(gunicorn_threads)
        self.env = env
        self.stapel = Stapel(self.map, env)
        self.begin = time.monotonic()

    def __enter__(self):
        with psycopg.connect(self.beheer_url, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')  # left by an earlier, killed run
            db.execute(f'CREATE DATABASE "{self.database}"')
        return self

    def __exit__(self, soort, fout, tb):
        if soort is not None and issubclass(soort, Mislukt):
            for naam in ("gunicorn", "worker", "nginx", "nginx-error"):
                tekst = self.stapel.log(naam)
                if tekst.strip():
                    print(f"--- {naam}.log (einde) ---\n{tekst}", flush=True)
        try:
            self.stapel.stoppen()
        finally:
            with psycopg.connect(self.beheer_url, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            shutil.rmtree(self.map, ignore_errors=True)
            print("   alles gestopt en opgeruimd", flush=True)

    def seconden(self) -> float:
        return time.monotonic() - self.begin

    def stelsel(self, *args: str, timeout: float = 600) -> str:
        return self.stapel.draai(STELSEL, *args, timeout=timeout)

    def inrichten(self, *demodata: str) -> None:
        """Migrations, demo data (``stelsel demo-data`` with these arguments), a signing key, a publication of every
        list (which writes the lists' files) and the static files for nginx."""
        self.stelsel("migrate", "--noinput", "--verbosity", "0")
        self.stelsel("demo-data", *demodata)
        self.stelsel("lijsten", "sleutel-maken", "--als-die-ontbreekt")
        self.stelsel("lijsten", "publiceer", "--schema", "--reden", "productiestapel")
        self.stelsel("collectstatic", "--noinput", "--verbosity", "0")
        print(f"   migratie, demodata, publicatie en collectstatic klaar ({self.seconden():.1f} s)", flush=True)

    def starten(self, *, nginx_extra: str = "", nginx_processen: int = 1, nginx_verbindingen: int = 256,
                toegangslog: bool = True) -> None:
        """A TLS certificate, nginx's configuration (checked with nginx -t), then gunicorn, the worker and nginx."""
        self.stapel.draai("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                          "-keyout", str(self.tls_sleutel), "-out", str(self.certificaat))
        self.nginx_conf = nginx_configuratie(self.map, {
            "STELSEL_SERVERNAAM": "localhost", "STELSEL_HTTP_POORT": f"127.0.0.1:{self.http_poort}",
            "STELSEL_HTTPS_POORT": f"127.0.0.1:{self.https_poort}", "STELSEL_TLS_CERTIFICAAT": str(self.certificaat),
            "STELSEL_TLS_SLEUTEL": str(self.tls_sleutel), "STELSEL_UPSTREAM": f"127.0.0.1:{self.app_poort}",
            "STELSEL_STATIC_ROOT": str(self.map / "static"), "STELSEL_LIJST_BESTANDEN": str(self.lijstbestanden),
            "STELSEL_PEILCACHE": str(self.map / "peilcache"), "STELSEL_NGINX_HSTS": hsts_waarde(self.env)},
            extra=nginx_extra, processen=nginx_processen, verbindingen=nginx_verbindingen, toegangslog=toegangslog)
        self.stapel.draai("nginx", "-t", "-q", *self._nginx_args())
        self.gunicorn_starten()
        self.stapel.start("worker", STELSEL, "db_worker", "--interval", "0.5")
        self.stapel.start("nginx", "nginx", *self._nginx_args())
        self.wacht_op("nginx", lambda: socket.create_connection(("127.0.0.1", self.https_poort), 1).close() is None)
        print(f"   gunicorn, werker en nginx draaien ({self.seconden():.1f} s)", flush=True)

    def _nginx_args(self) -> list[str]:
        return ["-p", str(self.map), "-e", str(self.map / "nginx-error.log"), "-c", str(self.nginx_conf)]

    def gunicorn_starten(self, **omgeving: str) -> None:
        """gunicorn with the stack's environment (plus ``omgeving``); waits until it answers /gezond/leeft."""
        self.stapel.start("gunicorn", str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"),
                          env={**self.env, **omgeving})
        self.wacht_op("gunicorn", lambda: direct_status(self.app_poort, "/gezond/leeft") == 200)

    def wacht_op(self, omschrijving: str, controle, seconden: float = 60) -> None:
        grens = time.monotonic() + seconden
        fout = None
        while time.monotonic() < grens:
            self.stapel.nog_in_leven()
            try:
                if controle():
                    return
            except OSError as e:
                fout = e
            time.sleep(0.3)
        raise Mislukt(f"{omschrijving}: niet klaar na {seconden:.0f} s ({fout})")

    def client(self) -> Client:
        return Client(self.https_poort, self.certificaat)
