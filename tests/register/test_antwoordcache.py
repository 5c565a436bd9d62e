"""The public register search keeps its answers until the next audited change (kern/antwoordcache.py), and on
PostgreSQL searches a name fragment in one round trip (register/zoeken.py)."""

import json
import urllib.request

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from stelselbeheer.kern import antwoordcache
from stelselbeheer.kern.antwoordcache import BewaardeAntwoorden
from stelselbeheer.kern.prometheus import ANTWOORDCACHE
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.register import services
from stelselbeheer.register.models import Aanbieder
from stelselbeheer.register.zoeken import _PLAN, BEWAARDE_ROUTES, zoeken
from tests.lijsten.test_snelpad import roep


@pytest.fixture
def bewaren(settings):
    settings.ANTWOORDCACHE_SECONDEN = 300
    settings.ANTWOORDCACHE_STAND_SECONDEN = 0  # the audit chain's head read on every question
    caches[antwoordcache.ALIAS].clear()
    antwoordcache._PER_STAND.clear()
    yield
    caches[antwoordcache.ALIAS].clear()
    antwoordcache._PER_STAND.clear()


def _treffers(route: str) -> float:
    return ANTWOORDCACHE.labels(route, "treffer")._value.get()


def _namen_api(client, q: str) -> list[str]:
    return [r["weergavenaam"] for r in client.get("/api/aanbieders", {"q": q}).json()["resultaten"]]


def test_een_antwoord_blijft_tot_de_volgende_geaudite_wijziging(client, wereld, bewaren):
    """A write outside the services (here straight through the ORM) is not seen while the answer is kept, which
    shows that it is; the next change through a service (an audit event) is seen at once, on the page and in the
    API."""
    aanbieder = Aanbieder.objects.get(naam="huisartsdelinde@medmij")
    assert "Huisartsenpraktijk De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    assert _namen_api(client, "linde") == ["Huisartsenpraktijk De Linde"]
    pagina_treffers, api_treffers = _treffers("aanbiedersregister"), _treffers("api-aanbieders")

    Aanbieder.objects.filter(pk=aanbieder.pk).update(weergavenaam="Buiten de services om")
    with CaptureQueriesContext(connection) as vragen:
        tekst = client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    assert "Huisartsenpraktijk De Linde" in tekst and "Buiten de services om" not in tekst
    assert [v["sql"] for v in vragen.captured_queries] == [vragen.captured_queries[0]["sql"]]  # the number only
    assert "kern_auditkop" in vragen.captured_queries[0]["sql"]
    assert _namen_api(client, "linde") == ["Huisartsenpraktijk De Linde"]
    assert _treffers("aanbiedersregister") == pagina_treffers + 1 and _treffers("api-aanbieders") == api_treffers + 1

    services.aanbieder_wijzigen(actor=None, aanbieder=aanbieder, wijzigingen={"weergavenaam": "Huisartsen De Linde"},
                                reden="naam")
    assert "Huisartsen De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    assert _namen_api(client, "linde") == ["Huisartsen De Linde"]


def test_binnen_de_leestijd_van_de_stand_raakt_een_treffer_de_database_niet(client, wereld, bewaren, settings):
    """With the number read at most once per ANTWOORDCACHE_STAND_SECONDEN, a hit runs no query at all; a change
    through a service is seen once that time has passed."""
    settings.ANTWOORDCACHE_STAND_SECONDEN = 3600
    antwoordcache._GELEZEN = (float("-inf"), 0)
    client.get("/aanbiedersregister/", {"q": "linde"})
    with CaptureQueriesContext(connection) as vragen:
        assert "Huisartsenpraktijk De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    assert vragen.captured_queries == []
    services.aanbieder_wijzigen(actor=None, aanbieder=wereld["aanbieder"],
                                wijzigingen={"weergavenaam": "Huisartsen De Linde"}, reden="naam")
    assert "Huisartsenpraktijk De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    settings.ANTWOORDCACHE_STAND_SECONDEN = 0
    assert "Huisartsen De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()


