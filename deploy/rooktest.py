"""Smoke test of the production stack on this machine: PostgreSQL, gunicorn, the task worker and nginx (TLS)
in front, started from the files in deploy/ with the documented production environment, then exercised
through nginx the way a browser or a participant's system would. Everything it starts it stops again, also
when a check fails or the run is interrupted. ``make rooktest``; .ci/run runs it before ``make test``.

    .venv/bin/python deploy/rooktest.py [--database-url postgres://postgres@127.0.0.1:5432/test]

It makes a scratch database ``<name>_rooktest`` next to the one the URL names (dropped at the end), a
temporary directory for everything else (var, static files, logs, nginx's configuration and TLS certificate),
and takes free ports on 127.0.0.1. nginx (Debian's package) runs in the foreground with its own pid and log
files, so it needs no root-owned directories. Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
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
from prometheus_client.parser import text_string_to_metric_families

DEPLOY = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
DEMO_WACHTWOORD = "demo-Stelsel-2026!"  # kern/demodata.py: the demo accounts' password
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


def nginx_configuratie(map_: Path, waarden: dict[str, str]) -> Path:
    """deploy/nginx/stelselbeheer.conf.template filled in (only ${NAME}s we know: nginx's own $vars stay), inside
    a main configuration that keeps pid, logs and temporary files in ``map_``."""
    sjabloon = (DEPLOY / "nginx" / "stelselbeheer.conf.template").read_text(encoding="utf-8")
    site = re.sub(r"\$\{([A-Z_]+)\}", lambda m: waarden[m.group(1)] if m.group(1) in waarden else m.group(0), sjabloon)
    open_plekken = sorted(set(re.findall(r"\$\{([A-Z_]+)\}", site)))
    if open_plekken:
        raise Mislukt(f"nginx-sjabloon: niet ingevuld: {open_plekken}")
    (map_ / "stelselbeheer.conf").write_text(site, encoding="utf-8")
    hoofd = map_ / "nginx.conf"
    hoofd.write_text(f"""worker_processes 1;
daemon off;
pid {map_}/nginx.pid;
error_log {map_}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {map_}/nginx-access.log;
    client_body_temp_path {map_}/tmp-body;
    proxy_temp_path {map_}/tmp-proxy;
    fastcgi_temp_path {map_}/tmp-fastcgi;
    uwsgi_temp_path {map_}/tmp-uwsgi;
    scgi_temp_path {map_}/tmp-scgi;
    sendfile on;
    include {map_}/stelselbeheer.conf;
}}
""", encoding="utf-8")
    return hoofd


class Stapel:
    """The processes of the stack; ``stoppen`` ends each of them (and its process group) by its own pid."""

    def __init__(self, map_: Path, env: dict[str, str]):
        self.map = map_
        self.env = env
        self.processen: list[tuple[str, subprocess.Popen]] = []

    def draai(self, *args: str, timeout: float = 300) -> str:
        begin = time.monotonic()
        uit = subprocess.run(args, env=self.env, cwd=self.map, capture_output=True, text=True, timeout=timeout)
        print(f"   ({time.monotonic() - begin:4.1f} s) {Path(args[0]).name} {' '.join(args[1:3])}", flush=True)
        if uit.returncode != 0:
            raise Mislukt(f"{' '.join(args)} faalde ({uit.returncode}):\n{uit.stdout[-2000:]}\n{uit.stderr[-4000:]}")
        return uit.stdout

    def start(self, naam: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.map / f"{naam}.log", "wb")  # handed to the child, closed here right after
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

    def stoppen(self) -> None:
        for naam, p in reversed(self.processen):
            if p.poll() is None:
                p.send_signal(signal.SIGQUIT if naam == "nginx" else signal.SIGTERM)  # nginx: graceful shutdown
        grens = time.monotonic() + 20
        for naam, p in reversed(self.processen):
            try:
                p.wait(timeout=max(0.1, grens - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"   {naam} stopte niet binnen de tijd: SIGKILL", flush=True)
            try:  # whatever the process left in its own group (gunicorn's workers, nginx's worker)
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            p.wait()
        self.processen.clear()


class Client:
    """HTTPS through nginx, trusting only the test's own certificate; cookies kept by hand."""

    def __init__(self, poort: int, certificaat: Path, host: str = "localhost"):
        self.poort, self.host = poort, host
        self.context = ssl.create_default_context(cafile=str(certificaat))
        self.cookies: dict[str, str] = {}
        self.set_cookie: list[str] = []

    def vraag(self, methode: str, pad: str, body: bytes | None = None, kop: dict | None = None):
        verbinding = http.client.HTTPSConnection(self.host, self.poort, context=self.context, timeout=30)
        koppen = {"Accept-Encoding": "gzip", **(kop or {})}
        if self.cookies:
            koppen["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            verbinding.request(methode, pad, body=body, headers=koppen)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read()
            if antwoord.headers.get("Content-Encoding") == "gzip":
                inhoud = gzip.decompress(inhoud)
        finally:
            verbinding.close()
        self.set_cookie = antwoord.headers.get_all("Set-Cookie") or []
        for regel in self.set_cookie:
            naam, _, rest = regel.partition("=")
            self.cookies[naam.strip()] = rest.split(";", 1)[0]
        return antwoord.status, antwoord.headers, inhoud


def wacht_op(omschrijving: str, stapel: Stapel, controle, seconden: float = 60) -> None:
    grens = time.monotonic() + seconden
    fout = None
    while time.monotonic() < grens:
        stapel.nog_in_leven()
        try:
            if controle():
                return
        except OSError as e:
            fout = e
        time.sleep(0.3)
    raise Mislukt(f"{omschrijving}: niet klaar na {seconden:.0f} s ({fout})")


def direct_status(poort: int, pad: str, host: str = "localhost") -> int:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
    try:
        verbinding.request("GET", pad, headers={"Host": host})
        return verbinding.getresponse().status
    finally:
        verbinding.close()


class Controles:
    def __init__(self):
        self.geslaagd = 0

    def __call__(self, omschrijving: str, voorwaarde: bool, uitleg: str = "") -> None:
        if not voorwaarde:
            raise Mislukt(f"{omschrijving}: MISLUKT {uitleg}")
        self.geslaagd += 1
        print(f"   ok  {omschrijving}", flush=True)


def metrieken(poort: int) -> dict:
    """/metrics straight from gunicorn, as Prometheus on this machine scrapes it: {(name, labels): value}."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.request("GET", "/metrics")
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read().decode()
    finally:
        verbinding.close()
    if antwoord.status != 200:
        raise Mislukt(f"/metrics op gunicorn: {antwoord.status} {inhoud[:200]}")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for familie in text_string_to_metric_families(inhoud) for s in familie.samples}


def beheer_controles(controle: Controles, stapel: Stapel, c: Client, map_: Path, app_poort: int,
                     gunicorn: subprocess.Popen) -> None:
    """Operations: the request id from nginx to gunicorn's access log, /metrics (closed to the outside, one picture
    over both workers, also after they were replaced), and a backup of the running installation."""
    status, kop, _ = c.vraag("GET", "/gezond/leeft")
    rid = kop.get("X-Request-ID") or ""
    controle("X-Request-ID: nginx' $request_id in het antwoord", re.fullmatch(r"[0-9a-f]{32}", rid) is not None, rid)
    toegang = (map_ / "gunicorn-toegang.log").read_text()
    controle("hetzelfde request id in gunicorns toegangslog", f"[{rid}]" in toegang, toegang[-300:])
    status, _, _ = c.vraag("GET", "/metrics")
    controle("/metrics via nginx: 404 (alleen voor de monitoring)", status == 404, str(status))

    leeft = ("stelselbeheer_http_request_duration_seconds_count",
             (("method", "GET"), ("route", "gezond-leeft"), ("status", "2xx")))
    for _ in range(40):  # a new connection each: both workers answer some
        direct_status(app_poort, "/gezond/leeft")
    tellingen = {metrieken(app_poort)[leeft] for _ in range(8)}
    werkers = {f.name for f in (map_ / "metrieken").glob("histogram_*.db")}
    controle("/metrics op gunicorn: elke scrape telt de verzoeken van alle werkers",
             len(tellingen) == 1 and min(tellingen) >= 41, f"{tellingen} {sorted(werkers)}")
    waarden = metrieken(app_poort)
    controle("/metrics: database bereikbaar, ZAL gepubliceerd, geen mislukte publicatie",
             waarden[("stelselbeheer_database_up", ())] == 1
             and waarden[("stelselbeheer_list_version", (("list", "zal"),))] >= 1
             and waarden[("stelselbeheer_list_failed_publications", (("list", "zal"),))] == 0, str(waarden)[:500])

    gunicorn.send_signal(signal.SIGHUP)  # new workers; the old ones' counts fold into the file of stopped workers
    grens = time.monotonic() + 30
    while time.monotonic() < grens and werkers & {f.name for f in (map_ / "metrieken").glob("histogram_*.db")}:
        time.sleep(0.3)
    over = sorted(f.name for f in (map_ / "metrieken").glob("*.db"))
    controle("na het vervangen van de werkers (SIGHUP) telt /metrics ze nog mee",
             not werkers & set(over) and "histogram_gestopt.db" in over
             and metrieken(app_poort)[leeft] == min(tellingen), f"{over} {werkers}")

    stelsel = str(BIN / "stelsel")
    uit = stapel.draai(stelsel, "backup", str(map_ / "backups"))
    archief = next((map_ / "backups").glob("stelselbeheer-*.tar.gz"))
    controle("stelsel backup van de draaiende installatie (pg_dump)", "Reservekopie geschreven" in uit, uit)
    uit = stapel.draai(stelsel, "restore", str(archief), "--alleen-controleren")
    controle("stelsel restore --alleen-controleren: archief in orde", "Archief in orde" in uit, uit)


def rooktest(database_url: str) -> int:
    if not shutil.which("nginx"):
        raise Mislukt("nginx niet gevonden: installeer het Debian-pakket nginx (apt-get install nginx)")
    if not shutil.which("openssl"):
        raise Mislukt("openssl niet gevonden (Debian-pakket openssl)")
    beheer = urllib.parse.urlsplit(database_url)
    scratch = f"{beheer.path.lstrip('/') or 'postgres'}_rooktest"
    scratch_url = urllib.parse.urlunsplit(beheer._replace(path=f"/{scratch}"))
    map_ = Path(tempfile.mkdtemp(prefix="stelsel-rooktest-"))
    map_.chmod(0o755)  # nginx's worker (user nobody when started as root) reads the static files below it
    app_poort, http_poort, https_poort = vrije_poort(), vrije_poort(), vrije_poort()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("STELSEL_", "DJANGO_")) and k != "DATABASE_URL"}
    env.update(omgeving_uit_voorbeeld())
    env.update({
        "DJANGO_SETTINGS_MODULE": "stelselbeheer.settings",
        "STELSEL_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": scratch_url,
        "STELSEL_ALLOWED_HOSTS": "localhost",
        "STELSEL_CSRF_TRUSTED_ORIGINS": f"https://localhost:{https_poort}",
        "STELSEL_VAR_DIR": str(map_ / "var"),
        "STELSEL_STATIC_ROOT": str(map_ / "static"),
        "STELSEL_LIJST_SLEUTEL": str(map_ / "var" / "sleutels" / "register-sleutel.pem"),
        "STELSEL_LIJST_CERTIFICAAT": str(map_ / "var" / "sleutels" / "register-certificaat.pem"),
        "STELSEL_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "STELSEL_LOG_LEVEL": "WARNING",
        "STELSEL_GUNICORN_BIND": f"127.0.0.1:{app_poort}",
        "STELSEL_GUNICORN_WORKERS": "2",
        "STELSEL_GUNICORN_THREADS": "2",
        "STELSEL_GUNICORN_ACCESSLOG": str(map_ / "gunicorn-toegang.log"),
        "PROMETHEUS_MULTIPROC_DIR": str(map_ / "metrieken"),  # gunicorn's default is a fresh one; here to look into
    })
    stapel = Stapel(map_, env)
    controle = Controles()
    begin = time.monotonic()

    def onderbroken(signum, frame):
        raise Mislukt(f"onderbroken ({signal.strsignal(signum)})")

    signal.signal(signal.SIGTERM, onderbroken)
    signal.signal(signal.SIGINT, onderbroken)
    try:
        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')  # left by an earlier, killed run
            db.execute(f'CREATE DATABASE "{scratch}"')
        print(f"== Rooktest productiestapel in {map_} (database {scratch})", flush=True)
        stelsel = str(BIN / "stelsel")
        stapel.draai(stelsel, "check", "--deploy", "--fail-level", "WARNING")
        controle("stelsel check --deploy: geen meldingen met de productieomgeving", True)
        stapel.draai(stelsel, "migrate", "--noinput", "--verbosity", "0")
        stapel.draai(stelsel, "demo-data", "--aanbieders", "40", "--seed", "15")
        stapel.draai(stelsel, "lijsten", "sleutel-maken", "--als-die-ontbreekt")
        stapel.draai(stelsel, "lijsten", "publiceer", "--schema", "--reden", "rooktest")
        stapel.draai(stelsel, "collectstatic", "--noinput", "--verbosity", "0")
        print(f"   migratie, demodata, publicatie en collectstatic klaar ({time.monotonic() - begin:.1f} s)",
              flush=True)

        certificaat, sleutel = map_ / "tls.crt", map_ / "tls.key"
        stapel.draai("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                     "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                     "-keyout", str(sleutel), "-out", str(certificaat))
        nginx_conf = nginx_configuratie(map_, {
            "STELSEL_SERVERNAAM": "localhost", "STELSEL_HTTP_POORT": f"127.0.0.1:{http_poort}",
            "STELSEL_HTTPS_POORT": f"127.0.0.1:{https_poort}", "STELSEL_TLS_CERTIFICAAT": str(certificaat),
            "STELSEL_TLS_SLEUTEL": str(sleutel), "STELSEL_UPSTREAM": f"127.0.0.1:{app_poort}",
            "STELSEL_STATIC_ROOT": str(map_ / "static")})
        stapel.draai("nginx", "-t", "-q", "-p", str(map_), "-e", str(map_ / "nginx-error.log"), "-c", str(nginx_conf))

        gunicorn = stapel.start("gunicorn", str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"))
        stapel.start("worker", stelsel, "db_worker", "--interval", "0.5")
        stapel.start("nginx", "nginx", "-p", str(map_), "-e", str(map_ / "nginx-error.log"), "-c", str(nginx_conf))
        wacht_op("gunicorn", stapel, lambda: direct_status(app_poort, "/gezond/leeft") == 200)
        wacht_op("nginx", stapel, lambda: socket.create_connection(("127.0.0.1", https_poort), 1).close() is None)
        print(f"   gunicorn, werker en nginx draaien ({time.monotonic() - begin:.1f} s)", flush=True)

        controle("gereedheid direct op gunicorn, zonder proxykop en met SSL-redirect aan: 200",
                 direct_status(app_poort, "/gezond/klaar") == 200)
        c = Client(https_poort, certificaat)
        status, kop, inhoud = c.vraag("GET", "/")
        controle("startpagina via nginx (TLS): 200", status == 200, str(status))
        controle("HSTS op een HTTPS-antwoord (X-Forwarded-Proto van nginx vertrouwd)",
                 "max-age=31536000" in (kop.get("Strict-Transport-Security") or ""), str(kop.items()))
        controle("Content-Security-Policy zonder inline script", "script-src 'self'" in (
            kop.get("Content-Security-Policy") or ""), kop.get("Content-Security-Policy") or "")
        controle("gzip door nginx op HTML", kop.get("Content-Encoding") == "gzip", str(kop.get("Content-Encoding")))

        status, kop, inhoud = c.vraag("GET", "/api/aanbieders?q=huisarts")
        controle("openbare API: 200 JSON", status == 200 and kop.get_content_type() == "application/json",
                 f"{status} {kop.get_content_type()}")
        status, kop, inhoud = c.vraag("GET", "/api/bestaat-niet")
        controle("onbekende API-operatie: 404 problem+json",
                 status == 404 and kop.get_content_type() == "application/problem+json", str(status))

        status, kop, inhoud = c.vraag("GET", "/inloggen/?next=/mijn/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud)
        controle("inlogpagina: 200 met CSRF-token en een Secure CSRF-cookie",
                 status == 200 and token is not None and any(
                     r.startswith("csrftoken=") and "Secure" in r for r in c.set_cookie), str(c.set_cookie))
        herkomst = f"https://localhost:{https_poort}"
        formulier = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": "deelnemer",
                                            "password": DEMO_WACHTWOORD, "next": "/mijn/"}).encode()
        vreemd = Client(https_poort, certificaat)
        vreemd.cookies = dict(c.cookies)
        status, _, inhoud = vreemd.vraag("POST", "/inloggen/", formulier, {
            "Content-Type": "application/x-www-form-urlencoded", "Origin": "https://aanvaller.example",
            "Referer": "https://aanvaller.example/"})
        controle("inloggen vanaf een vreemde herkomst: 403 (CSRF)", status == 403 and b"Formulier" in inhoud,
                 str(status))
        status, kop, _ = c.vraag("POST", "/inloggen/", formulier, {"Content-Type": "application/x-www-form-urlencoded",
                                                                   "Origin": herkomst,
                                                                   "Referer": f"{herkomst}/inloggen/"})
        controle("inloggen via de proxy: 302 naar /mijn/ met een Secure sessiecookie",
                 status == 302 and kop.get("Location") == "/mijn/" and any(
                     r.startswith("sessionid=") and "Secure" in r and "HttpOnly" in r for r in c.set_cookie),
                 f"{status} {kop.get('Location')} {c.set_cookie}")
        status, _, inhoud = c.vraag("GET", "/mijn/")
        controle("ingelogde pagina: 200", status == 200, str(status))

        status, kop, inhoud = c.vraag("GET", "/lijsten/gezondheid.json")
        controle("/lijsten/gezondheid.json: 200", status == 200, f"{status} {inhoud[:300]!r}")
        status, kop, _ = c.vraag("GET", "/lijsten/zal.xml")
        etag = kop.get("ETag")
        controle("ZAL: 200 gzip met ETag, doorgegeven zoals de applicatie hem maakt",
                 status == 200 and kop.get("Content-Encoding") == "gzip" and bool(etag) and not etag.startswith("W/"),
                 f"{status} {kop.get('Content-Encoding')} {etag}")
        status, _, _ = c.vraag("GET", "/lijsten/zal.xml", kop={"If-None-Match": etag})
        controle("ZAL opnieuw met If-None-Match: 304", status == 304, str(status))

        status, kop, inhoud = c.vraag("GET", "/api/docs")
        bundel = re.search(rb'src="(/static/ninja/swagger-ui-bundle[^"]*\.js)"', inhoud)
        controle("/api/docs: Swagger UI uit de eigen statische bestanden", status == 200 and bundel is not None
                 and b"cdn.jsdelivr" not in inhoud, str(status))
        status, kop, inhoud = c.vraag("GET", bundel.group(1).decode())
        controle("statisch bestand (Swagger UI): 200", status == 200 and len(inhoud) > 1000, str(status))
        status, kop, inhoud = c.vraag("GET", "/static/kern/stelsel.css")
        controle("statisch bestand (stylesheet): 200 met cachekop", status == 200 and "max-age=3600" in (
            kop.get("Cache-Control") or ""), f"{status} {kop.get('Cache-Control')}")
        toegang = (map_ / "gunicorn-toegang.log").read_text()
        controle("statische bestanden kwamen van nginx, niet van gunicorn", "/static/" not in toegang
                 and "/api/aanbieders" in toegang, toegang[-500:])

        verbinding = http.client.HTTPConnection("127.0.0.1", http_poort, timeout=5)
        verbinding.request("GET", "/aanbiedersregister/", headers={"Host": "localhost"})
        antwoord = verbinding.getresponse()
        controle("gewoon HTTP: 301 naar HTTPS", antwoord.status == 301 and (antwoord.getheader("Location") or "")
                 .startswith("https://localhost/aanbiedersregister/"), f"{antwoord.status}")
        verbinding.close()

        status, _, inhoud = c.vraag("GET", "/gezond/leeft")
        controle("/gezond/leeft via nginx: 200", status == 200 and json.loads(inhoud)["status"] == "leeft")
        status, _, inhoud = c.vraag("GET", "/gezond/klaar")
        controle("/gezond/klaar via nginx: 200", status == 200 and json.loads(inhoud)["status"] == "klaar")

        beheer_controles(controle, stapel, c, map_, app_poort, gunicorn)

        uitkomst = stapel.draai(stelsel, "shell", "-c", (
            "import time\n"
            "from stelselbeheer.lijsten.tasks import publiceer_na_wijziging\n"
            "r = publiceer_na_wijziging.enqueue()\n"
            "grens = time.monotonic() + 60\n"
            "while not r.is_finished and time.monotonic() < grens:\n"
            "    time.sleep(0.2); r.refresh()\n"
            "print(r.status)\n"))
        controle("de werker voert een taak uit de databasewachtrij uit",
                 uitkomst.strip().splitlines()[-1:] == ["SUCCESSFUL"], uitkomst)
        stapel.nog_in_leven()
        print(f"== Rooktest geslaagd: {controle.geslaagd} controles in {time.monotonic() - begin:.1f} s", flush=True)
        return 0
    except Mislukt:
        for naam in ("gunicorn", "worker", "nginx", "nginx-error"):
            tekst = stapel.log(naam)
            if tekst.strip():
                print(f"--- {naam}.log (einde) ---\n{tekst}", flush=True)
        raise
    finally:
        stapel.stoppen()
        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        shutil.rmtree(map_, ignore_errors=True)
        print("   alles gestopt en opgeruimd", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("PG_URL") or os.environ.get("DATABASE_URL")
                        or "postgres://postgres@127.0.0.1:5432/test",
                        help="PostgreSQL; de rooktest maakt en verwijdert ernaast <naam>_rooktest")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"rooktest: PostgreSQL nodig, niet {args.database_url}")
    try:
        sys.exit(rooktest(args.database_url))
    except Mislukt as e:
        print(f"!! Rooktest MISLUKT: {e}", file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
