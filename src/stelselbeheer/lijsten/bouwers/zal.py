"""Zorgaanbiederslijst (ZAL), release 2 and release 3 (rule LST-FORMAAT). Rules LST-ZAL-1..5 (see
lijsten/regels.py).

Each document is written as one XML fragment per Zorgaanbieder between a fixed head and tail, so that a
publication after a small change only has to validate what changed (rule LST-XSD, ``valideer`` below).
An entry's hash ``h`` is the SHA-256 of its fragments in both releases: an entry changed exactly when its XML
changed in either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from contextlib import contextmanager
from operator import itemgetter
from xml.sax.saxutils import escape

from django.core.exceptions import EmptyResultSet
from django.db import connections

from stelselbeheer.register.models import STANDAARD_AANBIEDERTYPE, AanbiederGegevensdienst, Systeemrol

from .. import regels
from ..formaten import FORMATEN
from . import Bouw, Formaatbouw, tijdstempel_tekst

NS = FORMATEN["zal"][2].namespace
NS3 = FORMATEN["zal"][3].namespace
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


def versie_sleutel(versie: str) -> tuple[int, ...]:
    return tuple(int(d) for d in versie.split("."))


#: JSON text of a row's interface versions -> the versions in ascending order: a register has few distinct ones
_VERSIES: dict[str, tuple[str, ...]] = {}


def _versies(waarde) -> tuple[str, ...]:
    """The interface versions of a row in ascending order, as the cursor gives them (a JSON text, decoded once per
    distinct text, or an already decoded list)."""
    if not isinstance(waarde, str):
        return tuple(sorted(waarde or (), key=versie_sleutel))
    uit = _VERSIES.get(waarde)
    if uit is None:
        if len(_VERSIES) > 10_000:
            _VERSIES.clear()
        uit = _VERSIES[waarde] = tuple(sorted(json.loads(waarde) or (), key=versie_sleutel))
    return uit


def gegevens(moment: dt.datetime) -> dict[str, list[dict]]:
    """aanbiedernaam -> its qualifying gegevensdiensten with endpoints, system roles and the qualification."""
    return gegevens_en_typen(moment)[0]


#: while ``gedeeld`` is active: moment -> what ``gegevens_en_typen`` read for it
_GEDEELD: dict | None = None


@contextmanager
def gedeeld():
    """Within this block the register is read once per moment for every list built from it (the ZAL in both
    releases, the ZAKL and the whitelist): ``alle_lijsten_publiceren`` publishes them at one moment, so they agree
    and the largest query runs once instead of three times."""
    global _GEDEELD
    vorige, _GEDEELD = _GEDEELD, {}
    try:
        yield
    finally:
        _GEDEELD = vorige


def gegevens_en_typen(moment: dt.datetime) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """As ``gegevens``, with each dienst's interface versions (``versies``) and subscription (``duur``, ``abo``),
    and aanbiedernaam -> the code of its Aanbiedertype (ZA when none is recorded). Read once per moment inside
    ``gedeeld``; the result is shared, callers do not change it."""
    if _GEDEELD is not None and moment in _GEDEELD:
        return _GEDEELD[moment]
    uit = _gegevens_en_typen(moment)
    if _GEDEELD is not None:
        _GEDEELD[moment] = uit
    return uit


def _gegevens_en_typen(moment: dt.datetime) -> tuple[dict[str, list[dict]], dict[str, str]]:
    geldig = regels.geldige_kwalificaties("dva", moment)
    actief = regels.actieve_deelnemers("dva")
    rollen: dict[int, list] = defaultdict(list)
    # all system roles, without a join: those of diensten that do not qualify are simply not looked up
    for dienst_id, code, url in _rijen(Systeemrol.objects.values_list("dienst_id", "code", "resource_endpoint")):
        rollen[dienst_id].append((code, url))
    per_aanbieder: dict[str, list[dict]] = defaultdict(list)
    typen: dict[str, str] = {}
    for dienst_id, naam, dva_id, gd_id, code, auth, token, versies, duur, abo, typecode in _rijen(
            AanbiederGegevensdienst.objects.filter(aanbieder__dva_id__in=actief, gegevensdienst__in_gebruik=True)
            .values_list("id", "aanbieder__naam", "aanbieder__dva_id", "gegevensdienst_id", "gegevensdienst__code",
                         "authorization_endpoint", "token_endpoint", "interfaceversies", "abonneren_maximale_duur",
                         "abonneren_endpoint", "aanbieder__aanbiedertype__code")):
        kwalificatie = geldig.get((dva_id, gd_id))
        if kwalificatie is not None and dienst_id in rollen:  # the XSD asks at least one system role
            per_aanbieder[naam].append({"code": code, "auth": auth, "token": token, "rollen": sorted(rollen[dienst_id]),
                                        "kwalificatie": kwalificatie,
                                        "versies": _versies(versies),
                                        "duur": duur, "abo": abo or "", "gd_id": gd_id})
            typen[naam] = typecode or STANDAARD_AANBIEDERTYPE
    return ({naam: sorted(per_aanbieder[naam], key=itemgetter("code")) for naam in sorted(per_aanbieder)},
            {naam: typen[naam] for naam in sorted(typen)})


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


def fragment3(naam: str, aanbiedertype: str, diensten: list[dict]) -> bytes:
    """One <Zorgaanbieder> element of release 3: the diensten grouped under each interface version they are
    offered in (versions in ascending order, diensten by id within each)."""
    delen = ["<Zorgaanbieder><Zorgaanbiedernaam>", _x(naam), "</Zorgaanbiedernaam><Aanbiedertype>",
             _x(aanbiedertype), "</Aanbiedertype><Interfaceversies>"]
    versies = sorted({v for d in diensten for v in d["versies"]}, key=versie_sleutel)
    for versie in versies:
        delen += ["<Interfaceversie><InterfaceversieId>", _x(versie), "</InterfaceversieId><Gegevensdiensten>"]
        for d in diensten:
            if versie not in d["versies"]:
                continue
            delen += ["<Gegevensdienst><GegevensdienstId>", _x(d["code"]),
                      "</GegevensdienstId><AuthorizationEndpoint><AuthorizationEndpointuri>", _x(d["auth"]),
                      "</AuthorizationEndpointuri></AuthorizationEndpoint><TokenEndpoint><TokenEndpointuri>",
                      _x(d["token"]), "</TokenEndpointuri></TokenEndpoint>"]
            if d["duur"] is not None and d["abo"]:
                delen += ["<Abonneren><MaximaleDuur>", str(d["duur"]), "</MaximaleDuur><SubscriptionEndpointuri>",
                          _x(d["abo"]), "</SubscriptionEndpointuri></Abonneren>"]
            delen.append("<Systeemrollen>")
            for code, url in d["rollen"]:
                delen += ["<Systeemrol><Systeemrolcode>", _x(code),
                          "</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>", _x(url),
                          "</ResourceEndpointuri></ResourceEndpoint></Systeemrol>"]
            delen.append("</Systeemrollen></Gegevensdienst>")
        delen.append("</Gegevensdiensten></Interfaceversie>")
    delen.append("</Interfaceversies></Zorgaanbieder>")
    return "".join(delen).encode()


def _kop_staart(ns: str, wortel: str, volgnummer: int, tijdstempel: dt.datetime) -> tuple[bytes, bytes]:
    kop = (f"<?xml version='1.0' encoding='UTF-8'?>\n<{wortel} xmlns=\"{ns}\"><Tijdstempel>"
           f"{tijdstempel_tekst(tijdstempel)}</Tijdstempel><Volgnummer>{volgnummer}</Volgnummer><Zorgaanbieders>")
    return kop.encode(), f"</Zorgaanbieders></{wortel}>".encode()


def kop_staart(volgnummer: int, tijdstempel: dt.datetime) -> tuple[bytes, bytes]:
    return _kop_staart(NS, "Zorgaanbiederslijst", volgnummer, tijdstempel)


def kop_staart3(volgnummer: int, tijdstempel: dt.datetime) -> tuple[bytes, bytes]:
    return _kop_staart(NS3, "Zorgaanbiederslijst", volgnummer, tijdstempel)


#: format key (formaten.sleutel) -> the head and tail of its document
KOP_STAART = {"zal": kop_staart, "zal3": kop_staart3}


def samenstellen(volgnummer: int, tijdstempel: dt.datetime, fragmenten, formaat: str = "zal") -> bytes:
    """The document: head with Tijdstempel and Volgnummer, the fragments in order, tail."""
    kop, staart = KOP_STAART[formaat](volgnummer, tijdstempel)
    return b"".join([kop, *fragmenten, staart])


#: per format, SHA-256 of fragments that passed XSD validation in this process (see ``valideer``)
_GEVALIDEERD: dict[str, set[bytes]] = defaultdict(set)
_MAX_ONTHOUDEN = 1_000_000


def valideer(volgnummer: int, tijdstempel: dt.datetime, fragmenten: dict[str, tuple[bytes, bytes]],
             formaat: str = "zal") -> None:
    """LST-XSD for the ZAL, fragment by fragment (``fragmenten``: name -> (fragment, its SHA-256)).

    The schema's only constraint across Zorgaanbieders is the uniqueness of Zorgaanbiedernaam (an
    ``xs:string``: equal means identical), which holds because the fragments are keyed by that name. Every
    other constraint lies within one Zorgaanbieder, whose type does not depend on its neighbours. So the
    whole document is valid exactly when a document of the same head and tail holding only the fragments
    not validated before is valid. That document is validated here with the published schema (the first
    publication in a process validates everything). Raises ``LijstOngeldig``."""
    from ..validatie import valideer as xsd

    gevalideerd = _GEVALIDEERD[formaat]
    te_doen = {h: f for f, h in fragmenten.values() if h not in gevalideerd}
    xsd(formaat, samenstellen(volgnummer, tijdstempel, te_doen.values(), formaat))
    if len(gevalideerd) + len(te_doen) > _MAX_ONTHOUDEN:
        gevalideerd.clear()
    gevalideerd.update(te_doen)


#: fragments written before in this process, by their content: most of a large list is the same every time;
#: per key (release 2 fragment, its SHA-256, release 3 fragment, its SHA-256)
_GESCHREVEN: dict[tuple, tuple[bytes, bytes, bytes, bytes]] = {}


def _geschreven(naam: str, aanbiedertype: str, diensten: list[dict]) -> tuple[bytes, bytes, bytes, bytes]:
    sleutel = (naam, aanbiedertype,
               *((d["code"], d["auth"], d["token"], d["versies"], d["duur"], d["abo"], *d["rollen"])
                 for d in diensten))
    uit = _GESCHREVEN.get(sleutel)
    if uit is None:
        tekst, tekst3 = fragment(naam, diensten), fragment3(naam, aanbiedertype, diensten)
        uit = _GESCHREVEN[sleutel] = (tekst, hashlib.sha256(tekst).digest(), tekst3, hashlib.sha256(tekst3).digest())
    return uit


def bouw(moment: dt.datetime) -> Bouw:
    data, typen = gegevens_en_typen(moment)
    if len(_GESCHREVEN) > 2 * len(data) + 1000:  # forget what left the register
        _GESCHREVEN.clear()
    alles = {naam: _geschreven(naam, typen[naam], diensten) for naam, diensten in data.items()}
    fragmenten = {naam: (f[0], f[1]) for naam, f in alles.items()}
    fragmenten3 = {naam: (f[2], f[3]) for naam, f in alles.items()}
    entries = {naam: {"h": hashlib.sha256(alles[naam][1] + alles[naam][3]).hexdigest()[:16],
                      "k": {d["code"]: d["kwalificatie"] for d in diensten}}
               for naam, diensten in data.items()}

    romp = b"".join(f for f, _ in fragmenten.values())
    romp3 = b"".join(f for f, _ in fragmenten3.values())

    def schrijf(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        kop, staart = kop_staart(volgnummer, tijdstempel)
        return b"".join([kop, romp, staart])

    def schrijf3(volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        kop, staart = kop_staart3(volgnummer, tijdstempel)
        return b"".join([kop, romp3, staart])

    def valideer3(volgnummer: int, tijdstempel: dt.datetime) -> None:
        valideer(volgnummer, tijdstempel, fragmenten3, "zal3")

    release3 = Formaatbouw(schrijf3, valideer3, romp=romp3, kop_staart=kop_staart3)
    return Bouw("zal", entries, schrijf, romp=romp, kop_staart=kop_staart,
                valideer=lambda volgnummer, tijdstempel: valideer(volgnummer, tijdstempel, fragmenten),
                verdere={3: release3})
