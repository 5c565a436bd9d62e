"""Whitelist (MedMij nodes), release 2. Rule LST-WHL-1: the host names of the endpoints of the entries that
are on the ZAL (in either release: the subscription endpoints of release 3 too), and of the OAuth clients on the
OCL."""

from __future__ import annotations

import datetime as dt

from . import Bouw, bytes_van, document, geheel, ocl, zal

NS = "xmlns://afsprakenstelsel.medmij.nl/whitelist/release2/"


def bouw(moment: dt.datetime) -> Bouw:
    hosts: set[str] = set(ocl.gegevens(moment)) | zal.doorloop(moment).hosts
    data = sorted(h for h in hosts if h)
    entries = {h: {"h": ""} for h in data}

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        from lxml.etree import SubElement as Sub

        wortel = document(NS, "Whitelist", volgnummer, tijdstempel)
        nodes = Sub(wortel, f"{{{NS}}}MedMijNodes")
        for host in data:
            Sub(Sub(nodes, f"{{{NS}}}MedMijNode"), f"{{{NS}}}Hostname").text = host
        return bytes_van(wortel)

    return Bouw("whitelist", entries, geheel(schrijf))
