"""Server-rendered SVG charts (no scripts: the CSP allows none from elsewhere). Each chart has a title and a short
description for screen readers, and the page shows the same figures as a table beside it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

B, H = 640, 260  # viewBox
LINKS, RECHTS, BOVEN, ONDER = 44, 12, 12, 30
KLEUREN = ("#0b5cad", "#b3441e")


def _y(waarde: float) -> float:
    return BOVEN + (H - BOVEN - ONDER) * (1 - waarde / 100)


def lijngrafiek(*, titel: str, omschrijving: str, datums: list[str], reeksen: list[tuple[str, list]],
                doelen: list[tuple[str, int]] = ()) -> SafeString:
    """Percentages over time: one line per series (None values are gaps), dashed target lines."""
    n = len(datums)
    breedte = B - LINKS - RECHTS

    def x(i: int) -> float:
        return LINKS + (breedte * i / (n - 1) if n > 1 else breedte / 2)

    delen = [f'<svg class="grafiek" viewBox="0 0 {B} {H}" role="img" aria-labelledby="g-titel g-oms" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="g-titel">{escape(titel)}</title>'
             f'<desc id="g-oms">{escape(omschrijving)}</desc>']
    for p in (0, 25, 50, 75, 100):
        delen.append(f'<line x1="{LINKS}" x2="{B - RECHTS}" y1="{_y(p):.1f}" y2="{_y(p):.1f}" stroke="#ddd"/>'
                     f'<text x="{LINKS - 6}" y="{_y(p) + 4:.1f}" text-anchor="end" font-size="11">{p}%</text>')
    for label, doel in doelen:
        delen.append(f'<line x1="{LINKS}" x2="{B - RECHTS}" y1="{_y(doel):.1f}" y2="{_y(doel):.1f}" '
                     f'stroke="#555" stroke-dasharray="4 3"/><text x="{B - RECHTS}" y="{_y(doel) - 3:.1f}" '
                     f'text-anchor="end" font-size="11">{escape(label)}</text>')
    if n:
        for i in sorted({0, n - 1, n // 2}):
            delen.append(f'<text x="{x(i):.1f}" y="{H - 10}" text-anchor="middle" font-size="11">'
                         f'{escape(datums[i])}</text>')
    for (_label, waarden), kleur in zip(reeksen, KLEUREN, strict=False):
        stukken, huidig = [], []
        for i, w in enumerate(waarden):
            if w is None:
                if huidig:
                    stukken.append(huidig)
                huidig = []
            else:
                huidig.append(f"{x(i):.1f},{_y(w):.1f}")
        if huidig:
            stukken.append(huidig)
        for stuk in stukken:
            delen.append(f'<polyline fill="none" stroke="{kleur}" stroke-width="2" points="{" ".join(stuk)}"/>')
    legenda_x = LINKS + 8
    for (label, _), kleur in zip(reeksen, KLEUREN, strict=False):
        delen.append(f'<rect x="{legenda_x}" y="{BOVEN + 4}" width="12" height="4" fill="{kleur}"/>'
                     f'<text x="{legenda_x + 16}" y="{BOVEN + 10}" font-size="11">{escape(label)}</text>')
        legenda_x += 16 + 7 * len(label) + 16
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


def staafgrafiek(*, titel: str, omschrijving: str, staven: list[tuple[str, int]]) -> SafeString:
    """Horizontal bars (the phase funnel)."""
    hoogte = 28 * len(staven) + 16
    grootste = max((w for _, w in staven), default=0) or 1
    delen = [f'<svg class="grafiek" viewBox="0 0 {B} {hoogte}" role="img" aria-labelledby="t-titel t-oms" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="t-titel">{escape(titel)}</title>'
             f'<desc id="t-oms">{escape(omschrijving)}</desc>']
    for i, (label, waarde) in enumerate(staven):
        y = 8 + 28 * i
        lengte = (B - 200) * waarde / grootste
        delen.append(f'<text x="150" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
                     f'<rect x="158" y="{y}" width="{lengte:.1f}" height="20" fill="{KLEUREN[0]}"/>'
                     f'<text x="{162 + lengte:.1f}" y="{y + 15}" font-size="12">{waarde}</text>')
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
