"""gunicorn for Stelselbeheer: ``gunicorn -c deploy/gunicorn.conf.py`` (systemd unit, container image, rooktest).

Processes times threads: a request mostly waits on PostgreSQL or on the client, and threads of one process share
its memory (also the lists' fast path, lijsten/snelpad.py). One process per core, at least two so that one busy or
restarting process never stops the service, with four threads each: 2 x 4 on the 2-core machine the benchmarks
ran on (issue 15: p99 42 ms for 100 polling clients, against 4 s from the development server). nginx in front
buffers slow clients, so a thread is not held by a slow download.

Every value can be set from the environment (the defaults are for one machine with nginx on 127.0.0.1):
STELSEL_GUNICORN_BIND     address to listen on (default 127.0.0.1:8000; in a container 0.0.0.0:8000)
STELSEL_GUNICORN_WORKERS  processes (default: the number of cores, at least 2)
STELSEL_GUNICORN_THREADS  threads per process (default 4)
STELSEL_GUNICORN_TIMEOUT  seconds of silence after which a process is restarted (default 60)
STELSEL_GUNICORN_MAX_REQUESTS requests after which a process is replaced by a fresh one (default 200000; 0: never)
STELSEL_GUNICORN_ACCESSLOG access log file, "-" for standard output (default; systemd's journal or docker logs)
FORWARDED_ALLOW_IPS       addresses whose X-Forwarded-* headers gunicorn believes (gunicorn's own; default
                          127.0.0.1; in a container the proxy's network)
PROMETHEUS_MULTIPROC_DIR  where the processes keep their request metrics for /metrics (default: a fresh directory
                          under /dev/shm, removed when gunicorn stops; emptied at every start). See
                          src/stelselbeheer/kern/prometheus.py.
STELSEL_LOG_FORMAAT       "json": gunicorn's own lines and the access log as JSON too, like the application's
STELSEL_ANTWOORDCACHE_MAP the public search's kept answers, shared by the processes (default: a fresh directory under
                          /dev/shm, emptied at every start and reload, removed when gunicorn stops)
STELSEL_GUNICORN_GC_BEVRIEZEN "0": no gc.freeze() (see post_worker_init below; default on)

Every access log line carries the request id (the answer's X-Request-ID: nginx's $request_id, or the application's
own), the same id as the application's log lines of that request.
"""

import gc
import itertools
import multiprocessing
import os
import shutil
import tempfile

wsgi_app = "stelselbeheer.wsgi:application"
bind = os.environ.get("STELSEL_GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("STELSEL_GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("STELSEL_GUNICORN_THREADS", "4"))

timeout = int(os.environ.get("STELSEL_GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30  # seconds a process gets on a restart or stop to finish what it is doing
keepalive = 5  # seconds an idle connection from nginx stays open (nginx keeps a pool: upstream keepalive)
# Recycle a process now and then, spread out so that not all restart at once: guards against slow leaks. Not too
# often: a restarting process boots Django again (a second or two on a busy machine) while its share of the requests
# waits, and `?sinds=` polls come by the thousand per second (bench/productie.py: with 5,000 the 100 pollers' p99
# was over a second, from the restarts).
max_requests = int(os.environ.get("STELSEL_GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory, not on a (possibly overlay or network) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

accesslog = os.environ.get("STELSEL_GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = "info"
# client address as nginx saw it, request id, request, status, bytes, duration in milliseconds, referer, user agent
access_log_format = '%({x-forwarded-for}i)s [%({x-request-id}o)s] %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
if os.environ.get("STELSEL_LOG_FORMAAT", "").strip().lower() == "json":
    # gunicorn's lines through the application's JSON formatter; an access line's atoms become fields of their own
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "stelselbeheer.kern.logboek.JsonFormatter"}},
        "handlers": {
            "fout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "toegang": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["fout"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["toegang"], "level": "INFO", "propagate": False},
        },
    }

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "stelselbeheer"
# No control socket (gunicorn 25+ makes one in the home directory): systemd and docker steer with signals.
control_socket_disable = True

# Prometheus metrics of all worker processes in one scrape (multiprocess mode of prometheus-client): the directory
# must be in the environment before a worker imports prometheus_client, so it is set here, in the master.
# (A reload with SIGHUP reads this file again: the directory made at the first reading stays in use.)
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="stelselbeheer-metrieken-", dir=worker_tmp_dir)
    os.environ["STELSEL_METRIEKMAP_TIJDELIJK"] = "1"  # ours: removed when gunicorn stops
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

# The public search's kept answers (src/stelselbeheer/kern/antwoordcache.py), shared by all worker processes: a
# directory of our own (mode 0700: the cache holds pickled answers, and nobody else may put one there) in memory,
# emptied at every start and reload, removed when gunicorn stops. Shared, a question asked of one process is a hit
# in every other (bench/productie.py: with a cache per process each of the two processes computed every answer once).
if not os.environ.get("STELSEL_ANTWOORDCACHE_MAP"):
    os.environ["STELSEL_ANTWOORDCACHE_MAP"] = tempfile.mkdtemp(prefix="stelselbeheer-antwoorden-", dir=worker_tmp_dir)
    os.environ["STELSEL_ANTWOORDMAP_TIJDELIJK"] = "1"  # ours: removed when gunicorn stops


def _antwoorden_legen():
    map_ = os.environ["STELSEL_ANTWOORDCACHE_MAP"]
    if os.path.isdir(map_):
        for naam in os.listdir(map_):
            if naam.endswith(".djcache"):  # Django's FileBasedCache files, nothing else
                os.remove(os.path.join(map_, naam))


from stelselbeheer.kern import prometheus  # noqa: E402 - after PROMETHEUS_MULTIPROC_DIR is set


def on_starting(server):
    prometheus.map_legen(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    _antwoorden_legen()


def on_reload(server):
    _antwoorden_legen()


def child_exit(server, worker):
    prometheus.proces_gestopt(worker.pid, os.environ["PROMETHEUS_MULTIPROC_DIR"])


def on_exit(server):
    if os.environ.get("STELSEL_METRIEKMAP_TIJDELIJK"):
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    if os.environ.get("STELSEL_ANTWOORDMAP_TIJDELIJK"):
        shutil.rmtree(os.environ["STELSEL_ANTWOORDCACHE_MAP"], ignore_errors=True)


# Python's full garbage collection walks every object that is alive and holds the process's lock while it does (all
# of its threads wait). A worker holds some 240,000 objects after its first requests (Django, the URL patterns, the
# compiled templates, the API's schemas) that live as long as it does, and a search page's template leaves cyclic
# garbage that sets a full collection off every second or so: measured through the stack (bench/productie.py, 20
# searching clients), each took ~250 ms, the tail of the search. gc.freeze() moves what is alive into a generation
# the collector no longer walks: once when the worker has loaded the application, and once more after its first
# BEVRIEZEN_NA requests have loaded what it serves lazily; after that a full collection walks ~1,000 objects.
# (What a request in flight at that moment has made, a few thousand objects, stays in memory for good.)
GC_BEVRIEZEN = os.environ.get("STELSEL_GUNICORN_GC_BEVRIEZEN", "1") != "0"
BEVRIEZEN_NA = 300
_verzoeken = itertools.count(1)


def post_worker_init(worker):
    if GC_BEVRIEZEN:
        gc.collect()
        gc.freeze()


def post_request(worker, req, environ, resp):
    if GC_BEVRIEZEN and next(_verzoeken) == BEVRIEZEN_NA:
        gc.collect()
        gc.freeze()
