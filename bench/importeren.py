"""Benchmark of the list import (issue 17 item 5, LST-IMPORT-*), printed by `make bench`.

The lists of a demo register of BENCH_AANBIEDERS aanbieders (ZAL release 3, OCL, GNL, whitelist, ZAKL; published
on SQLite) are imported into an empty register (SQLite, and PostgreSQL when reachable) that holds one DVA and one
DVP: the time of reading and validating the documents, of the dry run (the plan) and of the import itself, the
process's peak memory, and whether the next publication gives the same entries (the round trip at scale).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import AANBIEDERS, ROOT, _stelsel, op_elke_database  # noqa: E402

AANTAL = int(os.environ.get("BENCH_IMPORT_AANBIEDERS", str(AANBIEDERS)))

PUBLICEER = r"""
import json, sys
from pathlib import Path
from stelselbeheer.lijsten.models import Formaatversie
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
map_ = Path(sys.argv[-1])
for lijst, s in alle_lijsten_publiceren(actor=None).items():
    (map_ / f"{lijst}.xml").write_bytes(s.inhoud)
    for f in Formaatversie.objects.filter(snapshot=s):
        (map_ / f"{lijst}{f.api}.xml").write_bytes(f.inhoud)
"""

IMPORTEER = r"""
import json, resource, sys, time
from pathlib import Path
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol
from stelselbeheer.lijsten.importeren import lijsten_importeren
from stelselbeheer.lijsten.lezen import lees_bron, ontleed
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.deelnemers.models import Kwalificatie
from stelselbeheer.register.models import Gegevensdienst
import datetime as dt
map_ = Path(sys.argv[-1])
vandaag = dt.date.today()
org = Organisatie.objects.create(naam="Overstapper B.V.", soort="leverancier", kvk_nummer="99999999")
dn = Deelnemer.objects.create(organisatie=org, overeenkomstversie="2.2", status="actief", status_sinds=vandaag)
for rol in ("dva", "dvp"):
    DeelnemerRol.objects.create(deelnemer=dn, rol=rol, sinds=vandaag)
t = time.perf_counter()
docs = [ontleed(lees_bron(str(map_ / f"{k}.xml")), k) for k in ("zal3", "ocl", "gnl", "whitelist", "zakl")]
lezen = time.perf_counter() - t
t = time.perf_counter()
plan = lijsten_importeren(actor=None, documenten=docs, dva_kvk="99999999", dvp_kvk="99999999", proefdraai=True)
proef = time.perf_counter() - t
t = time.perf_counter()
plan = lijsten_importeren(actor=None, documenten=docs, dva_kvk="99999999", dvp_kvk="99999999")
schrijven = time.perf_counter() - t
piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
for gd in Gegevensdienst.objects.all():
    for rol in ("dva", "dvp"):
        Kwalificatie.objects.create(deelnemer=dn, rol=rol, gegevensdienst=gd, testdatum=vandaag,
                                    geldig_tot=vandaag + dt.timedelta(days=30), resultaat="geslaagd")
na = {}
for lijst, s in alle_lijsten_publiceren(actor=None).items():
    na[lijst] = ontleed(s.inhoud).entries
    for f in s.formaatversies.all():
        na[f"{lijst}{f.api}"] = ontleed(f.inhoud).entries
gelijk = {d.bron: d.entries == na[d.bron] for d in docs}
print(json.dumps({"aanbieders": len(docs[0].entries), "clients": len(docs[1].entries), "lezen": lezen,
                  "proef": proef, "schrijven": schrijven, "piek": piek, "nieuw": len(plan.nieuw),
                  "conflicten": len(plan.conflicten), "gelijk": gelijk}))
"""


def _bron(map_: Path) -> None:
    db = ROOT / "var" / "bench-import-bron.sqlite3"
    db.parent.mkdir(exist_ok=True)
    for pad in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        pad.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", str(AANTAL), "--seed", "1", "--zonder-accounts")
    _stelsel(env, "lijsten", "sleutel-maken", "--als-die-ontbreekt")
    _stelsel(env, "shell", "--verbosity", "0", "-c", PUBLICEER.replace("sys.argv[-1]", repr(str(map_))))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        _bron(map_)
        groottes = {p.stem: p.stat().st_size / 1e6 for p in sorted(map_.glob("*.xml"))}
        print(f"\n== Lijstimport: de lijsten van {AANTAL} demo-aanbieders in een leeg register ==")
        print("   documenten (MB): " + ", ".join(f"{k} {v:.1f}" for k, v in groottes.items()))

        def meting(label: str, url: str) -> None:
            env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
            _stelsel(env, "migrate", "--verbosity", "0")
            _stelsel(env, "lijsten", "sleutel-maken", "--als-die-ontbreekt")
            uit = json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c",
                                      IMPORTEER.replace("sys.argv[-1]", repr(str(map_)))).stdout)
            print(f"-- {label}: {uit['aanbieders']} aanbieders, {uit['clients']} clients, {uit['nieuw']} nieuw, "
                  f"{uit['conflicten']} conflicten")
            print(f"   lezen en valideren {uit['lezen']:.1f} s, proef (plan) {uit['proef']:.1f} s, import (plan en "
                  f"schrijven) {uit['schrijven']:.1f} s, piekgeheugen {uit['piek']:.0f} MB")
            print("   na publicatie dezelfde entries: " + ", ".join(f"{k} {'ja' if v else 'NEE'}"
                                                                    for k, v in uit["gelijk"].items()))

        op_elke_database(meting, "bench-import")


if __name__ == "__main__":
    main()
