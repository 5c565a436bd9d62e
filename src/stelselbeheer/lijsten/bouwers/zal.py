"""Zorgaanbiederslijst (ZAL), release 2. Rules LST-ZAL-1..5 (see lijsten/regels.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from stelselbeheer.register.models import AanbiederGegevensdienst, Systeemrol

from .. import regels
from . import Bouw, bytes_van, digest, document

NS = "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/"


def gegevens(moment: dt.datetime) -> dict[str, list[dict]]:
    """aanbiedernaam -> its qualifying gegevensdiensten with endpoints, system roles and the qualification."""
    geldig = regels.geldige_kwalificaties("dva", moment)
    actief = regels.actieve_deelnemers("dva")
    rijen = (AanbiederGegevensdienst.objects
             .filter(aanbieder__dva_id__in=actief, gegevensdienst__in_gebruik=True)
             .values_list("id", "aanbieder__naam", "aanbieder__dva_id", "gegevensdienst_id", "gegevensdienst__code",
                          "authorization_endpoint", "token_endpoint")
             .order_by("aanbieder__naam", "gegevensdienst__code"))
    diensten = {}
    for dienst_id, naam, dva_id, gd_id, code, auth, token in rijen.iterator(chunk_size=5000):
        kwalificatie = geldig.get((dva_id, gd_id))
        if kwalificatie is not None:
            diensten[dienst_id] = (naam, {"code": code, "auth": auth, "token": token, "rollen": [],
                                          "kwalificatie": kwalificatie})
    rollen = (Systeemrol.objects.filter(dienst__aanbieder__dva_id__in=actief)
              .values_list("dienst_id", "code", "resource_endpoint").order_by("dienst_id", "code"))
    for dienst_id, code, url in rollen.iterator(chunk_size=5000):
        if dienst_id in diensten:
            diensten[dienst_id][1]["rollen"].append((code, url))
    per_aanbieder: dict[str, list[dict]] = defaultdict(list)
    for naam, dienst in diensten.values():
        if dienst["rollen"]:  # the XSD asks at least one system role per gegevensdienst
            per_aanbieder[naam].append(dienst)
    return dict(sorted(per_aanbieder.items()))


def bouw(moment: dt.datetime) -> Bouw:
    data = gegevens(moment)
    entries = {naam: {"h": digest([(d["code"], d["auth"], d["token"], d["rollen"]) for d in diensten]),
                      "k": {d["code"]: d["kwalificatie"] for d in diensten}}
               for naam, diensten in data.items()}

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        from lxml.etree import SubElement as Sub

        wortel = document(NS, "Zorgaanbiederslijst", volgnummer, tijdstempel)
        lijst = Sub(wortel, f"{{{NS}}}Zorgaanbieders")
        for naam, diensten in data.items():
            za = Sub(lijst, f"{{{NS}}}Zorgaanbieder")
            Sub(za, f"{{{NS}}}Zorgaanbiedernaam").text = naam
            gds = Sub(za, f"{{{NS}}}Gegevensdiensten")
            for d in diensten:
                gd = Sub(gds, f"{{{NS}}}Gegevensdienst")
                Sub(gd, f"{{{NS}}}GegevensdienstId").text = d["code"]
                Sub(Sub(gd, f"{{{NS}}}AuthorizationEndpoint"), f"{{{NS}}}AuthorizationEndpointuri").text = d["auth"]
                Sub(Sub(gd, f"{{{NS}}}TokenEndpoint"), f"{{{NS}}}TokenEndpointuri").text = d["token"]
                srs = Sub(gd, f"{{{NS}}}Systeemrollen")
                for code, url in d["rollen"]:
                    sr = Sub(srs, f"{{{NS}}}Systeemrol")
                    Sub(sr, f"{{{NS}}}Systeemrolcode").text = code
                    Sub(Sub(sr, f"{{{NS}}}ResourceEndpoint"), f"{{{NS}}}ResourceEndpointuri").text = url
        return bytes_van(wortel)

    return Bouw("zal", entries, schrijf)
