"""Benchmark of the public aanbiedersregister as one JSON document (``GET /api/aanbiedersregister``, issue 17 item
6), printed by `make bench`.

A register of 50,000 aanbieders (the demo generator's), served by one single-threaded WSGI worker as in bench/run.py:
the time to the first byte and to the last, the size, plain and gzip, the 304 answer to a poll with the ETag, and
the peak memory (VmHWM) of the worker process before and after the downloads. Targets: the whole document in
under 10 s, a 304 in under 50 ms, and the worker's memory growing by less than 100 MB (the document is streamed
in pages, never held whole).
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402
from run import AANBIEDERS, _stelsel, _vrije_poort, op_elke_database, start_wsgi  # noqa: E402

PAD = "/api/aanbiedersregister"
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "3"))
# the PostgreSQL database this benchmark recreates (default: the one bench/run.py uses)
run.PG_DB = os.environ.get("BENCH_PG_DB", run.PG_DB)


def wacht(poort: int, seconden: float = 60) -> None:
    """Until the worker answers (a busy machine may need more than bench/run.py's 10 s to import Django)."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            socket.create_connection(("127.0.0.1", poort), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server op poort {poort} start niet")


def _geheugen_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
    return float("nan")


def _ophalen(poort: int, koppen: dict) -> tuple[int, float, float, bytes, dict]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
    conn.request("GET", PAD, headers={"Connection": "close", **koppen})
    r = conn.getresponse()
    eerste = r.read(1)
    eerste_byte = time.perf_counter() - start
    inhoud = eerste + r.read()
    totaal = time.perf_counter() - start
    conn.close()
    return r.status, eerste_byte, totaal, inhoud, dict(r.getheaders())


def bench(naam: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    _stelsel(env, "demo-data", "--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts")
    poort = _vrije_poort()
    server = start_wsgi(env, poort)
    try:
        wacht(poort)
        _ophalen(poort, {"Accept": "application/json"})  # warm-up: imports, connection
        voor = _geheugen_mb(server.pid)
        print(f"\n== {naam}: {PAD} over {AANBIEDERS} aanbieders in het register ({HERHALINGEN} keer)")
        etag = None
        for label, koppen in (("zonder compressie", {}), ("gzip", {"Accept-Encoding": "gzip"})):
            eerste, totaal = [], []
            for _ in range(HERHALINGEN):
                status, t1, t, inhoud, antwoord = _ophalen(poort, koppen)
                if status != 200:
                    raise RuntimeError(f"{PAD}: HTTP {status}")
                eerste.append(t1)
                totaal.append(t)
            tekst = gzip.decompress(inhoud) if koppen else inhoud
            document = json.loads(tekst)
            etag = antwoord["ETag"]
            oordeel = "ok" if statistics.median(totaal) < 10 else "BOVEN DOEL (10 s)"
            print(f"{label:<18} eerste byte {statistics.median(eerste) * 1000:6.0f} ms  "
                  f"geheel {statistics.median(totaal):6.2f} s  {len(inhoud) / 1e6:6.1f} MB  "
                  f"({document['aantal']} aanbieders)  {oordeel}")
        tijden = []
        for _ in range(50):
            status, _, t, _, _ = _ophalen(poort, {"Accept-Encoding": "gzip", "If-None-Match": etag})
            if status != 304:
                raise RuntimeError(f"{PAD} met ETag: HTTP {status}")
            tijden.append(t)
        tijden.sort()
        p95 = tijden[int(len(tijden) * 0.95) - 1]
        print(f"304 met ETag         p50 {statistics.median(tijden) * 1000:5.1f} ms  p95 {p95 * 1000:5.1f} ms  "
              f"{'ok' if p95 < 0.05 else 'BOVEN DOEL (50 ms)'}")
        na = _geheugen_mb(server.pid)
        groei = na - voor
        print(f"geheugen van de worker (piek): {voor:.0f} MB voor, {na:.0f} MB na de downloads (+{groei:.0f} MB)  "
              f"{'ok' if groei < 100 else 'BOVEN DOEL (100 MB)'}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    op_elke_database(bench, "bench-register")
