"""Reading a published list back: fetch it (a path, file:// or http(s) URL), parse it safely, recognise its format
by namespace and root element, validate it against that format's XSD and turn it into entries (rule LST-IMPORT-LEZEN).

The entries have one normal form per format, so that a list read from another stelselnode and a list this system
published can be compared entry by entry (the import's round trip, tests/lijsten/test_lijsten_importeren.py):

- ZAL release 2: aanbiedernaam -> {"diensten": {id: {"auth", "token", "rollen": {code: url}}}}
- ZAL release 3: as release 2, plus "type" per aanbieder and "versies" (ascending) and "abo" ([duur, url] or None)
  per dienst; a dienst listed under several interface versions is one dienst offered in each of them
- OCL: hostname -> {"naam": organisation name}; GNL: gegevensdienst-id -> {"naam": display name}
- whitelist: hostname -> {}
- ZAKL: aanbiedernaam -> {"kenmerken": {element: value}, "diensten": {id: {"naam", "versies"}}}
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

from lxml import etree

from .bouwers.zal import versie_sleutel
from .formaten import FORMATEN, sleutel
from .validatie import BESTANDEN, schema

#: largest document read (bytes): well above the 51 MB ZAL of 50,000 aanbieders, far below what exhausts memory
MAX_GROOTTE = 512 * 1024 * 1024
#: seconds to wait for a URL
TIMEOUT = 30

#: the columns of the koppelbestand (docs/import.md)
KOPPELKOLOMMEN = ["sleutel", "deelnemer_kvk", "organisatie_kvk", "weergavenaam"]
#: (namespace, root element) -> (list, major)
_WORTELS = {(f.namespace, _wortel): (lijst, api) for lijst, per_api in FORMATEN.items() for api, f in per_api.items()
            for _wortel in [{"zal": "Zorgaanbiederslijst", "ocl": "OAuthclientlist", "gnl": "Gegevensdienstnamenlijst",
                             "whitelist": "Whitelist", "zakl": "Zorgaanbiederskoppellijst"}[lijst]]}


class LijstOnleesbaar(Exception):
    """A document that cannot be read, is not one of the lists, or does not validate: nothing is imported."""


@dataclass
class Document:
    lijst: str
    api: int
    bron: str
    volgnummer: int
    tijdstempel: dt.datetime | None
    entries: dict[str, dict]
    sha256: str = ""
    #: (key, Dutch message): entries the register cannot hold as they are (reported as conflicts)
    fouten: list[tuple[str, str]] = field(default_factory=list)

    @property
    def omschrijving(self) -> str:
        return FORMATEN[self.lijst][self.api].omschrijving


def lees_bron(bron: str, max_grootte: int | None = None) -> bytes:
    """The bytes of ``bron``: a path, a file:// URL or an http(s) URL, at most ``max_grootte`` bytes."""
    grens = MAX_GROOTTE if max_grootte is None else max_grootte
    try:
        delen = urlsplit(bron)
        if delen.scheme in ("http", "https"):
            with urlopen(bron, timeout=TIMEOUT) as antwoord:  # noqa: S310 - a URL the operator gives
                data = antwoord.read(grens + 1)
        elif delen.scheme == "file":
            with Path(unquote(delen.path)).open("rb") as f:
                data = f.read(grens + 1)
        elif delen.scheme and len(delen.scheme) > 1:  # c:\... is a path, not a scheme
            raise LijstOnleesbaar(f"{bron}: alleen een bestand, file://, http:// of https:// kan worden gelezen.")
        else:
            with Path(bron).open("rb") as f:
                data = f.read(grens + 1)
    except LijstOnleesbaar:
        raise
    except (OSError, ValueError) as e:  # URLError, HTTPError and a timeout are OSErrors; a malformed URL a ValueError
        raise LijstOnleesbaar(f"{bron}: kan niet worden gelezen ({getattr(e, 'reason', None) or e}).") from e
    if len(data) > grens:
        raise LijstOnleesbaar(f"{bron}: groter dan {f'{grens:,}'.replace(',', '.')} bytes; zo groot is geen lijst.")
    return data


