"""Main flow of an incident: the national desk finds it in the queue, triages it, records what is affected in
the register and notifies the affected participants; a participant follows it in the portal and reacts."""

import pytest
from django.core import mail

from tests.browser.hulp import inloggen, ziet

pytestmark = pytest.mark.browser


def test_incident_van_werkvoorraad_tot_bericht_aan_getroffen_deelnemer(live_server, transactional_db, pagina, maak):
    from stelselbeheer.deelnemers.models import RolSoort
    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.meldingen.models import Melding
    from stelselbeheer.meldingen.services import melding_indienen

    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    maak.aanbieder(dva, gegevensdienst=dienst)
    maak.gebruiker(Rol.UITVOERING, "medewerker")
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=dva, email="an@zorgictnoord.nl")
    melding_indienen(actor=None, soort="vraag", onderwerp="Vraag over de ZAL", omschrijving="x", melder_naam="B",
                     melder_email="b@x.nl", uitkomst="landelijk")
    m, _ = melding_indienen(actor=None, soort="incident", onderwerp="Time-outs bij ophalen medicatie",
                            omschrijving="Sinds 8:00.", melder_naam="Piet", melder_email="piet@pgo.nl",
                            uitkomst="landelijk")
    url = live_server.url

    inloggen(pagina, url, "medewerker", "/beheer/meldingen/")
    pagina.get_by_label("Soort").select_option("incident")
    pagina.get_by_role("button", name="Filteren").click()
    ziet(pagina, "1 melding")
    pagina.get_by_role("link", name=m.nummer).click()

    triage = pagina.get_by_role("region", name="Triage")
    triage.get_by_label("Prioriteit").select_option("hoog")
    triage.get_by_label("Team").fill("Landelijke desk")
    triage.get_by_role("button", name="Vastleggen").click()
    ziet(pagina, "Triage vastgelegd.")

    incident = pagina.get_by_role("region", name="Incident: ernst en getroffen onderdelen")
    incident.get_by_text("Incident: ernst en getroffen onderdelen").click()  # opens the collapsed section
    incident.get_by_label("Ernst").select_option("ernstig")
    incident.get_by_label("Getroffen zorgaanbieders").fill("bestaatniet@medmij")
    incident.get_by_role("button", name="Vastleggen").click()
    ziet(pagina, "Onbekende zorgaanbieder(s): bestaatniet@medmij")
    incident = pagina.get_by_role("region", name="Incident: ernst en getroffen onderdelen")
    incident.get_by_label("Getroffen zorgaanbieders").fill("huisartsdelinde@medmij")
    incident.get_by_role("button", name="Vastleggen").click()
    ziet(pagina, "Incident vastgelegd.")
    assert "Zorg-ICT Noord B.V." in pagina.content()  # the aanbieder's DVA is affected

    bericht = pagina.get_by_role("region", name="Bericht aan getroffen deelnemers")
    bericht.get_by_text("Bericht aan getroffen deelnemers").first.click()
    bericht.get_by_label("Bericht aan de getroffen deelnemers").fill("Storing in de keten; workaround volgt.")
    bericht.get_by_role("button", name="Versturen").click()
    ziet(pagina, "Bericht verstuurd aan de getroffen deelnemers.")
    assert any("an@zorgictnoord.nl" in e.to for e in mail.outbox)

    inloggen(pagina, url, "deelnemer", "/mijn/meldingen/")
    pagina.get_by_role("link", name=m.nummer).click()
    ziet(pagina, "workaround volgt")
    assert "piet@pgo.nl" not in pagina.content()
    pagina.get_by_label("Uw reactie").fill("Bij ons ook vanaf 8:00, alleen voor medicatie.")
    pagina.get_by_role("button", name="Reactie versturen").click()
    ziet(pagina, "Uw reactie is toegevoegd.")
    assert "alleen voor medicatie" in pagina.content()
    assert Melding.objects.get(pk=m.pk).ernst == "ernstig"
