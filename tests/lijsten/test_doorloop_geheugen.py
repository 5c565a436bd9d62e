"""A pass over the register reuses what the previous pass in the same process gave for a block whose rows did not
change (bouwers/zal.py ``_Geheugen``): after every kind of change the documents (to the byte, compressed too), entries
and hosts are those a process that remembers nothing builds, and what is published is that document."""

import datetime as dt
import gzip
import sys

import pytest

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie
from stelselbeheer.lijsten import gzipdelen, validatie
from stelselbeheer.lijsten.bouwers import zal as zalbouw
from stelselbeheer.lijsten.models import Snapshot, json_tekst
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register import services as reg
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Gegevensdienst, Systeemrol

from .conftest import MOMENT

DAG = MOMENT.date()
CODES = ["1", "48", "B7"]


@pytest.fixture
def groot_register(db, monkeypatch):
    """16 aanbieders of two DVA participants, in blocks of a few (``BLOKGROOTTE`` 3 instead of 1024)."""
    monkeypatch.setattr(zalbouw, "BLOKGROOTTE", 3)
    zalbouw.vergeet()
    gzipdelen._BLOKKEN.clear()
    diensten = {c: Gegevensdienst.objects.create(code=c, naam=f"Dienst {c}") for c in CODES}
    dvas = []
    for i in range(2):
        org = Organisatie.objects.create(naam=f"Leverancier {i}", soort="leverancier", kvk_nummer=f"2000000{i}")
        dva = Deelnemer.objects.create(organisatie=org, overeenkomstversie="2.2", ondertekend_op=DAG,
                                       status=DeelnemerStatus.ACTIEF, status_sinds=DAG)
        DeelnemerRol.objects.create(deelnemer=dva, rol="dva", sinds=DAG)
        for code in CODES:
            Kwalificatie.objects.create(deelnemer=dva, rol="dva", gegevensdienst=diensten[code], testdatum=DAG,
                                        geldig_tot=DAG + dt.timedelta(days=30), resultaat="geslaagd")
        dvas.append(dva)
    for i in range(16):
        org = Organisatie.objects.create(naam=f"Praktijk {i}", soort="zorgaanbieder",
                                         kvk_nummer=f"{30000000 + i}" if i % 3 else "")
        aanbieder = Aanbieder.objects.create(naam=f"praktijk{chr(97 + i)}@medmij", weergavenaam=f"Praktijk {i}",
                                             organisatie=org, dva=dvas[i % 2])
        for j, code in enumerate(CODES[: 1 + i % 3]):
            agd = AanbiederGegevensdienst.objects.create(
                aanbieder=aanbieder, gegevensdienst=diensten[code], authorization_endpoint=f"https://a{i}.nl/a",
                token_endpoint=f"https://t{i}.nl/t", interfaceversies=["1.4.0", "1.10.0"] if j else ["1.4.0"],
                abonneren_maximale_duur=30 if j else None, abonneren_endpoint=f"https://s{i}.nl/s" if j else "")
            Systeemrol.objects.create(dienst=agd, code="MED", resource_endpoint=f"https://r{i}.nl/{code}")
    yield dvas
    zalbouw.vergeet()
    gzipdelen._BLOKKEN.clear()


def _uitkomst(doorloop: zalbouw.Doorloop) -> dict:
    v, v_zakl = zalbouw.voorspeld("zal"), zalbouw.voorspeld("zakl")
    documenten = {"zal": doorloop.zal.document(v, MOMENT), "zal3": doorloop.zal.verdere[3].document(v, MOMENT),
                  "zakl": doorloop.zakl.document(v_zakl, MOMENT)}
    for bouw in (doorloop.zal, doorloop.zakl):  # what the snapshot stores of them
        assert bouw.entries.json() == json_tekst(dict(bouw.entries))
    return {"documenten": {f: (d.gzip(), d.bytes(), d.sha256, d.grootte) for f, d in documenten.items()},
            "entries": (doorloop.zal.entries, doorloop.zakl.entries), "hosts": doorloop.hosts}


def _vers() -> dict:
    """What a process that remembers nothing builds (this process's memory is left as it was)."""
    geheugen, blokken = zalbouw._GEHEUGEN, dict(gzipdelen._BLOKKEN)
    zalbouw.vergeet()
    gzipdelen._BLOKKEN.clear()
    try:
        return _uitkomst(zalbouw.doorloop(MOMENT))
    finally:
        zalbouw._GEHEUGEN = geheugen
        gzipdelen._BLOKKEN.clear()
        gzipdelen._BLOKKEN.update(blokken)


def _publiceer() -> None:
    with zalbouw.gedeeld():
        for lijst in ("zal", "zakl", "whitelist"):
            lijst_publiceren(actor=None, lijst=lijst, moment=MOMENT)


