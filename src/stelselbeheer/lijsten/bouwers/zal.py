"""Zorgaanbiederslijst (ZAL), release 2 and release 3 (rule LST-FORMAAT), and the pass over the register that
writes it together with the Zorgaanbiederskoppellijst (zakl.py) and collects the whitelist's hosts. Rules
LST-ZAL-1..5 (see lijsten/regels.py).

Each document is written as one XML fragment per Zorgaanbieder between a fixed head and tail, so that a
publication after a small change only has to validate what changed (rule LST-XSD, ``_Valideerder`` below).
An entry's hash ``h`` is the SHA-256 of its fragments in both releases: an entry changed exactly when its XML
changed in either.

A pass over the register (``doorloop``) writes the ZAL in both releases and the ZAKL and collects the whitelist's
hosts at once, whichever of these lists is published. It reads the register in one query, as a stream in the order
of the documents (aanbiedernaam, then gegevensdienst-id, by code point, as Python sorts), in blocks of ~1,000
aanbieders whose boundaries depend only on the names (``_blokken``), and every fragment goes straight into its
document's ``Stroom`` (gzipdelen.py): what a publication holds is the entries (for the diff) and the compressed
documents, never the register or a document as a whole, so its memory does not grow with the size of the XML.

A long-running process (the task that publishes after every change) remembers what its last pass gave per block
(``_Geheugen``): a block whose rows are those of the last pass, with the same valid qualifications, gegevensdienst
names and schemas, gives the same entries, hosts and compressed blocks without being grouped, rendered, hashed or
validated again. After one change the register is still read whole (that query is most of what is left), but one
block is written; the result is byte for byte what a process that remembers nothing writes
(tests/lijsten/test_doorloop_geheugen.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import zlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.functions import Collate

from stelselbeheer.register.models import (
    STANDAARD_AANBIEDERTYPE,
    Gegevensdienst,
    Systeemrol,
)

from .. import regels, validatie
from ..formaten import FORMATEN
from ..gzipdelen import Stroom
from ..models import Entries, LijstKop, json_tekst, live_entries
from . import Bouw, Formaatbouw, gestroomd, tijdstempel_tekst

NS = FORMATEN["zal"][2].namespace
NS3 = FORMATEN["zal"][3].namespace
_ESC = {"\r": "&#13;"}  # a raw CR would read back as LF


def _x(tekst: str) -> str:
    """Text content escaped for XML (most values need nothing, and checking is cheaper than replacing)."""
    if "&" in tekst or "<" in tekst or ">" in tekst or "\r" in tekst:
        return escape(tekst, _ESC)
    return tekst


def _rijen(queryset):
    """The rows of a ``values_list`` of ints and strings straight from the cursor, in chunks: Django's per-row
    iterator costs more than the query for the ~300,000 rows of a large register. A chunked cursor (server-side
    on PostgreSQL), so the result is never held whole on this side either."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. an IN over no participants
        return
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rijen := cursor.fetchmany(5_000):
            yield from rijen


@cache
def versie_sleutel(versie: str) -> tuple[int, ...]:
    """The sort key of an interface version ("1.10.0" after "1.9.0"); a register has a handful of them."""
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


#: while ``gedeeld`` is active: (moment, what) -> the ``Doorloop`` read for it
_GEDEELD: dict | None = None


@contextmanager
def gedeeld():
    """Within this block the register is read once per moment for every list built from it (the ZAL in both
    releases, the ZAKL and the whitelist): ``alle_lijsten_publiceren`` publishes them at one moment, so they agree
    and the pass over the register runs once instead of three times."""
    global _GEDEELD
    vorige, _GEDEELD = _GEDEELD, {}
    try:
        yield
    finally:
        _GEDEELD = vorige


def _op_codepunt(veld: str, db: str):
    """``veld`` compared by code point, as Python compares strings (and as the documents are sorted): SQLite's
    BINARY collation compares UTF-8 bytes, which is the same order; PostgreSQL's default collation is not."""
    return Collate(veld, "C" if connections[db].vendor == "postgresql" else "BINARY")


