"""The fast path for polls (lijsten/snelpad.py): it answers 304 and 204 exactly as the Django view does,
and hands everything else to Django."""

import datetime as dt
import json
from unittest import mock
from wsgiref.util import setup_testing_defaults

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils.http import http_date

from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.lijsten.snelpad import Snelpad

VERGELEKEN = ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Volgnummer")


class Django:
    """Stands in for Django behind the fast path and records what reached it."""

    def __init__(self):
        self.paden = []

    def __call__(self, environ, start_response):
        self.paden.append(environ["PATH_INFO"])
        start_response("299 Django", [])
        return [b"django"]


def roep(app, pad, query="", methode="GET", **koppen):
    environ = {"REQUEST_METHOD": methode, "PATH_INFO": pad, "QUERY_STRING": query}
    environ.update({f"HTTP_{k}": v for k, v in koppen.items()})
    setup_testing_defaults(environ)
    uit = {}

    def start_response(status, headers):
        uit["status"], uit["koppen"] = int(status.split()[0]), dict(headers)

    uit["body"] = b"".join(app(environ, start_response))
    return uit


@pytest.fixture
def snel(settings, monkeypatch):
    settings.LIJST_KOP_TTL = 0
    # the test runs inside a transaction, where closing "old" connections would close the test's own (Django's
    # test client switches the same hook off for its requests)
    monkeypatch.setattr("stelselbeheer.lijsten.snelpad.close_old_connections", lambda: None)
    django = Django()
    return Snelpad(django), django


@pytest.fixture
def gepubliceerd(register):
    return lijst_publiceren(actor=None, lijst="zal")


def _gevallen(s):
    later = http_date((s.tijdstempel + dt.timedelta(seconds=5)).timestamp())
    return [
        ({"IF_NONE_MATCH": f'"{s.sha256}"'}, "", "GET", 304),
        ({"IF_NONE_MATCH": f'"{s.sha256}-gz"', "ACCEPT_ENCODING": "gzip"}, "", "GET", 304),
        ({"IF_NONE_MATCH": f'"oud", "{s.sha256}"'}, "", "HEAD", 304),
        ({"IF_MODIFIED_SINCE": later}, "", "GET", 304),
        ({}, "sinds=1", "GET", 204),
        ({}, "sinds=7", "GET", 204),
    ]


def test_snelpad_antwoordt_als_de_view(snel, gepubliceerd):
    app, django = snel
    client = Client()
    for koppen, query, methode, status in _gevallen(gepubliceerd):
        snelpad = roep(app, "/lijsten/zal.xml", query, methode, **koppen)
        view = client.generic(methode, f"/lijsten/zal.xml?{query}",
                              **{f"HTTP_{k}": v for k, v in koppen.items()})
        assert snelpad["status"] == view.status_code == status, koppen
        assert snelpad["body"] == b""
        for kop in VERGELEKEN:
            assert snelpad["koppen"].get(kop) == (view[kop] if view.has_header(kop) else None), (kop, koppen)
    assert django.paden == []  # none of these reached Django


BEVEILIGING = ("Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
               "Referrer-Policy", "Cross-Origin-Opener-Policy")


@pytest.mark.parametrize("https", [True, False], ids=["https", "http"])
def test_snelpad_draagt_dezelfde_beveiligingskoppen_als_de_view(settings, snel, gepubliceerd, https):
    """A 304 or 204 of the fast path carries HSTS (on HTTPS), CSP and the other security headers exactly as the
    view's answer does (before, only nosniff: a poll's answer lacked HSTS)."""
    settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = 31536000, True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as in production, behind nginx
    app, _ = snel
    client = Client()
    for koppen, query, methode, _status in _gevallen(gepubliceerd):
        snelpad = roep(app, "/lijsten/zal.xml", query, methode, **koppen,
                       **({"X_FORWARDED_PROTO": "https"} if https else {}))
        view = client.generic(methode, f"/lijsten/zal.xml?{query}", secure=https,
                              **{f"HTTP_{k}": v for k, v in koppen.items()})
        for kop in BEVEILIGING:
            assert snelpad["koppen"].get(kop) == (view[kop] if view.has_header(kop) else None), (kop, koppen)
        assert ("Strict-Transport-Security" in snelpad["koppen"]) is https


def test_al_het_andere_gaat_naar_django(snel, gepubliceerd):
    app, django = snel
    etag = f'"{gepubliceerd.sha256}"'
    for pad, query, methode, koppen in [
        ("/lijsten/zal.xml", "", "GET", {}),  # the document itself
        ("/lijsten/zal.xml", "", "GET", {"IF_NONE_MATCH": '"ander"'}),
        ("/lijsten/zal.xml", "", "GET", {"IF_NONE_MATCH": etag, "ACCEPT_ENCODING": "gzip"}),  # gzip has its own
        ("/lijsten/zal.xml", "sinds=0", "GET", {}),
        ("/lijsten/zal.xml", "sinds=x", "GET", {}),
        ("/lijsten/zal.xml", "", "POST", {"IF_NONE_MATCH": etag}),
        ("/lijsten/ocl.xml", "", "GET", {"IF_NONE_MATCH": etag}),  # not published yet
        ("/lijsten/onbekend.xml", "", "GET", {}),
        ("/lijsten/zal/1.xml", "", "GET", {"IF_NONE_MATCH": etag}),
        ("/beheer/lijsten/", "", "GET", {}),
    ]:
        assert roep(app, pad, query, methode, **koppen)["status"] == 299, (pad, query, koppen)
    assert len(django.paden) == 10


