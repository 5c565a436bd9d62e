"""Main flow of admission: a prospective participant applies, staff take it through intake, qualification and
advice, the board records its decision and admits, staff activate after signing; the public page shows it."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def _stap(pagina, label):
    pagina.get_by_role("link", name=label).click()


def test_van_aanvraag_tot_actieve_deelnemer(live_server, transactional_db, pagina, maak):
    from stelselbeheer.kern.rollen import Rol

    maak.gegevensdienst("48", "Medicatiegegevens")
    maak.gebruiker(Rol.UITVOERING, "medewerker")
    maak.gebruiker(Rol.BESTUUR, "bestuur")
    vandaag = dt.date.today().isoformat()
    url = live_server.url

    pagina.goto(f"{url}/deelnemers/")
    pagina.get_by_role("link", name="Meld u aan").click()
    pagina.get_by_role("button", name="Aanvraag indienen").click()
    _ziet(pagina, "Controleer de invoer")  # errors are named, with a summary
    pagina.get_by_label("Naam van de organisatie").fill("Gezond Thuis PGO B.V.")
    pagina.get_by_label("KvK-nummer").fill("24681357")
    pagina.get_by_label("Soort organisatie").select_option("leverancier")
    pagina.get_by_label("Dienstverlener persoon (DVP)").check()
    pagina.get_by_label("E-mailadres voor berichten over de aanvraag").fill("aanvraag@gezondthuis.nl")
    pagina.get_by_role("button", name="Aanvraag indienen").click()
    assert "Uw aanvraag is ontvangen" in pagina.get_by_role("heading", level=1).inner_text()

    _inloggen(pagina, url, "medewerker")
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()
    _ziet(pagina, "Aanvraag ingediend")
    _stap(pagina, "Intake starten")
    pagina.get_by_role("button", name="Intake starten").click()
    _stap(pagina, "Intake afronden, kwalificatie starten")
    pagina.get_by_role("button", name="Intake afronden, kwalificatie starten").click()
    _ziet(pagina, "Advies uitbrengen")
    pagina.get_by_role("link", name="Testresultaat vastleggen").click()
    pagina.get_by_label("Rol").select_option("dvp")
    pagina.get_by_label("Gegevensdienst").select_option(label="48 Medicatiegegevens")
    pagina.get_by_label("Testdatum").fill(vandaag)
    pagina.get_by_label("Resultaat").select_option("geslaagd")
    pagina.get_by_role("button", name="Testresultaat vastleggen").click()
    _stap(pagina, "Advies uitbrengen")
    pagina.get_by_label("Positief").check()
    pagina.get_by_label("Toelichting bij het advies").fill("Alle tests gehaald; voldoet aan de eisen.")
    pagina.get_by_role("button", name="Advies uitbrengen").click()
    _ziet(pagina, "Advies uitgebracht")

    _inloggen(pagina, url, "bestuur")
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()
    pagina.get_by_role("link", name="Besluit vastleggen").click()
    pagina.get_by_label("Datum").fill(vandaag)
    pagina.get_by_label("Soort").select_option("toelating")
    pagina.get_by_label("Onderwerp").fill("Toelating Gezond Thuis PGO B.V.")
    pagina.get_by_label("Tekst").fill("Het bestuur laat Gezond Thuis PGO B.V. toe als DVP.")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    assert "is vastgelegd" in pagina.get_by_role("status").inner_text()
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()  # the public timeline, linked from the decision
    pagina.goto(f"{url}/beheer/deelnemers/")
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()
    _stap(pagina, "Toelaten (besluit bestuur)")
    pagina.get_by_label("Besluit van het bestuur").select_option(index=1)
    pagina.get_by_role("button", name="Toelaten (besluit bestuur)").click()
    _ziet(pagina, "Toegelaten (wacht op ondertekening)")

    _inloggen(pagina, url, "medewerker")
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()
    _stap(pagina, "Activeren na ondertekening")
    pagina.get_by_role("button", name="Activeren na ondertekening").click()
    _ziet(pagina, "Dit veld is verplicht")  # refused, the field named
    pagina.get_by_label("Overeenkomst ondertekend op").fill(vandaag)
    pagina.get_by_role("button", name="Activeren na ondertekening").click()
    assert "de status is nu: Actief" in pagina.get_by_role("status").inner_text()

    pagina.goto(f"{url}/deelnemers/")
    rij = pagina.get_by_role("row").filter(has_text="Gezond Thuis PGO B.V.")
    assert "actief" in rij.inner_text()
