"""Benchmark of the published lists (issues 3 and 17), printed by `make bench`.

Per register size (``BENCH_LIJSTEN_GROOTTEN``, default 50,000 aanbieders; ``50000,200000`` adds the large one of
issue 17) on SQLite and PostgreSQL when reachable: the whole process of ``stelsel lijsten publiceer`` (every list in
every format, first publication, then again after one change: a fresh process each time), its wall time, CPU time and
peak memory (ru_maxrss of that process). Then, on a register of 50,000 aanbieders x ~3 gegevensdiensten and 200
OAuth clients: per list with every format it is published in (ZAL release 2 and 3, ZAKL, OCL, GNL, whitelist;
LST-FORMAAT) the time of a full publication and of one after a single change, with the process's peak memory
after each; then the time of a full publication of the ZAL per part (build, XML, diff, validate, sign, compress,
store), the first in a fresh process (so nothing is remembered from an earlier build), of a publication after
one change, and the request rate for the ZAL of 304 responses, `?sinds=` 204 responses
and full 200 responses, each against the same file served by a plain static web server (Python's
http.server) in the same run: the ratio is the figure. Both servers are single-threaded and the client
opens one connection per request, so the comparison is like for like.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import AANBIEDERS, BIN, _stelsel, _vrije_poort, op_elke_database, start_wsgi, wacht  # noqa: E402

DUUR = float(os.environ.get("BENCH_DUUR", "3"))
GROOTTEN = [int(n) for n in os.environ.get("BENCH_LIJSTEN_GROOTTEN", str(AANBIEDERS)).split(",")]

EEN_WIJZIGING = r"""
from stelselbeheer.lijsten.models import Snapshot
from stelselbeheer.register.models import AanbiederGegevensdienst
from stelselbeheer.register import services as reg
naam, entry = next(iter(Snapshot.objects.filter(lijst="zal").order_by("-volgnummer").first().entries.items()))
d = AanbiederGegevensdienst.objects.get(aanbieder__naam=naam, gegevensdienst__code=next(iter(entry["k"])))
reg.aanbieder_dienst_instellen(actor=None, aanbieder=d.aanbieder, gegevensdienst=d.gegevensdienst,
    authorization_endpoint="https://auth.proces.nl/a", token_endpoint="https://api.proces.nl/t",
    systeemrollen={"MED": "https://fhir.proces.nl/m"})
"""


def _heel_proces(env) -> dict:
    """``stelsel lijsten publiceer`` (all lists, every format) as its own process: wall and CPU seconds, peak MB."""
    start = time.perf_counter()
    proces = subprocess.Popen([str(BIN / "stelsel"), "lijsten", "publiceer"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    uit = proces.stdout.read().decode()  # a few lines: read before the wait, so the pipe never fills
    _, status, gebruik = os.wait4(proces.pid, 0)
    proces.returncode = os.waitstatus_to_exitcode(status)
    if proces.returncode:
        raise RuntimeError(f"stelsel lijsten publiceer faalde: {uit}")
    return {"wand": time.perf_counter() - start, "cpu": gebruik.ru_utime + gebruik.ru_stime,
            "piek": gebruik.ru_maxrss / 1024, "uit": uit}


def proces_bench(naam: str, env: dict, aantal: int) -> None:
    vol = _heel_proces(env)
    _stelsel(env, "shell", "--verbosity", "0", "-c", EEN_WIJZIGING)
    een = _heel_proces(env)
    zal = next(r for r in vol["uit"].splitlines() if r.startswith("zal:"))
    print(f"\n== {naam}, {aantal} aanbieders: hele proces 'stelsel lijsten publiceer' (alle lijsten en formaten)")
    print(f"   {zal.strip()}")
    print(f"{'':<34} {'wandtijd s':>10} {'CPU s':>8} {'piek MB':>8}")
    for label, r in (("eerste publicatie", vol), ("na één wijziging (nieuw proces)", een)):
        print(f"{label:<34} {r['wand']:>10.1f} {r['cpu']:>8.1f} {r['piek']:>8.0f}")
    print(f"   (doel issue 17: piek < 1024 MB bij 200.000 aanbieders; "
          f"{'ok' if max(vol['piek'], een['piek']) < 1024 else 'BOVEN DOEL'} hier)")

PUBLICEER = r"""
import json, resource, time
from django.utils import timezone
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.register.models import OAuthclient, AanbiederGegevensdienst
from stelselbeheer.register import services as reg
from stelselbeheer.lijsten.services import lijst_publiceren, alle_lijsten_publiceren
from stelselbeheer.lijsten.models import Snapshot
dvp = list(Deelnemer.objects.filter(rollen__rol="dvp", status="actief"))
bestaand = OAuthclient.objects.count()
OAuthclient.objects.bulk_create([OAuthclient(hostname=f"app{i}.pgo{i % 7}.nl", organisatienaam=f"PGO {i}",
                                             dvp=dvp[i % len(dvp)]) for i in range(200 - bestaand)])
