"""The letters of a compliance case as PDF (fpdf2), from Dutch templates in templates/naleving/brieven/.

The text is a Django template (so staff can read and change the wording without touching code); the PDF is A4
with the sender, the addressee, date, reference and the text. Each letter is stored with the case with its
SHA-256, sending date and channel.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.template.loader import render_to_string
from fpdf import FPDF

from .models import CRITERIA, Brief, BriefSoort, Kanaal, Nalevingszaak

#: which step makes which letter, and its default channel
BIJ_STAP = {
    "toelichting_vragen": (BriefSoort.VERZOEK_TOELICHTING, Kanaal.EMAIL),
    "beoordelen": (BriefSoort.BEOORDELING, Kanaal.EMAIL),
    "in_gebreke_stellen": (BriefSoort.INGEBREKESTELLING, Kanaal.AANGETEKEND),
    "ontbinden": (BriefSoort.ONTBINDING, Kanaal.AANGETEKEND),
}

VERVANG = {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "€": "EUR "}


def _latin1(tekst: str) -> str:
    """The PDF core fonts are Latin-1 (which has ë, é, ï): the few typographic signs outside it are replaced."""
    for van, naar in VERVANG.items():
        tekst = tekst.replace(van, naar)
    return tekst.encode("latin-1", "replace").decode("latin-1")


def pdf(zaak: Nalevingszaak, soort: str, datum: dt.date) -> bytes:
    tekst = render_to_string(f"naleving/brieven/{soort}.txt", {
        "zaak": zaak, "deelnemer": zaak.deelnemer, "datum": datum,
        "criteria": [(naam, zaak.criteria.get(k, {})) for k, naam in CRITERIA.items()]})
    doc = FPDF(format="A4")
    doc.set_title(f"{BriefSoort(soort).label} {zaak.nummer}")
    doc.set_author("Stichting, uitvoeringsorganisatie van het afsprakenstelsel")
    doc.set_creation_date(dt.datetime.combine(datum, dt.time(0), tzinfo=dt.UTC))  # same letter, same bytes
    doc.add_page()
    doc.set_font("Helvetica", "B", 13)
    doc.cell(0, 8, _latin1("Stichting - uitvoeringsorganisatie van het afsprakenstelsel"), new_x="LMARGIN",
             new_y="NEXT")
    doc.set_font("Helvetica", "", 10)
    doc.ln(4)
    for regel in (str(zaak.deelnemer), f"KvK {zaak.deelnemer.organisatie.kvk_nummer}", "",
                  f"Datum: {datum:%d-%m-%Y}", f"Kenmerk: {zaak.nummer}",
                  f"Onderwerp: {BriefSoort(soort).label}"):
        doc.cell(0, 5, _latin1(regel), new_x="LMARGIN", new_y="NEXT")
    doc.ln(6)
    doc.set_font("Helvetica", "", 11)
    doc.multi_cell(0, 5.5, _latin1(tekst.strip()))
    return bytes(doc.output())


def brief_maken(zaak: Nalevingszaak, stap: str, datum: dt.date, kanaal: str | None = None) -> Brief | None:
    """The letter of ``stap``, if that step has one (called by the service inside its transaction)."""
    if stap not in BIJ_STAP:
        return None
    soort, standaard = BIJ_STAP[stap]
    inhoud = pdf(zaak, soort, datum)
    return Brief.objects.create(zaak=zaak, soort=soort, pdf=inhoud, sha256=hashlib.sha256(inhoud).hexdigest(),
                                verzonden_op=datum, kanaal=kanaal or standaard)
