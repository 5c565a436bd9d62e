"""The workflows of this app, declared as data: one table per workflow, each step with the right it needs, the rule
ids it enforces and its guards. The services (``services.py``) are the one mutation path and read these tables;
``tests/overleg/test_workflow.py`` checks that every state is reachable and that no open state is a dead end.

Besluitvoorstel (decision proposal): staff prepare it (concept) and put it before the board on an agenda item
(voorgelegd); a voting board member adopts it (vastgesteld, which records the Besluit), postpones it (aangehouden:
staff put it on a later agenda) or rejects it (afgewezen), in or after the meeting. Staff can withdraw it while it
is open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.workflow import Voorwaarde

from .models import (
    AMSTERDAM,
    STEMGERECHTIGD,
    Besluitvoorstel,
    Lidmaatschap,
    NotulenStatus,
    OrgaanSoort,
    VergaderStatus,
    VoorstelStatus,
)

V = VoorstelStatus


def stemgerechtigd(user, orgaan, datum: dt.date) -> bool:
    """OVL-SCHEIDING: ``user`` takes part in ``orgaan``'s decisions on ``datum``: a member with a voting role in that
    period, through their own account; in a board, moreover, only an account with the board's right."""
    if user is None or not getattr(user, "pk", None):
        return False
    if orgaan.soort == OrgaanSoort.BESTUUR and not kan(user, Actie.BESLUITVOORSTEL_VASTSTELLEN):
        return False
    return Lidmaatschap.objects.actief_op(datum).filter(orgaan=orgaan, gebruiker=user,
                                                         rol__in=STEMGERECHTIGD).exists()


@dataclass(frozen=True)
class Context:
    actor: object
    moment: dt.datetime
    datum: dt.date
    toelichting: str


def _op_de_agenda(v: Besluitvoorstel, c: Context):
    punt = v.agendapunt
    if punt is None:
        return "Zet het voorstel eerst op de agenda van een vergadering van het bestuur."
    vergadering = punt.vergadering
    if vergadering.orgaan_id != v.orgaan_id:
        return f"Het agendapunt hoort bij een vergadering van {vergadering.orgaan}, niet van {v.orgaan}."
    if vergadering.status == VergaderStatus.GEANNULEERD:
        return f"De vergadering {vergadering} is geannuleerd; agendeer het voorstel opnieuw."
    return None


def _in_of_na_de_vergadering(v: Besluitvoorstel, c: Context):
    reden = _op_de_agenda(v, c)
    if reden:
        return reden
    vergadering = v.agendapunt.vergadering
    if not vergadering.is_begonnen(c.moment):
        begin = vergadering.begin.astimezone(AMSTERDAM)
        return (f"Het bestuur beslist in of na de vergadering waarop het voorstel staat; die begint pas op "
                f"{begin:%d-%m-%Y} om {begin:%H:%M}.")
    return None


def _toelichting(v: Besluitvoorstel, c: Context):
    return None if c.toelichting.strip() else "Geef de reden; die staat bij het voorstel en in de audittrail."


OP_DE_AGENDA = Voorwaarde("OVL-AGENDA", "Het voorstel staat op de agenda van een (niet geannuleerde) vergadering "
                                        "van het besluitvormende orgaan", "agendapunt", _op_de_agenda)
IN_VERGADERING = Voorwaarde("OVL-VERGADERING", "Het bestuur beslist in of na de vergadering waarop het voorstel "
                                               "staat", "vergadering", _in_of_na_de_vergadering)
MET_REDEN = Voorwaarde("OVL-REDEN", "Aanhouden en afwijzen worden gemotiveerd", "toelichting", _toelichting)


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    van: tuple[str, ...]
    naar: str
    actie: str
    voorwaarden: tuple[Voorwaarde, ...] = ()
    #: a step of the body itself: only a voting member (OVL-SCHEIDING), never the one who prepared it
    door_orgaan: bool = False


OPEN = (V.CONCEPT, V.VOORGELEGD, V.AANGEHOUDEN)
#: content can change only while open; an adopted text is frozen (OVL-BEVROREN)
BEWERKBAAR = OPEN
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("voorleggen", "Voorleggen aan het bestuur", (V.CONCEPT, V.AANGEHOUDEN), V.VOORGELEGD,
             Actie.BESLUITVOORSTEL_INDIENEN, (OP_DE_AGENDA,)),
    Overgang("vaststellen", "Vaststellen", (V.VOORGELEGD,), V.VASTGESTELD, Actie.BESLUITVOORSTEL_VASTSTELLEN,
             (IN_VERGADERING,), door_orgaan=True),
    Overgang("aanhouden", "Aanhouden", (V.VOORGELEGD,), V.AANGEHOUDEN, Actie.BESLUITVOORSTEL_VASTSTELLEN,
             (IN_VERGADERING, MET_REDEN), door_orgaan=True),
    Overgang("afwijzen", "Afwijzen", (V.VOORGELEGD,), V.AFGEWEZEN, Actie.BESLUITVOORSTEL_VASTSTELLEN,
             (IN_VERGADERING, MET_REDEN), door_orgaan=True),
    Overgang("intrekken", "Intrekken", OPEN, V.INGETROKKEN, Actie.BESLUITVOORSTEL_INDIENEN, (MET_REDEN,)),
)
PER_NAAM = {o.naam: o for o in OVERGANGEN}
BESLISSINGEN = tuple(o.naam for o in OVERGANGEN if o.door_orgaan)


def weigeringen(overgang: Overgang, voorstel: Besluitvoorstel, context: Context) -> dict[str, list[str]]:
    """Every reason why ``overgang`` cannot happen now, per field (the right itself is checked by the service)."""
    fouten: dict[str, list[str]] = {}
    if voorstel.status not in overgang.van:
        fouten["status"] = [f"'{overgang.label}' kan niet bij een voorstel met status "
                            f"'{voorstel.get_status_display().lower()}'."]
    for v in overgang.voorwaarden:
        reden = v.toets(voorstel, context)
        if reden:
            fouten.setdefault(v.veld, []).append(f"{v.code}: {reden}")
    return fouten


def scheiding(overgang: Overgang, voorstel: Besluitvoorstel, context: Context) -> str | None:
    """OVL-SCHEIDING for the body's own steps: why ``context.actor`` may not take this decision, or None."""
    if not overgang.door_orgaan:
        return None
    actor = context.actor
    if not stemgerechtigd(actor, voorstel.orgaan, context.datum):
        return (f"OVL-SCHEIDING: alleen een stemgerechtigd lid van {voorstel.orgaan} met een bestuursaccount "
                f"beslist over een besluitvoorstel; u bent dat op {context.datum:%d-%m-%Y} niet.")
    if voorstel.opgesteld_door_id and voorstel.opgesteld_door_id == actor.pk:
        return "OVL-SCHEIDING: wie een voorstel opstelde, beslist er niet zelf over."
    return None


#: the meeting's own states: planned → held | cancelled; both end states are final
VERGADERING_OVERGANGEN = {
    VergaderStatus.GEPLAND: (VergaderStatus.GEHOUDEN, VergaderStatus.GEANNULEERD),
    VergaderStatus.GEHOUDEN: (),
    VergaderStatus.GEANNULEERD: (),
}
#: minutes: concept → adopted, then immutable (OVL-NOTULEN)
NOTULEN_OVERGANGEN = {NotulenStatus.CONCEPT: (NotulenStatus.VASTGESTELD,), NotulenStatus.VASTGESTELD: ()}
