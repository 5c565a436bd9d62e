"""The five steps of the Nalevingsbeleid (seed 001) as a declared table, like toe- en uittreding.

1 constatering → 2 verificatie (written request for explanation, with a term) → 3 beoordeling → 4 formele
ingebrekestelling (a reasonable term, the six criteria scored and motivated) → 5 ontbinding (after the term:
in default). At every open step the case can close: "geen niet-naleving (meer)", or "voldoende zicht op
naleving" with a date for the follow-up check ("vinger aan de pols").

Dissolution (NAL-ONTBINDING) ends the participation: the step names the participant's workflow step it sets with
the same decision (``deelnemerstap``), in the same transaction. The decision is checked where the participant's
workflow checks its decisions (``deelnemers.workflow.besluit_bezwaren``: kind, participant, NAL-OPENBAAR), and it
carries one case step (BES-EENMAAL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.workflow import Voorwaarde, besluit_bezwaren

from .models import CRITERIA, Afsluiting, Nalevingszaak, Zaakgebeurtenis
from .models import ZaakStap as Z


@dataclass(frozen=True)
class Context:
    datum: dt.date
    toelichting: str
    besluit: object | None


def _beoordeling(z, c):
    return None if z.beoordeling.strip() else "Leg de beoordeling vast (aard en ernst, maatregelen en tijdbestek)."


def _toelichting_of_termijn(z, c):
    if z.toelichting_ontvangen_op or (z.termijn_tot and c.datum > z.termijn_tot):
        return None
    return (f"De deelnemer heeft nog niet gereageerd en de termijn loopt tot en met {z.termijn_tot:%d-%m-%Y}."
            if z.termijn_tot else "De deelnemer heeft nog niet gereageerd.")


def _criteria(z, c):
    ontbreekt = [naam for sleutel, naam in CRITERIA.items()
                 if not (isinstance(z.criteria.get(sleutel), dict) and z.criteria[sleutel].get("score") in range(1, 6)
                         and str(z.criteria[sleutel].get("motivering", "")).strip())]
    return ("Scoor (1-5) en motiveer elk criterium voor de redelijke termijn; ontbreekt: " + "; ".join(ontbreekt)
            if ontbreekt else None)


def _in_verzuim(z, c):
    if z.termijn_tot and c.datum > z.termijn_tot:
        return None
    return f"De termijn van de ingebrekestelling loopt tot en met {z.termijn_tot:%d-%m-%Y}; pas daarna is de " \
           "deelnemer in verzuim." if z.termijn_tot else "Er is geen termijn gesteld."


def _reden(z, c):
    return None if c.toelichting.strip() else "Geef de reden van de afsluiting."


def _vervolgcontrole(z, c):
    if z.vervolgcontrole_op and z.vervolgcontrole_op > c.datum:
        return None
    return "Kies een datum in de toekomst voor de vervolgcontrole (vinger aan de pols)."


BEOORDELING = Voorwaarde("NAL-STAP3", "De beoordeling is vastgelegd", "beoordeling", _beoordeling)
REACTIE = Voorwaarde("NAL-STAP2", "De deelnemer reageerde, of de termijn is verstreken", "toelichting_ontvangen_op",
                     _toelichting_of_termijn)
CRITERIA_GESCOORD = Voorwaarde("NAL-REDELIJK", "De zes criteria voor een redelijke termijn zijn gescoord en "
                                               "gemotiveerd", "criteria", _criteria)
VERZUIM = Voorwaarde("NAL-VERZUIM", "De termijn van de ingebrekestelling is verstreken", "termijn_tot", _in_verzuim)
REDEN = Voorwaarde("NAL-REDEN", "De reden is gegeven", "toelichting", _reden)
VERVOLG = Voorwaarde("NAL-VINGER", "Een datum voor de vervolgcontrole ligt in de toekomst", "vervolgcontrole_op",
                     _vervolgcontrole)


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    van: tuple[str, ...]
    naar: str
    voorwaarden: tuple[Voorwaarde, ...] = ()
    velden: tuple[str, ...] = ()
    #: a deadline set by this step: (unit, default number, event named in its basis)
    termijn: tuple[str, int, str] | None = None
    besluit: tuple[str, ...] = ()
    afsluiting: str = ""
    #: the step of the participant's workflow (deelnemers.workflow) this step sets, on the same decision
    deelnemerstap: str = ""


OPEN = (Z.CONSTATERING, Z.VERIFICATIE, Z.BEOORDELING, Z.INGEBREKESTELLING)
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("toelichting_vragen", "Verzoek om toelichting versturen", (Z.CONSTATERING,), Z.VERIFICATIE,
             termijn=("werkdagen", 10, "verzending van het verzoek om toelichting")),
    Overgang("beoordelen", "Toelichting beoordelen en besluit meedelen", (Z.VERIFICATIE,), Z.BEOORDELING,
             (REACTIE, BEOORDELING), velden=("beoordeling",)),
    Overgang("in_gebreke_stellen", "Formeel in gebreke stellen", (Z.BEOORDELING,), Z.INGEBREKESTELLING,
             (CRITERIA_GESCOORD,), velden=("criteria",),
             termijn=("kalenderdagen", 30, "verzending van de ingebrekestelling")),
    Overgang("ontbinden", "Deelnemersovereenkomst ontbinden (in verzuim)", (Z.INGEBREKESTELLING,), Z.ONTBINDING,
             (VERZUIM,), besluit=(BesluitSoort.BEEINDIGING,), deelnemerstap="uitsluiten"),
    Overgang("sluiten_geen_niet_naleving", "Sluiten: geen niet-naleving (meer)", OPEN, Z.GESLOTEN, (REDEN,),
             afsluiting=Afsluiting.GEEN_NIET_NALEVING),
    Overgang("sluiten_voldoende_zicht", "Sluiten: voldoende zicht op naleving", OPEN, Z.GESLOTEN, (REDEN, VERVOLG),
             velden=("vervolgcontrole_op",), afsluiting=Afsluiting.VOLDOENDE_ZICHT),
    Overgang("afronden", "Afronden na ontbinding", (Z.ONTBINDING,), Z.GESLOTEN, afsluiting=Afsluiting.ONTBONDEN),
)
PER_NAAM = {o.naam: o for o in OVERGANGEN}


def weigeringen(overgang: Overgang, zaak: Nalevingszaak, context: Context) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if zaak.stap not in overgang.van:
        fouten["overgang"] = [f"'{overgang.label}' kan niet in stap '{zaak.get_stap_display()}'."]
    if overgang.besluit:
        eerder = (Zaakgebeurtenis.objects.filter(besluit=context.besluit).select_related("zaak").first()
                  if context.besluit is not None else None)
        gebruikt = (f"BES-EENMAAL: besluit {context.besluit.nummer} is al gebruikt voor '{eerder.soort}' in zaak "
                    f"{eerder.zaak.nummer} op {eerder.datum:%d-%m-%Y}; een besluit draagt de stap waarvoor het "
                    "genomen is één keer." if eerder else None)
        bezwaren = besluit_bezwaren(overgang.besluit, zaak.deelnemer_id, context.besluit, stap=overgang.naam,
                                    zaak_id=zaak.pk, al_gebruikt=gebruikt)
        if bezwaren:
            fouten["besluit"] = bezwaren
    for v in overgang.voorwaarden:
        reden = v.toets(zaak, context)
        if reden:
            fouten.setdefault(v.veld, []).append(f"{v.code}: {reden}")
    return fouten
