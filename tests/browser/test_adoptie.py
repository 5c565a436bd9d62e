"""Main flow of the adoption monitor and the bottleneck list in a real browser: staff open the monitor, go to a
product's dashboard with its chart, thresholds and downloads, and record a knelpunt that they put on the
implementation group's next meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from stelselbeheer.adoptie.services import momentopname_maken
from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.implementatie.models import Product
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.overleg import services as ovl
from tests.browser.hulp import inloggen, ziet

pytestmark = pytest.mark.browser


def test_monitor_en_knelpunt_op_de_agenda(live_server, transactional_db, pagina, maak):
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorgsystemen Noord B.V.", rollen=[RolSoort.DVA])
    maak.kwalificatie(dva, dienst)
    maak.aanbieder(dva, gegevensdienst=dienst)
    product = Product.objects.create(code="medicatie", naam="Medicatieoverdracht", eigenaar="Programma",
                                     sectoren=["overig"], fase="koplopers")
    product.gegevensdiensten.set([dienst])
    alle_lijsten_publiceren(actor=None)
    momentopname_maken()
    groep = ovl.orgaan_aanmaken(actor=None, code="implementatiegroep", naam="Landelijke implementatiegroep",
                                soort="implementatiegroep", openbaar=True)
    begin = timezone.now() + dt.timedelta(days=20)
    ovl.vergadering_plannen(actor=None, orgaan=groep, begin=begin, einde=begin + dt.timedelta(hours=2),
                            plaats="Utrecht")
    maak.gebruiker("uitvoering", "medewerker")
    url = live_server.url
    inloggen(pagina, url, "medewerker", volgende="/adoptie/")
    pagina.get_by_role("link", name="Medicatieoverdracht").click()
    ziet(pagina, "Adoptie: Medicatieoverdracht")
    assert pagina.locator("svg.grafiek title").first.text_content() == "Adoptie van Medicatieoverdracht in de tijd"
    assert pagina.get_by_role("table", name="MVP-drempels per fase").count() == 1
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="aanbieders per sector").click()
    assert download.value.suggested_filename.startswith("adoptie-medicatie-sector")

    pagina.goto(f"{url}/knelpunten/")
    pagina.get_by_role("link", name="Knelpunt vastleggen").click()
    pagina.get_by_label("Titel").fill("Zorgaanbieder niet vindbaar in de PGO")
    pagina.get_by_label("Omschrijving").fill("De weergavenaam wijkt af van de naam die patiënten kennen.")
    pagina.get_by_label("Bouwblok").select_option(label="2. Vindbaarheid en toestemming")
    pagina.get_by_label("Binnen de invloedssfeer van het afsprakenstelsel").check()
    pagina.get_by_label("Eigenaar (één organisatie)").fill(dva.organisatie.kvk_nummer)
    pagina.get_by_label("Beoogde uitkomst").select_option(label="Afspraak")
    pagina.get_by_role("button", name="Vastleggen").click()
    ziet(pagina, "is vastgelegd")
    pagina.get_by_role("link", name="Agenderen").click()
    pagina.get_by_label("Vergadering").select_option(index=1)
    pagina.get_by_role("button", name="Op de agenda zetten").click()
    ziet(pagina, "staat op de agenda van Landelijke implementatiegroep")
    assert "In behandeling" in pagina.content()
