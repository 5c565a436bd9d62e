"""Benchmark of the nightly compliance check (issue 5), printed by `make bench`.

5,000 participants with 20 qualifications each (10 gegevensdiensten x DVA/DVP, test dates spread over two
years, so many are expiring or expired) beside a register of 50,000 aanbieders: the time to find all findings
(reminders due, expired qualifications without a finding, entries registered without recognition), on SQLite
and PostgreSQL. Target: under 2 s. Only the finding is timed (the queries the check runs); writing findings and
cases is proportional to what is found.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import AANBIEDERS, _stelsel, op_elke_database  # noqa: E402

DEELNEMERS = int(os.environ.get("BENCH_DEELNEMERS", "5000"))

MEET = r"""
import datetime as dt, json, random, time
from django.db import transaction
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol, Kwalificatie
from stelselbeheer.deelnemers.controle import te_herinneren, verlopen_zonder_constatering
from stelselbeheer.naleving.controle import erkenning_kandidaten, _lopend
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.models import Gegevensdienst
rng = random.Random(5)
vandaag = dt.date(2026, 11, 23)
diensten = list(Gegevensdienst.objects.order_by("code"))[:10]
diensten += Gegevensdienst.objects.bulk_create([Gegevensdienst(code=f"9{i}", naam=f"Benchdienst {i}")
                                                for i in range(10 - len(diensten))])
with transaction.atomic():
    orgs = Organisatie.objects.bulk_create([Organisatie(naam=f"Bench ICT {i}", soort="leverancier",
                                            kvk_nummer=f"{70000000 + i}") for i in range(N)])
    dln = Deelnemer.objects.bulk_create([Deelnemer(organisatie=o, overeenkomstversie="3.0", status="actief",
                                         ondertekend_op=dt.date(2024, 1, 1), status_sinds=dt.date(2024, 1, 1))
                                         for o in orgs])
    DeelnemerRol.objects.bulk_create([DeelnemerRol(deelnemer=d, rol=r, sinds=dt.date(2024, 1, 1))
                                      for d in dln for r in ("dva", "dvp")])
    kw = []
    for d in dln:
        for g in diensten:
            for r in ("dva", "dvp"):
                test = vandaag - dt.timedelta(days=rng.randint(0, 700))
                kw.append(Kwalificatie(deelnemer=d, rol=r, gegevensdienst=g, testdatum=test, resultaat="geslaagd",
                                       geldig_tot=test + dt.timedelta(days=365)))
    Kwalificatie.objects.bulk_create(kw, batch_size=5000)
from django.db import connection
with connection.cursor() as c:
    c.execute("ANALYZE")
uit = {"kwalificaties": Kwalificatie.objects.count(), "deelnemers": Deelnemer.objects.count()}
for ronde in range(3):
    t = time.perf_counter(); h = len(list(te_herinneren(vandaag))); a = time.perf_counter()
    v = len(list(verlopen_zonder_constatering(vandaag))); b = time.perf_counter()
    lopend = _lopend(); e = len([k for k in erkenning_kandidaten(vandaag) if k not in lopend]); c2 = time.perf_counter()
    uit[f"ronde{ronde}"] = {"herinneringen": [h, a - t], "verlopen": [v, b - a], "erkenning": [e, c2 - b],
                            "totaal": c2 - t}
print(json.dumps(uit))
"""


def bench(naam: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts")
    uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", f"N = {DEELNEMERS}\n" + MEET)
                     .stdout.strip().splitlines()[-1])
    beste = min((uit[f"ronde{r}"] for r in range(3)), key=lambda m: m["totaal"])
    print(f"\n== {naam}: {uit['deelnemers']} deelnemers, {uit['kwalificaties']} kwalificaties, {AANBIEDERS} aanbieders")
    for deel in ("herinneringen", "verlopen", "erkenning"):
        aantal, duur = beste[deel]
        print(f"{deel:<14} {aantal:>7} gevonden in {duur:.2f} s")
    oordeel = "ok" if beste["totaal"] < 2 else "BOVEN DOEL (2 s)"
    print(f"alle constateringen vinden: {beste['totaal']:.2f} s (beste van 3)  {oordeel}")


if __name__ == "__main__":
    op_elke_database(bench, "bench-naleving")