def test_andere_vragen_ingelogden_en_fouten_worden_niet_bewaard(client, wereld, bewaren):
    """The key is the whole question (another query, page or filter is another answer); a logged-in visitor's page
    is never kept (its header and menu are the account's); an error is not kept."""
    client.get("/aanbiedersregister/", {"q": "linde"})
    Aanbieder.objects.filter(naam="huisartsdelinde@medmij").update(weergavenaam="Buiten de services om")
    assert "Buiten de services om" in client.get("/aanbiedersregister/", {"q": "lind"}).content.decode()
    anders = client.get("/aanbiedersregister/", {"q": "linde", "plaats": "Zwolle"}).content.decode()
    assert "Buiten de services om" in anders

    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    assert "Buiten de services om" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    client.logout()

    bewaard = len(caches[antwoordcache.ALIAS]._cache)
    for _ in range(2):
        assert client.get("/api/aanbieders", {"q": "linde", "per_pagina": 0}).status_code == 422
    assert len(caches[antwoordcache.ALIAS]._cache) == bewaard


def test_een_bezoeker_met_een_bericht_krijgt_een_verse_pagina(wereld, bewaren):
    """A pending message (after a form, say) is shown in the page's frame: such a page is not served from memory
    and not kept, and the check does not mark the message read."""
    verzoek = RequestFactory().get("/aanbiedersregister/", {"q": "linde"})
    verzoek.user, verzoek.session = AnonymousUser(), {}
    verzoek._messages = FallbackStorage(verzoek)
    assert antwoordcache._bewaarbaar(verzoek, alleen_anoniem=True)
    verzoek._messages.add(constants.SUCCESS, "Uw melding is ontvangen.")
    assert not antwoordcache._bewaarbaar(verzoek, alleen_anoniem=True)
    assert [str(m) for m in get_messages(verzoek)] == ["Uw melding is ontvangen."]


def test_uit_staat_niets_bewaard(client, wereld, settings):
    """ANTWOORDCACHE_SECONDEN = 0 (development, the tests): every question is answered afresh."""
    settings.ANTWOORDCACHE_SECONDEN = 0
    client.get("/aanbiedersregister/", {"q": "linde"})
    Aanbieder.objects.filter(naam="huisartsdelinde@medmij").update(weergavenaam="Buiten de services om")
    assert "Buiten de services om" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()


@pytest.mark.postgresql
def test_een_fragment_in_een_rondgang_zonder_dat_de_instellingen_blijven(live_server, transactional_db, maak,
                                                                          bewaren):
    """Outside a transaction (a request in production) a name fragment is one statement: the two planner settings
    and the query, run by PostgreSQL as one implicit transaction, so the settings end with it; the same rows and
    total as the four-round-trip form inside a transaction. Through a real HTTP server, twice: the second answer
    comes from memory and is the same."""
    dva = maak.deelnemer("Zorgnet B.V.")
    for letter in "abc":
        maak.aanbieder(dva, naam=f"fysio{letter}tiel@medmij", weergavenaam=f"Fysio {letter.upper()} Tiel")
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as vragen:
        resultaat = zoeken("fysio", openbaar=True)
    assert [v["sql"][:len(_PLAN)] for v in vragen.captured_queries][-1] == _PLAN
    assert not any(v["sql"] in ("BEGIN", "COMMIT") or v["sql"].startswith("SAVEPOINT")
                   for v in vragen.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
        assert cursor.fetchone() == ("on", "on")
    with transaction.atomic():
        binnen = zoeken("fysio", openbaar=True)
    assert resultaat.ids == binnen.ids and resultaat.count() == binnen.count() == 3

    treffers = _treffers("api-aanbieders")
    antwoorden = []
    for _ in range(2):
        with urllib.request.urlopen(f"{live_server.url}/api/aanbieders?q=fysio", timeout=30) as antwoord:
            assert antwoord.status == 200 and antwoord.headers["Content-Type"] == "application/json; charset=utf-8"
            antwoorden.append(antwoord.read())
    assert antwoorden[0] == antwoorden[1]
    assert [r["weergavenaam"] for r in json.loads(antwoorden[0])["resultaten"]] == ["Fysio A Tiel", "Fysio B Tiel",
                                                                             "Fysio C Tiel"]
    assert _treffers("api-aanbieders") == treffers + 1


def test_gedeeld_via_een_map_en_een_beschadigd_antwoord_is_geen_fout(client, wereld, bewaren, settings, tmp_path,
                                                                     caplog):
    """Under gunicorn the answers live in a directory all its processes read (FileBasedCache): what one process
    kept is there for the next question, whichever process gets it. A damaged file is passed by: the question is
    answered afresh (and logged), never with an error."""
    settings.CACHES = {**settings.CACHES, antwoordcache.ALIAS: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}}
    client.get("/aanbiedersregister/", {"q": "linde"})
    bestanden = list(tmp_path.glob("*.djcache"))
    assert len(bestanden) == 1
    Aanbieder.objects.filter(naam="huisartsdelinde@medmij").update(weergavenaam="Buiten de services om")
    assert "Huisartsenpraktijk De Linde" in client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()

    bestanden[0].write_bytes(bestanden[0].read_bytes()[:40] + b"kapot")
    antwoord = client.get("/aanbiedersregister/", {"q": "linde"})
    assert antwoord.status_code == 200 and "Buiten de services om" in antwoord.content.decode()
    assert "niet te lezen" in caplog.text


