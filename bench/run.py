"""Benchmarks, printed (not asserted). Run with `make bench`.

For SQLite and (when reachable) PostgreSQL, with 50,000 aanbieders:
- rows per second of `stelsel demo-data`;
- median and p95 latency of the public register search over HTTP through the real URL stack
  (a single-threaded WSGI server process, one HTTP connection per request), by name fragment and by identifier,
  for the HTML page and the JSON API.
Target (issue 2): p95 under 50 ms for both searches.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AANBIEDERS = int(os.environ.get("BENCH_AANBIEDERS", "50000"))
VERZOEKEN = int(os.environ.get("BENCH_VERZOEKEN", "200"))
PG_BASIS = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
PG_DB = os.environ.get("BENCH_PG_DB", "stelsel_bench")  # dropped and created anew for every run


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stelsel(env, *args, **kw):
    return subprocess.run([str(BIN / "stelsel"), *args], env=env, check=True, capture_output=True, text=True, **kw)


def _pg_bereikbaar() -> bool:
    try:
        with psycopg.connect(PG_BASIS, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


def _pg_nieuw() -> str:
    with psycopg.connect(PG_BASIS, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return PG_BASIS.rsplit("/", 1)[0] + "/" + PG_DB


def _monsters(env) -> dict[str, list[str]]:
    code = ("import json; from stelselbeheer.register.models import Aanbieder as A;"
            "stap=max(1, A.objects.count()//400);"
            "rows=list(A.objects.values_list('naam','weergavenaam','organisatie__kvk_nummer')[::stap]);"
            "frag=[w.split(' ')[-1][:5].lower() for _, w, _ in rows];"
            "ids=[n for n, _, _ in rows[:100]]+[k for _, _, k in rows[100:200]];"
            "print(json.dumps({'naam': frag + ['apotheek', 'huisarts', 'fysio', 'zorggroep'], 'identificatie': ids}))")
    import json

    return json.loads(_stelsel(env, "shell", "--verbosity", "0", "-c", code).stdout)


def start_wsgi(env: dict, poort: int) -> subprocess.Popen:
    """A single-threaded WSGI server, like one production worker: it keeps its database connection
    (runserver starts a thread per request, so each request would open a new PostgreSQL connection)."""
    dienst = ("from wsgiref.simple_server import make_server, WSGIRequestHandler;"
              "from stelselbeheer.wsgi import application;"
              "WSGIRequestHandler.log_message = lambda *a: None;"
              f"make_server('127.0.0.1', {poort}, application).serve_forever()")
    return subprocess.Popen([sys.executable, "-c", dienst], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wacht(poort: int) -> None:
    """Until a server answers on ``poort`` (10 s at most)."""
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", poort), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server op poort {poort} start niet")


def _meet(poort: int, pad: str, param: str, waarden: list[str]) -> tuple[float, float, int]:
    """One new connection per request (HTTP/1.0 server): with keep-alive, Python's simple HTTP servers
    answer in two writes without TCP_NODELAY and a reused connection adds ~40 ms of Nagle/delayed-ACK wait,
    which measures the server library, not the application."""
    rng = random.Random(1)
    tijden = []
    for i in range(VERZOEKEN + 10):
        q = rng.choice(waarden)
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        conn.request("GET", f"{pad}?{urlencode({param: q})}", headers={"Connection": "close"})
        r = conn.getresponse()
        r.read()
        conn.close()
        duur = (time.perf_counter() - start) * 1000
        if r.status != 200:
            raise RuntimeError(f"{pad} {q}: HTTP {r.status}")
        if i >= 10:  # warm-up excluded
            tijden.append(duur)
    tijden.sort()
    return statistics.median(tijden), tijden[int(len(tijden) * 0.95) - 1], len(tijden)


def bench_engine(naam: str, database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "STELSEL_LOG_LEVEL": "ERROR"}
    _stelsel(env, "migrate", "--verbosity", "0")
    start = time.perf_counter()
    uit = _stelsel(env, "demo-data", "--aanbieders", str(AANBIEDERS), "--seed", "1", "--zonder-accounts").stdout
    duur = time.perf_counter() - start
    rijen = sum(int(r.split(":")[1]) for r in uit.splitlines() if r.startswith("  ") and ":" in r)
    print(f"\n== {naam}: {AANBIEDERS} aanbieders")
    print(f"demo-data: {rijen} rijen in {duur:.1f} s (hele commando, incl. opstarten) = {rijen / duur:,.0f} rijen/s")
    monsters = _monsters(env)
    poort = _vrije_poort()
    server = start_wsgi(env, poort)
    try:
        wacht(poort)
        print(f"{'zoekopdracht':<44} {'mediaan ms':>10} {'p95 ms':>8} {'n':>5}")
        for soort in ("naam", "identificatie"):
            for pad, param in (("/aanbiedersregister/", "q"), ("/api/aanbieders", "q")):
                mediaan, p95, n = _meet(poort, pad, param, monsters[soort])
                doel = "ok" if p95 < 50 else "BOVEN DOEL (50 ms)"
                print(f"{pad + ' op ' + soort:<44} {mediaan:>10.1f} {p95:>8.1f} {n:>5}  {doel}")
    finally:
        server.terminate()
        server.wait(10)


def op_elke_database(meting, naam: str) -> None:
    """Run ``meting(label, database_url)`` on a fresh SQLite file and, when reachable, a fresh PostgreSQL
    (``BENCH_PG_DB`` on the server of ``BENCH_PG``)."""
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    db = var / f"{naam}.sqlite3"
    for pad in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        pad.unlink(missing_ok=True)
    meting("SQLite", f"sqlite:///{db}")
    if _pg_bereikbaar():
        meting("PostgreSQL", _pg_nieuw())
    else:
        print("\n!! PostgreSQL niet bereikbaar: PostgreSQL-meting overgeslagen")


if __name__ == "__main__":
    op_elke_database(bench_engine, "bench")
