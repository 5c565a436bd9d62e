"""WCAG 2.1 AA and layout in a real browser (issue 11), part 1 of the sweep over every page type and role
(tests/browser/toegankelijkheid.py): the public, the board and the auditor; the harness itself, and a form after a
failed submission."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.toegankelijkheid import AXE_OPTIES, ERNSTIG, harnas_ziet_een_overtreding, ronde

pytestmark = [pytest.mark.browser, pytest.mark.toegankelijkheid]


def test_het_harnas_ziet_een_overtreding(live_server, transactional_db, browser):
    harnas_ziet_een_overtreding(browser, live_server)


def test_paginas_van_publiek_bestuur_en_auditor(live_server, transactional_db, browser, wereld):
    ronde(live_server, browser, wereld, ("publiek", "bestuur", "auditor"))


def test_formulier_met_fouten_zonder_ernstige_bevindingen(live_server, transactional_db, browser, wereld):
    """A form after a failed submission: the error summary and the fields with their errors."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
    context.add_init_script(script=AXE_SCRIPT)
    pagina = context.new_page()
    pagina.goto(f"{live_server.url}/aanmelden/")
    pagina.get_by_role("button", name="Aanvraag indienen").click()
    pagina.get_by_role("heading", name="Controleer de invoer").wait_for()
    uitslag = pagina.evaluate("opties => axe.run(document, opties)", AXE_OPTIES)
    assert [v["id"] for v in uitslag["violations"] if v["impact"] in ERNSTIG] == []
    assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