class _Teller:
    """Django's WSGI handler, counting what reaches it."""

    def __init__(self, app):
        self.app, self.paden = app, []

    def __call__(self, environ, start_response):
        self.paden.append(environ["PATH_INFO"])
        return self.app(environ, start_response)


@pytest.fixture
def voor_django(bewaren, monkeypatch):
    """Makes the kept answers' WSGI fast path in front of Django's real handler, as in wsgi.py (made when called:
    Django's middleware reads its settings when the handler is made); like Django's test client, neither closes the
    test's own connection at the start of a request."""
    monkeypatch.setattr("stelselbeheer.kern.antwoordcache.close_old_connections", lambda: None)
    request_started.disconnect(close_old_connections)

    def maak():
        django = _Teller(WSGIHandler())
        return BewaardeAntwoorden(django, BEWAARDE_ROUTES), django

    yield maak
    request_started.connect(close_old_connections)


@pytest.mark.parametrize("https", [True, False], ids=["https", "http"])
@pytest.mark.parametrize("pad", ["/aanbiedersregister/", "/api/aanbieders"])
def test_een_treffer_voor_django_is_het_antwoord_van_de_view(wereld, voor_django, settings, https, pad):
    """A kept answer served before Django (kern.antwoordcache.BewaardeAntwoorden) is the answer the view serves from
    memory: the same status, body and headers (security headers, CSP, HSTS on HTTPS, Vary), and Django is not
    reached. The first question is computed by the view."""
    settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = 31536000, True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    app, django = voor_django()
    proto = {"X_FORWARDED_PROTO": "https"} if https else {}
    eerst = roep(app, pad, "q=linde", **proto)
    view = roep(django, pad, "q=linde", **proto)  # straight to Django: the view answers from memory
    assert len(django.paden) == 2 and eerst["body"] == view["body"] and eerst["status"] == view["status"] == 200
    voor = roep(app, pad, "q=linde", **proto)
    assert len(django.paden) == 2, "a hit reached Django"
    assert voor["status"] == 200 and voor["body"] == view["body"]
    assert voor["koppen"] == view["koppen"]
    assert ("Strict-Transport-Security" in voor["koppen"]) is https


def test_wat_de_view_zelf_moet_zien_gaat_naar_django(wereld, voor_django, settings):
    """A visitor with a session or pending messages (the page), a call with a token (the API: Django checks and
    records it), HEAD, another path, a question not kept yet, the cache switched off, and plain HTTP where Django
    redirects to HTTPS: all go to Django unchanged."""
    app, django = voor_django()
    for pad in BEWAARDE_ROUTES:
        roep(app, pad, "q=linde")
    gezien = len(django.paden)
    gevallen = [
        ("/aanbiedersregister/", "q=linde", "GET", {"COOKIE": f"{settings.SESSION_COOKIE_NAME}=abc"}),
        ("/aanbiedersregister/", "q=linde", "GET", {"COOKIE": "messages=abc"}),
        ("/api/aanbieders", "q=linde", "GET", {"AUTHORIZATION": "Bearer onbekend"}),
        ("/aanbiedersregister/", "q=linde", "HEAD", {}),
        ("/aanbiedersregister/", "q=lind", "GET", {}),
        ("/aanbiedersregister/huisartsdelinde@medmij/", "", "GET", {}),
    ]
    for pad, query, methode, koppen in gevallen:
        roep(app, pad, query, methode, **koppen)
    assert len(django.paden) == gezien + len(gevallen)
    assert roep(app, "/api/aanbieders", "q=linde", COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")["status"] == 200
    assert len(django.paden) == gezien + len(gevallen)  # the API answer is the same for every caller: served
    settings.ANTWOORDCACHE_SECONDEN = 0
    roep(app, "/aanbiedersregister/", "q=linde")
    assert len(django.paden) == gezien + len(gevallen) + 1
    settings.ANTWOORDCACHE_SECONDEN, settings.SECURE_SSL_REDIRECT = 300, True
    app, django = voor_django()
    assert roep(app, "/aanbiedersregister/", "q=linde")["status"] == 301 and len(django.paden) == 1
