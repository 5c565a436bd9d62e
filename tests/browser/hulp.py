"""Shared steps of the real-browser tests."""

from tests.conftest import WACHTWOORD


def inloggen(pagina, url, naam, volgende="/beheer/deelnemers/"):
    pagina.context.clear_cookies()
    pagina.goto(f"{url}/inloggen/?next={volgende}")
    pagina.get_by_label("Gebruikersnaam").fill(naam)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url(f"**{volgende}")


def ziet(pagina, tekst):
    """Wait until ``tekst`` is on the (new) page: reading content() right after a click may read the old one."""
    pagina.get_by_text(tekst).first.wait_for()
