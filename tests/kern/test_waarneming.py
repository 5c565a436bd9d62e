"""Operations (issue 15): the request id in answers and log lines, JSON logs, and Prometheus metrics at /metrics
(access, request durations per route, the database gauges, one picture across gunicorn's processes).

The WSGI application of production (stelselbeheer.wsgi) is called directly: the request id, the durations and
/metrics live in WSGI middleware in front of Django and of the lists' fast path, which the test client bypasses."""

import datetime as dt
import io
import json
import logging
import os
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_started
from django.db import OperationalError, close_old_connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import CollectorRegistry

from stelselbeheer.kern import metrieken
from stelselbeheer.kern.logboek import JsonFormatter, VerzoekFilter
from stelselbeheer.kern.prometheus import MAP_VARIABELE, proces_gestopt, register
from stelselbeheer.lijsten.models import MislukteBouw
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.meldingen.services import melding_indienen
from stelselbeheer.naleving.models import Nalevingszaak
from stelselbeheer.naleving.services import zaak_openen
from stelselbeheer.wsgi import application


@pytest.fixture(autouse=True)
def _wsgi_in_een_test(settings, monkeypatch):
    """Like Django's test client: a request must not close the test's own connection (it runs inside the test's
    transaction). The fast path reads the lists' heads on every poll."""
    settings.LIJST_KOP_TTL = 0
    for module in ("stelselbeheer.lijsten.snelpad", "stelselbeheer.kern.waarneming"):
        monkeypatch.setattr(f"{module}.close_old_connections", lambda: None)
    request_started.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)


def vraag(pad, methode="GET", **environ):
    """(status code, headers, body) of the production WSGI application."""
    omgeving = {"REQUEST_METHOD": methode, "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "testserver",
                "HTTP_HOST": "testserver"}
    setup_testing_defaults(omgeving)
    pad, _, query = pad.partition("?")
    omgeving.update(PATH_INFO=pad, QUERY_STRING=query, **environ)
    antwoord = {}

    def start_response(status, koppen, exc_info=None):
        antwoord["status"], antwoord["koppen"] = int(status.split()[0]), dict(koppen)

    inhoud = b"".join(application(omgeving, start_response))
    return antwoord["status"], antwoord["koppen"], inhoud


