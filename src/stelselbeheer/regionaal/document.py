"""The agreement document as PDF (fpdf2), from the model text of seed 004 with the parties, region, chosen options,
contact persons and signatures filled in (RSO-DOCUMENT). The text is a Django template
(templates/regionaal/overeenkomst.txt), so the wording can be read and changed without touching code; the PDF is
made the way the compliance letters are (``naleving.brieven``)."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from fpdf import FPDF

from stelselbeheer.naleving.brieven import _latin1 as latin1

from . import regels
from .models import Levering, Overeenkomst, Partij
from .overzicht import tarief_in


def tekst(ovk: Overeenkomst, jaar: int) -> str:
    diensten = ovk.rso.rso_diensten.all()
    return render_to_string("regionaal/overeenkomst.txt", {
        "o": ovk,
        "primair": [d for d in diensten if d.levering == Levering.PRIMAIR],
        "optioneel": [(d, tarief_in(d, jaar)) for d in ovk.optionele_diensten.order_by("thema")],
        "rechtstreeks": [(d, tarief_in(d, jaar)) for d in diensten if d.levering == Levering.RECHTSTREEKS],
        "aanspreekpunt": ovk.contactpersonen.filter(partij=Partij.VSV).first(),
        "jaar": jaar, "rechtbank": regels.RECHTBANK, "maximum": "25.000",
    })


def pdf(ovk: Overeenkomst, jaar: int) -> bytes:
    doc = FPDF(format="A4")
    doc.set_title(f"Overeenkomst RSO-VSV {ovk.nummer}")
    doc.set_author(latin1(str(ovk.rso)))
    doc.set_creation_date(dt.datetime.combine(ovk.aangemaakt_op.date(), dt.time(0), tzinfo=dt.UTC))
    doc.add_page()
    doc.set_font("Helvetica", "B", 14)
    doc.cell(0, 8, latin1("MODELOVEREENKOMST RSO-VSV"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 10)
    doc.cell(0, 6, latin1(f"Kenmerk: {ovk.nummer}"), new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    doc.set_font("Helvetica", "", 10.5)
    doc.multi_cell(0, 5.2, latin1(tekst(ovk, jaar).strip()))
    return bytes(doc.output())
