"""Answers for the public kept until the next audited change (issue 15: the public register search under load).

The public register search (page and API) answers everyone alike, and what it shows changes only through the
services, each of which writes an audit event and so moves the head of the audit chain (``AuditKop.volgnummer``,
one row). An answer is therefore kept under the request's path and query together with that number: the first
request after any audited change reads the number, finds no answer under it and computes a fresh one; until then
the same question is answered from memory without searching or rendering. The number itself is read at most once
a second per process (ANTWOORDCACHE_STAND_SECONDEN, STELSEL_ANTWOORDCACHE_STAND_SECONDEN): a hit touches no database,
and a change is seen by the public within that second.

Kept in the cache ``antwoorden``: under gunicorn a directory in memory that its processes share (Django's
FileBasedCache; deploy/gunicorn.conf.py makes it, private to the service's user, and empties it at every start and
reload), so that a question computed by one process is a hit in the others; elsewhere per process (LocMemCache).
At most ``MAX_ENTRIES`` answers, each for at most ``ANTWOORDCACHE_SECONDEN`` seconds
(STELSEL_ANTWOORDCACHE_SECONDEN, default 300; 0 switches it off, as the development settings and the test suite
do). The time bounds what a write outside the services would leave visible (a bulk load with ``stelsel
demo-data``, a manual SQL fix): such a write is seen at the latest after that. A cache that cannot be read or
written is passed by (logged), never an error.

Only answers that do not depend on the caller are kept: 200 answers to GET, for a page only for an anonymous visitor
without pending messages (the page's header and menu are per account). The answer's own headers are kept with its
body; the middleware adds the rest (security headers, CSP, request id) to every answer, kept or not. Hits and misses
are counted in ``stelselbeheer_antwoordcache_total`` (/metrics).

Read the number first, then compute: an answer computed while a change commits may be newer than its number (it is
replaced at the next number), never older.

Within such a view, :func:`per_stand` keeps a value the answer is built from (the choice of gegevensdiensten, the
participants whose aanbieders the public does not see) under the same number, so that a miss does not read it again
either.
"""

from __future__ import annotations

import hashlib
import logging
import time
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import DatabaseError, close_old_connections
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.encoding import escape_uri_path, iri_to_uri

from .beveiligingskoppen import beveiligingskoppen, via_https
from .models import AuditKop
from .prometheus import ANTWOORDCACHE

ALIAS = "antwoorden"
logger = logging.getLogger(__name__)

#: the number read by the kept view that is running in this thread, if any
_STAND: ContextVar[int | None] = ContextVar("antwoordcache_stand", default=None)
#: per_stand's values in this process: name -> (number, time, value)
_PER_STAND: dict[str, tuple[int, float, object]] = {}


def stand() -> int:
    """The number of the last audit event: it changes with every change made through a service."""
    return AuditKop.objects.values_list("volgnummer", flat=True).first() or 0


#: (time read, number) of the last reading in this process
_GELEZEN: tuple[float, int] = (float("-inf"), 0)


def recente_stand(buiten_django: bool = False) -> int:
    """:func:`stand`, read at most once per ANTWOORDCACHE_STAND_SECONDEN per process: a hit then touches no database
    at all, and a change is seen by the next question after that time (like the lists' fast path).
    ``buiten_django``: read before Django handles the request, which then first closes an expired or broken
    connection, as Django does at the start of every request."""
    global _GELEZEN
    nu = time.monotonic()
    gelezen, nummer = _GELEZEN
    if nu - gelezen >= settings.ANTWOORDCACHE_STAND_SECONDEN:
        if buiten_django:
            close_old_connections()
        nummer = stand()
        _GELEZEN = (nu, nummer)
    return nummer


def per_stand(naam: str, maak):
    """Within a kept view: the value ``maak()`` gave under the current number (within ANTWOORDCACHE_SECONDEN),
    computed once per number and process. Elsewhere (staff pages, services, tests): ``maak()`` itself."""
    nummer = _STAND.get()
    if nummer is None:
        return maak()
    bewaard_waarde = _PER_STAND.get(naam)
    if bewaard_waarde is not None and bewaard_waarde[0] == nummer and (
            time.monotonic() - bewaard_waarde[1] < settings.ANTWOORDCACHE_SECONDEN):
        return bewaard_waarde[2]
    waarde = maak()
    _PER_STAND[naam] = (nummer, time.monotonic(), waarde)
    return waarde


def _bewaarbaar(request, alleen_anoniem: bool) -> bool:
    if request.method != "GET" or not settings.ANTWOORDCACHE_SECONDEN:
        return False
    if alleen_anoniem:
        gebruiker = getattr(request, "user", None)
        if gebruiker is not None and gebruiker.is_authenticated:
            return False
        if len(messages.get_messages(request)):  # counted without marking them read
            return False
    return True


def _sleutel(soort: str, nummer: int, volledig_pad: str) -> str:
    return f"{soort}:{nummer}:{hashlib.sha256(volledig_pad.encode()).hexdigest()}"


