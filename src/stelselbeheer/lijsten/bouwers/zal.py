"""Zorgaanbiederslijst (ZAL), release 2. Rules LST-ZAL-1..5 (see lijsten/regels.py).

The document is written as one XML fragment per Zorgaanbieder between a fixed head and tail, so that a
publication after a small change only has to validate what changed (rule LST-XSD, ``valideer`` below).
An entry's hash ``h`` is the SHA-256 of its fragment: an entry changed exactly when its XML changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from operator import itemgetter
from xml.sax.saxutils import escape

from django.core.exceptions import EmptyResultSet
from django.db import connections

from stelselbeheer.register.models import AanbiederGegevensdienst, Systeemrol

from .. import regels
from . import Bouw, tijdstempel_tekst

NS = "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/"
_ESC = {"\r": "&#13;"}  # a raw CR would read back as LF


def _x(tekst: str) -> str:
    """Text content escaped for XML (most values need nothing, and checking is cheaper than replacing)."""
    if "&" in tekst or "<" in tekst or ">" in tekst or "\r" in tekst:
        return escape(tekst, _ESC)
    return tekst


def _rijen(queryset):
    """The rows of a ``values_list`` of ints and strings straight from the cursor: Django's per-row
    iterator costs more than the query for the ~300,000 rows of a large register."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. an IN over no participants
        return
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while rijen := cursor.fetchmany(10_000):
            yield from rijen


def gegevens(moment: dt.datetime) -> dict[str, list[dict]]:
    """aanbiedernaam -> its qualifying gegevensdiensten with endpoints, system roles and the qualification."""
    geldig = regels.geldige_kwalificaties("dva", moment)
    actief = regels.actieve_deelnemers("dva")
    rollen: dict[int, list] = defaultdict(list)
    # all system roles, without a join: those of diensten that do not qualify are simply not looked up
    for dienst_id, code, url in _rijen(Systeemrol.objects.values_list("dienst_id", "code", "resource_endpoint")):
        rollen[dienst_id].append((code, url))
    per_aanbieder: dict[str, list[dict]] = defaultdict(list)
    for dienst_id, naam, dva_id, gd_id, code, auth, token in _rijen(
            AanbiederGegevensdienst.objects.filter(aanbieder__dva_id__in=actief, gegevensdienst__in_gebruik=True)
            .values_list("id", "aanbieder__naam", "aanbieder__dva_id", "gegevensdienst_id", "gegevensdienst__code",
                         "authorization_endpoint", "token_endpoint")):
        kwalificatie = geldig.get((dva_id, gd_id))
        if kwalificatie is not None and dienst_id in rollen:  # the XSD asks at least one system role
            per_aanbieder[naam].append({"code": code, "auth": auth, "token": token, "rollen": sorted(rollen[dienst_id]),
                                        "kwalificatie": kwalificatie})
    return {naam: sorted(per_aanbieder[naam], key=itemgetter("code")) for naam in sorted(per_aanbieder)}


def fragment(naam: str, diensten: list[dict]) -> bytes:
    """One <Zorgaanbieder> element (in the list's default namespace)."""
    delen = ["<Zorgaanbieder><Zorgaanbiedernaam>", _x(naam), "</Zorgaanbiedernaam><Gegevensdiensten>"]
    for d in diensten:
        delen += ["<Gegevensdienst><GegevensdienstId>", _x(d["code"]),
                  "</GegevensdienstId><AuthorizationEndpoint><AuthorizationEndpointuri>", _x(d["auth"]),
                  "</AuthorizationEndpointuri></AuthorizationEndpoint><TokenEndpoint><TokenEndpointuri>",
                  _x(d["token"]), "</TokenEndpointuri></TokenEndpoint><Systeemrollen>"]
        for code, url in d["rollen"]:
            delen += ["<Systeemrol><Systeemrolcode>", _x(code),
                      "</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>", _x(url),
                      "</ResourceEndpointuri></ResourceEndpoint></Systeemrol>"]
        delen.append("</Systeemrollen></Gegevensdienst>")
    delen.append("</Gegevensdiensten></Zorgaanbieder>")
    return "".join(delen).encode()


