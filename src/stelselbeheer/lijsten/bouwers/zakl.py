"""Zorgaanbiederskoppellijst (ZAKL), release 1. Rules LST-ZAKL-1 and LST-ZAKL-2 (see lijsten/regels.py).

LST-ZAKL-1: exactly the Zorgaanbieders and gegevensdiensten of the ZAL (rules LST-ZAL-1..5, at the same moment),
each gegevensdienst with its display name and the interface versions it is offered in.
LST-ZAKL-2: a Zorgaanbieder is on the ZAKL only with at least one identifying number (the list exists to link
those numbers to the Zorgaanbiedernaam; its schema asks at least one): the AGB-code, URA-number, OIN and KvK-number
of its organisation (the organisation register holds them, they are not copied) and its own HRN. One without any
stays on the ZAL and is left off the ZAKL.

Written per Zorgaanbieder as one fragment, validated by fragment as the ZAL is (zal.valideer).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from stelselbeheer.register.models import Aanbieder, Gegevensdienst

from ..formaten import FORMATEN
from . import Bouw, zal
from .zal import _x

NS = FORMATEN["zakl"][1].namespace
#: the order of the identifying numbers in an entry (the element names of the schema)
KENMERKEN = ("AGB", "URA", "OIN", "HRN", "KVK")


def kenmerken(namen) -> dict[str, list[tuple[str, str]]]:
    """aanbiedernaam -> its identifying numbers as (element, value), in ``KENMERKEN`` order, empty ones left out."""
    uit = {}
    for naam, agb, ura, oin, hrn, kvk in zal._rijen(
            Aanbieder.objects.filter(naam__in=list(namen)).values_list(
                "naam", "organisatie__agb_code", "organisatie__ura", "organisatie__oin", "hrn",
                "organisatie__kvk_nummer")):
        uit[naam] = [(k, w) for k, w in zip(KENMERKEN, (agb, ura, oin, hrn, kvk), strict=True) if w]
    return uit


def gegevens(moment: dt.datetime) -> dict[str, dict]:
    """aanbiedernaam -> {"kenmerken": [...], "diensten": [{code, naam, versies, kwalificatie}]} (LST-ZAKL-1/2)."""
    data, _ = zal.gegevens_en_typen(moment)
    per_naam = kenmerken(data)
    namen_gd = dict(Gegevensdienst.objects.values_list("code", "naam"))
    uit = {}
    for naam, diensten in data.items():
        if not per_naam.get(naam):  # LST-ZAKL-2
            continue
        uit[naam] = {"kenmerken": per_naam[naam],
                     "diensten": [{"code": d["code"], "naam": namen_gd[d["code"]], "versies": d["versies"],
                                   "kwalificatie": d["kwalificatie"]} for d in diensten]}
    return uit


def fragment(naam: str, entry: dict) -> bytes:
    delen = ["<Zorgaanbieder><Zorgaanbiedernaam>", _x(naam), "</Zorgaanbiedernaam><IdentificerendeKenmerken>"]
    for element, waarde in entry["kenmerken"]:
        delen += ["<IdentificerendKenmerk><", element, ">", _x(waarde), "</", element, "></IdentificerendKenmerk>"]
    delen.append("</IdentificerendeKenmerken><Gegevensdiensten>")
    for d in entry["diensten"]:
        delen += ["<Gegevensdienst><GegevensdienstId>", _x(d["code"]), "</GegevensdienstId><Weergavenaam>",
                  _x(d["naam"]), "</Weergavenaam><Interfaceversies>"]
        for versie in d["versies"]:
            delen += ["<Interfaceversie><InterfaceversieId>", _x(versie), "</InterfaceversieId></Interfaceversie>"]
        delen.append("</Interfaceversies></Gegevensdienst>")
    delen.append("</Gegevensdiensten></Zorgaanbieder>")
    return "".join(delen).encode()


def kop_staart(volgnummer: int, tijdstempel: dt.datetime) -> tuple[bytes, bytes]:
    return zal._kop_staart(NS, "Zorgaanbiederskoppellijst", volgnummer, tijdstempel)


zal.KOP_STAART["zakl"] = kop_staart


def bouw(moment: dt.datetime) -> Bouw:
    data = gegevens(moment)
    fragmenten = {}
    for naam, entry in data.items():
        tekst = fragment(naam, entry)
        fragmenten[naam] = (tekst, hashlib.sha256(tekst).digest())
    entries = {naam: {"h": fragmenten[naam][1].hex()[:16],
                      "k": {d["code"]: d["kwalificatie"] for d in entry["diensten"]}}
               for naam, entry in data.items()}
    romp = b"".join(f for f, _ in fragmenten.values())

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        kop, staart = kop_staart(volgnummer, tijdstempel)
        return b"".join([kop, romp, staart])

    return Bouw("zakl", entries, schrijf, romp=romp, kop_staart=kop_staart,
                valideer=lambda volgnummer, tijdstempel: zal.valideer(volgnummer, tijdstempel, fragmenten, "zakl"))