from stelselbeheer.lijsten.validatie import BESTANDEN, schema
from stelselbeheer.lijsten import formaten
for sleutel in BESTANDEN:
    schema(sleutel)  # loading the schemas is start-up, not publication
def piek():  # the process's peak resident memory so far, MB (ru_maxrss is in KiB on Linux)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
per_lijst = {}
for lijst in ("gnl", "zal", "zakl", "ocl", "whitelist"):  # each list with all its formats, first in this process
    t = time.perf_counter(); s = lijst_publiceren(actor=None, lijst=lijst)
    per_lijst[lijst] = {"vol": time.perf_counter() - t, "piek_vol": piek(), "aantal": s.aantal,
                        "formaten": formaten.majors(lijst),
                        "mb": [s.grootte / 1e6] + [f.grootte / 1e6 for f in s.formaatversies.order_by("api")]}
naam0, entry0 = next(iter(Snapshot.objects.filter(lijst="zal").order_by("-volgnummer").first().entries.items()))
d0 = AanbiederGegevensdienst.objects.get(aanbieder__naam=naam0, gegevensdienst__code=next(iter(entry0["k"])))
reg.aanbieder_dienst_instellen(actor=None, aanbieder=d0.aanbieder, gegevensdienst=d0.gegevensdienst,
    authorization_endpoint="https://auth.eerst.nl/a", token_endpoint="https://api.eerst.nl/t",
    systeemrollen={"MED": "https://fhir.eerst.nl/m"}, interfaceversies=["1.3.0", "1.4.0"])
for lijst in ("gnl", "zal", "zakl", "ocl", "whitelist"):  # one change: the ZAL, ZAKL and whitelist see it
    t = time.perf_counter(); lijst_publiceren(actor=None, lijst=lijst)
    per_lijst[lijst].update(een=time.perf_counter() - t, piek_een=piek())
reg.aanbieder_dienst_instellen(actor=None, aanbieder=d0.aanbieder, gegevensdienst=d0.gegevensdienst,
    authorization_endpoint="https://auth.eerst.nl/a", token_endpoint="https://api.eerst.nl/t",
    systeemrollen={"MED": "https://fhir.eerst.nl/m"}, interfaceversies=["1.4.0"])
def cpu():  # seconds of CPU of this process (all threads): the figure a busy shared machine disturbs least
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime
t, c = time.perf_counter(), cpu(); alle_lijsten_publiceren(actor=None)  # as the task publishes: register read once
samen_een, samen_een_cpu = time.perf_counter() - t, cpu() - c
from stelselbeheer.lijsten.bouwers import zal
zal.vergeet()  # a full pass: every fragment written again (validated only when this process did not do so before)
m = {}; t = time.perf_counter()
s = lijst_publiceren(actor=None, lijst="zal", metingen=m); m["totaal"] = time.perf_counter() - t
naam, entry = next(iter(s.entries.items()))
d = AanbiederGegevensdienst.objects.get(aanbieder__naam=naam, gegevensdienst__code=next(iter(entry["k"])))
reg.aanbieder_dienst_instellen(actor=None, aanbieder=d.aanbieder, gegevensdienst=d.gegevensdienst,
    authorization_endpoint="https://auth.gewijzigd.nl/a", token_endpoint="https://api.gewijzigd.nl/t",
    systeemrollen={"MED": "https://fhir.gewijzigd.nl/m"})
e = {}; t = time.perf_counter()
s2 = lijst_publiceren(actor=None, lijst="zal", metingen=e); e["totaal"] = time.perf_counter() - t
ocl = alle_lijsten_publiceren(actor=None)["ocl"]
print(json.dumps({"per_lijst": per_lijst, "samen_een": samen_een, "samen_een_cpu": samen_een_cpu, "piek": piek(),
                  "vol": m, "een": e,
                  "aantal": s.aantal, "grootte": s.grootte,
                  "volgnummer": s2.volgnummer, "gewijzigd": s2.gewijzigd, "ocl": ocl.aantal}))
