"""Benchmark through the production stack (issue 15), printed by `make bench` (figures, not assertions).

A register of BENCH_AANBIEDERS (50,000) aanbieders on PostgreSQL (a scratch database next to BENCH_PG), served by
the stack exactly as the smoke test starts it (deploy/stapel.py: gunicorn with the production defaults, the task
worker, nginx with TLS and the lists' files), loaded by wrk (Debian package `wrk`) on 127.0.0.1 only, with a
bounded number of connections and a fixed duration:

- the ZAL's 304 rate (If-None-Match) and full gzip download rate from the lists' files, each beside the same
  bytes served by the same nginx from a plain directory (a second server block with `root` and `gzip_static`
  and nothing else, same TLS): the ratio is the figure (target >= 80%);
- the application's own `?sinds=` 204 rate as a share of nginx's 304 rate (target >= 25%), twice: through the
  stack as deployed, where nginx keeps the application's 204 for one second per URI (the micro-cache of the nginx
  template: every poller of an up-to-date list asks the same URI, so nearly every poll is a cache hit and the
  application answers about one per second), and without that cache (a second server block of the same nginx
  that proxies to the same gunicorn as the template's application locations do, nothing else): the application's
  fast path itself, what every cache miss and every deployment without the cache gets. For comparison the
  application's 304 and gzip download (the route a client takes with the application's ETag);
- 100 concurrent pollers for 30 s, on the files (304) and on `?sinds=` (204, with and without the micro-cache): p99
  and errors (target p99 < 100 ms, 0 errors);
- the public register search (page and API) with 20 concurrent clients: p99 (target < 300 ms), with every answer
  computed and as deployed (answers kept until the next audited change), with the share that came from memory.

wrk keeps its connections open (keep-alive), so the rates measure the servers, not TLS handshakes. The machine's
cores are shared by wrk, nginx, gunicorn and PostgreSQL: the absolute rates are this machine's, the ratios the
point; the rates are measured in turns (BENCH_RONDES rounds of BENCH_DUUR seconds each, default 3 x 5 s) so that
a change in the machine's load hits each of them alike, and the load average is printed beside them.
BENCH_POLLERS_DUUR sets the pollers' seconds (default 30); BENCH_ALLEEN=zoeken measures the search only;
BENCH_GUNICORN=4x2 starts gunicorn with 4 processes of 2 threads instead of the production defaults.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
from run import AANBIEDERS, PG_BASIS, _monsters, _pg_bereikbaar  # noqa: E402
from stapel import Client, Mislukt, Productiestapel, onderbreekbaar, vrije_poort  # noqa: E402

DUUR = int(os.environ.get("BENCH_DUUR", "5"))  # seconds per round of a rate
RONDES = int(os.environ.get("BENCH_RONDES", "3"))
POLLERS_DUUR = int(os.environ.get("BENCH_POLLERS_DUUR", "30"))
#: BENCH_ALLEEN=zoeken: only the register search (to compare changes to it, or gunicorn's processes and threads)
ALLEEN_ZOEKEN = os.environ.get("BENCH_ALLEEN", "") == "zoeken"
#: BENCH_GUNICORN=<processes>x<threads>: another gunicorn than the production defaults (deploy/gunicorn.conf.py)
GUNICORN = [int(n) for n in os.environ["BENCH_GUNICORN"].split("x")] if os.environ.get("BENCH_GUNICORN") else [0, 0]
VERBINDINGEN = 50  # for the rates
POLLERS = 100
ZOEKERS = 20

# wrk scripts: the result line that Python reads, and (only where needed: each costs wrk a Lua call per request)
# a count of responses with another status than expected, and a list of paths to cycle through.
LUA_BASIS = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  verwacht = tonumber(args[1]) or 0
  onverwacht = 0
  anders = 0
  paden = {}
  if args[2] then for regel in io.lines(args[2]) do table.insert(paden, regel) end end
  i = math.random(1, math.max(#paden, 1))
end
function done(summary, latency, requests)
  local n, anders = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("onverwacht")
    if t:get("anders") ~= 0 then anders = t:get("anders") end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULTAAT {"verzoeken": %d, "duur_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"socketfouten": %d, "niet_2xx_3xx": %d, "onverwacht": %d, "status_anders": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, e.status, n, anders))
end
"""
LUA_CONTROLE = r"""
function response(status, headers, body)
  if verwacht > 0 and status ~= verwacht then onverwacht = onverwacht + 1; anders = status end
end
"""
LUA_PADEN = r"""
function request()
  i = i % #paden + 1
  return wrk.format(nil, paden[i])
end
"""


