"""Inclusion rules LST-ZAL-*, LST-OCL-*, LST-GNL-1, LST-WHL-1 and their boundaries."""

import datetime as dt

import pytest
from lxml import etree

from stelselbeheer.deelnemers.models import DeelnemerStatus, RolSoort
from stelselbeheer.lijsten.bouwers import bouwers
from stelselbeheer.lijsten.regels import waarom
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.lijsten.validatie import valideer
from stelselbeheer.register import services as reg
from tests.stappen import opschorten, zet_status

from .conftest import AMS, MOMENT


def _op(lijst, moment=MOMENT):
    return set(bouwers()[lijst](moment).entries)


def test_zal_bevat_gekwalificeerde_aanbieders(register):
    assert _op("zal") == {"huisartsdelinde@medmij", "apotheekcentrum@medmij"}


@pytest.mark.parametrize("status", [DeelnemerStatus.OPGESCHORT, DeelnemerStatus.BEEINDIGD,
                                    DeelnemerStatus.IN_UITTREDING, DeelnemerStatus.AANGEMELD])
def test_lst_zal_1_alleen_actieve_dva(register, status):
    zet_status(register["dva"], status)
    assert _op("zal") == set()
    assert _op("whitelist") == {"app.mijngezondheid.nl"}


def test_lst_zal_3_kwalificatie_verloopt_om_middernacht_amsterdam(register):
    # the DVA qualification was tested 2026-06-01 and is valid through 2027-06-01
    laatste_seconde = dt.datetime(2027, 6, 1, 23, 59, 59, tzinfo=AMS)
    middernacht = dt.datetime(2027, 6, 2, 0, 0, tzinfo=AMS)
    assert _op("zal", laatste_seconde) == {"huisartsdelinde@medmij", "apotheekcentrum@medmij"}
    assert _op("zal", middernacht) == set()
    assert _op("ocl", middernacht) == set()  # the DVP qualification has the same dates


def test_lst_zal_3_alleen_de_gekwalificeerde_gegevensdienst(register, maak):
    andere = maak.gegevensdienst("1", "Basisgegevensset Zorg")
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=register["aanbieder"], gegevensdienst=andere,
                                   authorization_endpoint="https://auth.zorg.nl/a", token_endpoint="https://api.zorg.nl/t",
                                   systeemrollen={"BGZ": "https://fhir.zorg.nl/bgz"})
    xml = bouwers()["zal"](MOMENT).schrijf(1, MOMENT)
    ns = {"z": "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/"}
    ids = etree.fromstring(xml).xpath("//z:Zorgaanbieder[z:Zorgaanbiedernaam='huisartsdelinde@medmij']"
                                      "//z:GegevensdienstId/text()", namespaces=ns)
    assert ids == ["48"]  # "1" is offered but the DVA is not qualified for it
    uitleg = waarom("zal", "huisartsdelinde@medmij", MOMENT)
    assert uitleg.op_lijst
    assert any(t.regel == "LST-ZAL-3" and not t.voldaan and t.uitleg.startswith("1:") for t in uitleg.toetsen)


def test_lst_zal_4_gegevensdienst_buiten_gebruik(register):
    reg.gegevensdienst_wijzigen(actor=None, gegevensdienst=register["dienst"], wijzigingen={"in_gebruik": False})
    assert _op("zal") == set() and _op("gnl") == set()


def test_lst_ocl_vraagt_actieve_gekwalificeerde_dvp(register, maak):
    assert _op("ocl") == {"app.mijngezondheid.nl"}
    zonder = maak.deelnemer("PGO Zonder Test B.V.", rollen=[RolSoort.DVP])
    reg.oauthclient_aanmaken(actor=None, hostname="app.zondertest.nl", organisatienaam="Zonder Test", dvp=zonder)
    assert _op("ocl") == {"app.mijngezondheid.nl"}
    uitleg = waarom("ocl", "app.zondertest.nl", MOMENT)
    assert not uitleg.op_lijst and [t.regel for t in uitleg.toetsen if not t.voldaan] == ["LST-OCL-3"]
    opschorten(register["dvp"])
    assert _op("ocl") == set()


def test_lst_whl_1_hostnamen(register):
    assert _op("whitelist") == {"auth.zorgictnoord.nl", "api.zorgictnoord.nl", "fhir.zorgictnoord.nl",
                                "auth.centrum.nl", "api.centrum.nl", "fhir.centrum.nl", "app.mijngezondheid.nl"}


@pytest.mark.parametrize("lijst", ["zal", "ocl", "gnl", "whitelist"])
def test_elke_lijst_is_xsd_geldig_ook_leeg(db, register, lijst):
    valideer(lijst, bouwers()[lijst](MOMENT).schrijf(7, MOMENT))


@pytest.mark.parametrize("lijst", ["zal", "ocl", "gnl", "whitelist"])
def test_lege_lijst_is_xsd_geldig(db, lijst):
    valideer(lijst, bouwers()[lijst](MOMENT).schrijf(1, MOMENT))


def test_waarom_onbekende_sleutel(db):
    uitleg = waarom("zal", "bestaatniet@medmij", MOMENT)
    assert not uitleg.op_lijst and not uitleg.gevonden


def test_snapshot_legt_kwalificatie_vast_voor_later(register):
    s = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    kwal = register["dva"].kwalificaties.get()
    assert s.entries["huisartsdelinde@medmij"]["k"] == {"48": kwal.pk}


def test_waarom_leest_de_status_op_het_moment_zelf(register):
    from django.utils import timezone

    voor = timezone.now() - dt.timedelta(minutes=5)
    d = opschorten(register["dva"])
    besluit = d.statuswijzigingen.latest("id").besluit
    toen = waarom("zal", "huisartsdelinde@medmij", voor)
    nu = waarom("zal", "huisartsdelinde@medmij", timezone.now())
    assert toen.toetsen[0].voldaan and "'Actief'" in toen.toetsen[0].uitleg
    assert not nu.toetsen[0].voldaan and "'Opgeschort'" in nu.toetsen[0].uitleg
    assert besluit.nummer in nu.toetsen[0].uitleg
    vroeger = waarom("zal", "huisartsdelinde@medmij", dt.datetime(2020, 1, 1, tzinfo=AMS))
    assert "nog geen deelnemer" in vroeger.toetsen[0].uitleg
