"""Main flow of compliance: a finding from the nightly check becomes a case; staff ask for an explanation, the
participant answers in the portal, staff assess and serve the formal notice of default with its letter."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_van_constatering_tot_ingebrekestelling(live_server, transactional_db, pagina, maak):
    from stelselbeheer.deelnemers.controle import kwalificaties_controleren
    from stelselbeheer.deelnemers.models import RolSoort
    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.naleving.models import Nalevingszaak

    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    maak.kwalificatie(dva, dienst, testdatum=dt.date.today() - dt.timedelta(days=400))  # expired
    maak.gebruiker(Rol.UITVOERING, "medewerker")
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=dva)
    assert kwalificaties_controleren().zaken == 1
    zaak = Nalevingszaak.objects.get()
    url = live_server.url

    _inloggen(pagina, url, "medewerker", "/beheer/naleving/")
    pagina.get_by_role("link", name=zaak.nummer).click()
    _ziet(pagina, "1. Constatering en vastlegging")
    pagina.get_by_role("link", name="Verzoek om toelichting versturen").click()
    pagina.get_by_role("button", name="Verzoek om toelichting versturen").click()
    _ziet(pagina, "10 werkdagen na verzending van het verzoek om toelichting")
    assert pagina.get_by_role("link", name="Verzoek om toelichting").count() == 1  # the letter, as PDF

    _inloggen(pagina, url, "deelnemer", "/mijn/naleving/")
    pagina.get_by_role("link", name=zaak.nummer).click()
    pagina.get_by_label("Welke maatregelen treft u?").fill("Nieuwe kwalificatietest ingepland.")
    pagina.get_by_label("Gereed op").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    pagina.get_by_role("button", name="Toelichting versturen").click()
    _ziet(pagina, "Uw toelichting is ontvangen")

    _inloggen(pagina, url, "medewerker", "/beheer/naleving/")
    pagina.get_by_role("link", name=zaak.nummer).click()
    pagina.get_by_role("link", name="Toelichting beoordelen en besluit meedelen").click()
    pagina.get_by_role("textbox", name="Beoordeling").fill("Zestig dagen is te lang gelet op de ernst.")
    pagina.get_by_role("button", name="Toelichting beoordelen en besluit meedelen").click()
    _ziet(pagina, "3. Beoordeling en besluit")
    pagina.get_by_role("link", name="Formeel in gebreke stellen").click()
    pagina.get_by_role("button", name="Formeel in gebreke stellen").click()
    _ziet(pagina, "Controleer de invoer")  # the six criteria are required
    for score in pagina.get_by_label("score").all():
        score.select_option("3")
    for motivering in pagina.get_by_label("motivering").all():
        motivering.fill("Afgewogen naar de aard van de verplichting.")
    pagina.get_by_role("button", name="Formeel in gebreke stellen").click()
    _ziet(pagina, "Formeel in gebreke stellen: vastgelegd")
    assert pagina.get_by_role("link", name="Formele ingebrekestelling").count() == 1
    zaak.refresh_from_db()
    assert zaak.stap == "ingebrekestelling" and zaak.criteria["beveiliging"]["score"] == 3