def wrk(script: Path, url: str, *, verbindingen: int, duur: int, koppen: dict | None = None, verwacht: int = 0,
        paden: Path | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{verbindingen}", f"-d{duur}s", "--timeout", "5s", "-s", str(script)]
    for k, v in (koppen or {}).items():
        args += ["-H", f"{k}: {v}"]
    args += [url, "--", str(verwacht)] + ([str(paden)] if paden else [])
    uit = subprocess.run(args, capture_output=True, text=True, timeout=duur + 60)
    regel = next((r for r in uit.stdout.splitlines() if r.startswith("RESULTAAT ")), None)
    if regel is None:
        raise Mislukt(f"wrk gaf geen resultaat:\n{uit.stdout}\n{uit.stderr}")
    r = json.loads(regel.removeprefix("RESULTAAT "))
    r["per_s"] = r["verzoeken"] / (r["duur_us"] / 1e6)
    r["fouten"] = r["socketfouten"] + r["niet_2xx_3xx"] + r["onverwacht"]
    return r


def afwisselend(metingen: dict) -> dict:
    """Each measurement RONDES times, in turns, so that a change in the machine's load (its cores are shared) hits
    all of them alike: rates from the summed requests and durations, p99 the median of the rounds'."""
    rondes: dict[str, list[dict]] = {label: [] for label in metingen}
    for _ in range(RONDES):
        for label, meting in metingen.items():
            rondes[label].append(meting())
    uit = {}
    for label, rs in rondes.items():
        r = {k: sum(x[k] for x in rs) for k in ("verzoeken", "duur_us", "bytes", "socketfouten", "niet_2xx_3xx",
                                               "onverwacht", "fouten")}
        r.update(per_s=r["verzoeken"] / (r["duur_us"] / 1e6), p99_us=sorted(x["p99_us"] for x in rs)[len(rs) // 2],
                 status_anders=max(x["status_anders"] for x in rs))
        uit[label] = r
    return uit


def kale_server(map_: Path, poort: int, stapel: Productiestapel) -> str:
    """nginx serving a plain directory: root, gzip_static, the same certificate; nothing else."""
    return f"""
server {{
    listen 127.0.0.1:{poort} ssl;
    server_name localhost;
    ssl_certificate {stapel.certificaat};
    ssl_certificate_key {stapel.tls_sleutel};
    ssl_protocols TLSv1.2 TLSv1.3;
    root {map_};
    gzip_static on;
}}
"""


def app_server(poort: int, stapel: Productiestapel) -> str:
    """The same nginx straight to gunicorn (the template's upstream, with its proxy headers), without the micro-cache
    of `?sinds=` answers: what the application itself sustains."""
    return f"""
server {{
    listen 127.0.0.1:{poort} ssl;
    server_name localhost;
    ssl_certificate {stapel.certificaat};
    ssl_certificate_key {stapel.tls_sleutel};
    ssl_protocols TLSv1.2 TLSv1.3;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Request-ID $request_id;
    location / {{
        proxy_pass http://stelselbeheer_app;
    }}
}}
"""


def bench(database_url: str) -> None:
    onderbreekbaar()
    with Productiestapel(database_url, naam="productiebench", gunicorn_processen=GUNICORN[0],
                         gunicorn_threads=GUNICORN[1]) as stapel:
        tmp = stapel.map  # readable for nginx's worker (a user of its own when started as root)
        print(f"\n== Productiestapel (gunicorn + nginx, PostgreSQL): {AANBIEDERS} aanbieders", flush=True)
        stapel.inrichten("--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts")
        kaal, kaal_poort, app_poort = tmp / "kaal", vrije_poort(), vrije_poort()
        stapel.starten(nginx_extra=kale_server(kaal, kaal_poort, stapel) + app_server(app_poort, stapel),
                       nginx_processen=2, nginx_verbindingen=1024)
        lijsten = stapel.lijstbestanden / "lijsten"
        (kaal / "lijsten").mkdir(parents=True)
        for naam in ("zal.xml", "zal.xml.gz"):  # the same bytes and modification time, so the same ETag
            shutil.copy2(lijsten / naam, kaal / "lijsten" / naam)
        kaal.chmod(0o755)
        (kaal / "lijsten").chmod(0o755)

        c = stapel.client()
        versie = json.loads(c.vraag("GET", "/lijsten/zal/versies.json")[2])["versies"][0]
        status, kop, _ = c.vraag("HEAD", "/lijsten/zal.xml")
        etag, volgnummer = kop["ETag"], versie["volgnummer"]
        grootte_gz = (lijsten / "zal.xml.gz").stat().st_size
        print(f"belasting van de machine (load average 1/5/15 min) bij de start: {laadgemiddelde()}")
        print(f"ZAL: {versie['aantal']} aanbieders, {versie['grootte'] / 1e6:.1f} MB, gzip {grootte_gz / 1e6:.2f} MB;"
              f" nginx-ETag {etag}", flush=True)
        productie = f"https://localhost:{stapel.https_poort}"
        kaal_url = f"https://localhost:{kaal_poort}"
        app_url = f"https://localhost:{app_poort}"
        gz = {"Accept-Encoding": "gzip"}
        monsters = _monsters(stapel.env)
        if ALLEEN_ZOEKEN:
            # straight after the bulk load PostgreSQL's autovacuum is still at work (the full run measures the search
            # minutes later): settle the tables first, so both measure the same thing
            with psycopg.connect(stapel.database_url, autocommit=True) as db:
                db.execute("VACUUM (ANALYZE)")
            meet = zoek(stapel, productie, monsters)
            stapel.stapel.nog_in_leven()
            verslag_zoeken(meet)
            print(f"belasting van de machine (load average 1/5/15 min) aan het eind: {laadgemiddelde()}")
            return
        controleer(c, etag, volgnummer, versie["sha256"])
        controleer_zonder_cache(stapel, app_poort, volgnummer)

        zonder = tmp / "tempo.lua"  # for the rates: wrk as lean as it gets (statuses checked above, once)
        zonder.write_text(LUA_BASIS)
        script = tmp / "controle.lua"  # pollers: every status checked
        script.write_text(LUA_BASIS + LUA_CONTROLE)
        n = {"verbindingen": VERBINDINGEN, "duur": DUUR}
        app_etag = {**gz, "If-None-Match": f'"{versie["sha256"]}-gz"'}
        nginx_etag = {**gz, "If-None-Match": etag}
        meet = afwisselend({
            "304 bestanden": lambda: wrk(zonder, f"{productie}/lijsten/zal.xml", **n, koppen=nginx_etag),
            "304 kaal": lambda: wrk(zonder, f"{kaal_url}/lijsten/zal.xml", **n, koppen=nginx_etag),
            "gzip bestanden": lambda: wrk(zonder, f"{productie}/lijsten/zal.xml", **n, koppen=gz),
            "gzip kaal": lambda: wrk(zonder, f"{kaal_url}/lijsten/zal.xml", **n, koppen=gz),
            "204 sinds": lambda: wrk(zonder, f"{productie}/lijsten/zal.xml?sinds={volgnummer}", **n),
            "204 sinds zonder cache": lambda: wrk(zonder, f"{app_url}/lijsten/zal.xml?sinds={volgnummer}", **n),
            "304 applicatie": lambda: wrk(zonder, f"{productie}/lijsten/zal.xml", **n, koppen=app_etag),
            "gzip applicatie": lambda: wrk(zonder, f"{productie}/lijsten/zal.xml", **n,
                                           koppen={**gz, "If-None-Match": '"' + "0" * 64 + '"'}),
        })
        p = {"verbindingen": POLLERS, "duur": POLLERS_DUUR}
        meet["pollers bestanden"] = wrk(script, f"{productie}/lijsten/zal.xml", **p, verwacht=304,
                                        koppen={**gz, "If-None-Match": etag})
        meet["pollers sinds"] = wrk(script, f"{productie}/lijsten/zal.xml?sinds={volgnummer}", **p, verwacht=204)
        meet["pollers sinds zonder cache"] = wrk(script, f"{app_url}/lijsten/zal.xml?sinds={volgnummer}", **p,
                                                 verwacht=204)

        meet.update(zoek(stapel, productie, monsters))
        stapel.stapel.nog_in_leven()
        verslag(meet)
        print(f"belasting van de machine (load average 1/5/15 min) aan het eind: {laadgemiddelde()}")


def zoek(stapel: Productiestapel, productie: str, monsters: dict) -> dict:
    """The public register search, page and API, by ZOEKERS clients cycling through name fragments and identifiers:
    first with every answer computed (gunicorn started with the answer cache off), then as deployed, where an answer
    is kept until the next audited change (kern/antwoordcache.py), starting from an empty cache; the share of
    answers that came from it in the measured seconds is counted from /metrics."""
    zoeken = stapel.map / "zoeken.lua"
    zoeken.write_text(LUA_BASIS + LUA_CONTROLE + LUA_PADEN)
    paden, meet = stapel.map / "zoeken.txt", {}
    for variant, omgeving in (("zonder", {"STELSEL_ANTWOORDCACHE_SECONDEN": "0"}), ("met", {})):
        stapel.stapel.stop("gunicorn")
        stapel.gunicorn_starten(**omgeving)
        for pad, label, route in (("/aanbiedersregister/", "zoeken pagina", "aanbiedersregister"),
                                  ("/api/aanbieders", "zoeken API", "api-aanbieders")):
            vragen = monsters["naam"] + monsters["identificatie"]
            paden.write_text("".join(f"{pad}?{urlencode({'q': q})}\n" for q in vragen))
            # warm-up, not measured: every gunicorn thread's first searches (its database connection's caches, the
            # templates) would otherwise be a good part of the few slowest of a 15-second run
            wrk(zoeken, f"{productie}/", verbindingen=ZOEKERS, duur=3, verwacht=200, paden=paden)
            voor = cachetellers(stapel, route)
            r = wrk(zoeken, f"{productie}/", verbindingen=ZOEKERS, duur=max(DUUR, 15), verwacht=200, paden=paden)
            na = cachetellers(stapel, route)
            r["treffers"], r["missers"] = na["treffer"] - voor["treffer"], na["mis"] - voor["mis"]
            meet[f"{label} {variant}"] = r
    return meet


def cachetellers(stapel: Productiestapel, route: str) -> dict:
    """The answer cache's hits and misses of ``route`` so far, over all gunicorn processes (/metrics, straight from
    gunicorn on 127.0.0.1, as the monitoring scrapes it)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{stapel.app_poort}/metrics", timeout=10) as antwoord:
        tekst = antwoord.read().decode()
    tellers = {"treffer": 0.0, "mis": 0.0}
    for familie in text_string_to_metric_families(tekst):
        for monster in familie.samples:
            if monster.name == "stelselbeheer_antwoordcache_total" and monster.labels["route"] == route:
                tellers[monster.labels["uitkomst"]] += monster.value
    return tellers


def laadgemiddelde() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) + f" op {os.cpu_count()} cores"


def controleer(c, etag: str, volgnummer: int, sha: str) -> None:
    """What the load will ask, asked once by hand: the statuses the measurements expect."""
    verwacht = [
        ("/lijsten/zal.xml", {"If-None-Match": etag}, 304),
        (f"/lijsten/zal.xml?sinds={volgnummer}", {}, 204),
        ("/lijsten/zal.xml", {"If-None-Match": f'"{sha}-gz"'}, 304),
    ]
    for pad, koppen, status in verwacht:
        gekregen = c.vraag("GET", pad, kop=koppen)[0]
        if gekregen != status:
            raise Mislukt(f"{pad} {koppen}: {gekregen}, verwacht {status}")
    status, kop, inhoud = c.vraag("GET", "/lijsten/zal.xml", kop={"If-None-Match": '"' + "0" * 64 + '"'})
    if status != 200 or hashlib.sha256(inhoud).hexdigest() != sha or "X-Volgnummer" not in kop:
        raise Mislukt(f"download via de applicatie: {status}")


def controleer_zonder_cache(stapel: Productiestapel, poort: int, volgnummer: int) -> None:
    """The server block without the micro-cache reaches the application: its 204 carries the application's
    X-Volgnummer, and each of its polls shows up in gunicorn's access log."""
    log = stapel.map / "gunicorn-toegang.log"
    voor = log.read_text().count(f"sinds={volgnummer} ")
    c = Client(poort, stapel.certificaat)
    for _ in range(3):
        status, kop, _ = c.vraag("GET", f"/lijsten/zal.xml?sinds={volgnummer}")
        if status != 204 or kop.get("X-Volgnummer") != str(volgnummer):
            raise Mislukt(f"?sinds= zonder microcache: {status} {kop.items()}")
    # gunicorn writes its access log line after the response: give the last one a moment to arrive
    einde = time.monotonic() + 5
    while (gezien := log.read_text().count(f"sinds={volgnummer} ") - voor) < 3 and time.monotonic() < einde:
        time.sleep(0.1)
    if gezien != 3:
        raise Mislukt(f"?sinds= zonder microcache: {gezien} van de 3 verzoeken kwamen bij gunicorn")


def _rij(label, r, naast=None, doel=""):
    verhouding = f"{r['per_s'] / naast['per_s']:>6.0%}" if naast else " " * 6
    tempo = f"{r['per_s']:,.0f}".replace(",", ".")
    fouten = r["fouten"] if r["fouten"] == 0 else (f"{r['fouten']} ({r['socketfouten']} socket, "
                                                   f"{r['niet_2xx_3xx']} status >= 400, {r['onverwacht']} anders, "
                                                   f"bijv. {r['status_anders']})")
    print(f"{label:<46} {tempo:>9}/s {verhouding}  p99 {r['p99_us'] / 1000:>6.1f} ms  fouten {fouten}  {doel}",
          flush=True)


def verslag(m: dict) -> None:
    kop = f"ZAL via nginx (TLS, keep-alive, {VERBINDINGEN} verb., {RONDES}x{DUUR} s)"
    print(f"\n{kop:<46} {'tempo':>11} {'t.o.v.':>6}")
    _rij("304 uit de lijstbestanden", m["304 bestanden"], m["304 kaal"], "doel >= 80% van kaal nginx")
    _rij("304 kaal nginx (zelfde bytes, gewone map)", m["304 kaal"])
    _rij("200 gzip uit de lijstbestanden", m["gzip bestanden"], m["gzip kaal"], "doel >= 80% van kaal nginx")
    _rij("200 gzip kaal nginx", m["gzip kaal"])
    _rij("204 ?sinds= (applicatie + microcache nginx)", m["204 sinds"], m["304 kaal"], "doel >= 25% van nginx' 304")
    _rij("204 ?sinds= zonder microcache (snelpad)", m["204 sinds zonder cache"], m["304 kaal"])
    _rij("304 met de ETag van de applicatie (snelpad)", m["304 applicatie"], m["304 kaal"])
    _rij("200 gzip door de applicatie", m["gzip applicatie"], m["gzip kaal"])
    print(f"\n{POLLERS} pollers, {POLLERS_DUUR} s")
    _rij("304 uit de lijstbestanden", m["pollers bestanden"], doel="doel p99 < 100 ms, 0 fouten")
    _rij("204 ?sinds= (applicatie + microcache nginx)", m["pollers sinds"], doel="doel p99 < 100 ms, 0 fouten")
    _rij("204 ?sinds= zonder microcache (snelpad)", m["pollers sinds zonder cache"], doel="doel p99 < 100 ms, 0 fouten")
    verslag_zoeken(m)


def verslag_zoeken(m: dict) -> None:
    print(f"\nOpenbaar register zoeken, {ZOEKERS} gelijktijdige clients (naamfragmenten en identificaties)")
    for label, pad in (("zoeken pagina", "/aanbiedersregister/?q="), ("zoeken API", "/api/aanbieders?q=")):
        _rij(f"{pad} (alles berekend)", m[f"{label} zonder"], doel="doel p99 < 300 ms")
        r = m[f"{label} met"]
        aandeel = r["treffers"] / max(1, r["treffers"] + r["missers"])
        _rij(f"{pad} ({aandeel:.0%} uit antwoordcache)", r, doel="doel p99 < 300 ms")


def main() -> None:
    if not shutil.which("wrk"):
        print("\n!! wrk niet gevonden (Debian-pakket wrk): meting door de productiestapel overgeslagen")
        return
    if not _pg_bereikbaar():
        print("\n!! PostgreSQL niet bereikbaar: meting door de productiestapel overgeslagen")
        return
    try:
        bench(PG_BASIS.replace("postgresql://", "postgres://", 1))
    except Mislukt as e:
        sys.exit(f"!! bench/productie.py MISLUKT: {e}")


if __name__ == "__main__":
    main()
