"""WSGI middleware around the whole application, the lists' fast path included (stelselbeheer/wsgi.py): the request
id, the request-duration histogram and the ``/metrics`` endpoint for Prometheus (issue 15, operations).

- Request id: ``X-Request-ID`` from nginx (``$request_id``) or a new one; kept in ``kern.logboek.verzoek_id`` while
  the application handles the request, so every log line of the request carries it, and sent back in the answer's
  ``X-Request-ID`` (which gunicorn's access log prints, deploy/gunicorn.conf.py).
- Duration: ``stelselbeheer_http_request_duration_seconds`` per route (the URL pattern's name, ``onbekend`` for a
  path no pattern matches), method and status class, from the moment the request reaches the application until
  its answer is ready to be sent (a streamed body is not waited for).
- ``/metrics``: the Prometheus text format. Only for a scraper: from an address in ``STELSEL_METRICS_ADRESSEN``
  (default 127.0.0.1 and ::1) on a direct connection to gunicorn, or with ``Authorization: Bearer
  <STELSEL_METRICS_TOKEN>``. A request that came through nginx (it always carries ``X-Forwarded-For``) counts by
  its token only, whatever the proxy's own address; nginx refuses ``/metrics`` from outside anyway. It is answered
  here, before Django: no host check, no HTTPS redirect, no session, so Prometheus scrapes ``127.0.0.1:8000``
  as it is, and the answer comes also when Django's middleware or the database is in trouble.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from prometheus_client.exposition import choose_encoder

from .logboek import nieuw_of_doorgegeven, verzoek_id
from .metrieken import StelselCollector
from .prometheus import VERZOEK_DUUR, register

METRICS_PAD = "/metrics"
_METHODEN = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
_KOP = "x-request-id"


@lru_cache(maxsize=4096)
def route(pad: str) -> str:
    """The name of the URL pattern ``pad`` matches (bounded, unlike paths with ids in them)."""
    try:
        return resolve(pad).view_name  # the pattern's name (with namespace), else the view's dotted path
    except Resolver404:
        return "onbekend"


def _adres_in(adres: str, netwerken: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(netwerk, strict=False) for netwerk in netwerken)


def metrics_toegestaan(environ) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        soort, _, aangeboden = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if soort.lower() == "bearer" and hmac.compare_digest(aangeboden.strip().encode(), token.encode()):
            return True
    if "HTTP_X_FORWARDED_FOR" in environ:  # came through the proxy: the proxy's own address says nothing
        return False
    return _adres_in(environ.get("REMOTE_ADDR", ""), settings.METRICS_ADRESSEN)


def metrics(environ, start_response):
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")])
        return [b"Alleen GET.\n"]
    if not metrics_toegestaan(environ):
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Geen toegang tot /metrics: alleen voor de monitoring (STELSEL_METRICS_ADRESSEN, "
                b"STELSEL_METRICS_TOKEN).\n"]
    encoder, content_type = choose_encoder(environ.get("HTTP_ACCEPT", ""))
    close_old_connections()  # as Django does around a request (CONN_MAX_AGE, a connection that broke)
    try:
        uitvoer = encoder(register(StelselCollector()))
    finally:
        close_old_connections()
    start_response("200 OK", [("Content-Type", content_type), ("Cache-Control", "no-store"),
                              ("Content-Length", str(len(uitvoer)))])
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [uitvoer]


class Waarneming:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        rid = nieuw_of_doorgegeven(environ.get("HTTP_X_REQUEST_ID"))
        environ["HTTP_X_REQUEST_ID"] = rid
        statusregel = []

        def met_id(status, koppen, exc_info=None):
            statusregel[:] = [status]
            koppen = [(k, v) for k, v in koppen if k.lower() != _KOP]
            koppen.append(("X-Request-ID", rid))
            return start_response(status, koppen, exc_info)

        pad = environ.get("PATH_INFO", "")
        if pad == METRICS_PAD:
            return metrics(environ, met_id)
        teken = verzoek_id.set(rid)
        begin = time.perf_counter()
        try:
            return self.app(environ, met_id)
        finally:
            duur = time.perf_counter() - begin
            verzoek_id.reset(teken)
            methode = environ.get("REQUEST_METHOD", "")
            klasse = f"{statusregel[0][0]}xx" if statusregel else "5xx"  # no answer: an exception escaped
            VERZOEK_DUUR.labels(route(pad), methode if methode in _METHODEN else "anders", klasse).observe(duur)
