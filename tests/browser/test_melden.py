"""Main flow of the front door: a care worker goes through the decision tree, is sent to the regional desk,
files the problem and follows it on the status page."""

import pytest

pytestmark = pytest.mark.browser


def test_zorgverlener_doorloopt_de_beslisboom_en_meldt(live_server, transactional_db, pagina, maak):
    rso = maak.rso("RSO Twente")
    url = live_server.url
    pagina.goto(f"{url}/")
    pagina.get_by_role("link", name="Melden").first.click()
    pagina.get_by_role("link", name="Ja").click()  # own workplace
    pagina.get_by_text("De eigen ICT-dienst").first.wait_for()
    assert pagina.get_by_role("link", name="Melding indienen").count() == 0  # not filed here
    pagina.get_by_role("link", name="Opnieuw beginnen").click()
    pagina.get_by_role("link", name="Nee").click()
    pagina.get_by_role("link", name="Nee").click()
    pagina.get_by_role("link", name="Ja").click()  # only in my region
    pagina.get_by_text("De regionale helpdesk van uw RSO").first.wait_for()
    pagina.get_by_role("link", name="Melding indienen").click()
    pagina.get_by_label("Soort melding").select_option("incident")
    pagina.get_by_label("Onderwerp").fill("Viewer toont geen echo's")
    pagina.get_by_label("Omschrijving").fill("Sinds vanochtend 8 uur laadt de viewer geen beelden.")
    pagina.get_by_label("Uw naam").fill("Ilse Verloskundige")
    pagina.get_by_label("Uw e-mailadres").fill("ilse@vsv-twente.nl")
    pagina.get_by_role("button", name="Melding versturen").click()
    pagina.get_by_text("Kies uw regio").first.wait_for()  # the regional desk needs the region
    pagina.get_by_label("Regio").select_option(label=str(rso.regio))
    pagina.get_by_role("button", name="Melding versturen").click()
    pagina.get_by_text("Uw melding is ontvangen").wait_for()
    status = pagina.get_by_role("link", name="/meldingen/status/").get_attribute("href")
    pagina.goto(status)
    pagina.get_by_text("de regionale desk").first.wait_for()
    assert "Viewer toont geen echo's" in pagina.content()
