"""OAuthclientlist (OCL), release 2. Rules LST-OCL-1..3."""

from __future__ import annotations

import datetime as dt

from stelselbeheer.register.models import OAuthclient

from .. import regels
from . import Bouw, bytes_van, digest, document, geheel

NS = "xmlns://afsprakenstelsel.medmij.nl/oauthclientlist/release2/"


def gegevens(moment: dt.datetime) -> dict[str, dict]:
    """hostname -> organisation name and the DVP qualifications that let it on the list."""
    per_deelnemer = regels.geldige_kwalificaties_per_deelnemer("dvp", moment)
    actief = regels.actieve_deelnemers("dvp")
    uit = {}
    for host, naam, dvp_id in (OAuthclient.objects.filter(dvp_id__in=actief)
                               .values_list("hostname", "organisatienaam", "dvp_id").order_by("hostname")):
        if per_deelnemer.get(dvp_id):
            uit[host] = {"naam": naam, "kwalificaties": sorted(per_deelnemer[dvp_id])}
    return uit


def bouw(moment: dt.datetime) -> Bouw:
    data = gegevens(moment)
    entries = {host: {"h": digest(c["naam"]), "k": c["kwalificaties"]} for host, c in data.items()}

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        from lxml.etree import SubElement as Sub

        wortel = document(NS, "OAuthclientlist", volgnummer, tijdstempel)
        lijst = Sub(wortel, f"{{{NS}}}OAuthclients")
        for host, c in data.items():
            client = Sub(lijst, f"{{{NS}}}OAuthclient")
            Sub(client, f"{{{NS}}}Hostname").text = host
            Sub(client, f"{{{NS}}}OAuthclientOrganisatienaam").text = c["naam"]
        return bytes_van(wortel)

    return Bouw("ocl", entries, geheel(schrijf))