def _blokken(moment: dt.datetime):
    """The register in document order (LST-ZAL-1..5), by block: per block the rows of each Zorgaanbieder in it
    (a list per Zorgaanbieder, sorted by ``_VOLGORDE``), a block ending after a Zorgaanbieder whose name's CRC-32 is a
    multiple of ``BLOKGROOTTE`` (its documents' blocks end there too, gzipdelen.py). One query, one row per system
    role with its dienst and aanbieder, by aanbiedernaam: a dienst without a system role is not on the list anyway
    (the XSD asks at least one). The rows of one Zorgaanbieder are sorted here (a handful), which spares the database
    a sort of the whole register, and makes a block's rows the same whatever order the database gave them in."""
    rijen = _rijen(
        Systeemrol.objects.filter(dienst__aanbieder__dva_id__in=regels.actieve_deelnemers("dva"),
                                  dienst__gegevensdienst__in_gebruik=True)
        .values_list("dienst__aanbieder__naam", "dienst__gegevensdienst__code", "dienst_id", "code",
                     "resource_endpoint", "dienst__aanbieder__dva_id", "dienst__gegevensdienst_id",
                     "dienst__authorization_endpoint", "dienst__token_endpoint", "dienst__interfaceversies",
                     "dienst__abonneren_maximale_duur", "dienst__abonneren_endpoint",
                     "dienst__aanbieder__aanbiedertype__code", "dienst__aanbieder__organisatie__agb_code",
                     "dienst__aanbieder__organisatie__ura", "dienst__aanbieder__organisatie__oin",
                     "dienst__aanbieder__hrn", "dienst__aanbieder__organisatie__kvk_nummer")
        .order_by(_op_codepunt("dienst__aanbieder__naam", Systeemrol.objects.db)))
    blok: list[list[tuple]] = []
    groep: list[tuple] = []
    naam = None
    for rij in rijen:
        if rij[0] != naam:
            if groep:
                if rij[0] < naam:  # the database did not sort as Python does: the documents would be out of order
                    raise RuntimeError(f"Het register kwam niet op volgorde van aanbiedernaam: {rij[0]!r} na "
                                       f"{naam!r}")
                groep.sort(key=_VOLGORDE)
                blok.append(groep)
                if zlib.crc32(naam.encode()) % BLOKGROOTTE == 0:
                    yield blok
                    blok = []
            naam, groep = rij[0], []
        groep.append(rij)
    if groep:
        groep.sort(key=_VOLGORDE)
        blok.append(groep)
    if blok:
        yield blok


_VOLGORDE = itemgetter(1, 2, 3, 4)  # gegevensdienst-id, dienst, Systeemrolcode, ResourceEndpointuri


def _zorgaanbieder(rijen: list[tuple], geldig: dict) -> tuple | None:
    """One Zorgaanbieder from its rows, sorted (see ``_blokken``): (naam, aanbiedertype, kenmerken, its qualifying
    diensten sorted by code), None without a qualifying dienst (LST-ZAL-5)."""
    diensten, dienst, vorige = [], None, None
    for _, code, dienst_id, rolcode, url, dva_id, gd_id, auth, token, versies, duur, abo, *_ in rijen:
        if dienst_id == vorige:  # another system role of the same dienst
            if dienst is not None:
                dienst["rollen"].append((rolcode, url))
            continue
        vorige = dienst_id
        kwalificatie = geldig.get((dva_id, gd_id))
        if kwalificatie is None:
            dienst = None
            continue
        dienst = {"code": code, "auth": auth, "token": token, "rollen": [(rolcode, url)],
                  "kwalificatie": kwalificatie, "versies": _versies(versies), "duur": duur, "abo": abo or "",
                  "gd_id": gd_id}
        diensten.append(dienst)
    if not diensten:
        return None
    naam, typecode, kenmerken = rijen[0][0], rijen[0][12], rijen[0][13:]
    return naam, typecode or STANDAARD_AANBIEDERTYPE, kenmerken, diensten


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


