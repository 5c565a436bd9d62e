"""Smoke test of the production stack on this machine: PostgreSQL, gunicorn, the task worker and nginx (TLS)
in front, started from the files in deploy/ with the documented production environment, then exercised
through nginx the way a browser or a participant's system would. Everything it starts it stops again, also
when a check fails or the run is interrupted. ``make rooktest``; .ci/run runs it before ``make test``.

    .venv/bin/python deploy/rooktest.py [--database-url postgres://postgres@127.0.0.1:5432/test]

The stack itself (a scratch database ``<name>_rooktest``, a temporary directory, free ports, the processes) comes
from deploy/stapel.py, which the benchmark through the production stack (bench/productie.py) shares. At the end
the lists are checked with the application stopped: gunicorn and the worker stop, gunicorn comes back without a
reachable database (503 problem+json, health 503 JSON), then stops altogether, and nginx must still serve the live
ZAL (200 gzip, 304 to If-None-Match and If-Modified-Since) and a historical version from the lists' files.
Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.client
import json
import os
import re
import signal
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402
from stapel import Client, Mislukt, Productiestapel, direct_status, onderbreekbaar, vrije_poort  # noqa: E402

DEMO_WACHTWOORD = "demo-Stelsel-2026!"  # demo/generator.py: the demo accounts' password


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


def beheer_controles(controle: Controles, stapel: Productiestapel, c: Client) -> None:
    """Operations: the request id from nginx to gunicorn's access log, /metrics (closed to the outside, one picture
    over both workers, also after they were replaced), and a backup of the running installation."""
    map_, app_poort = stapel.map, stapel.app_poort
    gunicorn = next(p for naam, p in stapel.stapel.processen if naam == "gunicorn")
    status, kop, _ = c.vraag("GET", "/gezond/leeft")
    rid = kop.get("X-Request-ID") or ""
    controle("X-Request-ID: nginx' $request_id in het antwoord", re.fullmatch(r"[0-9a-f]{32}", rid) is not None, rid)
    grens = time.monotonic() + 10  # gunicorn writes the access line after the answer has gone out
    while f"[{rid}]" not in (toegang := (map_ / "gunicorn-toegang.log").read_text()) and time.monotonic() < grens:
        time.sleep(0.1)
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

    uit = stapel.stelsel("backup", str(map_ / "backups"))
    archief = next((map_ / "backups").glob("stelselbeheer-*.tar.gz"))
    controle("stelsel backup van de draaiende installatie (pg_dump)", "Reservekopie geschreven" in uit, uit)
    uit = stapel.stelsel("restore", str(archief), "--alleen-controleren")
    controle("stelsel restore --alleen-controleren: archief in orde", "Archief in orde" in uit, uit)


def rooktest(database_url: str) -> int:
    onderbreekbaar()
    controle = Controles()
    with Productiestapel(database_url, naam="rooktest", gunicorn_processen=2, gunicorn_threads=2) as stapel:
        print(f"== Rooktest productiestapel in {stapel.map} (database {stapel.database})", flush=True)
        stapel.stelsel("check", "--deploy", "--fail-level", "WARNING")
        controle("stelsel check --deploy: geen meldingen met de productieomgeving", True)
        stapel.inrichten("--aanbieders", "40", "--seed", "15")
        stapel.starten()
        app_poort, https_poort = stapel.app_poort, stapel.https_poort

        controle("gereedheid direct op gunicorn, zonder proxykop en met SSL-redirect aan: 200",
                 direct_status(app_poort, "/gezond/klaar") == 200)
        c = stapel.client()
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
        vreemd = Client(https_poort, stapel.certificaat)
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

        lijsten = lijsten_via_nginx(stapel, controle)

        status, kop, inhoud = c.vraag("GET", "/api/docs")
        bundel = re.search(rb'src="(/static/ninja/swagger-ui-bundle[^"]*\.js)"', inhoud)
        controle("/api/docs: Swagger UI uit de eigen statische bestanden", status == 200 and bundel is not None
                 and b"cdn.jsdelivr" not in inhoud, str(status))
        status, kop, inhoud = c.vraag("GET", bundel.group(1).decode())
        controle("statisch bestand (Swagger UI): 200", status == 200 and len(inhoud) > 1000, str(status))
        status, kop, inhoud = c.vraag("GET", "/static/kern/stelsel.css")
        controle("statisch bestand (stylesheet): 200 met cachekop", status == 200 and "max-age=3600" in (
            kop.get("Cache-Control") or ""), f"{status} {kop.get('Cache-Control')}")
        toegang = (stapel.map / "gunicorn-toegang.log").read_text()
        controle("statische bestanden kwamen van nginx, niet van gunicorn", "/static/" not in toegang
                 and "/api/aanbieders" in toegang, toegang[-500:])

        verbinding = http.client.HTTPConnection("127.0.0.1", stapel.http_poort, timeout=5)
        verbinding.request("GET", "/aanbiedersregister/", headers={"Host": "localhost"})
        antwoord = verbinding.getresponse()
        controle("gewoon HTTP: 301 naar HTTPS", antwoord.status == 301 and (antwoord.getheader("Location") or "")
                 .startswith("https://localhost/aanbiedersregister/"), f"{antwoord.status}")
        verbinding.close()

        status, _, inhoud = c.vraag("GET", "/gezond/leeft")
        controle("/gezond/leeft via nginx: 200", status == 200 and json.loads(inhoud)["status"] == "leeft")
        status, _, inhoud = c.vraag("GET", "/gezond/klaar")
        controle("/gezond/klaar via nginx: 200", status == 200 and json.loads(inhoud)["status"] == "klaar")

        beheer_controles(controle, stapel, c)

        uitkomst = stapel.stelsel("shell", "-c", (
            "import time\n"
            "from stelselbeheer.lijsten.tasks import publiceer_na_wijziging\n"
            "r = publiceer_na_wijziging.enqueue()\n"
            "grens = time.monotonic() + 60\n"
            "while not r.is_finished and time.monotonic() < grens:\n"
            "    time.sleep(0.2); r.refresh()\n"
            "print(r.status)\n"))
        controle("de werker voert een taak uit de databasewachtrij uit",
                 uitkomst.strip().splitlines()[-1:] == ["SUCCESSFUL"], uitkomst)
        stapel.stapel.nog_in_leven()

        lijsten_zonder_applicatie(stapel, controle, lijsten)
        print(f"== Rooktest geslaagd: {controle.geslaagd} controles in {stapel.seconden():.1f} s", flush=True)
        return 0


def lijsten_via_nginx(stapel: Productiestapel, controle: Controles) -> dict:
    """The lists as nginx serves them from the files the publication wrote (LST-BESTANDEN); what needs the
    application (?sinds=, the application's own ETag, health) goes to gunicorn. Returns what the later checks,
    with the application stopped, compare against."""
    c = stapel.client()
    status, kop, inhoud = c.vraag("GET", "/lijsten/gezondheid.json")
    gezond = json.loads(inhoud) if status == 200 else {}
    controle("/lijsten/gezondheid.json: 200, de lijstbestanden actueel",
             status == 200 and {v.get("bestand") for v in gezond["lijsten"].values()} == {"ACTUEEL"},
             f"{status} {inhoud[:400]!r}")
    versies = json.loads(c.vraag("GET", "/lijsten/zal/versies.json")[2])["versies"]
    sha, volgnummer = versies[0]["sha256"], versies[0]["volgnummer"]
    status, kop, gz = c.vraag("GET", "/lijsten/zal.xml", uitpakken=False)
    etag, laatst = kop.get("ETag"), kop.get("Last-Modified")
    controle("ZAL van nginx: 200, de opgeslagen gzip, sterke ETag, Last-Modified, dezelfde bytes als de database",
             status == 200 and kop.get("Content-Encoding") == "gzip" and bool(etag) and not etag.startswith("W/")
             and bool(laatst) and hashlib.sha256(gzip.decompress(gz)).hexdigest() == sha
             and kop.get_content_type() == "application/xml" and "must-revalidate" in kop.get("Cache-Control", ""),
             f"{status} {kop.items()}")
    controle("HSTS ook op het lijstbestand dat nginx zelf serveert (dezelfde waarde als de applicatie)",
             kop.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload", str(kop.items()))
    status, kop, xml = c.vraag("GET", "/lijsten/zal.xml", kop={"Accept-Encoding": "identity"})
    controle("ZAL zonder gzip: het document zelf met exacte lengte",
             status == 200 and "Content-Encoding" not in kop and hashlib.sha256(xml).hexdigest() == sha
             and kop.get("Content-Length") == str(len(xml)), f"{status} {kop.items()}")
    status, _, _ = c.vraag("GET", "/lijsten/zal.xml", kop={"If-None-Match": etag})
    controle("ZAL met If-None-Match (ETag van nginx): 304", status == 304, str(status))
    status, _, _ = c.vraag("GET", "/lijsten/zal.xml", kop={"If-Modified-Since": laatst})
    controle("ZAL met If-Modified-Since: 304", status == 304, str(status))
    status, kop, sig = c.vraag("GET", "/lijsten/zal.xml.sig")
    controle("handtekening van nginx: 200", status == 200 and b"Signature" in sig, str(status))
    status, kop, inhoud = c.vraag("GET", "/lijsten/zal/1.xml", kop={"Accept-Encoding": "identity"})
    controle("historische versie zonder gzip (nginx pakt uit): 200, onveranderlijk",
             status == 200 and "immutable" in kop.get("Cache-Control", "")
             and b"<Volgnummer>1</Volgnummer>" in inhoud[:2000], f"{status} {kop.items()}")
    toegang = (stapel.map / "gunicorn-toegang.log").read_text()
    controle("de lijstdocumenten kwamen van nginx, niet van gunicorn", "/lijsten/zal" not in toegang, toegang[-800:])
    status, kop, _ = c.vraag("GET", "/lijsten/zal.xml", kop={"If-None-Match": f'"{sha}-gz"'})
    controle("ZAL met de ETag van de applicatie: 304 van de applicatie, met dezelfde Last-Modified als nginx",
             status == 304 and kop.get("X-Volgnummer") == str(volgnummer) and kop.get("Last-Modified") == laatst,
             f"{status} {kop.items()} {laatst}")
    peil = f"/lijsten/zal.xml?sinds={volgnummer}"
    status, kop, _ = c.vraag("GET", peil)
    controle("?sinds=<live volgnummer>: 204 van de applicatie", status == 204
             and kop.get("X-Volgnummer") == str(volgnummer), str(status))
    eerste_id = kop.get("X-Request-ID")
    status, kop, _ = c.vraag("GET", peil)
    gezien = (stapel.map / "gunicorn-toegang.log").read_text().count(f"GET {peil} ")
    controle("?sinds= nogmaals binnen een seconde: de 204 uit de microcache van nginx, met een eigen request id",
             status == 204 and kop.get("X-Volgnummer") == str(volgnummer) and gezien == 1
             and kop.get("X-Request-ID") not in (None, eerste_id), f"{status} {gezien}x bij gunicorn {kop.items()}")
    medmij = f"/MedMij_Zorgaanbiederslijst.xml?sinds={volgnummer}"
    antwoorden = [c.vraag("GET", medmij)[:2] for _ in range(2)]
    gezien = (stapel.map / "gunicorn-toegang.log").read_text().count(f"GET {medmij} ")
    controle("?sinds= op de bestandsnaam van het stelsel: 204, de tweede uit de microcache",
             [s for s, _ in antwoorden] == [204, 204] and gezien == 1
             and all(k.get("X-Volgnummer") == str(volgnummer) for _, k in antwoorden), f"{antwoorden} {gezien}x")
    status, kop, _ = c.vraag("GET", "/lijsten/zal.xml?sinds=0", kop={"If-None-Match": f'"{sha}-gz"'})
    controle("?sinds=0 met de ETag van de applicatie: 304 (langs de microcache gaat If-None-Match mee)",
             status == 304 and kop.get("X-Volgnummer") == str(volgnummer), f"{status} {kop.items()}")
    status, kop, inhoud = c.vraag("GET", "/lijsten/zal/wijzigingen.json?sinds=0")
    controle("wijzigingen.json van de applicatie: 200", status == 200 and "seed" in json.loads(inhoud), str(status))
    return {"sha": sha, "etag": etag, "laatst": laatst, "xml": xml}


def lijsten_zonder_applicatie(stapel: Productiestapel, controle: Controles, lijsten: dict) -> None:
    """LST-BESTANDEN, LST-ONBEREIKBAAR: gunicorn and the worker stopped; gunicorn started again without a reachable
    database (a port where nothing listens), then stopped altogether. nginx keeps serving the lists."""
    stapel.stapel.stop("gunicorn", "worker")
    dood = f"postgres://postgres@127.0.0.1:{vrije_poort()}/weg"
    stapel.gunicorn_starten(DATABASE_URL=dood)
    status, kop, inhoud = direct_status_volledig(stapel.app_poort, "/lijsten/zal.xml?sinds=1")
    controle("database onbereikbaar, direct op gunicorn: ?sinds= geeft 503 problem+json met Retry-After",
             status == 503 and kop.get("Content-Type") == "application/problem+json"
             and int(kop.get("Retry-After", "0")) > 0, f"{status} {kop} {inhoud[:200]!r}")
    c = stapel.client()
    status, kop, inhoud = c.vraag("GET", "/lijsten/gezondheid.json")
    controle("database onbereikbaar: gezondheid.json 503 JSON", status == 503
             and kop.get_content_type() == "application/json" and json.loads(inhoud)["status"] == "DOWN",
             f"{status} {inhoud[:200]!r}")
    status, _, xml = c.vraag("GET", "/lijsten/zal.xml?sinds=1")
    controle("database onbereikbaar: ?sinds= krijgt via nginx het document uit het bestand",
             status == 200 and hashlib.sha256(xml).hexdigest() == lijsten["sha"], str(status))
    stapel.stapel.stop("gunicorn")
    for beschrijving, extra, verwacht in (
            ("ZAL (gzip)", {}, 200), ("ZAL met If-None-Match", {"If-None-Match": lijsten["etag"]}, 304),
            ("ZAL met If-Modified-Since", {"If-Modified-Since": lijsten["laatst"]}, 304)):
        status, kop, xml = c.vraag("GET", "/lijsten/zal.xml", kop=extra)
        controle(f"applicatie en database weg: {beschrijving} van nginx: {verwacht}", status == verwacht and (
            verwacht != 200 or (kop.get("Content-Encoding") == "gzip" and xml == lijsten["xml"])), str(status))
    status, _, xml = c.vraag("GET", "/lijsten/zal.xml?sinds=1")
    controle("applicatie weg: ?sinds= krijgt het document uit het bestand", status == 200 and xml == lijsten["xml"],
             str(status))
    status, _, xml = c.vraag("GET", "/MedMij_Zorgaanbiederslijst.xml?sinds=1")
    controle("applicatie weg: ?sinds= op de bestandsnaam van het stelsel krijgt het bestand",
             status == 200 and xml == lijsten["xml"], str(status))
    status, kop, inhoud = c.vraag("GET", "/lijsten/zal/1.xml")
    controle("applicatie weg: historische versie 1 van nginx", status == 200 and b"<Volgnummer>1</Volgnummer>"
             in inhoud[:2000], str(status))
    status, _, _ = c.vraag("GET", "/lijsten/zal/versies.json")
    controle("applicatie weg: versies.json van nginx", status == 200, str(status))


def direct_status_volledig(poort: int, pad: str):
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.request("GET", pad, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
        antwoord = verbinding.getresponse()
        return antwoord.status, dict(antwoord.getheaders()), antwoord.read()
    finally:
        verbinding.close()


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
