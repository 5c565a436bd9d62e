"""A drawing (SVG) of the declared workflow of toe- and uittreding, made from workflow.OVERGANGEN, so the
picture staff see is the table the code runs. The page shows the same table as text beside it."""

from __future__ import annotations

from django.utils.html import escape

from .models import DeelnemerStatus as S
from .workflow import OVERGANGEN

#: (column, row) of each state: the main path on row 0, side states below
PLAATS = {S.AANGEMELD: (0, 0), S.INTAKE: (1, 0), S.KWALIFICATIE: (2, 0), S.ADVIES: (3, 0), S.TOEGELATEN: (4, 0),
          S.ACTIEF: (5, 0), S.IN_UITTREDING: (6, 0), S.BEEINDIGD: (7, 0), S.INGETROKKEN: (2, 2),
          S.AFGEWEZEN: (3, 1), S.OPGESCHORT: (5, 1)}
B, H, DX, DY = 118, 44, 140, 90


def _midden(status):
    k, r = PLAATS[status]
    return 10 + k * DX + B / 2, 10 + r * DY + H / 2


def svg() -> str:
    delen = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {20 + 8 * DX} {40 + 3 * DY}" role="img" '
             'aria-labelledby="tekening-titel" class="workflow"><title id="tekening-titel">Toestanden en overgangen '
             'van toe- en uittreding (zie de tabel voor dezelfde gegevens als tekst)</title>',
             '<defs><marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>']
    for stap in OVERGANGEN:
        for van in stap.van:
            (x1, y1), (x2, y2) = _midden(van), _midden(stap.naar)
            if van == stap.naar:  # a step that keeps the state (extending a suspension): a loop below the box
                onder = y1 + H / 2
                delen.append(f'<path d="M{x1 - 24:.0f},{onder:.0f} C{x1 - 24:.0f},{onder + 34:.0f} '
                             f'{x1 + 24:.0f},{onder + 34:.0f} {x1 + 24:.0f},{onder:.0f}" fill="none" '
                             f'marker-end="url(#pijl)"><title>{escape(stap.label)}</title></path>')
                continue
            if y1 == y2:
                x1, x2 = (x1 + B / 2, x2 - B / 2) if x2 > x1 else (x1 - B / 2, x2 + B / 2)
            else:
                y1, y2 = (y1 + H / 2, y2 - H / 2) if y2 > y1 else (y1 - H / 2, y2 + H / 2)
                if stap.naar == S.ACTIEF:  # back up from suspension: beside the way down
                    x1 += 14
                    x2 += 14
            delen.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" marker-end="url(#pijl)">'
                         f'<title>{escape(stap.label)}</title></line>')
    for status, (k, r) in PLAATS.items():
        x, y = 10 + k * DX, 10 + r * DY
        delen.append(f'<g class="toestand toestand-{status}"><rect x="{x}" y="{y}" width="{B}" height="{H}" rx="6"/>'
                     f'<text x="{x + B / 2:.0f}" y="{y + H / 2 + 5:.0f}" text-anchor="middle">'
                     f'{escape(S(status).label.split(" (")[0])}</text></g>')
    delen.append("</svg>")
    return "".join(delen)