def fragmenten(naam: str, aanbiedertype: str, diensten: list[dict]) -> tuple[bytes, bytes]:
    """``fragment`` and ``fragment3`` at once, the same bytes: the parts they share (a dienst's id, endpoints and
    system roles) are escaped and joined once."""
    delen = ["<Zorgaanbieder><Zorgaanbiedernaam>", _x(naam), "</Zorgaanbiedernaam><Gegevensdiensten>"]
    naam3 = ["<Zorgaanbieder><Zorgaanbiedernaam>", _x(naam), "</Zorgaanbiedernaam><Aanbiedertype>",
             _x(aanbiedertype), "</Aanbiedertype><Interfaceversies>"]
    per_versie: dict[str, list[str]] = {}
    for d in diensten:
        kern = "".join(["<Gegevensdienst><GegevensdienstId>", _x(d["code"]),
                        "</GegevensdienstId><AuthorizationEndpoint><AuthorizationEndpointuri>", _x(d["auth"]),
                        "</AuthorizationEndpointuri></AuthorizationEndpoint><TokenEndpoint><TokenEndpointuri>",
                        _x(d["token"]), "</TokenEndpointuri></TokenEndpoint>"])
        rollen = ["<Systeemrollen>"]
        for code, url in d["rollen"]:
            rollen += ["<Systeemrol><Systeemrolcode>", _x(code),
                       "</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>", _x(url),
                       "</ResourceEndpointuri></ResourceEndpoint></Systeemrol>"]
        rollen.append("</Systeemrollen></Gegevensdienst>")
        rollen = "".join(rollen)
        delen += [kern, rollen]
        if d["duur"] is not None and d["abo"]:
            dienst3 = "".join([kern, "<Abonneren><MaximaleDuur>", str(d["duur"]),
                               "</MaximaleDuur><SubscriptionEndpointuri>", _x(d["abo"]),
                               "</SubscriptionEndpointuri></Abonneren>", rollen])
        else:
            dienst3 = kern + rollen
        for versie in d["versies"]:
            per_versie.setdefault(versie, []).append(dienst3)
    delen.append("</Gegevensdiensten></Zorgaanbieder>")
    for versie in sorted(per_versie, key=versie_sleutel):
        naam3 += ["<Interfaceversie><InterfaceversieId>", _x(versie), "</InterfaceversieId><Gegevensdiensten>",
                  *per_versie[versie], "</Gegevensdiensten></Interfaceversie>"]
    naam3.append("</Interfaceversies></Zorgaanbieder>")
    return "".join(delen).encode(), "".join(naam3).encode()


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


#: per format, SHA-256 of fragments that passed XSD validation in this process (see ``_Valideerder``)
_GEVALIDEERD: dict[str, set[bytes]] = defaultdict(set)
_MAX_ONTHOUDEN = 1_000_000
#: bytes of fragments validated together in one document at most: bounds the parsed tree held by lxml
_PER_TOETS = 4_000_000


class _Valideerder:
    """LST-XSD for a list written by fragments, as they are written.

    The schema's only constraint across Zorgaanbieders is the uniqueness of Zorgaanbiedernaam (an
    ``xs:string``: equal means identical), which holds because the fragments are keyed by that name. Every
    other constraint lies within one Zorgaanbieder, whose type does not depend on its neighbours. So the
    whole document is valid exactly when every document of the same head and tail holding some of its fragments
    is valid. The fragments not validated before in this process are validated that way, with the published
    schema, in documents of at most ``_PER_TOETS`` bytes (the first publication in a process validates
    everything, without parsing a document of hundreds of MB at once). The first failure is kept (``fout``) and
    raised where the publication validates, after its diff and guard."""

    def __init__(self, formaat: str, kop: bytes, staart: bytes):
        self.formaat, self.kop, self.staart = formaat, kop, staart
        self.gevalideerd = _GEVALIDEERD[formaat]
        self.fout: validatie.LijstOngeldig | None = None
        self._teksten: list[bytes] = []
        self._digests: list[bytes] = []
        self._omvang = 0

    def fragment(self, tekst: bytes, digest: bytes) -> None:
        if self.fout is not None or digest in self.gevalideerd:
            return
        self._teksten.append(tekst)
        self._digests.append(digest)
        self._omvang += len(tekst)
        if self._omvang >= _PER_TOETS:
            self._toets()

    def _toets(self) -> None:
        teksten, digests = self._teksten, self._digests
        self._teksten, self._digests, self._omvang = [], [], 0
        try:
            validatie.valideer(self.formaat, b"".join([self.kop, *teksten, self.staart]))
        except validatie.LijstOngeldig as e:
            self.fout = e
            return
        if len(self.gevalideerd) + len(digests) > _MAX_ONTHOUDEN:
            self.gevalideerd.clear()
        self.gevalideerd.update(digests)

    def klaar(self) -> validatie.LijstOngeldig | None:
        """Validate what is left; the first failure, or None."""
        if self._teksten and self.fout is None:
            self._toets()
        return self.fout


