"""One builder per list. A builder reads the register at one moment and returns a ``Bouw``: the list's
entries (for diffs and for "why was X on the list") and a function that gives the document (``gzipdelen.Document``)
for a given Volgnummer and Tijdstempel. Which entries qualify is decided by ``lijsten.regels``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from lxml import etree

from ..gzipdelen import Document

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


#: the document of a build for (Volgnummer, Tijdstempel)
Documentfunctie = Callable[[int, dt.datetime], Document]


@dataclass
class Formaatbouw:
    """A further format of the same build (formaten.py): its document for (Volgnummer, Tijdstempel), and the
    validation of what it writes when the format knows how without reading it whole (None: the document is
    validated against the format's XSD)."""

    document: Documentfunctie
    valideer: Callable[[int, dt.datetime], None] | None = None

    def schrijf(self, volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        return self.document(volgnummer, tijdstempel).bytes()


@dataclass
class Bouw:
    lijst: str
    entries: dict[str, dict]
    document: Documentfunctie
    #: validates what ``document`` writes for (Volgnummer, Tijdstempel) without reading it whole, when the
    #: list knows how (the ZAL and ZAKL, by fragment); None: the document is validated against the XSD
    valideer: Callable[[int, dt.datetime], None] | None = None
    #: the list's further formats, by major (``?api=``): the same entries rendered otherwise
    verdere: dict[int, Formaatbouw] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return len(self.entries)

    def schrijf(self, volgnummer: int, tijdstempel: dt.datetime) -> bytes:
        """The document's bytes (small lists, tests): a large list is published from ``document``."""
        return self.document(volgnummer, tijdstempel).bytes()


def geheel(schrijf: Callable[[int, dt.datetime], bytes]) -> Documentfunctie:
    """The document function of a small list written whole by ``schrijf``."""
    return lambda volgnummer, tijdstempel: Document.van_bytes(schrijf(volgnummer, tijdstempel))


def gestroomd(document: Document, volgnummer: int, tijdstempel: dt.datetime,
              kop_staart: Callable[[int, dt.datetime], tuple[bytes, bytes]]) -> Documentfunctie:
    """The document function of a document streamed for (``volgnummer``, ``tijdstempel``): another Volgnummer
    gets another head around the same compressed middle."""
    def document_(v: int, t: dt.datetime) -> Document:
        if (v, t) == (volgnummer, tijdstempel):
            return document
        return document.met_kop(*kop_staart(v, t))
    return document_


def digest(waarde) -> str:
    tekst = json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(tekst.encode()).hexdigest()[:16]


def tijdstempel_tekst(moment: dt.datetime) -> str:
    """xs:dateTime in Europe/Amsterdam with offset, e.g. 2026-11-23T08:00:00+01:00 (the XSD wants >= 20 chars)."""
    return moment.astimezone(AMSTERDAM).isoformat(timespec="seconds")


def document(ns: str, root: str, volgnummer: int, tijdstempel: dt.datetime):
    """The root element with Tijdstempel and Volgnummer, as every list starts."""
    wortel = etree.Element(f"{{{ns}}}{root}", nsmap={None: ns})
    etree.SubElement(wortel, f"{{{ns}}}Tijdstempel").text = tijdstempel_tekst(tijdstempel)
    etree.SubElement(wortel, f"{{{ns}}}Volgnummer").text = str(volgnummer)
    return wortel


def bytes_van(wortel) -> bytes:
    return etree.tostring(wortel, xml_declaration=True, encoding="UTF-8")


def bouwers() -> dict[str, Callable[[dt.datetime], Bouw]]:
    from . import gnl, ocl, whitelist, zakl, zal

    return {"zal": zal.bouw, "ocl": ocl.bouw, "gnl": gnl.bouw, "whitelist": whitelist.bouw, "zakl": zakl.bouw}
