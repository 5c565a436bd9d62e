"""The monitor's figures as tables: one structure for the page (accessible tables), the CSV and the XLSX download,
so the three always show the same numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from stelselbeheer.implementatie.models import FASEVOLGORDE, Fase
from stelselbeheer.organisaties.models import Organisatie, Regio, Sector

from .berekening import Productstand, pct
from .drempels import Fasedrempels
from .models import DOEL_AANBIEDERS, DOEL_LEVERANCIERS

GEEN_REGIO = "Geen regio"


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list] = field(default_factory=list)
    #: the columns that hold a percentage (the page colours them in the heat table)
    procentkolommen: set[int] = field(default_factory=set)


def _sector(code: str) -> str:
    return str(Sector(code).label) if code in Sector.values else code


def _regionamen(sleutels) -> dict[str, str]:
    ids = [int(s) for s in sleutels if s]
    namen = {str(k): v for k, v in Regio.objects.filter(pk__in=ids).values_list("id", "naam")}
    namen[""] = GEEN_REGIO
    return namen


def overzicht(producten, standen: dict[int, object]) -> Tabel:
    """One row per product: its phase and today's adoption against the strategy's targets."""
    t = Tabel("producten", "Adoptie per product", [
        "Product", "Fase", "Aanbieders live", "Aanbieders in doelgroep", "% aanbieders",
        f"Doel {DOEL_AANBIEDERS}% gehaald", "Leverancierssystemen gereed", "Relevante leverancierssystemen",
        "% leveranciers", f"Doel {DOEL_LEVERANCIERS}% gehaald"],
        procentkolommen={4, 8})
    for p in producten:
        s = standen.get(p.pk)
        if s is None:
            t.rijen.append([p.naam, p.get_fase_display(), None, None, None, None, None, None, None, None])
            continue
        pa, pl = pct(s.aanbieders_live, s.aanbieders_totaal), pct(s.leveranciers_gereed, s.leveranciers_relevant)
        t.rijen.append([p.naam, p.get_fase_display(), s.aanbieders_live, s.aanbieders_totaal, pa,
                        pa is not None and pa >= DOEL_AANBIEDERS, s.leveranciers_gereed, s.leveranciers_relevant,
                        pl, pl is not None and pl >= DOEL_LEVERANCIERS])
    return t


def trechter(producten) -> Tabel:
    """The phase funnel: how many products are in each phase."""
    tel = Counter(p.fase for p in producten)
    return Tabel("trechter", "Producten per fase", ["Fase", "Aantal producten"],
                 [[str(Fase(f).label), tel.get(f, 0)] for f in FASEVOLGORDE])


def verloop(rijen) -> Tabel:
    """Adoption over time: ``rijen`` are (date, providers live, total, vendors ready, relevant)."""
    t = Tabel("verloop", "Adoptie in de tijd", ["Datum", "Aanbieders live", "Aanbieders in doelgroep",
                                                "% aanbieders", "Leverancierssystemen gereed",
                                                "Relevante leverancierssystemen", "% leveranciers"],
              procentkolommen={3, 6})
    for datum, live, totaal, gereed, relevant in rijen:
        t.rijen.append([datum.isoformat(), live, totaal, pct(live, totaal), gereed, relevant, pct(gereed, relevant)])
    return t


def _paren(sleutel, titel, kop, paren: dict[str, list[int]], label) -> Tabel:
    t = Tabel(sleutel, titel, [kop, "Live", "In doelgroep", "% live"], procentkolommen={3})
    for k, (live, totaal) in sorted(paren.items(), key=lambda kv: label(kv[0])):
        t.rijen.append([label(k), live, totaal, pct(live, totaal)])
    return t


def per_sector(stand: Productstand) -> Tabel:
    return _paren("sector", "Aanbieders per sector", "Sector", stand.sector, _sector)


def per_regio(stand: Productstand) -> Tabel:
    namen = _regionamen(stand.regio)
    return _paren("regio", "Aanbieders per regio", "Regio", stand.regio, lambda k: namen.get(k, k))


def warmtetabel(stand: Productstand) -> Tabel:
    """Region × sector: the share of providers live in each cell (empty where the region has none of the sector)."""
    sectoren = sorted(stand.sector, key=_sector)
    namen = _regionamen(stand.regio)
    t = Tabel("regio_sector", "Aanbieders live per regio en sector (%)", ["Regio", *map(_sector, sectoren)],
              procentkolommen=set(range(1, len(sectoren) + 1)))
    for regio in sorted(stand.regio, key=lambda k: namen.get(k, k)):
        rij = [namen.get(regio, regio)]
        for s in sectoren:
            paar = stand.sector_regio.get(f"{s}|{regio}")
            rij.append(pct(*paar) if paar else None)
        t.rijen.append(rij)
    return t


BRONNEN = {"kwalificatie": "kwalificatie (register)", "handmatig": "handmatig vastgelegd", "": "–"}


def leveranciers(stand: Productstand) -> Tabel:
    """Vendor coverage: each relevant vendor system, its customers in the target group, whether it is ready (and how
    that is known), and the providers it connects as DVA that are live."""
    namen = dict(Organisatie.objects.filter(pk__in=[int(k) for k in stand.leveranciers]).values_list("id", "naam"))
    top5 = {lev for top in stand.top.values() for lev in top[:5]}
    t = Tabel("leveranciers", "Dekking per leverancierssysteem", [
        "Leverancier", "Klanten in doelgroep", "Sectoren", "Top 5 in een sector", "Gereed", "Bron",
        "Aanbieders via deze DVA live", "Aanbieders via deze DVA"])
    for lev, info in sorted(stand.leveranciers.items(), key=lambda kv: namen.get(int(kv[0]), "")):
        via = stand.leverancier.get(lev, [0, 0])
        t.rijen.append([namen.get(int(lev), lev), sum(info["klanten"].values()),
                        ", ".join(sorted(_sector(s) for s in info["klanten"])), lev in top5, info["gereed"],
                        BRONNEN.get(info.get("bron", ""), info.get("bron", "")), via[0], via[1]])
    return t


def drempels(fasen: list[Fasedrempels]) -> Tabel:
    t = Tabel("drempels", "MVP-drempels per fase", ["Fase", "Drempel", "Waarde", "Gemeten", "Gehaald"])
    for f in fasen:
        for u in f.uitkomsten:
            t.rijen.append([f.label, u.drempel.omschrijving, u.drempel.waarde, u.gemeten, u.gehaald])
    return t
