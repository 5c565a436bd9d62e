"""A bounded schemathesis run against the application (rule API-OPENAPI): for every operation in /api/openapi.json,
generated requests, valid and invalid, anonymously and with an API token per role (with everything that role's
account may do); 0 server errors, 0 undocumented statuses, and every answer matching its documented media type and
schema.

The WSGI application runs in-process (schemathesis.openapi.from_wsgi): the same middleware, URL routing and
database as a real server, without a socket, so the run shares the test's database transaction and stays fast
(the real-server path is exercised by tests/api/test_tokens_http.py). Derandomised: the same requests every run;
``STELSEL_SCHEMATHESIS_VOORBEELDEN=positief,negatief`` (default ``4,2``) sets the examples per operation and identity.
Failures are collected per operation (one line each, no shrinking) and reported together.
"""

import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from stelselbeheer.kern.services import api_token_aanmaken
from stelselbeheer.kern.tokens import toegestane_acties

#: `make test` runs it in the PostgreSQL round only: what it checks does not depend on the engine, and a server error
#: is likelier on the production engine, which refuses what SQLite stores (an integer out of range, say)
pytestmark = pytest.mark.postgresql

CONTROLES = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
POSITIEF, NEGATIEF = (int(n) for n in os.environ.get("STELSEL_SCHEMATHESIS_VOORBEELDEN", "3,2").split(","))
IDENTITEITEN = ["publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio"]
#: invalid input meets the same parsing for every role once the right is checked; generated for the public (no
#: right: 401 before any parsing) and for the role with the most rights (every parser behind its check)
NEGATIEF_VOOR = {"publiek", "uitvoering"}


@pytest.fixture
def wsgi_in_proces():
    """Django's test client keeps the test's database connection open across requests; the WSGI handler closes it
    after each one. Do what the test client does while the run lasts."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _eerste_regel(fout: BaseException) -> str:
    tekst = str(fout).strip()
    regels = [r.strip() for r in tekst.splitlines() if r.strip().startswith(("- ST", "Received", "["))]
    return " | ".join(regels[:4]) or tekst[:300]


def _draaien(operatie, modus, voorbeelden: int, koppen: dict, fouten: dict, statussen: Counter) -> int:
    """Up to ``voorbeelden`` generated requests for one operation; the first deviation per operation is kept."""
    aantal = 0

    @hsettings(max_examples=voorbeelden, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
               suppress_health_check=list(HealthCheck))
    @given(case=operatie.as_strategy(generation_mode=modus))
    def verzoek(case):
        nonlocal aantal
        aantal += 1
        if koppen:  # the role's token, not a generated credential
            case.headers = {**(case.headers or {}), **koppen}
            case.cookies = {}
        # the in-process WSGI client does not undo a Content-Encoding as an HTTP client does (schemathesis asks for
        # gzip by default, and GET /api/aanbiedersregister honours it): ask for the body itself
        case.headers = {**(case.headers or {}), "Accept-Encoding": "identity"}
        antwoord = case.call()
        statussen[antwoord.status_code] += 1
        try:
            case.validate_response(antwoord, checks=CONTROLES)
        except (AssertionError, BaseExceptionGroup) as fout:
            fouten.setdefault(f"{operatie.label} ({modus.value})", f"{antwoord.status_code}: {_eerste_regel(fout)}")

    try:
        verzoek()
    except Unsatisfiable:  # nothing in this operation to make invalid (no parameters, no body)
        assert modus == GenerationMode.NEGATIVE, operatie.label
    return aantal


@pytest.mark.parametrize("identiteit", IDENTITEITEN)
def test_schemathesis(wereld, wsgi_in_proces, identiteit, settings):
    """API-OPENAPI: what the document promises is what the application answers, for the public and each role."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    koppen = {}
    if identiteit != "publiek":
        gebruiker = wereld["gebruikers"][identiteit]
        _, waarde = api_token_aanmaken(actor=None, eigenaar=gebruiker, naam="schemathesis",
                                       acties=toegestane_acties(gebruiker))
        koppen = {"Authorization": f"Bearer {waarde}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_in_proces)
    fouten: dict[str, str] = {}
    statussen: Counter = Counter()
    aantal = 0
    begin = time.monotonic()
    for resultaat in schema.get_all_operations():
        operatie = resultaat.ok()
        for modus, voorbeelden in ((GenerationMode.POSITIVE, POSITIEF),
                                   (GenerationMode.NEGATIVE, NEGATIEF if identiteit in NEGATIEF_VOOR else 0)):
            if voorbeelden:
                aantal += _draaien(operatie, modus, voorbeelden, koppen, fouten, statussen)
    duur = time.monotonic() - begin
    print(f"schemathesis {identiteit}: {aantal} verzoeken in {duur:.0f} s, statussen {dict(sorted(statussen.items()))}")
    # the run reached the operations: with a token the role's own operations answer 200/201 (not only 401/403)
    assert statussen[200] > 0 and (identiteit == "publiek" or statussen[401] < aantal / 2)
    assert fouten == {}, f"{len(fouten)} operaties wijken af ({aantal} verzoeken, {duur:.0f} s):\n" + "\n".join(
        f"{op}: {reden}" for op, reden in sorted(fouten.items()))