def valideer(volgnummer: int, tijdstempel: dt.datetime, fragmenten: dict[str, tuple[bytes, bytes]],
             formaat: str = "zal") -> None:
    """LST-XSD for the fragments (name -> (fragment, its SHA-256)) of a document of ``formaat`` (see
    ``_Valideerder``). Raises ``LijstOngeldig``."""
    toets = _Valideerder(formaat, *KOP_STAART[formaat](volgnummer, tijdstempel))
    for tekst, digest in fragmenten.values():
        toets.fragment(tekst, digest)
    if fout := toets.klaar():
        raise fout


def voorspeld(lijst: str) -> int:
    """The Volgnummer the next publication of ``lijst`` will most likely get (read without the lock): the documents
    are written with it; should another publication take it meanwhile, the head is written again
    (``Document.met_kop``)."""
    return (LijstKop.objects.filter(lijst=lijst).values_list("volgnummer", flat=True).first() or 0) + 1


#: a block of the register and of the compressed documents ends after an aanbieder (on the list or not) whose name's
#: CRC-32 is a multiple of this: blocks of ~1,000 entries whose boundaries do not move when an entry elsewhere changes,
#: appears or goes (gzipdelen.py)
BLOKGROOTTE = 1024
GEEN_ENTRY: dict = {}


@dataclass
class Doorloop:
    zal: Bouw
    zakl: Bouw
    hosts: set[str] = field(default_factory=set)


def doorloop(moment: dt.datetime) -> Doorloop:
    """One pass over the register at ``moment`` for the ZAL, the ZAKL and the whitelist's hosts; inside ``gedeeld``
    once per moment for all of them."""
    if _GEDEELD is not None:
        if moment not in _GEDEELD:
            _GEDEELD[moment] = _doorloop(moment)
        return _GEDEELD[moment]
    return _doorloop(moment)


#: start of a URL (see ``_host``) -> its host name
_HOSTS: dict[str, str | None] = {}
_GEEN = object()


def _host(url: str) -> str | None:
    """``urlsplit(url).hostname``, remembered per start of the URL up to the first "/" after "://" (which holds the
    whole network location, and the host depends on nothing else): a register has few hosts and many URLs, and
    urlsplit took a third of a build's time."""
    scheiding = url.find("://")
    if scheiding < 0:
        return urlsplit(url).hostname
    eind = url.find("/", scheiding + 3)
    begin = url if eind < 0 else url[:eind]
    host = _HOSTS.get(begin, _GEEN)
    if host is _GEEN:
        if len(_HOSTS) > 100_000:
            _HOSTS.clear()
        host = _HOSTS[begin] = urlsplit(url).hostname
    return host


def _hosts(begins: set[str], diensten: list[dict]) -> None:
    """LST-WHL-1: the hosts of the endpoints of these diensten, as the starts of their URLs (see ``_host``; the host
    names follow at the end of the pass, once per distinct start)."""
    for d in diensten:
        urls = [d["auth"], d["token"], *(url for _, url in d["rollen"])]
        if d["abo"]:
            urls.append(d["abo"])
        for url in urls:
            scheiding = url.find("://")
            eind = url.find("/", scheiding + 3) if scheiding >= 0 else -1
            begins.add(url if eind < 0 else url[:eind])


