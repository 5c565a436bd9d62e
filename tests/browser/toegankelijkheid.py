"""WCAG 2.1 AA in a real browser (issue 11): every page type, for every role and the public (a page that every role
may see: for the public, the staff and a participant), is checked with axe-core
(0 serious or critical violations; and no Content Security Policy violation on the way) and shown at 375 and 320 px
wide without horizontal scrolling of the page (a wide table scrolls inside its own wrapper).

The pages are those of the access matrix (tests/test_toegang.py: every route, every role) that answer HTML, on the
matrix's test world plus published lists; one browser, one page per role (the session cookie of a forced login).
The sweep checks rendering, not the database: it is marked ``toegankelijkheid`` and `make test` runs it in the SQLite
round only (the Makefile's PostgreSQL round deselects it and says so). It is this module's ``ronde`` for a group of
roles, called by three test files (test_toegankelijkheid*.py) of about a minute each, so that the test run's two
processes share it (as one test it took over three minutes on one of them while the other had finished).

axe-core comes with the Python package axe-playwright-python (a dev dependency: its pinned axe.min.js), injected
into every page by Playwright, outside the page's Content Security Policy.
"""

import time
from collections import Counter

from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.test import Client

from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from tests.test_toegang import PAGINAS, _eigen_melding, _pad

ROLLEN = ["publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio"]
#: routes that answer something else than an HTML page (lists, signatures, JSON, PDF, files, the feed)
NIET_HTML = (".xml", ".json", ".sig", ".pdf", ".atom", ".ics", "/bijlagen/", "/bewijs/", "/stukken/{", "/gezond/",
             "/documenten/{",  # afsprakenset: a release document is a download
             ".csv", ".xlsx")
#: a page every role may see (the public pages) is checked for these roles: anonymously, and logged in as the staff
#: (the largest menu) and as a participant (the portal's links); every role's own menu is checked on its own pages
ALLE_ROLLEN_ALS = ("publiek", "uitvoering", "deelnemer")
#: pages outside the access matrix that people see too
EXTRA = {"publiek": ["/inloggen/", "/bestaat-niet/"], "uitvoering": ["/account/tweefactor/"]}
#: WCAG 2.0/2.1 A and AA, and axe's best practices; a serious or critical finding of any of them fails the test
AXE_OPTIES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
              "resultTypes": ["violations"]}
ERNSTIG = {"serious", "critical"}
#: Content Security Policy violations on the way (no inline script or style may have crept in)
CSP = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""
BREEDTES = (375, 320)

#: the elements that stick out of the page at the current width (outside a table's scroll wrapper)
UITSTEKEND = """() => {
  const breed = document.documentElement.clientWidth;
  const uit = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.tabel-omhulsel')) continue;
    const r = el.getBoundingClientRect();
    if (r.right > breed + 1 && r.width > 0) uit.push(el.tagName.toLowerCase() + (el.className && typeof el.className
      === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(r.right) + 'px)');
  }
  return uit.slice(0, 5);
}"""


def _paden(wereld, rollen) -> dict[str, list[str]]:
    """Per role of ``rollen`` the paths of its HTML pages. All in one go, so the objects they need are made once in
    this database; a role's own melding is made for that role first."""
    regels = []
    for rol in rollen:
        for _naam, (sjabloon, mogen) in sorted(PAGINAS.items()):
            if set(ROLLEN) <= set(mogen) and rol not in ALLE_ROLLEN_ALS:
                continue
            if rol in mogen and not any(x in sjabloon for x in NIET_HTML):
                if "{eigenmelding}" in sjabloon:
                    sjabloon = sjabloon.replace("{eigenmelding}", _eigen_melding(wereld, rol))
                regels.append((rol, sjabloon))
    paden = {rol: list(EXTRA.get(rol, [])) for rol in rollen}
    for (rol, _), pad in zip(regels, _pad("\n".join(s for _, s in regels), wereld).split("\n"), strict=True):
        paden[rol].append(pad)
    return paden


def harnas_ziet_een_overtreding(browser, live_server):
    """The harness finds what it looks for: an image without a text alternative (critical) and an element wider
    than the screen, put on a page by hand."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
    context.add_init_script(script=AXE_SCRIPT)
    pagina = context.new_page()
    pagina.goto(f"{live_server.url}/")
    pagina.evaluate("""() => { const img = document.createElement('img'); img.src = '/static/kern/favicon.svg';
      document.querySelector('main').append(img); const breed = document.createElement('div');
      breed.style.width = '900px'; breed.textContent = 'breed'; document.querySelector('main').append(breed); }""")
    uitslag = pagina.evaluate("opties => axe.run(document, opties)", AXE_OPTIES)
    assert "image-alt" in {v["id"] for v in uitslag["violations"] if v["impact"] in ERNSTIG}
    assert pagina.evaluate("document.documentElement.scrollWidth") > 375
    context.close()


def _sessie(context, live_server, gebruiker):
    """Log ``gebruiker`` in for this browser context: the session cookie of a forced login (the login form itself
    is exercised by the other browser tests)."""
    client = Client()
    client.force_login(gebruiker)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME]
                          .value, "url": live_server.url}])


def ronde(live_server, browser, wereld, rollen: tuple[str, ...]) -> None:
    """Every HTML page of ``rollen`` (see the module's docstring): 0 serious or critical axe findings, no CSP
    violation, no horizontal scrolling at 375 and 320 px."""
    alle_lijsten_publiceren(actor=None)
    paden = _paden(wereld, rollen)
    begin = time.monotonic()
    bevindingen, overloop, bezocht, licht = [], [], 0, Counter()
    for rol in rollen:
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.add_init_script(script=AXE_SCRIPT)
        context.add_init_script(script=CSP)
        if rol != "publiek":
            _sessie(context, live_server, wereld["gebruikers"][rol])
        pagina = context.new_page()
        pagina.set_default_timeout(15_000)
        for pad in paden[rol]:
            antwoord = pagina.goto(f"{live_server.url}{pad}")
            assert antwoord.status < 500, (rol, pad, antwoord.status)
            assert pad == "/bestaat-niet/" or antwoord.status == 200, (rol, pad, antwoord.status)
            bezocht += 1
            uitslag = pagina.evaluate("opties => axe.run(document, opties)", AXE_OPTIES)
            if csp := pagina.evaluate("window.__csp"):
                bevindingen.append(f"{rol} {pad}: CSP {csp}")
            for v in uitslag["violations"]:
                licht[f"{v['id']} ({v['impact']})"] += v["impact"] not in ERNSTIG
                if v["impact"] in ERNSTIG:
                    bevindingen.append(f"{rol} {pad}: {v['id']} ({v['impact']}) {v['help']} -> "
                                       + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3]))
            for breedte in BREEDTES:
                pagina.set_viewport_size({"width": breedte, "height": 800})
                maten = pagina.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if maten[0] > maten[1]:
                    overloop.append(f"{rol} {pad} @ {breedte}px: {maten[0]}px breed; {pagina.evaluate(UITSTEKEND)}")
            pagina.set_viewport_size({"width": 1280, "height": 900})
        context.close()
    print(f"\ntoegankelijkheid {', '.join(rollen)}: {bezocht} pagina's in {time.monotonic() - begin:.0f} s; "
          f"lichtere bevindingen (pagina's): {dict(+licht) or 'geen'}")
    assert bevindingen == [], "\n".join(bevindingen)
    assert overloop == [], "\n".join(overloop)
