"""Gegevensdienstnamenlijst (GNL), release 1. Rule LST-GNL-1: every gegevensdienst in force."""

from __future__ import annotations

import datetime as dt

from stelselbeheer.register.models import Gegevensdienst

from . import Bouw, bytes_van, digest, document, geheel

NS = "xmlns://afsprakenstelsel.medmij.nl/gegevensdienstnamenlijst/release1/"


def bouw(moment: dt.datetime) -> Bouw:
    data = dict(Gegevensdienst.objects.filter(in_gebruik=True).order_by("code").values_list("code", "naam"))
    entries = {code: {"h": digest(naam)} for code, naam in data.items()}

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        from lxml.etree import SubElement as Sub

        wortel = document(NS, "Gegevensdienstnamenlijst", volgnummer, tijdstempel)
        lijst = Sub(wortel, f"{{{NS}}}Gegevensdiensten")
        for code, naam in data.items():
            gd = Sub(lijst, f"{{{NS}}}Gegevensdienst")
            Sub(gd, f"{{{NS}}}GegevensdienstId").text = code
            Sub(gd, f"{{{NS}}}Weergavenaam").text = naam
        return bytes_van(wortel)

    return Bouw("gnl", entries, geheel(schrijf))