@dataclass
class _Blok:
    """What one block of the register gave in a pass (see ``_Geheugen``): its entries on the ZAL and the ZAKL, the
    starts of its endpoints' URLs (``_hosts``) and per document format the key of its block in that document's
    stream (None: no fragment in it)."""

    zal: dict[str, dict]
    zakl: dict[str, dict]
    begins: frozenset[str]
    sleutels: dict[str, bytes | None]
    #: the JSON texts of ``zal`` and ``zakl`` without their braces (models.Entries)
    zal_json: str = ""
    zakl_json: str = ""


@dataclass
class _Geheugen:
    """What the last pass in this process gave per block of the register, keyed by the SHA-256 of the block's rows
    (``_sleutel``: decodable, so only equal rows give the same key, and written by value, so equal rows do), with
    everything else a block's output depends on: the valid qualifications (LST-ZAL-3: which diensten qualify, the
    ids in the entries), the gegevensdiensten' names (ZAKL) and the schemas its fragments were validated against.

    A block of the next pass whose rows have that key, with all of these unchanged, gives what it gave: its entries
    (the same objects), its hosts and its blocks of the documents (``Stroom.hergebruik``), without grouping, rendering
    or hashing its Zorgaanbieders; after one change one block is rendered. Its fragments validated in that pass (or
    were vouched for by the live version against the same schemas): a pass whose validation failed is not
    remembered. Bounded: a key, two small dicts of the entries the publication holds anyway with their JSON text
    (what the snapshot stores, models.Entries) and a set of the URL starts per block, nothing of the documents (their
    compressed blocks are the stream's, gzipdelen.py)."""

    geldig: dict
    namen_gd: dict[str, str]
    schemas: dict[str, str]
    blokken: dict[bytes, _Blok] = field(default_factory=dict)


#: the last pass of this process (see ``_Geheugen``); taken by the pass that starts, put back by one that succeeds
_GEHEUGEN: _Geheugen | None = None


def vergeet() -> None:
    """Forget the last pass (tests: a process that remembers nothing)."""
    global _GEHEUGEN
    _GEHEUGEN = None


def _sleutel(blok: list[list[tuple]]) -> bytes:
    """The key of a block's rows (see ``_Geheugen``). marshal version 2: each value written out by value; later
    versions write a value seen before as a reference to it, and an interned text otherwise, so equal rows could
    get other keys (every block a module interned a short code in would be written again)."""
    return hashlib.sha256(marshal.dumps(blok, 2)).digest()


