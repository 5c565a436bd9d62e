"""CSV and XLSX downloads of the monitor's tables (ADO-EXPORT).

A spreadsheet executes a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some read a leading tab or carriage
return the same way): such a text cell gets a leading apostrophe, so it shows as text (formula injection). Characters
that XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped, since an XLSX file is
XML and a CSV is opened by the same programs. Numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook

from .tabellen import Tabel

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_ONGELDIG_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cel(waarde):
    """One cell's value, safe for a spreadsheet."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int | float):
        return waarde
    tekst = _ONGELDIG_XML.sub("", str(waarde))
    return "'" + tekst if tekst.startswith(GEVAARLIJK) else tekst


def als_csv(tabel: Tabel) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([cel(k) for k in tabel.kolommen])
    for rij in tabel.rijen:
        schrijver.writerow([cel(w) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")  # the BOM lets a spreadsheet read UTF-8


def als_xlsx(tabellen: list[Tabel]) -> bytes:
    boek = Workbook()
    boek.remove(boek.active)
    for tabel in tabellen:
        blad = boek.create_sheet(title=_bladnaam(tabel.titel, boek.sheetnames))
        blad.append([cel(k) for k in tabel.kolommen])
        for rij in tabel.rijen:
            blad.append([cel(w) for w in rij])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _bladnaam(titel: str, bestaand: list[str]) -> str:
    naam = re.sub(r"[\[\]:*?/\\]", " ", _ONGELDIG_XML.sub("", titel)).strip()[:28] or "Blad"
    kandidaat, n = naam, 2
    while kandidaat in bestaand:
        kandidaat, n = f"{naam[:26]} {n}", n + 1
    return kandidaat