def kop_staart(volgnummer: int, tijdstempel: dt.datetime) -> tuple[bytes, bytes]:
    kop = (f"<?xml version='1.0' encoding='UTF-8'?>\n<Zorgaanbiederslijst xmlns=\"{NS}\"><Tijdstempel>"
           f"{tijdstempel_tekst(tijdstempel)}</Tijdstempel><Volgnummer>{volgnummer}</Volgnummer><Zorgaanbieders>")
    return kop.encode(), b"</Zorgaanbieders></Zorgaanbiederslijst>"


def samenstellen(volgnummer: int, tijdstempel: dt.datetime, fragmenten) -> bytes:
    """The document: head with Tijdstempel and Volgnummer, the fragments in order, tail."""
    kop, staart = kop_staart(volgnummer, tijdstempel)
    return b"".join([kop, *fragmenten, staart])


#: SHA-256 of fragments that passed XSD validation in this process (see ``valideer``)
_GEVALIDEERD: set[bytes] = set()
_MAX_ONTHOUDEN = 1_000_000


def valideer(volgnummer: int, tijdstempel: dt.datetime, fragmenten: dict[str, tuple[bytes, bytes]]) -> None:
    """LST-XSD for the ZAL, fragment by fragment (``fragmenten``: name -> (fragment, its SHA-256)).

    The schema's only constraint across Zorgaanbieders is the uniqueness of Zorgaanbiedernaam (an
    ``xs:string``: equal means identical), which holds because the fragments are keyed by that name. Every
    other constraint lies within one Zorgaanbieder, whose type does not depend on its neighbours. So the
    whole document is valid exactly when a document of the same head and tail holding only the fragments
    not validated before is valid. That document is validated here with the published schema (the first
    publication in a process validates everything). Raises ``LijstOngeldig``."""
    from ..validatie import valideer as xsd

    te_doen = {h: f for f, h in fragmenten.values() if h not in _GEVALIDEERD}
    xsd("zal", samenstellen(volgnummer, tijdstempel, te_doen.values()))
    if len(_GEVALIDEERD) + len(te_doen) > _MAX_ONTHOUDEN:
        _GEVALIDEERD.clear()
    _GEVALIDEERD.update(te_doen)


#: fragments written before in this process, by their content: most of a large list is the same every time
_GESCHREVEN: dict[tuple, tuple[bytes, bytes]] = {}


def _geschreven(naam: str, diensten: list[dict]) -> tuple[bytes, bytes]:
    sleutel = (naam, *((d["code"], d["auth"], d["token"], *d["rollen"]) for d in diensten))
    uit = _GESCHREVEN.get(sleutel)
    if uit is None:
        tekst = fragment(naam, diensten)
        uit = _GESCHREVEN[sleutel] = (tekst, hashlib.sha256(tekst).digest())
    return uit


def bouw(moment: dt.datetime) -> Bouw:
    data = gegevens(moment)
    if len(_GESCHREVEN) > 2 * len(data) + 1000:  # forget what left the register
        _GESCHREVEN.clear()
    fragmenten = {naam: _geschreven(naam, diensten) for naam, diensten in data.items()}
    entries = {naam: {"h": fragmenten[naam][1].hex()[:16], "k": {d["code"]: d["kwalificatie"] for d in diensten}}
               for naam, diensten in data.items()}

    romp = b"".join(f for f, _ in fragmenten.values())

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        kop, staart = kop_staart(volgnummer, tijdstempel)
        return b"".join([kop, romp, staart])

    return Bouw("zal", entries, schrijf, romp=romp, kop_staart=kop_staart,
                valideer=lambda volgnummer, tijdstempel: valideer(volgnummer, tijdstempel, fragmenten))
