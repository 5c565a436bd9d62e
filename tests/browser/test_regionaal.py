"""Main flow of the regional layer in a real browser: the RSO's regional user drafts an agreement with a VSV of its
region from the model, choosing an optional service, records the VSV's contact person (art. 4.1) and both parties'
signatures; the agreement is in force from the later signature, shows its computed terms, and the PDF carries the
chosen option."""

import datetime as dt
import io

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_rso_stelt_overeenkomst_op_en_legt_ondertekening_vast(live_server, transactional_db, pagina, maak):
    from pypdf import PdfReader

    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.organisaties.models import Soort
    from stelselbeheer.regionaal import services
    from stelselbeheer.regionaal.models import Overeenkomst

    rso = maak.rso("RSO Twente")
    maak.gebruiker(Rol.REGIO, "regio", rso=rso)
    maak.organisatie(naam="VSV Twente-Oost", soort=Soort.VSV, regio=rso.regio, plaats="Enschede")
    services.dienst_vastleggen(actor=None, rso=rso, thema="Helpdesk zorgverleners", omvat="Ondersteuning.",
                               plaatsing="regionaal", levering="optioneel")
    services.dienst_vastleggen(actor=None, rso=rso, thema="Doorontwikkeling en monitoring", omvat="Coördinatie.",
                               plaatsing="regionaal", levering="optioneel")
    url = live_server.url
    vandaag = dt.date.today()

    _inloggen(pagina, url, "regio", "/regionaal/")
    pagina.get_by_role("link", name="RSO Twente").click()
    pagina.get_by_role("link", name="Overeenkomst opstellen").click()
    pagina.get_by_label("VSV").select_option(label="VSV Twente-Oost")
    pagina.get_by_label("Opzegtermijn (art. 6.2)").select_option("6")
    pagina.get_by_label("Helpdesk zorgverleners").check()
    pagina.get_by_role("button", name="Opstellen").click()
    _ziet(pagina, "is opgesteld")
    ovk = Overeenkomst.objects.get()

    pagina.get_by_role("link", name="Ondertekening vastleggen").click()  # without the VSV's contact person: refused
    pagina.get_by_label("Partij die tekent").select_option("rso")
    pagina.get_by_label("Naam ondertekenaar").fill("Bert Bakker")
    pagina.get_by_label("Functie").fill("Bestuurder")
    pagina.get_by_label("Datum van ondertekening").fill(vandaag.isoformat())
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "Leg eerst het aanspreekpunt digitale gegevensuitwisseling van het VSV vast")

    pagina.goto(f"{url}{ovk.get_absolute_url()}")
    pagina.get_by_role("link", name="Contactpersoon vastleggen").click()
    pagina.get_by_label("Partij").select_option("vsv")
    pagina.get_by_label("Organisatie").fill("VSV Twente-Oost")
    pagina.get_by_label("Naam").fill("Anna de Vries")
    pagina.get_by_label("Functie").fill("Aanspreekpunt digitale gegevensuitwisseling")
    pagina.get_by_label("Telefoon").fill("053-1234567")
    pagina.get_by_label("E-mail").fill("anna@vsv-twente.nl")
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "De contactpersoon is vastgelegd.")

    for partij, naam, functie in (("rso", "Bert Bakker", "Bestuurder"), ("vsv", "Carla Jansen", "Voorzitter")):
        pagina.get_by_role("link", name="Ondertekening vastleggen").click()
        pagina.get_by_label("Partij die tekent").select_option(partij)
        pagina.get_by_label("Naam ondertekenaar").fill(naam)
        pagina.get_by_label("Functie").fill(functie)
        pagina.get_by_label("Plaats").fill("Enschede")
        pagina.get_by_label("Datum van ondertekening").fill(vandaag.isoformat())
        pagina.get_by_role("button", name="Opslaan").click()
        _ziet(pagina, "De ondertekening is vastgelegd.")
    _ziet(pagina, "Ondertekend door beide partijen")
    _ziet(pagina, "beëindigt de overeenkomst op zijn vroegst op")
    assert pagina.get_by_role("link", name="Ondertekening vastleggen").count() == 0
    ovk.refresh_from_db()
    assert ovk.status == "ondertekend" and ovk.ingangsdatum == vandaag

    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Overeenkomst als PDF").click()
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    tekst = " ".join(tekst.split())
    assert "Partijen kiezen: Helpdesk zorgverleners." in tekst and "Doorontwikkeling en monitoring" not in tekst
    assert "Carla Jansen" in tekst and "opzegtermijn van 6 maanden" in tekst