def _lees(sleutel: str):
    try:
        return caches[ALIAS].get(sleutel)
    except Exception:  # a damaged or vanished entry, a full disk: answer afresh, never fail on the cache
        logger.warning("antwoordcache: %s niet te lezen", sleutel, exc_info=True)
        return None


def bewaard(soort: str, *, alleen_anoniem: bool = True):
    """View decorator: the view's 200 answers to GET are kept until the next audited change (see above).
    ``soort`` names the route in the key and the metrics; ``alleen_anoniem`` for pages whose frame shows the
    account (an API answer that is the same for every caller passes False)."""

    def decorator(view):
        @wraps(view)
        def bewaarde_view(request, *args, **kwargs):
            if not _bewaarbaar(request, alleen_anoniem):
                return view(request, *args, **kwargs)
            nummer = recente_stand()
            sleutel = _sleutel(soort, nummer, request.get_full_path())
            cache = caches[ALIAS]
            bewaard_antwoord = _lees(sleutel)
            if bewaard_antwoord is not None:
                ANTWOORDCACHE.labels(soort, "treffer").inc()
                koppen, inhoud = bewaard_antwoord
                antwoord = HttpResponse(inhoud)
                for kop, waarde in koppen:
                    antwoord[kop] = waarde
                return antwoord
            ANTWOORDCACHE.labels(soort, "mis").inc()
            teken = _STAND.set(nummer)
            try:
                antwoord = view(request, *args, **kwargs)
            finally:
                _STAND.reset(teken)
            if antwoord.status_code == 200 and not antwoord.streaming and not antwoord.cookies:
                try:
                    cache.set(sleutel, (list(antwoord.items()), antwoord.content), settings.ANTWOORDCACHE_SECONDEN)
                except Exception:
                    logger.warning("antwoordcache: %s niet te bewaren", sleutel, exc_info=True)
            return antwoord

        return bewaarde_view

    return decorator


class BewaardeAntwoorden:
    """WSGI middleware in front of Django: a kept answer served without Django's request handling.

    A hit through the view costs ~1.5 ms in process (the middleware, URL resolving, the session's message check),
    against ~0.2 ms here; under 20 searching clients that was a fifth of the processes' time (bench/productie.py).
    Only what the view would certainly answer from memory itself: GET on ``routes`` (path -> (soort,
    alleen_anoniem)), the cache on, no ``Authorization`` header (a token is checked and its use recorded by Django),
    for a page only without the session and messages cookies (an anonymous visitor without pending messages),
    and not when Django would redirect to HTTPS. The key is the view's (``request.get_full_path()`` computed the same
    way). The headers are the view's own kept ones, the security headers Django's middleware adds
    (``kern.beveiligingskoppen``, as for the lists' fast path), and ``Vary: Cookie`` for a page, as the session's
    message check adds it there; tests/register/test_antwoordcache.py compares both paths' answers. Everything else,
    a miss and a database that cannot be reached, goes to Django unchanged. The view's permission check is not
    repeated: an answer is only there if the view gave it to such a caller under the current number, and a change of
    the rights table is a new version of the code, whose start empties the cache.
    """

    def __init__(self, app, routes: dict[str, tuple[str, bool]]):
        self.app = app
        self.routes = routes

    def __call__(self, environ, start_response):
        antwoord = self._treffer(environ)
        if antwoord is None:
            return self.app(environ, start_response)
        koppen, inhoud = antwoord
        start_response("200 OK", koppen)
        return [inhoud]

    def _treffer(self, environ):
        route = self.routes.get(environ.get("PATH_INFO", ""))
        if route is None or environ.get("REQUEST_METHOD") != "GET" or not settings.ANTWOORDCACHE_SECONDEN:
            return None
        soort, alleen_anoniem = route
        if "HTTP_AUTHORIZATION" in environ:
            return None
        if settings.SECURE_SSL_REDIRECT and not via_https(environ):
            return None
        if alleen_anoniem and "HTTP_COOKIE" in environ:
            koekjes = parse_cookie(environ["HTTP_COOKIE"])
            if settings.SESSION_COOKIE_NAME in koekjes or "messages" in koekjes:
                return None
        try:
            nummer = recente_stand(buiten_django=True)
        except DatabaseError:
            return None  # Django answers, with its 503
        query = environ.get("QUERY_STRING", "")
        pad = escape_uri_path(environ["PATH_INFO"]) + (f"?{iri_to_uri(query)}" if query else "")
        bewaard_antwoord = _lees(_sleutel(soort, nummer, pad))
        if bewaard_antwoord is None:
            return None
        ANTWOORDCACHE.labels(soort, "treffer").inc()
        eigen, inhoud = bewaard_antwoord
        koppen = [*eigen, *beveiligingskoppen(environ), ("Content-Length", str(len(inhoud)))]
        if alleen_anoniem:
            koppen.append(("Vary", "Cookie"))
        return koppen, inhoud

