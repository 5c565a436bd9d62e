"""Content Security Policy (issue 15): every page forbids inline script and style, so the templates carry none;
the API documentation loads Swagger UI from the project's own static files, not from a public CDN.
tests/browser/test_csp.py shows the pages pass the policy in a real browser."""

import re
from pathlib import Path

import pytest

import stelselbeheer

BRON = Path(stelselbeheer.__file__).parent
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style-element"),
    (re.compile(r"\sstyle\s*=", re.I), "style-attribuut"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler"),
    (re.compile(r"javascript:", re.I), "javascript:-URL"),
]


def test_sjablonen_zonder_inline_script_of_stijl():
    fouten = [f"{pad.relative_to(BRON)}: {soort}: {m.group(0)!r}"
              for pad in sorted(BRON.rglob("templates/**/*.html"))
              for patroon, soort in INLINE
              for m in patroon.finditer(pad.read_text(encoding="utf-8"))]
    assert fouten == []


@pytest.mark.django_db
def test_pagina_heeft_een_strikte_csp(client):
    beleid = client.get("/aanbiedersregister/")["Content-Security-Policy"]
    regels = dict(r.strip().split(" ", 1) for r in beleid.split(";"))
    assert regels["default-src"] == "'self'" and regels["script-src"] == "'self'"
    assert regels["style-src"] == "'self'" and regels["frame-ancestors"] == "'none'"
    assert regels["object-src"] == "'none'" and regels["form-action"] == "'self'"
    assert "unsafe" not in beleid


@pytest.mark.django_db
def test_api_documentatie_uit_eigen_statische_bestanden(client):
    pagina = client.get("/api/docs")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(b.endswith("swagger-ui-bundle.js") for b in bronnen)
    assert all(b.startswith("/") for b in bronnen), bronnen  # nothing from another site
    assert "cdn.jsdelivr" not in html
    for bron in bronnen:
        antwoord = client.get(bron)
        assert antwoord.status_code == 200, bron
        assert b"".join(antwoord.streaming_content if antwoord.streaming else [antwoord.content])