def metingen(inhoud: bytes) -> dict:
    """{(name, frozenset(labels)): value} from the Prometheus text format."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for familie in text_string_to_metric_families(inhoud.decode()) for s in familie.samples}


# ---- request id and logs ----

@pytest.fixture
def json_log():
    """The root logger's lines as the production handler writes them with STELSEL_LOG_FORMAAT=json."""
    uit = io.StringIO()
    handler = logging.StreamHandler(uit)
    handler.addFilter(VerzoekFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(regel) for regel in uit.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


def test_elk_antwoord_heeft_een_request_id_dat_ook_in_de_logregels_staat(db, json_log):
    status, koppen, _ = vraag("/bestaat-niet/")  # Django logs "Not Found" for it
    assert status == 404
    rid = koppen["X-Request-ID"]
    assert len(rid) == 32 and int(rid, 16) >= 0
    regels = [r for r in json_log() if r["logger"] == "django.request"]
    assert regels and regels[-1]["request_id"] == rid and regels[-1]["level"] == "WARNING"
    assert regels[-1]["message"] == "Not Found: /bestaat-niet/" and "time" in regels[-1]
    logging.getLogger("stelselbeheer.test").warning("buiten een verzoek")
    assert json_log()[-1]["request_id"] is None


def test_het_request_id_van_de_proxy_wordt_overgenomen_een_vreemd_niet(db):
    nginx = "4f1c2a9be0d34c5f8a6b7c8d9e0f1a2b"
    assert vraag("/gezond/leeft", HTTP_X_REQUEST_ID=nginx)[1]["X-Request-ID"] == nginx
    for vreemd in ("kort", "a" * 200, "abc def 123456789", 'x"\n{"level": "ERROR"}'):
        rid = vraag("/gezond/leeft", HTTP_X_REQUEST_ID=vreemd)[1]["X-Request-ID"]
        assert rid != vreemd and len(rid) == 32


def test_ook_het_snelpad_van_de_lijsten_geeft_een_request_id(wereld):
    alle_lijsten_publiceren(actor=None)
    _, koppen, _ = vraag("/lijsten/zal.xml")
    status, koppen, _ = vraag("/lijsten/zal.xml", HTTP_IF_NONE_MATCH=koppen["ETag"])
    assert status == 304 and len(koppen["X-Request-ID"]) == 32


def test_gunicorns_toegangsregel_als_json_met_eigen_velden():
    atomen = {"{x-request-id}o": "abc123abc123", "m": "GET", "U": "/lijsten/zal.xml", "q": "", "s": "304",
              "B": "-", "M": "3", "{x-forwarded-for}i": "203.0.113.9", "a": "curl/8"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(m)s %(U)s %(s)s", (atomen,), None)
    regel = json.loads(JsonFormatter().format(record))
    assert regel["message"] == "GET /lijsten/zal.xml 304"
    assert {k: regel[k] for k in ("request_id", "method", "path", "status", "duration_ms", "client")} == {
        "request_id": "abc123abc123", "method": "GET", "path": "/lijsten/zal.xml", "status": 304,
        "duration_ms": 3, "client": "203.0.113.9"}
    assert "bytes" not in regel


def _stelsel_python(code, **env):
    omgeving = {**os.environ, "DJANGO_SETTINGS_MODULE": "stelselbeheer.settings_ontwikkeling", **env}
    return subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], env=omgeving,
                          capture_output=True, text=True, timeout=60)


def test_log_formaat_json_en_tekst_per_instelling(tmp_path):
    code = "import logging; logging.getLogger('stelselbeheer.x').warning('hallo %s', 'wereld')"
    json_uit = _stelsel_python(code, STELSEL_LOG_FORMAAT="json")
    assert json_uit.returncode == 0, json_uit.stderr
    regel = json.loads(json_uit.stderr.strip().splitlines()[-1])
    assert regel["message"] == "hallo wereld" and regel["level"] == "WARNING" and regel["request_id"] is None
    tekst = _stelsel_python(code)
    assert tekst.stderr.strip().endswith("WARNING [-] stelselbeheer.x: hallo wereld")
    fout = _stelsel_python("", STELSEL_LOG_FORMAAT="xml")
    assert fout.returncode != 0 and "STELSEL_LOG_FORMAAT" in fout.stderr


# ---- /metrics: who may read it ----

