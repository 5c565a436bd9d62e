"""Main flow of admission: a prospective participant applies, staff take it through intake, qualification and
advice, staff prepare the board's decision as a proposal that enables the admission, a board member adopts it in
the meeting, staff admit with that decision (OVL-STAP) and activate after signing; the public page shows it."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def _stap(pagina, label):
    pagina.get_by_role("link", name=label).click()


def test_van_aanvraag_tot_actieve_deelnemer(live_server, transactional_db, pagina, maak):
    from django.utils import timezone

    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.overleg import services as ovl

    maak.gegevensdienst("48", "Medicatiegegevens")
    maak.gebruiker(Rol.UITVOERING, "medewerker")
    bestuurder = maak.gebruiker(Rol.BESTUUR, "bestuur")
    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur Stichting MedMij", soort="bestuur")
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=bestuurder,
                      van=dt.date.today() - dt.timedelta(days=100))
    begin = timezone.now() - dt.timedelta(minutes=30)  # the board meets while the application is handled
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=3),
                                          plaats="Utrecht")
    ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Aanvragen tot toetreding")
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

    # staff prepare the board's decision: a proposal that enables the admission (OVL-STAP)
    pagina.get_by_role("link", name="Besluitvoorstel opstellen").click()
    pagina.get_by_label("Onderwerp").fill("Toelating Gezond Thuis PGO B.V.")
    pagina.get_by_label("Tekst van het besluit").fill("Het bestuur laat Gezond Thuis PGO B.V. toe als DVP.")
    pagina.get_by_label("Soort besluit").select_option("toelating")
    pagina.get_by_label("Maakt mogelijk (bestuursstap)").select_option("toelaten")
    pagina.get_by_label("Agendapunt").select_option(index=1)
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "is opgesteld")
    pagina.get_by_role("link", name="Voorleggen aan het bestuur").click()
    pagina.get_by_role("button", name="Voorleggen aan het bestuur").click()
    _ziet(pagina, "Het voorstel is voorgelegd aan het bestuur.")
    voorstel = pagina.url

    _inloggen(pagina, url, "bestuur", voorstel.removeprefix(url))
    _ziet(pagina, "Advies van de uitvoeringsorganisatie")  # the advice where the board decides
    pagina.get_by_role("link", name="Beslissen over dit voorstel").click()
    pagina.get_by_role("button", name="Vaststellen").click()
    _ziet(pagina, "Vastgesteld: besluit")

    _inloggen(pagina, url, "medewerker")
    pagina.get_by_role("link", name="Gezond Thuis PGO B.V.").click()
    _stap(pagina, "Toelaten (besluit bestuur)")
    pagina.get_by_label("Besluit van het bestuur").select_option(index=1)
    pagina.get_by_role("button", name="Toelaten (besluit bestuur)").click()
    _ziet(pagina, "Toegelaten (wacht op ondertekening)")
    _stap(pagina, "Activeren na ondertekening")
    pagina.get_by_role("button", name="Activeren na ondertekening").click()
    _ziet(pagina, "Dit veld is verplicht")  # refused, the field named
    pagina.get_by_label("Overeenkomst ondertekend op").fill(vandaag)
    pagina.get_by_role("button", name="Activeren na ondertekening").click()
    assert "de status is nu: Actief" in pagina.get_by_role("status").inner_text()

    pagina.goto(f"{url}/deelnemers/")
    rij = pagina.get_by_role("row").filter(has_text="Gezond Thuis PGO B.V.")
    assert "actief" in rij.inner_text()
