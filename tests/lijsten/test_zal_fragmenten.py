"""The ZAL written as fragments (bouwers/zal.py): the bytes parse to what the register holds, and the
fragment-wise XSD validation (rule LST-XSD) still rejects every invalid fragment."""

import datetime as dt
import hashlib

import pytest
from lxml import etree

from stelselbeheer.lijsten.bouwers import zal
from stelselbeheer.lijsten.validatie import LijstOngeldig, valideer

MOMENT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
NS = {"z": zal.NS}


def _dienst(code="48", auth="https://auth.zorg.nl/a&b/<c>", token="https://api.zorg.nl/t",
            rollen=(("MED-FHIR-SERVER", "https://fhir.zorg.nl/r"),)):
    return {"code": code, "auth": auth, "token": token, "rollen": list(rollen), "kwalificatie": 1}


@pytest.fixture(autouse=True)
def leeg_geheugen():
    zal._GEVALIDEERD.clear()
    yield
    zal._GEVALIDEERD.clear()


def _f(naam, dienst):
    tekst = zal.fragment(naam, [dienst])
    return tekst, hashlib.sha256(tekst).digest()


def test_fragmenten_lezen_terug_als_het_register():
    fragmenten = {"apotheek@medmij": zal.fragment("apotheek@medmij", [_dienst()])}
    doc = etree.fromstring(zal.samenstellen(3, MOMENT, fragmenten.values()))
    assert doc.findtext("z:Volgnummer", namespaces=NS) == "3"
    assert doc.findtext(".//z:AuthorizationEndpointuri", namespaces=NS) == "https://auth.zorg.nl/a&b/<c>"
    assert doc.findtext(".//z:Systeemrolcode", namespaces=NS) == "MED-FHIR-SERVER"
    valideer("zal", zal.samenstellen(3, MOMENT, fragmenten.values()))  # the whole document, as published


def test_een_ongeldig_fragment_valt_ook_op_naast_eerder_gevalideerde():
    goed = {f"apotheek{c}@medmij": _f(f"apotheek{c}@medmij", _dienst()) for c in "abc"}
    zal.valideer(1, MOMENT, goed)
    assert len(zal._GEVALIDEERD["zal"]) == 3
    fout = dict(goed, **{"Fout Naam": _f("Fout Naam", _dienst())})  # not ([a-z])+@medmij
    with pytest.raises(LijstOngeldig, match="Zorgaanbiedernaam"):
        zal.valideer(2, MOMENT, fout)
    zonder_rol = dict(goed, **{"apotheekd@medmij": _f("apotheekd@medmij", _dienst(rollen=()))})
    with pytest.raises(LijstOngeldig):
        zal.valideer(2, MOMENT, zonder_rol)
    assert len(zal._GEVALIDEERD["zal"]) == 3  # a failed validation remembers nothing


def test_alleen_nieuwe_fragmenten_worden_opnieuw_gevalideerd(monkeypatch):
    goed = {f"apotheek{c}@medmij": _f(f"apotheek{c}@medmij", _dienst()) for c in "abc"}
    zal.valideer(1, MOMENT, goed)
    gezien = []
    monkeypatch.setattr("stelselbeheer.lijsten.validatie.valideer", lambda lijst, xml: gezien.append(xml))
    gewijzigd = dict(goed)
    gewijzigd["apotheekb@medmij"] = _f("apotheekb@medmij", _dienst(token="https://api.zorg.nl/n"))
    zal.valideer(2, MOMENT, gewijzigd)
    doc = etree.fromstring(gezien[0])
    assert doc.xpath("//z:Zorgaanbiedernaam/text()", namespaces=NS) == ["apotheekb@medmij"]
    assert doc.findtext("z:Volgnummer", namespaces=NS) == "2"  # head and tail are validated every time
