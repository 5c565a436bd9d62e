"""Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3): the skip link, the grouped menu (open with Enter, close with Escape),
and logging in to the work overview, without a mouse."""

import pytest

from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.browser


def _focus(pagina) -> str:
    return pagina.evaluate("document.activeElement.textContent.trim() || document.activeElement.id")


def _tab_naar(pagina, tekst: str, maximaal: int = 40) -> None:
    for _ in range(maximaal):
        pagina.keyboard.press("Tab")
        if _focus(pagina).startswith(tekst):
            return
    raise AssertionError(f"'{tekst}' niet bereikt met Tab")


def test_overslaan_menu_en_inloggen_met_alleen_het_toetsenbord(live_server, transactional_db, pagina, wereld):
    pagina.goto(f"{live_server.url}/")
    pagina.keyboard.press("Tab")
    assert _focus(pagina) == "Direct naar de inhoud"
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "inhoud"

    # the menu: a group opens with Enter, its links follow in the tab order, Escape closes it again
    pagina.goto(f"{live_server.url}/")
    _tab_naar(pagina, "Meldingen")
    pagina.keyboard.press("Enter")
    assert pagina.locator("details:has(summary:text-is('Meldingen'))").get_attribute("open") is not None
    pagina.keyboard.press("Escape")
    assert pagina.locator("details:has(summary:text-is('Meldingen'))").get_attribute("open") is None
    assert _focus(pagina) == "Meldingen"
    pagina.keyboard.press("Enter")
    pagina.keyboard.press("Tab")
    assert _focus(pagina) == "Melden"
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/melden/")

    # log in: Tab to the fields, type, Enter submits; the work overview opens
    pagina.goto(f"{live_server.url}/inloggen/")
    _tab_naar(pagina, "id_username")
    pagina.keyboard.type("medewerker")
    pagina.keyboard.press("Tab")
    pagina.keyboard.type(WACHTWOORD)
    pagina.keyboard.press("Enter")
    pagina.get_by_role("heading", name="Werkoverzicht").wait_for()
    _tab_naar(pagina, "Naleving")  # the staff's menu groups are reachable too
