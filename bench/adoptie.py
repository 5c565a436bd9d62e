"""Benchmark of the adoption monitor (issue 13), printed by `make bench`.

A register of 50,000 aanbieders (the demo generator), the ZAL published from it, and 20 products over its
gegevensdiensten and sectors: the daily snapshot (read the register and the published ZAL, compute every product's
figures and breakdowns, write them; target under 5 s) and the dashboard pages (the overview and a product's page
with a year of history, through Django's test client in the same process; target p95 under 300 ms), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import AANBIEDERS, _stelsel, op_elke_database  # noqa: E402

PRODUCTEN = int(os.environ.get("BENCH_PRODUCTEN", "20"))
VERZOEKEN = int(os.environ.get("BENCH_VERZOEKEN", "60"))

MEET = r"""
import json, random, statistics, time
from django.conf import settings
from django.test import Client
from stelselbeheer.adoptie.services import momentopname_maken
from stelselbeheer.adoptie.models import Adoptiestand
from stelselbeheer.implementatie.models import Product
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.services import gebruiker_aanmaken
from stelselbeheer.organisaties.models import Sector
from stelselbeheer.register.models import Aanbieder, Gegevensdienst
rng = random.Random(13)
diensten = list(Gegevensdienst.objects.all())
sectoren = [s for s in Sector.values if s not in ("ict", "overheid")]
for i in range(Product.objects.count(), N):
    p = Product.objects.create(code=f"bench-{i}", naam=f"Benchproduct {i}", eigenaar="Bench",
                               sectoren=rng.sample(sectoren, rng.randint(1, 4)), fase=rng.choice(
                                   ["intake", "koplopers", "optimalisatie", "brede_implementatie"]))
    p.gegevensdiensten.set(rng.sample(diensten, rng.randint(1, 2)))
uit = {"aanbieders": Aanbieder.objects.count(), "producten": Product.objects.count(), "snapshot": []}
for _ in range(3):
    t = time.perf_counter()
    momentopname_maken()
    uit["snapshot"].append(time.perf_counter() - t)
uit["standen"] = Adoptiestand.objects.count()
settings.TWEEFACTOR_ROLLEN = set()
settings.ALLOWED_HOSTS = ["*"]
gebruiker = Gebruiker.objects.filter(username="bench-auditor").first() or gebruiker_aanmaken(
    actor=None, gebruikersnaam="bench-auditor", wachtwoord="bench-Wachtwoord-2026!", rol="auditor")
client = Client()
client.force_login(gebruiker)
product = Product.objects.order_by("code").first().code
uit["paginas"] = {}
for pad in ("/adoptie/", f"/adoptie/{product}/", f"/adoptie/{product}/samenvatting/"):
    eerste = client.get(pad)
    assert eerste.status_code == 200, (pad, eerste.status_code, eerste.content[:500])
    tijden = []
    for _ in range(V):
        t = time.perf_counter()
        r = client.get(pad)
        tijden.append(time.perf_counter() - t)
        assert r.status_code == 200
    tijden.sort()
    uit["paginas"][pad] = {"p50": statistics.median(tijden), "p95": tijden[int(0.95 * (len(tijden) - 1))],
                           "bytes": len(r.content)}
print(json.dumps(uit))
"""


def bench(naam: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts")
    _stelsel(env, "lijsten", "sleutel-maken", "--als-die-ontbreekt")
    _stelsel(env, "lijsten", "publiceer", "--reden", "bench")
    uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", f"N = {PRODUCTEN}\nV = {VERZOEKEN}\n" + MEET)
                     .stdout.strip().splitlines()[-1])
    snel = min(uit["snapshot"])
    print(f"\n== {naam}: {uit['aanbieders']} aanbieders, {uit['producten']} producten, {uit['standen']} standen "
          f"(een jaar demogeschiedenis en vandaag)")
    print("momentopname: " + ", ".join(f"{s:.2f} s" for s in uit["snapshot"])
          + f"  (beste {snel:.2f} s; doel < 5 s: {'ok' if max(uit['snapshot']) < 5 else 'BOVEN DOEL'})")
    for pad, m in uit["paginas"].items():
        oordeel = "ok" if m["p95"] < 0.3 else "BOVEN DOEL (300 ms)"
        print(f"{pad:<40} p50 {1000 * m['p50']:6.1f} ms  p95 {1000 * m['p95']:6.1f} ms  "
              f"{m['bytes'] // 1024} KiB  {oordeel}")


if __name__ == "__main__":
    op_elke_database(bench, "bench-adoptie")
