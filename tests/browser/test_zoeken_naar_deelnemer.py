"""Main flow of the staff search screen: log in, search a participant, open its detail page."""

import pytest

from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.browser


def test_medewerker_zoekt_deelnemer_en_opent_detail(live_server, transactional_db, pagina, maak):
    import datetime as dt

    from stelselbeheer.deelnemers.models import RolSoort
    from stelselbeheer.kern.rollen import Rol

    dienst = maak.gegevensdienst()
    for naam in ["Zorg-ICT Noord B.V.", "Mijn Gezondheid PGO B.V.", "Noordzorg Health B.V."]:
        d = maak.deelnemer(naam, rollen=[RolSoort.DVA])
        maak.kwalificatie(d, dienst, testdatum=dt.date.today())
    maak.gebruiker(Rol.UITVOERING, "medewerker")

    pagina.goto(f"{live_server.url}/beheer/deelnemers/")
    assert "/inloggen/" in pagina.url  # not logged in: sent to the login page
    pagina.get_by_label("Gebruikersnaam").fill("medewerker")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/beheer/deelnemers/")

    pagina.get_by_label("Zoek op naam, plaats of KvK-nummer").fill("noord")
    pagina.get_by_role("button", name="Filteren").click()
    pagina.wait_for_url("**q=noord**")
    rijen = pagina.locator("tbody tr")
    assert rijen.count() == 2
    assert "2 deelnemers" in pagina.locator(".lijst-totaal").inner_text()

    pagina.get_by_role("link", name="Zorg-ICT Noord B.V.").click()
    pagina.wait_for_url("**/beheer/deelnemers/*/")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Zorg-ICT Noord B.V."
    assert pagina.get_by_text("Dienstverlener aanbieder (DVA)").first.is_visible()
    kwalificaties = pagina.locator("table").filter(has_text="NAL-365")
    assert "Geldig" in kwalificaties.inner_text()
    # the skip link is the first focusable element (keyboard users)
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
