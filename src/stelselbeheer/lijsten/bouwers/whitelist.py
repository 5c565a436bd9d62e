"""Whitelist (MedMij nodes), release 2. Rule LST-WHL-1: the host names of the endpoints of the entries that
are on the ZAL (in either release: the subscription endpoints of release 3 too), and of the OAuth clients on the
OCL."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from . import Bouw, bytes_van, document, ocl, zal

NS = "xmlns://afsprakenstelsel.medmij.nl/whitelist/release2/"


def bouw(moment: dt.datetime) -> Bouw:
    hosts: set[str] = set(ocl.gegevens(moment))
    for diensten in zal.gegevens_en_typen(moment)[0].values():
        for d in diensten:
            hosts.add(urlsplit(d["auth"]).hostname)
            hosts.add(urlsplit(d["token"]).hostname)
            hosts.update(urlsplit(url).hostname for _, url in d["rollen"])
            if d.get("abo"):
                hosts.add(urlsplit(d["abo"]).hostname)
    data = sorted(h for h in hosts if h)
    entries = {h: {"h": ""} for h in data}

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        from lxml.etree import SubElement as Sub

        wortel = document(NS, "Whitelist", volgnummer, tijdstempel)
        nodes = Sub(wortel, f"{{{NS}}}MedMijNodes")
        for host in data:
            Sub(Sub(nodes, f"{{{NS}}}MedMijNode"), f"{{{NS}}}Hostname").text = host
        return bytes_van(wortel)

    return Bouw("whitelist", entries, schrijf)
