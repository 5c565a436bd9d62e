"""One builder per list. A builder reads the register at one moment and returns a ``Bouw``: the list's
entries (for diffs and for "why was X on the list") and a function that writes the XML for a given
Volgnummer and Tijdstempel. Which entries qualify is decided by ``lijsten.regels``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from lxml import etree

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Formaatbouw:
    """A further format of the same build (formaten.py): writes the document for (Volgnummer, Tijdstempel), and
    validates what it writes when the format knows how without reading it whole (None: the written document
    is validated against the format's XSD)."""

    schrijf: Callable[[int, dt.datetime], bytes]
    valideer: Callable[[int, dt.datetime], None] | None = None
    #: as ``Bouw.romp`` and ``Bouw.kop_staart``: compression starts before the Volgnummer is known
    romp: bytes | None = None
    kop_staart: Callable[[int, dt.datetime], tuple[bytes, bytes]] | None = None


@dataclass
class Bouw:
    lijst: str
    entries: dict[str, dict]
    schrijf: Callable[[int, dt.datetime], bytes]
    #: validates what ``schrijf`` writes for (Volgnummer, Tijdstempel) without reading it whole, when the
    #: list knows how (the ZAL, by fragment); None: the written document is validated against the XSD
    valideer: Callable[[int, dt.datetime], None] | None = None
    #: for a large list: the middle of the document, the same whatever Volgnummer and Tijdstempel, and the
    #: head and tail around it (so compression can start before the Volgnummer is known: gzipdelen.py)
    romp: bytes | None = None
    kop_staart: Callable[[int, dt.datetime], tuple[bytes, bytes]] | None = None
    #: the list's further formats, by major (``?api=``): the same entries rendered otherwise
    verdere: dict[int, Formaatbouw] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return len(self.entries)


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
