"""Monthly figures (rule MEL-CIJFERS): volumes by type and service-level attainment per month of filing.

A response counts as on time when the first response came before the response target; a melding without a
response whose target has passed counts as late; one whose target is still ahead is not counted yet. The same
for resolution with the moment it was solved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape

from .models import Soort
from .servicenormen import AMSTERDAM

MAANDNAMEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
KLEUREN = {"vraag": "#1f5f8b", "klacht": "#b35c00", "geschil": "#7a3e9d", "incident": "#2e7d32",
           "calamiteit": "#b00020"}


@dataclass
class Maand:
    jaar: int
    maand: int
    per_soort: dict = field(default_factory=lambda: {s: 0 for s in Soort.values})
    reactie: list = field(default_factory=lambda: [0, 0])  # on time, counted
    oplossing: list = field(default_factory=lambda: [0, 0])

    @property
    def naam(self) -> str:
        return f"{MAANDNAMEN[self.maand - 1]} {self.jaar}"

    @property
    def totaal(self) -> int:
        return sum(self.per_soort.values())

    @staticmethod
    def _pct(paar):
        return round(100 * paar[0] / paar[1]) if paar[1] else None

    @property
    def reactie_pct(self):
        return self._pct(self.reactie)

    @property
    def oplossing_pct(self):
        return self._pct(self.oplossing)


def _op_tijd(moment, doel, nu) -> bool | None:
    if doel is None:
        return None
    if moment is not None:
        return moment <= doel
    return False if doel < nu else None


def maandcijfers(meldingen, tot: dt.date | None = None, maanden: int = 12, nu: dt.datetime | None = None
                 ) -> list[Maand]:
    """Figures for the ``maanden`` months up to and including the month of ``tot`` (Amsterdam time)."""
    nu = nu or timezone.now()
    tot = tot or nu.astimezone(AMSTERDAM).date()
    reeks, j, m = [], tot.year, tot.month
    for _ in range(maanden):
        reeks.append(Maand(j, m))
        j, m = (j, m - 1) if m > 1 else (j - 1, 12)
    reeks.reverse()
    index = {(x.jaar, x.maand): x for x in reeks}
    begin = dt.datetime(reeks[0].jaar, reeks[0].maand, 1, tzinfo=AMSTERDAM)
    rijen = meldingen.filter(ingediend_op__gte=begin).values_list(
        "ingediend_op", "soort", "eerste_reactie_op", "reactie_voor", "opgelost_op", "oplossing_voor")
    for ingediend, soort, reactie, reactie_voor, opgelost, oplossing_voor in rijen.iterator():
        lokaal = ingediend.astimezone(AMSTERDAM)
        maand = index.get((lokaal.year, lokaal.month))
        if maand is None:
            continue
        maand.per_soort[soort] += 1
        for paar, uitslag in ((maand.reactie, _op_tijd(reactie, reactie_voor, nu)),
                              (maand.oplossing, _op_tijd(opgelost, oplossing_voor, nu))):
            if uitslag is not None:
                paar[0] += uitslag
                paar[1] += 1
    return reeks


def _svg_begin(titel_id: str, titel: str, uitleg: str, breedte: int, hoogte: int) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte} {hoogte + 40}" role="img" '
            f'aria-labelledby="{titel_id}-titel {titel_id}-uitleg" class="grafiek">',
            f'<title id="{titel_id}-titel">{escape(titel)}</title>',
            f'<desc id="{titel_id}-uitleg">{escape(uitleg)}</desc>']


def grafiek(reeks: list[Maand]) -> str:
    """A stacked bar chart (SVG) of volumes by type per month; the table on the page carries the same figures."""
    breedte, hoogte, links, onder = 720, 260, 40, 30
    hoogste = max([m.totaal for m in reeks] + [1])
    staaf = (breedte - links) / len(reeks)
    delen = [*_svg_begin("grafiek", "Meldingen per maand, naar soort",
                         "Gestapelde staven; de tabel hieronder bevat dezelfde aantallen.", breedte, hoogte),
             f'<line x1="{links}" y1="{hoogte - onder}" x2="{breedte}" y2="{hoogte - onder}" stroke="#333"/>',
             f'<text x="{links - 6}" y="{hoogte - onder}" text-anchor="end" font-size="11">0</text>',
             f'<text x="{links - 6}" y="12" text-anchor="end" font-size="11">{hoogste}</text>']
    schaal = (hoogte - onder - 10) / hoogste
    for i, m in enumerate(reeks):
        x, y = links + i * staaf + 4, hoogte - onder
        for soort, aantal in m.per_soort.items():
            if aantal:
                h = aantal * schaal
                y -= h
                delen.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{staaf - 8:.1f}" height="{h:.1f}" '
                             f'fill="{KLEUREN[soort]}"><title>{escape(m.naam)}: {aantal} '
                             f'{escape(Soort(soort).label.lower())}</title></rect>')
        delen.append(f'<text x="{x + (staaf - 8) / 2:.1f}" y="{hoogte - onder + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(m.naam)}</text>')
    for i, (soort, kleur) in enumerate(KLEUREN.items()):
        delen.append(f'<rect x="{links + i * 130}" y="{hoogte + 8}" width="12" height="12" fill="{kleur}"/>'
                     f'<text x="{links + i * 130 + 16}" y="{hoogte + 18}" font-size="12">'
                     f'{escape(Soort(soort).label)}</text>')
    delen.append("</svg>")
    return "".join(delen)


SLA_LIJNEN = {"reactie_pct": ("Reactie op tijd", "#1f5f8b", ""), "oplossing_pct": ("Opgelost op tijd", "#b35c00",
                                                                                    ' stroke-dasharray="6 4"')}


def grafiek_sla(reeks: list[Maand]) -> str:
    """Service-level attainment per month (0-100%), two lines; months with nothing counted are left out."""
    breedte, hoogte, links, onder = 720, 200, 40, 30
    stap = (breedte - links) / len(reeks)
    delen = _svg_begin("sla", "Servicenormen gehaald per maand",
                       "Percentage reacties en oplossingen op tijd; de tabel hieronder bevat dezelfde cijfers.",
                       breedte, hoogte)

    def y(pct):
        return hoogte - onder - pct * (hoogte - onder - 10) / 100

    for pct in (0, 50, 100):
        delen.append(f'<line x1="{links}" y1="{y(pct):.1f}" x2="{breedte}" y2="{y(pct):.1f}" stroke="#bbb"/>'
                     f'<text x="{links - 6}" y="{y(pct) + 4:.1f}" text-anchor="end" font-size="11">{pct}%</text>')
    for i, m in enumerate(reeks):
        delen.append(f'<text x="{links + (i + 0.5) * stap:.1f}" y="{hoogte - onder + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(m.naam)}</text>')
    for j, (attr, (naam, kleur, streep)) in enumerate(SLA_LIJNEN.items()):
        punten = [(links + (i + 0.5) * stap, y(getattr(m, attr)), m, getattr(m, attr))
                  for i, m in enumerate(reeks) if getattr(m, attr) is not None]
        if len(punten) > 1:
            delen.append(f'<polyline fill="none" stroke="{kleur}" stroke-width="2"{streep} points="'
                         + " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _, _ in punten) + '"/>')
        delen += [f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="{kleur}"><title>{escape(m.naam)}: {pct}% '
                  f'{escape(naam.lower())}</title></circle>' for x, yy, m, pct in punten]
        delen.append(f'<line x1="{links + j * 180}" y1="{hoogte + 14}" x2="{links + j * 180 + 24}" '
                     f'y2="{hoogte + 14}" stroke="{kleur}" stroke-width="2"{streep}/>'
                     f'<text x="{links + j * 180 + 30}" y="{hoogte + 18}" font-size="12">{escape(naam)}</text>')
    delen.append("</svg>")
    return "".join(delen)
