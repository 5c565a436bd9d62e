"""Benchmark of the afsprakenset's nightly check (issue 12), printed by `make bench`.

5,000 active participants (each DVA and DVP) × 3 approved releases = 30,000 rollouts: the oldest release 98% live,
the middle one 90%, both past their deadlines, the newest halfway and within its deadline; the participants' signed
agreement versions spread over the releases. Timed: the whole nightly check of the afsprakenset
(``afsprakenset.controle.nachtelijk``: linking typed versions, reminders of outdated agreements, findings for
outdated agreements after the transition date and for missed rollout deadlines, with their inserts), its first run
(which finds and writes every finding at once: about 1,200 missed deadlines and 2,500 outdated agreements) and a
second run the same night (which must add nothing). Target: under 2 s, on SQLite and PostgreSQL. The register of
aanbieders is small: the check does not read it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _stelsel, op_elke_database  # noqa: E402

DEELNEMERS = int(os.environ.get("BENCH_DEELNEMERS", "5000"))

MEET = r"""
import datetime as dt, json, random, time
from django.db import connection, transaction
from stelselbeheer.afsprakenset.controle import nachtelijk
from stelselbeheer.afsprakenset.models import Implementatietermijn, Release, Uitrol
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol
from stelselbeheer.organisaties.models import Organisatie
rng = random.Random(12)
vandaag = dt.date(2026, 11, 23)
#: per release the share of participants live: the oldest rolled out, the middle one nearly, the newest halfway
LIVE = {"9.1": 0.98, "9.2": 0.9, "9.3": 0.5}
with transaction.atomic():
    releases = []
    for i, (nummer, ingang) in enumerate([("9.1", -400), ("9.2", -120), ("9.3", 30)]):
        besluit = Besluit.objects.create(nummer=f"B-BENCH-{i}", datum=vandaag + dt.timedelta(days=ingang - 60),
                                         soort="release", onderwerp=f"Release {nummer}", tekst="Bench.")
        releases.append(Release.objects.create(
            nummer=nummer, titel=f"Bench {nummer}", status="in_werking" if ingang < 0 else "goedgekeurd",
            ingangsdatum=vandaag + dt.timedelta(days=ingang), besluit=besluit,
            overgangsdatum=vandaag + dt.timedelta(days=ingang + 90)))
    orgs = Organisatie.objects.bulk_create([Organisatie(naam=f"Bench ICT {i}", soort="leverancier",
                                            kvk_nummer=f"{70000000 + i}") for i in range(N)])
    dln = Deelnemer.objects.bulk_create([Deelnemer(
        organisatie=o, overeenkomstversie=rng.choice(["2.2", "9.1", "9.2", "9.3"]), status="actief",
        ondertekend_op=dt.date(2024, 1, 1), status_sinds=dt.date(2024, 1, 1)) for o in orgs])
    DeelnemerRol.objects.bulk_create([DeelnemerRol(deelnemer=d, rol=r, sinds=dt.date(2024, 1, 1))
                                      for d in dln for r in ("dva", "dvp")])
    uitrollen = []
    for r in releases:
        for rol, dagen in (("dva", 20), ("dvp", 60)):
            uiterlijk = r.ingangsdatum + dt.timedelta(days=dagen)
            Implementatietermijn.objects.create(release=r, rol=rol, uiterlijk=uiterlijk)
            uitrollen += [Uitrol(release=r, deelnemer=d, rol=rol, uiterlijk=uiterlijk, status_sinds=vandaag,
                                 status="live" if rng.random() < LIVE[r.nummer] else
                                 rng.choice(["gepland", "in_test", "gekwalificeerd"])) for d in dln]
    Uitrol.objects.bulk_create(uitrollen, batch_size=5000)
with connection.cursor() as c:
    c.execute("ANALYZE")
uit = {"deelnemers": Deelnemer.objects.filter(status="actief").count(), "uitrollen": Uitrol.objects.count()}
for ronde in ("eerste", "tweede"):
    t = time.perf_counter(); u = nachtelijk(vandaag); d = time.perf_counter() - t
    uit[ronde] = {"duur": d, "gekoppeld": u.gekoppeld, "herinneringen": u.herinneringen,
                  "overeenkomst": u.overeenkomst_constateringen, "uitrol": u.uitrol_constateringen}
print(json.dumps(uit))
"""


def bench(naam: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", "50", "--seed", "1", "--zonder-accounts")
    uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", f"N = {DEELNEMERS}\n" + MEET)
                     .stdout.strip().splitlines()[-1])
    print(f"\n== {naam}: {uit['deelnemers']} actieve deelnemers, 3 releases, {uit['uitrollen']} uitrollen")
    for ronde in ("eerste", "tweede"):
        m = uit[ronde]
        oordeel = "ok" if m["duur"] < 2 else "BOVEN DOEL (2 s)"
        print(f"{ronde} nachtelijke controle: {m['duur']:.2f} s  {oordeel}  (gekoppeld {m['gekoppeld']}, "
              f"herinneringen {m['herinneringen']}, constateringen overeenkomst {m['overeenkomst']}, "
              f"uitrol {m['uitrol']})")
    tweede = uit["tweede"]
    if tweede["herinneringen"] or tweede["overeenkomst"] or tweede["uitrol"]:
        print("!! de tweede controle voegde iets toe: niet idempotent")


if __name__ == "__main__":
    op_elke_database(bench, "bench-afsprakenset")