"""


def _tempo(poort, pad, koppen, verwacht) -> float:
    n, einde = 0, time.perf_counter() + DUUR
    start = time.perf_counter()
    while time.perf_counter() < einde:
        c = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        c.request("GET", pad, headers={"Connection": "close", **koppen})
        r = c.getresponse()
        r.read()
        c.close()
        if r.status != verwacht:
            raise RuntimeError(f"{pad}: {r.status}, verwacht {verwacht}")
        n += 1
    return n / (time.perf_counter() - start)


def bench(naam: str, url: str, aantal: int, verzoeken: bool) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "lijsten", "sleutel-maken", "--als-die-ontbreekt")
    _stelsel(env, "demo-data", "--aanbieders", str(aantal), "--seed", "1", "--zonder-accounts")
    proces_bench(naam, env, aantal)
    uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", PUBLICEER).stdout.strip().splitlines()[-1])
    print(f"\n== {naam}: ZAL met {uit['aantal']} aanbieders ({uit['grootte'] / 1e6:.1f} MB), OCL {uit['ocl']} clients")
    print(f"{'lijst (formaten ?api=)':<26} {'entries':>8} {'MB per formaat':>18} {'volledig s':>11} {'piek MB':>8} "
          f"{'één wijziging s':>16} {'piek MB':>8}")
    totaal_vol = totaal_een = 0.0
    for lijst, r in uit["per_lijst"].items():
        totaal_vol, totaal_een = totaal_vol + r["vol"], totaal_een + r["een"]
        mb = " + ".join(f"{x:.1f}" for x in r["mb"])
        print(f"{lijst + ' ' + str(r['formaten']):<26} {r['aantal']:>8} {mb:>18} {r['vol']:>11.2f} "
              f"{r['piek_vol']:>8.0f} {r['een']:>16.2f} {r['piek_een']:>8.0f}")
    print(f"{'som van de lijsten':<26} {'':>8} {'':>18} {totaal_vol:>11.2f} {'':>8} {totaal_een:>16.2f}")
    print(f"één wijziging, alle lijsten en formaten in één publicatie (zoals de taak): {uit['samen_een']:.2f} s "
          f"(CPU {uit['samen_een_cpu']:.2f} s), piek {uit['piek']:.0f} MB  "
          f"(doel: volledig < 30 s, één wijziging < 3 s; "
          f"{'ok' if totaal_vol < 30 and uit['samen_een'] < 3 else 'BOVEN DOEL'})")
    for soort, label in (("vol", "volledige publicatie"), ("een", "publicatie na één wijziging")):
        delen = ", ".join(f"{k} {v:.2f}" for k, v in uit[soort].items() if k != "totaal")
        doel = 30 if soort == "vol" else 3
        oordeel = "ok" if uit[soort]["totaal"] < doel else f"BOVEN DOEL ({doel} s)"
        print(f"{label}: {uit[soort]['totaal']:.2f} s ({delen})  {oordeel}")
    print(f"  (wijziging zichtbaar in de volgende versie: gewijzigd = {uit['gewijzigd'][:1]})")
    if not verzoeken:
        return

    with tempfile.TemporaryDirectory() as map_:
        sha = _stelsel(env, "shell", "--verbosity", "0", "-c",
                       "from stelselbeheer.lijsten.models import Snapshot as S; import sys;"
                       "s=S.objects.filter(lijst='zal').order_by('-volgnummer').first();"
                       f"open('{map_}/zal.xml','wb').write(s.inhoud); print(s.sha256, s.volgnummer)"
                       ).stdout.split()
        p_app, p_stat = _vrije_poort(), _vrije_poort()
        app = start_wsgi(env, p_app)
        statisch = subprocess.Popen([sys.executable, "-m", "http.server", str(p_stat), "--bind", "127.0.0.1",
                                     "--directory", map_], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wacht(p_app)
            wacht(p_stat)
            etag = f'"{sha[0]}"'
            statisch_304 = _tempo(p_stat, "/zal.xml", {"If-Modified-Since": "Tue, 01 Jan 2030 00:00:00 GMT"}, 304)
            statisch_200 = _tempo(p_stat, "/zal.xml", {}, 200)
            metingen = [
                ("304 (If-None-Match)", _tempo(p_app, "/lijsten/zal.xml", {"If-None-Match": etag}, 304), statisch_304),
                ("204 (?sinds=volgnummer)", _tempo(p_app, f"/lijsten/zal.xml?sinds={sha[1]}", {}, 204), statisch_304),
                ("200 (volledig)", _tempo(p_app, "/lijsten/zal.xml", {}, 200), statisch_200),
            ]
            print(f"{'ZAL-verzoeken':<26} {'stelsel/s':>10} {'statisch/s':>11} {'verhouding':>10}")
            for label, ons, stat in metingen:
                print(f"{label:<26} {ons:>10.0f} {stat:>11.0f} {ons / stat:>10.0%}")
            print("  (doel: 304 minstens 50% van de statische server; die antwoordt 304 op If-Modified-Since)")
        finally:
            app.terminate()
            statisch.terminate()
            app.wait(10)
            statisch.wait(10)


if __name__ == "__main__":
    for i, aantal in enumerate(GROOTTEN):  # the request rates once, on the first size
        op_elke_database(lambda naam, url, n=aantal, v=i == 0: bench(naam, url, n, v), f"bench-lijsten-{aantal}")
