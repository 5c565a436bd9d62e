"""What the public sees of participants (rule DLN-OPENBAAR): who participates, in which roles, whether active,
since when, and a timeline of admission, suspension, reinstatement and exit with the public decision behind
each step. A confidential decision is named as such, never shown."""

from __future__ import annotations

from .models import Deelnemer, DeelnemerStatus, Statuswijziging
from .services import vandaag
from .workflow import PER_NAAM

S = DeelnemerStatus
#: on the public list of participants (an ended participant moves to "former participants")
HUIDIG = (S.ACTIEF, S.OPGESCHORT, S.IN_UITTREDING)
OPENBARE_STATUS = {S.ACTIEF: "actief", S.OPGESCHORT: "inactief (opgeschort)", S.IN_UITTREDING: "actief, in uittreding",
                   S.BEEINDIGD: "beëindigd"}
GEBEURTENIS = {S.TOEGELATEN: "Toegelaten door het bestuur", S.ACTIEF: "Deelname actief",
               S.OPGESCHORT: "Opgeschort", S.IN_UITTREDING: "Uittreding gestart", S.BEEINDIGD: "Deelname beëindigd"}


def openbare_status(deelnemer: Deelnemer, opschorting=None) -> str:
    """NAL-OPSCHORTING: a suspension shows as 'inactief' only from level 3; levels 1 and 2 stay 'actief' here."""
    if deelnemer.status == S.OPGESCHORT:
        if opschorting is None:
            from stelselbeheer.naleving.opschorting import lopende

            opschorting = lopende([deelnemer.pk]).get(deelnemer.pk)
        if opschorting is not None and opschorting.niveau < 3:
            return "actief"
    return OPENBARE_STATUS.get(deelnemer.status, "")


def openbare_opschorting(deelnemer: Deelnemer) -> dict | None:
    """NAL-OPSCHORTING-EINDE on the public page: from level 3 (publicly inactive) the planned end of the running
    suspension, and whether it has passed (then a decision to lift or extend is due, and the page says so)."""
    if deelnemer.status != S.OPGESCHORT:
        return None
    from stelselbeheer.naleving.opschorting import lopende  # naleving imports this app: no cycle at load time

    opschorting = lopende([deelnemer.pk]).get(deelnemer.pk)
    if opschorting is None or opschorting.niveau < 3:
        return None
    return {"gepland_tot": opschorting.gepland_tot, "verstreken": opschorting.einde_verstreken(vandaag())}


def _openbaar(w: Statuswijziging) -> bool:
    stap = PER_NAAM.get(w.overgang)
    if stap is not None:
        return stap.openbaar
    return w.naar in GEBEURTENIS  # registered directly in a public state (existing participants, demo data)


def tijdlijn(deelnemer: Deelnemer) -> list[dict]:
    uit = []
    for w in deelnemer.statuswijzigingen.select_related("besluit").order_by("datum", "tijdstip", "id"):
        if not _openbaar(w):
            continue
        gebeurtenis = GEBEURTENIS.get(w.naar, w.get_naar_display())
        if w.overgang == "opschorting_opheffen":
            gebeurtenis = "Opschorting opgeheven"
        elif w.overgang == "opschorting_verlengen":
            gebeurtenis = "Opschorting verlengd"
        uit.append({"datum": w.datum, "gebeurtenis": gebeurtenis,
                    "besluit": w.besluit if w.besluit and w.besluit.openbaar else None,
                    "besluit_vertrouwelijk": bool(w.besluit and not w.besluit.openbaar)})
    return uit


def met_sinds(deelnemers) -> list[tuple[Deelnemer, object, str]]:
    """Each participant with the date it first became active and its public status (few queries for all)."""
    from stelselbeheer.naleving.opschorting import lopende

    lijst = list(deelnemers)
    opschortingen = lopende([d.pk for d in lijst])
    eerste = {}
    for dn_id, datum in (Statuswijziging.objects.filter(deelnemer__in=lijst, naar=S.ACTIEF)
                         .order_by("datum").values_list("deelnemer_id", "datum")):
        eerste.setdefault(dn_id, datum)
    return [(d, eerste.get(d.pk) or d.ondertekend_op, openbare_status(d, opschortingen.get(d.pk))) for d in lijst]
