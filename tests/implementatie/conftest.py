"""An implementation group whose chair is the world's regional user (a voting member) and whose adviser is the
staff member (no vote); a meeting that began an hour ago with the product eOverdracht on its agenda; the product in
intake with a frontrunner chosen."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Fase, Oordeel, Product
from stelselbeheer.implementatie.standaard import criteria
from stelselbeheer.overleg import services as ovl


def plannen(orgaan, begin, uren=2):
    return ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=uren),
                                   plaats="Utrecht")


def alles_voldaan(product, behalve: dict | None = None):
    """Score every criterion met towards the product's next phase, except those in ``behalve`` (code -> oordeel)."""
    behalve = behalve or {}
    oordelen = {}
    for c in criteria():
        oordeel = behalve.get(c.code, Oordeel.VOLDAAN)
        if oordeel is None:
            continue  # left unscored
        oordelen[c.code] = {"oordeel": oordeel, "bevindingen": f"Bevinding over {c.naam}.",
                            "openstaande_punten": "" if oordeel == Oordeel.VOLDAAN else "Nog te doen."}
    imp.criteria_beoordelen(actor=None, product=product, oordelen=oordelen)


def in_fase(product, fase):
    """Test setup: put the product in ``fase`` directly (the way there is tested on its own)."""
    Product.objects.filter(pk=product.pk).update(fase=fase)
    product.refresh_from_db()
    return product


@pytest.fixture
def groep(wereld, maak):
    voorzitter = wereld["gebruikers"]["regio"]
    medewerker = wereld["gebruikers"]["uitvoering"]
    orgaan = ovl.orgaan_aanmaken(actor=None, code="implementatiegroep", naam="Landelijke implementatiegroep",
                                 soort="implementatiegroep", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=voorzitter,
                      van=timezone.localdate() - dt.timedelta(days=100))
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="adviseur", gebruiker=medewerker,
                      van=timezone.localdate() - dt.timedelta(days=100))
    product = imp.product_aanmaken(actor=medewerker, code="eoverdracht", naam="eOverdracht",
                                   eigenaar="Programma eOverdracht", sectoren=["ziekenhuiszorg"],
                                   gegevensdiensten=[wereld["dienst"]], wettelijk_verplicht=True)
    koploper = maak.organisatie(naam="Ziekenhuis Noord", soort="zorgaanbieder", sector="ziekenhuiszorg")
    imp.koploper_selecteren(actor=medewerker, product=product, organisatie=koploper)
    vergadering = plannen(orgaan, timezone.now() - dt.timedelta(hours=1))
    ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Fasewijziging eOverdracht",
                             onderwerp=product)
    return SimpleNamespace(orgaan=orgaan, voorzitter=voorzitter, medewerker=medewerker, product=product,
                           vergadering=vergadering, koploper=koploper, Fase=Fase)
