"""The pages pass the Content Security Policy in a real browser: no inline script or style is refused, and the API
documentation (Swagger UI, from the project's own static files) renders under the policy."""

import pytest

from tests.browser.hulp import inloggen

pytestmark = pytest.mark.browser

OPENBAAR = ["/", "/aanbiedersregister/", "/deelnemers/", "/besluiten/", "/melden/", "/kennisbank/", "/inloggen/"]
MEDEWERKER = ["/beheer/deelnemers/", "/beheer/toetreding/", "/beheer/meldingen/cijfers/", "/beheer/lijsten/",
              "/account/tweefactor/", "/django-admin/"]
MET_SVG = {"/beheer/toetreding/", "/beheer/meldingen/cijfers/"}  # drawn in Python (the QR code needs an enrolment code)

VERZAMELEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def test_paginas_overtreden_de_csp_niet(live_server, transactional_db, pagina, wereld):
    meldingen = []
    pagina.on("console", lambda m: meldingen.append(m.text) if "Content Security Policy" in m.text else None)
    pagina.add_init_script(VERZAMELEN)

    def bezoek(pad):
        antwoord = pagina.goto(f"{live_server.url}{pad}")
        assert antwoord.status < 400, pad
        assert "Content-Security-Policy" in {k.title(): v for k, v in antwoord.headers.items()}
        pagina.wait_for_load_state("load")
        if pad in MET_SVG:
            assert pagina.locator("svg").count() > 0, pad
        return pagina.evaluate("window.__csp")

    # the harness sees a violation when there is one: an image from another site
    bezoek("/")
    pagina.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"https://cdn.example/x.png\">')")
    pagina.wait_for_function("window.__csp.length > 0")
    meldingen.clear()

    overtredingen = {pad: bezoek(pad) for pad in OPENBAAR}
    pagina.goto(f"{live_server.url}/api/docs")
    pagina.locator(".swagger-ui .info .title").filter(has_text="Stelselbeheer API").wait_for()
    pagina.locator(".opblock-summary-path").first.wait_for()  # the operations came from /api/openapi.json
    overtredingen["/api/docs"] = pagina.evaluate("window.__csp")

    inloggen(pagina, live_server.url, "medewerker", volgende="/beheer/deelnemers/")
    overtredingen.update({pad: bezoek(pad) for pad in MEDEWERKER})
    assert {pad: o for pad, o in overtredingen.items() if o} == {}
    assert meldingen == []