def _doorloop(moment: dt.datetime) -> Doorloop:
    from . import zakl  # zakl imports this module for its fragments

    global _GEHEUGEN
    v, v_zakl = voorspeld("zal"), voorspeld("zakl")
    # format key -> (the Volgnummer it is written with, (its head, its tail))
    formaten = {"zal": (v, kop_staart(v, moment)), "zal3": (v, kop_staart3(v, moment)),
                "zakl": (v_zakl, zakl.kop_staart(v_zakl, moment))}
    geldig = regels.geldige_kwalificaties("dva", moment)
    namen_gd = dict(Gegevensdienst.objects.values_list("code", "naam"))
    # LST-XSD: a fragment of an entry whose hash is that of the live version validated when that version did, against
    # the same schemas (its fingerprint): a publication in a fresh process validates only what changed, too
    vertrouwd, schemas = {}, {}
    for lijst in ("zal", "zakl"):
        live, gevalideerd_tegen = live_entries(lijst)
        schemas[lijst] = validatie.vingerafdruk(lijst)
        vertrouwd[lijst] = live if live and gevalideerd_tegen == schemas[lijst] else {}
    vorig, _GEHEUGEN = _GEHEUGEN, None
    if vorig is None or (vorig.geldig, vorig.namen_gd, vorig.schemas) != (geldig, namen_gd, schemas):
        vorig = _Geheugen(geldig, namen_gd, schemas)
    geheugen = _Geheugen(geldig, namen_gd, schemas)
    stromen = {f: Stroom(f, kop) for f, (_, (kop, _)) in formaten.items()}
    toetsen = {f: _Valideerder(f, kop, staart) for f, (_, (kop, staart)) in formaten.items()}
    entries = {"zal": Entries(), "zakl": Entries()}
    begins: set[str] = set()

    def schrijf(naam: str, typecode: str, kenmerken: tuple, diensten: list[dict], blok: _Blok,
                blok_begins: set[str]) -> None:
        """One Zorgaanbieder into the documents' streams, its entries and URL starts into its block: its fragments
        are validated unless the live version vouches for them (``vertrouwd``) or they validated before."""
        _hosts(blok_begins, diensten)
        k = {d["code"]: d["kwalificatie"] for d in diensten}
        tekst, tekst3 = fragmenten(naam, typecode, diensten)
        h, h3 = hashlib.sha256(tekst).digest(), hashlib.sha256(tekst3).digest()
        stromen["zal"].schrijf(tekst, h)
        stromen["zal3"].schrijf(tekst3, h3)
        entry = blok.zal[naam] = {"h": hashlib.sha256(h + h3).hexdigest()[:16], "k": k}
        if vertrouwd["zal"].get(naam, GEEN_ENTRY).get("h") != entry["h"]:
            toetsen["zal"].fragment(tekst, h)
            toetsen["zal3"].fragment(tekst3, h3)
        kenmerken = [(e, w) for e, w in zip(zakl.KENMERKEN, kenmerken, strict=True) if w]
        if kenmerken:  # LST-ZAKL-2
            tekst = zakl.fragment(naam, {"kenmerken": kenmerken, "diensten": [
                {"code": d["code"], "naam": namen_gd[d["code"]], "versies": d["versies"]} for d in diensten]})
            h = hashlib.sha256(tekst).digest()
            stromen["zakl"].schrijf(tekst, h)
            entry = blok.zakl[naam] = {"h": h.hex()[:16], "k": k}
            if vertrouwd["zakl"].get(naam, GEEN_ENTRY).get("h") != entry["h"]:
                toetsen["zakl"].fragment(tekst, h)

    for rijen in _blokken(moment):
        sleutel = _sleutel(rijen)
        blok = vorig.blokken.get(sleutel)
        if blok is not None and all(s is None or stromen[f].heeft(s) for f, s in blok.sleutels.items()):
            for f, s in blok.sleutels.items():
                if s is not None:
                    stromen[f].hergebruik(s)
        else:
            blok = _Blok({}, {}, frozenset(), {})
            blok_begins: set[str] = set()
            for groep in rijen:
                if zorgaanbieder := _zorgaanbieder(groep, geldig):
                    schrijf(*zorgaanbieder, blok, blok_begins)
            blok.begins = frozenset(blok_begins)
            blok.sleutels = {f: stroom.grens() for f, stroom in stromen.items()}
            blok.zal_json, blok.zakl_json = json_tekst(blok.zal)[1:-1], json_tekst(blok.zakl)[1:-1]
        geheugen.blokken[sleutel] = blok
        entries["zal"].deel(blok.zal, blok.zal_json)
        entries["zakl"].deel(blok.zakl, blok.zakl_json)
        begins |= blok.begins
    documenten = {f: gestroomd(stromen[f].sluit(staart), v, moment, KOP_STAART[f])
                  for f, (v, (_, staart)) in formaten.items()}
    fouten = {f: toets.klaar() for f, toets in toetsen.items()}
    if not any(fouten.values()):
        _GEHEUGEN = geheugen

    def valideerder(*formaat):
        def valideer_(volgnummer: int, tijdstempel: dt.datetime) -> None:
            for f in formaat:
                if fouten[f] is not None:
                    raise fouten[f]
        return valideer_

    release3 = Formaatbouw(documenten["zal3"], valideerder("zal3"))
    return Doorloop(zal=Bouw("zal", entries["zal"], documenten["zal"], valideer=valideerder("zal"),
                             verdere={3: release3}),
                    zakl=Bouw("zakl", entries["zakl"], documenten["zakl"], valideer=valideerder("zakl")),
                    hosts={_host(begin) for begin in begins})


def bouw(moment: dt.datetime) -> Bouw:
    return doorloop(moment).zal
