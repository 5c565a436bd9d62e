"""The route of a change request on the agreements (RFC), declared as data: every step with the right it needs, the
rule ids it enforces and its guards. The services (``services.py``) are the one mutation path and read this table.

Which steps an RFC passes depends on its agenda (``Ontwikkelagenda.route()``, RFC-ROUTE): on the general agenda the
executive organisation takes it in, consults the affected participants, asks advice and puts a decision proposal
before the board; on the viewer agenda likewise; on the per-XIS agenda it is forwarded to the vendor's user group,
which decides outside the framework (seed 004). A step forward is allowed only to the next state of that route.

The board's decision is never taken here: staff link a ``overleg.Besluitvoorstel``, a voting board member adopts or
rejects it there (OVL-SCHEIDING), and only then can staff process the outcome (RFC-BESLUIT).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.workflow import Voorwaarde
from stelselbeheer.overleg.models import OrgaanSoort, VoorstelStatus

from .models import AFGEROND, Status, Wijzigingsvoorstel

S = Status


@dataclass(frozen=True)
class Context:
    actor: object
    moment: dt.datetime
    datum: dt.date
    toelichting: str = ""
    advies: str = ""
    besluitvoorstel: object = None


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    van: tuple[str, ...]
    naar: str
    actie: str
    voorwaarden: tuple[Voorwaarde, ...] = ()
    #: a step forward along the agenda's route: only to the route's next state (RFC-ROUTE)
    langs_route: bool = True


def volgende(voorstel: Wijzigingsvoorstel) -> str | None:
    route = voorstel.agenda.route()
    if voorstel.status not in route:
        return None
    i = route.index(voorstel.status)
    return route[i + 1] if i + 1 < len(route) else None


def _consultatie_gesloten(v: Wijzigingsvoorstel, c: Context):
    if v.status == S.IN_CONSULTATIE and v.consultatie_tot and c.datum <= v.consultatie_tot:
        return (f"De consultatie loopt tot en met {v.consultatie_tot:%d-%m-%Y}; de volgende stap kan pas daarna, "
                "zodat elke getroffen deelnemer zijn volle termijn heeft.")
    return None


def _advies(v: Wijzigingsvoorstel, c: Context):
    if v.status == S.BIJ_ADVIES and not (c.advies.strip() or v.advies.strip()):
        return f"Leg eerst het advies van {v.agenda.adviesorgaan} vast."
    return None


def _besluitvoorstel(v: Wijzigingsvoorstel, c: Context):
    bv = c.besluitvoorstel or v.besluitvoorstel
    if bv is None:
        return "Koppel het besluitvoorstel waarmee het bestuur over dit verzoek beslist."
    if bv.orgaan.soort != OrgaanSoort.BESTUUR:
        return "Het besluitvoorstel hoort bij het bestuur."
    if bv.status in (VoorstelStatus.INGETROKKEN, VoorstelStatus.AFGEWEZEN, VoorstelStatus.VASTGESTELD):
        return (f"Besluitvoorstel {bv.nummer} is al {bv.get_status_display().lower()}; koppel een open "
                "besluitvoorstel.")
    return None


def _besluit_genomen(v: Wijzigingsvoorstel, c: Context):
    bv = v.besluitvoorstel
    if bv is None:
        return "Er is geen besluitvoorstel gekoppeld."
    if bv.status == VoorstelStatus.VASTGESTELD and bv.besluit_id:
        return None
    if bv.status == VoorstelStatus.AFGEWEZEN:
        return None
    return (f"Het bestuur heeft over besluitvoorstel {bv.nummer} nog niet beslist (status: "
            f"{bv.get_status_display().lower()}). Alleen een vastgesteld of afgewezen voorstel geldt als besluit.")


def _reden(v: Wijzigingsvoorstel, c: Context):
    return None if c.toelichting.strip() else "Geef de reden; de indiener leest die."


CONSULTATIE_GESLOTEN = Voorwaarde("RFC-CONSULTATIE", "De consultatie is gesloten voordat de route verder gaat",
                                  "status", _consultatie_gesloten)
ADVIES = Voorwaarde("RFC-ADVIES", "Het advies van het adviesorgaan is vastgelegd voordat het bestuur beslist",
                    "advies", _advies)
BESLUITVOORSTEL = Voorwaarde("RFC-BESLUIT", "Het bestuur beslist via een besluitvoorstel", "besluitvoorstel",
                             _besluitvoorstel)
BESLUIT_GENOMEN = Voorwaarde("RFC-BESLUIT", "Alleen een door het bestuur vastgesteld (of afgewezen) besluitvoorstel "
                                            "is het besluit over een RFC", "besluitvoorstel", _besluit_genomen)
MET_REDEN = Voorwaarde("RFC-REDEN", "Niet in behandeling nemen en intrekken worden gemotiveerd", "toelichting",
                       _reden)

OPEN = tuple(s for s in Status.values if s not in AFGEROND)
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("in_behandeling_nemen", "In behandeling nemen", (S.INGEDIEND,), S.IN_BEHANDELING, Actie.RFC_BEHANDELEN),
    Overgang("niet_in_behandeling", "Niet in behandeling nemen", (S.INGEDIEND,), S.NIET_IN_BEHANDELING,
             Actie.RFC_BEHANDELEN, (MET_REDEN,), langs_route=False),
    Overgang("consultatie_openen", "Consultatie openen", (S.IN_BEHANDELING,), S.IN_CONSULTATIE, Actie.RFC_BEHANDELEN),
    Overgang("advies_vragen", "Voorleggen voor advies", (S.IN_BEHANDELING, S.IN_CONSULTATIE), S.BIJ_ADVIES,
             Actie.RFC_BEHANDELEN, (CONSULTATIE_GESLOTEN,)),
    Overgang("voorleggen", "Ter besluitvorming voorleggen aan het bestuur",
             (S.IN_BEHANDELING, S.IN_CONSULTATIE, S.BIJ_ADVIES), S.TER_BESLUITVORMING, Actie.RFC_BEHANDELEN,
             (CONSULTATIE_GESLOTEN, ADVIES, BESLUITVOORSTEL)),
    Overgang("besluit_verwerken", "Besluit van het bestuur verwerken", (S.TER_BESLUITVORMING,), S.AANGENOMEN,
             Actie.RFC_BEHANDELEN, (BESLUIT_GENOMEN,)),
    Overgang("doorzetten", "Doorzetten naar de beslisser buiten het stelsel", (S.IN_BEHANDELING,), S.DOORGEZET,
             Actie.RFC_BEHANDELEN),
    Overgang("intrekken", "Intrekken (op verzoek van de indiener)", OPEN, S.INGETROKKEN, Actie.RFC_BEHANDELEN,
             (MET_REDEN,), langs_route=False),
)
PER_NAAM = {o.naam: o for o in OVERGANGEN}


def weigeringen(overgang: Overgang, voorstel: Wijzigingsvoorstel, context: Context) -> dict[str, list[str]]:
    """Every reason why ``overgang`` cannot happen now, per field (the right itself is checked by the service)."""
    fouten: dict[str, list[str]] = {}
    if voorstel.status not in overgang.van:
        fouten["status"] = [f"'{overgang.label}' kan niet bij een RFC met status "
                            f"'{voorstel.get_status_display().lower()}'."]
    elif overgang.langs_route and volgende(voorstel) != overgang.naar:
        route = " → ".join(Status(s).label.lower() for s in voorstel.agenda.route())
        fouten["status"] = [f"RFC-ROUTE: '{overgang.label}' hoort niet bij de route van {voorstel.agenda} "
                            f"({route})."]
    for v in overgang.voorwaarden:
        reden = v.toets(voorstel, context)
        if reden:
            fouten.setdefault(v.veld, []).append(f"{v.code}: {reden}")
    return fouten


def mogelijke(voorstel: Wijzigingsvoorstel) -> list[Overgang]:
    """The steps that belong to this RFC's route from its state (their guards may still refuse)."""
    uit = []
    for o in OVERGANGEN:
        if voorstel.status not in o.van:
            continue
        if o.langs_route and volgende(voorstel) != o.naar:
            continue
        uit.append(o)
    return uit