@pytest.mark.parametrize("environ,status", [
    ({}, 200),                                                     # Prometheus on the same machine, direct
    ({"REMOTE_ADDR": "::1"}, 200),
    ({"REMOTE_ADDR": "10.0.0.5"}, 403),                            # another machine
    ({"HTTP_X_FORWARDED_FOR": "127.0.0.1"}, 403),                  # through the proxy: its address says nothing
    ({"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, 403),
    ({"REMOTE_ADDR": "10.0.0.5", "HTTP_AUTHORIZATION": "Bearer " + "t" * 40}, 200),
    ({"HTTP_X_FORWARDED_FOR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer " + "t" * 40}, 200),
    ({"REMOTE_ADDR": "10.0.0.5", "HTTP_AUTHORIZATION": "Bearer " + "x" * 40}, 403),
    ({"REMOTE_ADDR": "10.0.0.5", "HTTP_AUTHORIZATION": "Basic " + "t" * 40}, 403),
])
def test_metrics_alleen_voor_de_monitoring(db, settings, environ, status):
    settings.METRICS_TOKEN = "t" * 40
    assert vraag("/metrics", **environ)[0] == status


def test_metrics_adressen_en_netwerken_uit_de_instelling(db, settings):
    settings.METRICS_ADRESSEN = ["10.0.0.0/8"]
    assert vraag("/metrics", REMOTE_ADDR="10.1.2.3")[0] == 200
    assert vraag("/metrics")[0] == 403
    settings.METRICS_ADRESSEN = []
    assert vraag("/metrics")[0] == 403
    assert vraag("/metrics", methode="POST")[0] == 405


# ---- /metrics: what it says ----

def _telling(pad_route, klasse, methode="GET"):
    waarden = metingen(vraag("/metrics")[2])
    return waarden.get(("stelselbeheer_http_request_duration_seconds_count",
                        frozenset({"route": pad_route, "method": methode, "status": klasse}.items())), 0)


def test_verzoekduur_per_route_methode_en_statusklasse(wereld):
    alle_lijsten_publiceren(actor=None)
    voor = {k: _telling(*k) for k in [("gezond-leeft", "2xx"), ("lijst-live", "3xx"), ("onbekend", "4xx"),
                                      ("publiek-register", "2xx")]}
    vraag("/gezond/leeft")
    vraag("/gezond/leeft")
    etag = vraag("/lijsten/zal.xml")[1]["ETag"]
    vraag("/lijsten/zal.xml", HTTP_IF_NONE_MATCH=etag)  # answered by the fast path, before Django
    vraag("/nergens/123/")
    vraag("/aanbiedersregister/")
    assert _telling("gezond-leeft", "2xx") == voor[("gezond-leeft", "2xx")] + 2
    assert _telling("lijst-live", "3xx") == voor[("lijst-live", "3xx")] + 1
    assert _telling("onbekend", "4xx") == voor[("onbekend", "4xx")] + 1
    assert _telling("publiek-register", "2xx") == voor[("publiek-register", "2xx")] + 1


def test_databasemetingen(wereld):
    nu = timezone.now()
    alle_lijsten_publiceren(actor=None)
    MislukteBouw.objects.create(lijst="ocl", fout="x", trigger="schema")
    MislukteBouw.objects.create(lijst="ocl", fout="y", trigger="schema")
    MislukteBouw.objects.create(lijst="gnl", fout="z", trigger="schema", afgehandeld=True)
    taak = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "default",
            "task_path": "stelselbeheer.naleving.tasks.register_controleren"}
    DBTaskResult.objects.create(**taak, run_after=nu - dt.timedelta(minutes=10))
    DBTaskResult.objects.create(**taak, run_after=nu + dt.timedelta(minutes=10))
    DBTaskResult.objects.create(**taak, run_after=nu, status="RUNNING")
    DBTaskResult.objects.filter(run_after__lt=nu).update(enqueued_at=nu - dt.timedelta(minutes=5))
    zaak = zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365", omstandigheden="Verlopen.")
    Nalevingszaak.objects.filter(pk=zaak.pk).update(termijn_tot=dt.date(2020, 1, 1))
    zaak_openen(actor=None, deelnemer=wereld["dvp"], verplichting="NAL-365", omstandigheden="Nog binnen termijn.")
    melding, _ = melding_indienen(actor=None, soort="vraag", onderwerp="Vraag", omschrijving="x", melder_naam="A",
                                  melder_email="a@x.nl", uitkomst="landelijk")
    melding_indienen(actor=None, soort="vraag", onderwerp="Vraag 2", omschrijving="x", melder_naam="A",
                     melder_email="a@x.nl", uitkomst="landelijk")
    Melding.objects.filter(pk=melding.pk).update(reactie_voor=nu - dt.timedelta(hours=1))

    status, koppen, inhoud = vraag("/metrics")
    assert status == 200 and koppen["Content-Type"].startswith("text/plain")
    m = metingen(inhoud)

    def waarde(naam, **labels):
        return m[(naam, frozenset(labels.items()))]

    assert waarde("stelselbeheer_database_up") == 1
    for lijst in ("zal", "ocl", "gnl", "whitelist"):
        assert 0 <= waarde("stelselbeheer_list_age_seconds", list=lijst) < 60
        assert waarde("stelselbeheer_list_version", list=lijst) == 1
        assert waarde("stelselbeheer_list_max_age_seconds", list=lijst) == 26 * 3600
    assert waarde("stelselbeheer_list_failed_publications", list="ocl") == 2
    assert waarde("stelselbeheer_list_failed_publications", list="gnl") == 0
    assert waarde("stelselbeheer_task_queue_tasks", state="ready") == 1
    assert waarde("stelselbeheer_task_queue_tasks", state="scheduled") == 1
    assert waarde("stelselbeheer_task_queue_tasks", state="running") == 1
    assert 290 <= waarde("stelselbeheer_task_queue_oldest_ready_seconds") < 400
    assert waarde("stelselbeheer_compliance_cases_overdue", step="constatering") == 1
    assert waarde("stelselbeheer_meldingen_past_norm", norm="reactie") == 1
    assert waarde("stelselbeheer_meldingen_past_norm", norm="oplossing") == 0


def test_metrics_zonder_gepubliceerde_lijst_en_zonder_database(db, monkeypatch):
    m = metingen(vraag("/metrics")[2])
    assert m[("stelselbeheer_list_version", frozenset({"list": "zal"}.items()))] == 0
    assert not any(naam == "stelselbeheer_list_age_seconds" for naam, _ in m)

    def onbereikbaar(nu):
        raise OperationalError("connection refused")

    monkeypatch.setattr(metrieken, "_lijsten", onbereikbaar)
    status, _, inhoud = vraag("/metrics")
    m = metingen(inhoud)
    assert status == 200 and m[("stelselbeheer_database_up", frozenset())] == 0
    assert not any(naam.startswith("stelselbeheer_task_queue") for naam, _ in m)


# ---- one picture across gunicorn's processes ----

_WERKER = """
import os, sys
from stelselbeheer.kern.prometheus import VERZOEK_DUUR
for i in range(int(sys.argv[1])):
    VERZOEK_DUUR.labels("home", "GET", "2xx").observe(0.02)
VERZOEK_DUUR.labels("lijst-live", "GET", "3xx").observe(0.001)
print(os.getpid())
"""


def _werker(map_, aantal) -> int:
    """A process like a gunicorn worker: it counts requests into the shared directory and stops; its pid."""
    p = subprocess.run([sys.executable, "-c", _WERKER, str(aantal)], env={**os.environ, MAP_VARIABELE: str(map_)},
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return int(p.stdout)


def _samen(map_):
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(map_))
    return {(s.name, frozenset(s.labels.items())): s.value for f in registry.collect() for s in f.samples}


def test_een_scrape_telt_alle_processen_ook_gestopte(tmp_path, monkeypatch):
    map_ = tmp_path / "metrieken"
    map_.mkdir()
    pids = [_werker(map_, 3), _werker(map_, 5)]
    assert sorted(f.name for f in map_.iterdir()) == sorted(f"histogram_{pid}.db" for pid in pids)
    home = ("stelselbeheer_http_request_duration_seconds_count",
            frozenset({"route": "home", "method": "GET", "status": "2xx"}.items()))
    voor = _samen(map_)
    assert voor[home] == 8

    for pid in pids:  # gunicorn's child_exit: the stopped workers' counts fold into one file
        proces_gestopt(pid, str(map_))
    assert sorted(f.name for f in map_.iterdir()) == ["histogram_gestopt.db"]
    assert _samen(map_) == voor

    _werker(map_, 4)  # a new worker after the restarts
    assert _samen(map_)[home] == 12
    monkeypatch.setenv(MAP_VARIABELE, str(map_))  # what /metrics reads in production
    samples = {(s.name, frozenset(s.labels.items())): s.value for f in register().collect() for s in f.samples}
    assert samples[home] == 12
