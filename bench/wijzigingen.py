"""Benchmark of the impact analysis of a change request on the agreements (RFC, issue 12), printed by `make bench`.

A register of 50,000 aanbieders (the demo generator's, ~3 gegevensdiensten each): the time to derive the impact of
one RFC from the register (which participants, aanbieders and gegevensdiensten it affects), for an RFC on one
gegevensdienst and for one on all of them, both roles, on SQLite and PostgreSQL. Target: p95 under 500 ms. Storing
the snapshot (``services.impact_vastleggen``) is timed too: it writes one row per affected participant.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import AANBIEDERS, _stelsel, op_elke_database  # noqa: E402

HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "20"))

MEET = r"""
import datetime as dt, json, statistics, time
from stelselbeheer.register.models import AanbiederGegevensdienst, Gegevensdienst
from stelselbeheer.wijzigingen import impact, services
from stelselbeheer.wijzigingen.agendas import zorgen
from stelselbeheer.wijzigingen.models import Ontwikkelagenda
zorgen()
vandaag = dt.date(2026, 11, 23)
dienst = Gegevensdienst.objects.order_by("code").first()
uit = {"aanbieders": AanbiederGegevensdienst.objects.values("aanbieder").distinct().count()}
for naam, diensten in (("een_dienst", [dienst]), ("alle_diensten", [])):
    tijden = []
    for _ in range(N):
        t = time.perf_counter()
        u = impact.bereken(gegevensdiensten=diensten, raakt_dva=True, raakt_dvp=True, peildatum=vandaag)
        tijden.append(time.perf_counter() - t)
    tijden.sort()
    uit[naam] = {"p50": statistics.median(tijden), "p95": tijden[max(0, int(len(tijden) * 0.95) - 1)],
                 "max": tijden[-1], "getroffen_aanbieders": u.aantal_aanbieders,
                 "getroffen_deelnemers": len(u.deelnemers())}
rfc = services.rfc_indienen(actor=None, agenda=Ontwikkelagenda.objects.get(code="algemeen"), titel="Bench",
                            probleem="p", voorstel="v", indiener_naam="Bench", indiener_email="bench@example.org")
opslaan = []
for _ in range(5):
    t = time.perf_counter()
    services.impact_vastleggen(actor=None, voorstel=rfc)
    opslaan.append(time.perf_counter() - t)
uit["vastleggen"] = sorted(opslaan)[len(opslaan) // 2]
print(json.dumps(uit))
"""


def bench(naam: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts")
    uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", f"N = {HERHALINGEN}\n" + MEET)
                     .stdout.strip().splitlines()[-1])
    print(f"\n== {naam}: impactanalyse van één RFC over {uit['aanbieders']} aanbieders ({HERHALINGEN} keer)")
    for deel, label in (("een_dienst", "één gegevensdienst"), ("alle_diensten", "alle gegevensdiensten")):
        m = uit[deel]
        oordeel = "ok" if m["p95"] < 0.5 else "BOVEN DOEL (500 ms)"
        print(f"{label:<22} p50 {m['p50'] * 1000:6.0f} ms  p95 {m['p95'] * 1000:6.0f} ms  "
              f"max {m['max'] * 1000:6.0f} ms  ({m['getroffen_aanbieders']} aanbieders, "
              f"{m['getroffen_deelnemers']} deelnemers getroffen)  {oordeel}")
    print(f"momentopname vastleggen (alle diensten, mediaan van 5): {uit['vastleggen'] * 1000:.0f} ms")


if __name__ == "__main__":
    op_elke_database(bench, "bench-wijzigingen")
