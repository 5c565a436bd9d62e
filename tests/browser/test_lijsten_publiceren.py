"""Main flow of the lists screens: publish, open the history and a version, ask why an entry is on the list."""

import datetime as dt

import pytest

from stelselbeheer.lijsten.models import Lijst
from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.browser


def test_medewerker_publiceert_en_bekijkt_geschiedenis(live_server, transactional_db, pagina, maak):
    from stelselbeheer.kern.rollen import Rol

    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorg-ICT Noord B.V.")
    maak.kwalificatie(dva, dienst, testdatum=dt.date.today())
    maak.aanbieder(dva, gegevensdienst=dienst)
    maak.gebruiker(Rol.UITVOERING, "medewerker")

    pagina.goto(f"{live_server.url}/inloggen/?next=/beheer/lijsten/")
    pagina.get_by_label("Gebruikersnaam").fill("medewerker")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/beheer/lijsten/")
    assert pagina.get_by_text("Nog niet gepubliceerd").count() == len(Lijst.values)  # ZAL, OCL, GNL, whitelist, ZAKL

    pagina.get_by_label("Reden (optioneel)").fill("eerste publicatie")
    pagina.get_by_role("button", name="Alle lijsten nu publiceren").click()
    pagina.wait_for_url("**/beheer/lijsten/")
    assert "Gepubliceerd:" in pagina.get_by_role("status").inner_text()
    assert pagina.get_by_text("Actueel").count() == len(Lijst.values)

    pagina.get_by_role("link", name="Aanbiederslijst (ZAL)").click()
    pagina.get_by_role("link", name="1", exact=True).click()
    pagina.wait_for_url("**/beheer/lijsten/zal/1/")  # content() does not wait for the navigation the click started
    assert "Toegevoegd (1 entry)" in pagina.content()
    assert pagina.get_by_text("huisartsdelinde@medmij").is_visible()

    pagina.goto(f"{live_server.url}/beheer/lijsten/waarom/")
    pagina.get_by_label("Lijst").select_option("zal")
    pagina.get_by_label("Aanbiedernaam, hostnaam of gegevensdienst-id").fill("huisartsdelinde@medmij")
    pagina.get_by_role("button", name="Uitleggen").click()
    pagina.wait_for_url("**/beheer/lijsten/waarom/?*")
    assert "voldoet wel aan de regels" in pagina.get_by_role("heading", level=2).first.inner_text()
    assert "stond daar wel op" in pagina.content().replace("<strong>", "").replace("</strong>", "")

    antwoord = pagina.request.get(f"{live_server.url}/lijsten/zal.xml")
    assert antwoord.status == 200 and b"huisartsdelinde@medmij" in antwoord.body()
