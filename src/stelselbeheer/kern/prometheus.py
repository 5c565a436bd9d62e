"""Prometheus metrics (prometheus-client) across gunicorn's processes (issue 15, operations).

gunicorn runs several worker processes; a scrape reaches one of them. So that one scrape still shows the whole
picture, the request metrics use prometheus-client's multiprocess mode: with ``PROMETHEUS_MULTIPROC_DIR`` set
(deploy/gunicorn.conf.py sets it before any worker starts) every process writes its counts to its own small
memory-mapped file in that directory, and the process that answers the scrape adds up all the files. The gauges
that come from the database (list age, failed publications, queue depth, overdue deadlines: kern/metrieken.py) are
computed once per scrape by the answering process, so they are the same whichever process answers.

gunicorn restarts a worker after ``max_requests`` requests; each restart would leave one more file to add up on
every scrape. :func:`proces_gestopt` (gunicorn's ``child_exit`` hook, in the master) therefore folds a stopped
worker's counts into one file of stopped processes and removes its own. Without ``PROMETHEUS_MULTIPROC_DIR``
(the development server, the tests) the metrics live in the process itself.

Nothing here imports Django: gunicorn's master loads this module through its configuration file.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

MAP_VARIABELE = "PROMETHEUS_MULTIPROC_DIR"

#: request duration: from the moment the request reaches the application until its answer is ready to be sent
VERZOEK_DUUR = Histogram(
    "stelselbeheer_http_request_duration_seconds",
    "Duur van een verzoek in de applicatie, per route (URL-naam), methode en statusklasse.",
    ["route", "method", "status"],
    registry=None,  # collected per scrape: from this process, or from every process's file (multiprocess mode)
)

#: answers for the public kept until the next audited change (kern/antwoordcache.py): hits and misses per route
ANTWOORDCACHE = Counter(
    "stelselbeheer_antwoordcache",
    "Antwoorden uit de antwoordcache (treffer) of berekend (mis), per route.",
    ["route", "uitkomst"],
    registry=None,
)

# Counters and histograms only add up, so a stopped process's values can be added to those of earlier stopped
# processes. (Gauges are not kept in these files: the database gauges are computed per scrape.)
_OPTELBAAR = ("counter", "histogram")
_GESTOPT = "gestopt"  # file name <type>_gestopt.db: the prefix before "_" is the type the collector reads


def metriekmap() -> str | None:
    return os.environ.get(MAP_VARIABELE) or None


def register(*collectors) -> CollectorRegistry:
    """A registry for one scrape: the request metrics (of all processes in multiprocess mode) and ``collectors``."""
    registry = CollectorRegistry()
    if metriekmap():
        MultiProcessCollector(registry)
    else:
        registry.register(VERZOEK_DUUR)
        registry.register(ANTWOORDCACHE)
    for collector in collectors:
        registry.register(collector)
    return registry


def map_legen(map_: str) -> None:
    """Start of gunicorn's master: no files of an earlier run (their counts would be added to this run's)."""
    for pad in glob.glob(os.path.join(map_, "*.db")):
        os.remove(pad)


def proces_gestopt(pid: int, map_: str) -> None:
    """Fold the counts of stopped worker ``pid`` into the file of stopped processes and remove its own file.

    Runs in gunicorn's master (``child_exit``), the only writer of the ``*_gestopt.db`` files, after the worker
    has gone. A scrape that reads the directory in the instant between the two steps counts that worker twice;
    Prometheus sees the next scrape's lower value as a counter reset, which ``rate()`` handles."""
    mark_process_dead(pid, map_)
    for soort in _OPTELBAAR:
        eigen = Path(map_) / f"{soort}_{pid}.db"
        if not eigen.exists():
            continue
        gestopt = MmapedDict(str(Path(map_) / f"{soort}_{_GESTOPT}.db"))
        try:
            for sleutel, waarde, _tijd, _pos in MmapedDict.read_all_values_from_file(str(eigen)):
                eerder, _ = gestopt.read_value(sleutel)
                gestopt.write_value(sleutel, eerder + waarde, 0.0)
        finally:
            gestopt.close()
        eigen.unlink()