def test_een_nieuwe_versie_is_na_de_ttl_zichtbaar(settings, snel, gepubliceerd):
    app, _ = snel
    oud = {"IF_NONE_MATCH": f'"{gepubliceerd.sha256}"'}
    settings.LIJST_KOP_TTL = 3600
    assert roep(app, "/lijsten/zal.xml", **oud)["status"] == 304  # reads the heads and keeps them
    nieuw = lijst_publiceren(actor=None, lijst="zal", moment=gepubliceerd.tijdstempel + dt.timedelta(minutes=1))
    assert nieuw.sha256 != gepubliceerd.sha256
    assert roep(app, "/lijsten/zal.xml", **oud)["status"] == 304  # within the TTL: the documented delay
    settings.LIJST_KOP_TTL = 0
    assert roep(app, "/lijsten/zal.xml", **oud)["status"] == 299  # read again: the old ETag is stale
    assert roep(app, "/lijsten/zal.xml", **{"IF_NONE_MATCH": f'"{nieuw.sha256}"'})["status"] == 304
    assert roep(app, "/lijsten/zal.xml", "sinds=1")["status"] == 299


def test_de_wsgi_applicatie_heeft_het_snelpad():
    from stelselbeheer.kern.waarneming import Waarneming
    from stelselbeheer.wsgi import application

    # the fast path behind the request id and metrics layer (kern/waarneming.py), in front of Django
    assert isinstance(application, Waarneming) and isinstance(application.app, Snelpad)


@pytest.fixture
def echt_django(settings, monkeypatch):
    """The fast path in front of Django's real WSGI handler, as in wsgi.py. Like Django's test client, the
    handler must not close the test's connection at the start of a request."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_started
    from django.db import close_old_connections

    settings.LIJST_KOP_TTL = 0
    monkeypatch.setattr("stelselbeheer.lijsten.snelpad.close_old_connections", lambda: None)
    request_started.disconnect(close_old_connections)
    yield Snelpad(WSGIHandler())
    request_started.connect(close_old_connections)


@pytest.mark.parametrize("sinds", ["%C2%B2", "%D9%A3", "9" * 4301, "1" * 19, "-1", "%201"], ids=lambda s: s[:12])
def test_lst_sinds_ongeldig_in_het_snelpad(snel, echt_django, gepubliceerd, sinds):
    """LST-SINDS: the fast path reads ``sinds`` with the view's function; what it refuses goes to Django, which
    answers 400 problem+json (before, '²' and 4,301 digits raised in the fast path itself: a 500)."""
    app, django = snel
    assert roep(app, "/lijsten/zal.xml", f"sinds={sinds}")["status"] == 299  # handed to Django, not raised
    uit = roep(echt_django, "/lijsten/zal.xml", f"sinds={sinds}")
    assert uit["status"] == 400 and uit["koppen"]["Content-Type"] == "application/problem+json"
    assert b'"field": "sinds"' in uit["body"]


def test_lst_sinds_geldig_in_het_snelpad(echt_django, gepubliceerd):
    assert roep(echt_django, "/lijsten/zal.xml", "sinds=000000000000000001")["status"] == 204
    assert roep(echt_django, "/lijsten/zal.xml", "sinds=0")["status"] == 200


@pytest.fixture
def database_weg():
    """Every new query fails as when PostgreSQL is down or unreachable."""
    with mock.patch.object(connection, "ensure_connection",
                           side_effect=OperationalError("connection refused: is the server running?")):
        yield


def test_lst_onbereikbaar_snelpad_geeft_503_probleem(snel, gepubliceerd, caplog):
    """LST-ONBEREIKBAAR: with the database down the fast path answers 503 problem+json with Retry-After and logs it
    (before, the OperationalError escaped to the WSGI server: a bare 500). It then waits a moment before trying
    again, so that every poll does not wait for a connection of its own."""
    app, django = snel
    etag = {"IF_NONE_MATCH": f'"{gepubliceerd.sha256}"'}
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("weg")) as poging:
        for query, methode in (("", "GET"), ("sinds=1", "GET"), ("", "HEAD")):
            uit = roep(app, "/lijsten/zal.xml", query, methode, **etag)
            assert uit["status"] == 503, (query, methode)
            assert uit["koppen"]["Content-Type"] == "application/problem+json"
            assert int(uit["koppen"]["Retry-After"]) > 0
            if methode == "GET":
                assert json.loads(uit["body"])["status"] == 503
            else:
                assert uit["body"] == b""
        assert poging.call_count == 1  # the second and third poll did not try again within WACHT_NA_FOUT
    assert "database onbereikbaar" in caplog.text
    assert django.paden == []
    app._fout_tot = float("-inf")  # the moment has passed and the database is back
    assert roep(app, "/lijsten/zal.xml", **etag)["status"] == 304


def test_lst_onbereikbaar_echte_wsgi_stapel(echt_django, gepubliceerd, database_weg):
    """Through the fast path and Django together: also the full document (Django's view) is 503 problem+json."""
    for query, koppen in (("", {"IF_NONE_MATCH": f'"{gepubliceerd.sha256}"'}), ("", {}), ("sinds=1", {})):
        uit = roep(echt_django, "/lijsten/zal.xml", query, **koppen)
        assert uit["status"] == 503 and uit["koppen"]["Content-Type"] == "application/problem+json", uit
        assert json.loads(uit["body"])["title"] == "Tijdelijk niet beschikbaar"