def _dienst(i: int, code: str = "1") -> AanbiederGegevensdienst:
    return AanbiederGegevensdienst.objects.get(aanbieder__naam=f"praktijk{chr(97 + i)}@medmij",
                                               gegevensdienst__code=code)


def _endpoint(i: int, url: str, versies=None) -> None:
    d = _dienst(i)
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=d.aanbieder, gegevensdienst=d.gegevensdienst,
                                   authorization_endpoint=url, token_endpoint=d.token_endpoint,
                                   systeemrollen={"MED": f"https://r{i}.nl/1"}, interfaceversies=versies)


WIJZIGINGEN = {
    "endpoint": lambda dvas: _endpoint(4, "https://nieuw.nl/a"),
    "interfaceversie": lambda dvas: _endpoint(7, "https://a7.nl/a", versies=["1.4.0", "1.5.0"]),
    "kwalificatie verlopen": lambda dvas: Kwalificatie.objects.filter(deelnemer=dvas[0], gegevensdienst__code="48")
    .update(geldig_tot=DAG - dt.timedelta(days=1)),
    "kwalificatie ingetrokken": lambda dvas: Kwalificatie.objects.filter(deelnemer=dvas[1], gegevensdienst__code="1")
    .update(resultaat="niet_geslaagd"),
    "naam gegevensdienst": lambda dvas: Gegevensdienst.objects.filter(code="B7").update(naam="Andere naam"),
    "kvk": lambda dvas: Organisatie.objects.filter(naam="Praktijk 5").update(kvk_nummer=""),
    "agb": lambda dvas: Organisatie.objects.filter(naam="Praktijk 8").update(agb_code="01234567"),
    "nieuwe kvk": lambda dvas: Organisatie.objects.filter(naam="Praktijk 6").update(kvk_nummer="39999999"),
    "systeemrol weg": lambda dvas: Systeemrol.objects.filter(dienst=_dienst(10)).delete(),
    "deelnemer treedt uit": lambda dvas: Deelnemer.objects.filter(pk=dvas[1].pk)
    .update(status=DeelnemerStatus.IN_UITTREDING),
}


def test_na_elke_wijziging_dezelfde_documenten_als_een_vers_proces(groot_register, monkeypatch):
    dvas = groot_register
    gerenderd = []
    echt = zalbouw.fragmenten
    monkeypatch.setattr(zalbouw, "fragmenten", lambda naam, *a: gerenderd.append(naam) or echt(naam, *a))
    _publiceer()
    alle = len(gerenderd)
    assert alle == 16
    for wijziging, doe in WIJZIGINGEN.items():
        vorige = _uitkomst(zalbouw.doorloop(MOMENT))
        doe(dvas)
        gerenderd.clear()
        na = _uitkomst(zalbouw.doorloop(MOMENT))  # with what the previous pass gave
        if wijziging in ("endpoint", "interfaceversie", "kvk", "agb", "systeemrol weg"):
            assert 0 < len(gerenderd) < alle, wijziging  # only the changed block
        assert na == _vers(), wijziging
        assert na != vorige, wijziging
        _publiceer()  # all from memory now; the live version moves on
        zal = Snapshot.objects.filter(lijst="zal").order_by("-volgnummer").first()
        if set(zal.entries) == set(na["entries"][0]):  # not held back by the guard (LST-BEWAKING)
            assert gzip.decompress(bytes(zal.inhoud_gz)) == na["documenten"]["zal"][1], wijziging
            assert zal.entries == na["entries"][0]


def test_een_blok_dat_niet_valideerde_wordt_niet_onthouden(groot_register, monkeypatch):
    """LST-XSD: a pass whose fragments did not validate leaves nothing to reuse: the next pass validates again."""
    def ongeldig(lijst, xml):
        raise validatie.LijstOngeldig("ongeldig")

    monkeypatch.setattr(validatie, "valideer", ongeldig)
    zalbouw._GEVALIDEERD.clear()
    zalbouw.doorloop(MOMENT)
    assert zalbouw._GEHEUGEN is None


def test_de_sleutel_van_een_blok_hangt_alleen_van_de_waarden_af():
    """Equal rows, whether their texts are interned or shared or not, give one key; other rows another."""
    tekst, getal = sys.intern("praktijk_xyz"), 10**6 + 7
    assert zalbouw._sleutel([[(tekst, getal, tekst, "4")]]) == zalbouw._sleutel(
        [[("".join(["praktijk_", "xyz"]), int(str(getal)), "".join(["praktijk", "_xyz"]), str(4))]])
    assert zalbouw._sleutel([[("a", 1)], [("b", 2)]]) != zalbouw._sleutel([[("a", 1), ("b", 2)]])
    assert zalbouw._sleutel([[("a", 1)]]) != zalbouw._sleutel([[("a", "1")]])
