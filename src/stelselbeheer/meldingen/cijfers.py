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


def grafiek(reeks: list[Maand]) -> str:
    """A stacked bar chart (SVG) of volumes by type per month; the table on the page carries the same figures."""
    breedte, hoogte, links, onder = 720, 260, 40, 30
    hoogste = max([m.totaal for m in reeks] + [1])
    staaf = (breedte - links) / len(reeks)
    delen = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte} {hoogte + 40}" role="img" '
             'aria-labelledby="grafiek-titel grafiek-uitleg" class="grafiek">',
             '<title id="grafiek-titel">Meldingen per maand, naar soort</title>',
             '<desc id="grafiek-uitleg">Gestapelde staven; de tabel hieronder bevat dezelfde aantallen.</desc>',
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
