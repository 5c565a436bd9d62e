"""Zorgaanbiederskoppellijst (ZAKL), release 1. Rules LST-ZAKL-1 and LST-ZAKL-2 (see lijsten/regels.py).

LST-ZAKL-1: exactly the Zorgaanbieders and gegevensdiensten of the ZAL (rules LST-ZAL-1..5, at the same moment),
each gegevensdienst with its display name and the interface versions it is offered in.
LST-ZAKL-2: a Zorgaanbieder is on the ZAKL only with at least one identifying number (the list exists to link
those numbers to the Zorgaanbiedernaam; its schema asks at least one): the AGB-code, URA-number, OIN and KvK-number
of its organisation (the organisation register holds them, they are not copied) and its own HRN. One without any
stays on the ZAL and is left off the ZAKL.

Written per Zorgaanbieder as one fragment in the same pass over the register as the ZAL (zal.doorloop), and validated
and remembered by block as the ZAL is.
"""

from __future__ import annotations

import datetime as dt

from ..formaten import FORMATEN
from . import Bouw, zal
from .zal import _x

NS = FORMATEN["zakl"][1].namespace
#: the order of the identifying numbers in an entry (the element names of the schema)
KENMERKEN = ("AGB", "URA", "OIN", "HRN", "KVK")


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
    """Written in the pass over the register that writes the ZAL (zal.doorloop)."""
    return zal.doorloop(moment).zakl
