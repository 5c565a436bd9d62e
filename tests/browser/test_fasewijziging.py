"""Main flow of the implementation monitor (IMP-CRITERIA, IMP-BESLUIT): a staff member scores the six acceptance
criteria of a product on the implementation group's agenda; the group's chair, in the meeting, tries the phase change
and is refused on the one criterion not met; the staff member scores it again; the chair decides and the product is
in the frontrunner phase."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_van_criteria_beoordelen_tot_fasebesluit(live_server, transactional_db, pagina, maak):
    from django.utils import timezone

    from stelselbeheer.implementatie import services as imp
    from stelselbeheer.implementatie.models import Fasebesluit, Product
    from stelselbeheer.implementatie.standaard import criteria
    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.overleg import services as ovl

    medewerker = maak.gebruiker(Rol.UITVOERING, "medewerker")
    voorzitter = maak.gebruiker(Rol.REGIO, "regio", rso=maak.rso())
    groep = ovl.orgaan_aanmaken(actor=None, code="implementatiegroep", naam="Landelijke implementatiegroep",
                                soort="implementatiegroep", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=groep, rol="voorzitter", gebruiker=voorzitter,
                      van=dt.date.today() - dt.timedelta(days=100))
    product = imp.product_aanmaken(actor=medewerker, code="eoverdracht", naam="eOverdracht", eigenaar="Programma")
    imp.koploper_selecteren(actor=medewerker, product=product,
                            organisatie=maak.organisatie(naam="Ziekenhuis Noord", soort="zorgaanbieder"))
    begin = timezone.now() - dt.timedelta(minutes=30)  # the meeting is under way
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=groep, begin=begin, einde=begin + dt.timedelta(hours=2),
                                          plaats="Utrecht")
    ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Fasewijziging eOverdracht",
                             onderwerp=product)
    url = live_server.url

    _inloggen(pagina, url, "medewerker", "/implementatie/")
    pagina.get_by_role("link", name="eOverdracht").click()
    pagina.get_by_role("link", name="Acceptatiecriteria beoordelen").click()
    _ziet(pagina, "Het overdrachtsgesprek naar de fase koplopers")
    for c in criteria():
        oordeel = "deels" if c.code == "tijdslijnen" else "voldaan"
        pagina.get_by_label(f"{c.naam}: oordeel", exact=True).select_option(oordeel)
        pagina.get_by_label(f"{c.naam}: bevindingen", exact=True).fill(f"Besproken: {c.naam}.")
    pagina.get_by_label("Tijdslijnen: openstaande punten", exact=True).fill("Capaciteitsindicatie ontbreekt.")
    pagina.get_by_role("button", name="Beoordeling vastleggen").click()
    _ziet(pagina, "De beoordeling is vastgelegd.")
    # staff have no vote in the group: the decision is not theirs before the meeting is held
    assert pagina.get_by_role("link", name="Fasebesluit naar koplopers").count() == 1

    _inloggen(pagina, url, "regio", f"/implementatie/producten/{product.code}/")
    pagina.get_by_role("link", name="Fasebesluit naar koplopers").click()
    _ziet(pagina, "1 van de zes criteria is nog niet voldaan")
    pagina.get_by_label("Vergadering van de implementatiegroep").select_option(str(vergadering.pk))
    pagina.get_by_label("Toelichting (besluittekst)").fill("De implementatiegroep start met de koplopers.")
    pagina.get_by_role("button", name="Besluiten: naar koplopers").click()
    _ziet(pagina, "Het fasebesluit is niet genomen")
    _ziet(pagina, "IMP-CRITERIA: Tijdslijnen is gedeeltelijk voldaan")
    assert Product.objects.get().fase == "intake" and not Fasebesluit.objects.exists()

    _inloggen(pagina, url, "medewerker", f"/implementatie/producten/{product.code}/beoordelen/")
    pagina.get_by_label("Tijdslijnen: oordeel", exact=True).select_option("voldaan")
    pagina.get_by_label("Tijdslijnen: bevindingen", exact=True).fill("Globale planning en capaciteit bekend.")
    pagina.get_by_label("Tijdslijnen: openstaande punten", exact=True).fill("")
    pagina.get_by_role("button", name="Beoordeling vastleggen").click()
    _ziet(pagina, "De beoordeling is vastgelegd.")

    _inloggen(pagina, url, "regio", f"/implementatie/producten/{product.code}/fasebesluit/")
    pagina.get_by_label("Vergadering van de implementatiegroep").select_option(str(vergadering.pk))
    pagina.get_by_role("button", name="Besluiten: naar koplopers").click()
    _ziet(pagina, "is nu in de fase koplopers")
    besluit = Fasebesluit.objects.get()
    assert besluit.besloten_door == voorzitter and besluit.vergadering == vergadering
    assert Product.objects.get().fase == "koplopers"
    _ziet(pagina, besluit.nummer)