def _parser() -> etree.XMLParser:
    """No DTD, no entities, no network: what defusedxml forbids, set on lxml's own parser."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def ontleed(xml: bytes, bron: str = "") -> Document:
    """Parse, recognise and validate one list; raise ``LijstOnleesbaar`` with a Dutch message naming ``bron``."""
    naam = bron or "document"
    try:
        wortel = etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError as e:
        raise LijstOnleesbaar(f"{naam}: geen goedgevormde XML ({e}).") from e
    docinfo = wortel.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise LijstOnleesbaar(f"{naam}: een DOCTYPE (DTD of entiteiten) hoort niet in een lijst en wordt niet "
                              "gelezen.")
    qname = etree.QName(wortel)
    soort = _WORTELS.get((qname.namespace, qname.localname))
    if soort is None:
        bekend = ", ".join(sorted({f"{w} ({ns})" for ns, w in _WORTELS}))
        raise LijstOnleesbaar(f"{naam}: het wortelelement {qname.localname} in namespace "
                              f"'{qname.namespace or ''}' is geen lijst die het register kent; verwacht: {bekend}.")
    lijst, api = soort
    xsd = schema(sleutel(lijst, api))
    if not xsd.validate(wortel):
        fouten = "; ".join(f"regel {f.line}: {f.message}" for f in list(xsd.error_log)[:5])
        raise LijstOnleesbaar(f"{naam}: voldoet niet aan {BESTANDEN[sleutel(lijst, api)]}: {fouten}")
    ns = qname.namespace
    try:
        tijdstempel = dt.datetime.fromisoformat(wortel.findtext(f"{{{ns}}}Tijdstempel").strip())
    except ValueError:  # an xs:dateTime Python does not read (e.g. hour 24): the moment is only reported
        tijdstempel = None
    doc = Document(lijst, api, naam, int(wortel.findtext(f"{{{ns}}}Volgnummer")), tijdstempel, {},
                   sha256=hashlib.sha256(xml).hexdigest())
    {"zal": _zal, "ocl": _ocl, "gnl": _gnl, "whitelist": _whitelist, "zakl": _zakl}[lijst](wortel, ns, doc)
    return doc


def _t(element, ns: str, pad: str) -> str:
    """The text at ``pad`` (element names separated by /) below ``element``, stripped, or ''."""
    return (element.findtext("/".join(f"{{{ns}}}{d}" for d in pad.split("/"))) or "").strip()


def _kinderen(element, ns: str, pad: str):
    return element.iterfind("/".join(f"{{{ns}}}{d}" for d in pad.split("/")))


def _dienst(g, ns: str, naam: str, doc: Document) -> dict:
    rollen: dict[str, str] = {}
    for rol in _kinderen(g, ns, "Systeemrollen/Systeemrol"):
        code = _t(rol, ns, "Systeemrolcode")
        if code in rollen:
            doc.fouten.append((naam, f"gegevensdienst {_t(g, ns, 'GegevensdienstId')}: systeemrol {code} staat er "
                                     "twee keer; het register kent een systeemrol één keer per gegevensdienst."))
        rollen[code] = _t(rol, ns, "ResourceEndpoint/ResourceEndpointuri")
    return {"auth": _t(g, ns, "AuthorizationEndpoint/AuthorizationEndpointuri"),
            "token": _t(g, ns, "TokenEndpoint/TokenEndpointuri"), "rollen": rollen}


def _zal(wortel, ns: str, doc: Document) -> None:
    for z in _kinderen(wortel, ns, "Zorgaanbieders/Zorgaanbieder"):
        naam = _t(z, ns, "Zorgaanbiedernaam")
        if doc.api == 2:
            doc.entries[naam] = {"diensten": {_t(g, ns, "GegevensdienstId"): _dienst(g, ns, naam, doc)
                                              for g in _kinderen(z, ns, "Gegevensdiensten/Gegevensdienst")}}
            continue
        diensten: dict[str, dict] = {}
        for iv in _kinderen(z, ns, "Interfaceversies/Interfaceversie"):
            versie = _t(iv, ns, "InterfaceversieId")
            for g in _kinderen(iv, ns, "Gegevensdiensten/Gegevensdienst"):
                code = _t(g, ns, "GegevensdienstId")
                d = _dienst(g, ns, naam, doc)
                abo = g.find(f"{{{ns}}}Abonneren")
                d["abo"] = ([int(_t(abo, ns, "MaximaleDuur")), _t(abo, ns, "SubscriptionEndpointuri")]
                            if abo is not None else None)
                eerder = diensten.get(code)
                if eerder is None:
                    diensten[code] = {**d, "versies": [versie]}
                elif {k: v for k, v in eerder.items() if k != "versies"} != d:
                    doc.fouten.append((naam, f"gegevensdienst {code} heeft onder interfaceversie {versie} andere "
                                             "endpoints, systeemrollen of abonneergegevens dan onder "
                                             f"{eerder['versies'][0]}; het register kent per gegevensdienst één set."))
                elif versie not in eerder["versies"]:
                    eerder["versies"].append(versie)
        for d in diensten.values():
            d["versies"].sort(key=versie_sleutel)
        doc.entries[naam] = {"type": _t(z, ns, "Aanbiedertype"), "diensten": diensten}


def _ocl(wortel, ns: str, doc: Document) -> None:
    for c in _kinderen(wortel, ns, "OAuthclients/OAuthclient"):
        doc.entries[_t(c, ns, "Hostname")] = {"naam": _t(c, ns, "OAuthclientOrganisatienaam")}


def _gnl(wortel, ns: str, doc: Document) -> None:
    for g in _kinderen(wortel, ns, "Gegevensdiensten/Gegevensdienst"):
        doc.entries[_t(g, ns, "GegevensdienstId")] = {"naam": _t(g, ns, "Weergavenaam")}


def _whitelist(wortel, ns: str, doc: Document) -> None:
    for n in _kinderen(wortel, ns, "MedMijNodes/MedMijNode"):
        doc.entries[_t(n, ns, "Hostname")] = {}


def _zakl(wortel, ns: str, doc: Document) -> None:
    for z in _kinderen(wortel, ns, "Zorgaanbieders/Zorgaanbieder"):
        naam = _t(z, ns, "Zorgaanbiedernaam")
        kenmerken: dict[str, str] = {}
        for k in _kinderen(z, ns, "IdentificerendeKenmerken/IdentificerendKenmerk"):
            for element in k:
                soort = etree.QName(element).localname
                if soort in kenmerken and kenmerken[soort] != (element.text or "").strip():
                    doc.fouten.append((naam, f"twee verschillende {soort}-kenmerken; het register kent er één."))
                kenmerken[soort] = (element.text or "").strip()
        diensten = {}
        for g in _kinderen(z, ns, "Gegevensdiensten/Gegevensdienst"):
            versies = sorted({_t(v, ns, "InterfaceversieId")
                              for v in _kinderen(g, ns, "Interfaceversies/Interfaceversie")}, key=versie_sleutel)
            diensten[_t(g, ns, "GegevensdienstId")] = {"naam": _t(g, ns, "Weergavenaam"), "versies": versies}
        doc.entries[naam] = {"kenmerken": kenmerken, "diensten": diensten}


def lees_koppeling(tekst: str) -> dict[str, dict[str, str]]:
    """The koppelbestand: CSV (``,`` or ``;``) with a header line and the columns ``sleutel`` (aanbiedernaam or client
    hostname) and any of ``deelnemer_kvk`` (the DVA or DVP), ``organisatie_kvk``, ``weergavenaam``."""
    if tekst.startswith("\ufeff"):
        tekst = tekst[1:]
    eerste = tekst.split("\n", 1)[0]
    lezer = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=";" if eerste.count(";") > eerste.count(",")
                           else ",", strict=True)
    try:
        kop = [k.strip().lower() for k in (lezer.fieldnames or [])]
        if "sleutel" not in kop:
            raise LijstOnleesbaar("Koppelbestand: de kopregel mist de kolom 'sleutel'.")
        onbekend = [k for k in kop if k not in KOPPELKOLOMMEN]
        if onbekend:
            raise LijstOnleesbaar(f"Koppelbestand: onbekende kolom(men) {', '.join(onbekend)}; bekend zijn "
                                 f"{', '.join(KOPPELKOLOMMEN)}.")
        lezer.fieldnames = kop
        uit: dict[str, dict[str, str]] = {}
        for rij in lezer:
            sleutel = (rij.get("sleutel") or "").strip()
            if not sleutel:
                continue
            if sleutel in uit:
                raise LijstOnleesbaar(f"Koppelbestand, regel {lezer.line_num}: '{sleutel[:60]}' staat er twee keer in.")
            uit[sleutel] = {k: (rij.get(k) or "").strip() for k in KOPPELKOLOMMEN[1:]}
    except csv.Error as e:
        raise LijstOnleesbaar(f"Koppelbestand, regel {lezer.line_num}: geen geldige CSV ({e}).") from e
    return uit
