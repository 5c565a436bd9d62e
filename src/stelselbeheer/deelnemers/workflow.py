"""Toe- en uittreding as a declared workflow: the states are ``DeelnemerStatus``, the transitions are the
table ``OVERGANGEN`` below. Each transition names the right it takes, the board decision it needs (if any),
the fields it records and its conditions (rules TOE-*/UIT-* in docs/regels.md). The service
``deelnemers.services.deelnemer_overgang`` is the only way a participant's status changes; the staff page
draws this table, and the tests walk it exhaustively.

The decision a step rests on is checked in one place, ``besluit_bezwaren``, which the compliance steps
(naleving) use too: its kind and participant (TOE-BESLUIT) and, for suspension, its lifting and exclusion, that it
is public (NAL-OPENBAAR). A decision carries the step it was adopted for once (BES-EENMAAL): the guard says where
it was used, and a unique constraint on ``Statuswijziging.besluit`` makes sure of it.

The steps of a suspension (``via``) are the effect of a compliance measure: ``naleving.opschorting`` sets them with
the level, the planned end, the scope and the notice to the other participants; they are never set on their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stelselbeheer.besluiten.models import Besluit, BesluitSoort
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.workflow import Voorwaarde
from stelselbeheer.overleg.stappen import voorstel_bezwaren

from .models import Advies, Deelnemer, Kwalificatie, Statuswijziging, UittredingSoort
from .models import DeelnemerStatus as S


@dataclass(frozen=True)
class Context:
    datum: dt.date
    besluit: Besluit | None
    toelichting: str
    #: the board step (OVL-STAP) whose decision this step carries, when it is the effect of another step on the same
    #: decision (dissolution of a compliance case ends the participation: "ontbinden"); "" for the step itself
    namens: str = ""


def _overeenkomst(d, c):
    return None if d.overeenkomstversie.strip() else "Leg de versie van de deelnemersovereenkomst vast."


def _rol(d, c):
    return None if d.rollen.exists() else "De deelnemer heeft nog geen rol (DVA of DVP) aangevraagd."


def ontbrekende_kwalificaties(d: Deelnemer, datum: dt.date) -> list[str]:
    """The roles for which the participant holds no valid, passed qualification on ``datum`` (NAL-365)."""
    geldig = set(Kwalificatie.objects.filter(deelnemer=d).geldig_op(datum).values_list("rol", flat=True))
    return [r.get_rol_display() for r in d.rollen.all() if r.rol not in geldig]


def _kwalificatie(d, c):
    ontbreekt = ontbrekende_kwalificaties(d, c.datum)
    if ontbreekt:
        return ("NAL-365: geen geldig testresultaat op " + f"{c.datum:%d-%m-%Y} voor: " + ", ".join(ontbreekt) + ".")
    return None


def _advies(d, c):
    if d.advies not in Advies.values or not d.advies_toelichting.strip():
        return "Kies het advies (positief of negatief) en licht het toe."
    if d.advies == Advies.POSITIEF and ontbrekende_kwalificaties(d, c.datum):
        return "Een positief advies vraagt een geldig testresultaat voor elke aangevraagde rol."
    return None


def _positief(d, c):
    return None if d.advies == Advies.POSITIEF else "Het advies van de uitvoeringsorganisatie is niet positief."


def _toelatingsbesluit(d, c):
    if Besluit.objects.filter(deelnemer=d, soort=BesluitSoort.TOELATING).exists():
        return None
    return "Er is geen toelatingsbesluit van het bestuur over deze deelnemer."


def _ondertekend(d, c):
    if d.ondertekend_op is None:
        return "Vul de datum in waarop de deelnemersovereenkomst is ondertekend."
    if d.ondertekend_op > c.datum:
        return "De ondertekening ligt na de datum van activering."
    return None


def _einddatum(d, c):
    return None if d.opzegdatum else "Vul de einddatum van de deelname in."


def _einddatum_bereikt(d, c):
    if d.opzegdatum is None or d.opzegdatum > c.datum:
        return f"De deelname eindigt pas op {d.opzegdatum:%d-%m-%Y}." if d.opzegdatum else "Er is geen einddatum."
    return None


def _gebruikers(d, c):
    if d.gebruikers_geinformeerd_op is None:
        return "Leg vast wanneer de gebruikers van de deelnemer zijn geïnformeerd."
    if d.gebruikers_geinformeerd_op > c.datum:
        return "De datum waarop de gebruikers zijn geïnformeerd ligt in de toekomst."
    return None


def _geen_open_verzoeken(d, c):
    from stelselbeheer.register.models import VerzoekStatus, Wijzigingsverzoek

    open_ = Wijzigingsverzoek.objects.filter(deelnemer=d, status=VerzoekStatus.INGEDIEND).count()
    return f"Er staan nog {open_} wijzigingsverzoeken open; handel die eerst af." if open_ else None


def _reden(d, c):
    return None if c.toelichting.strip() else "Geef de reden."


V = Voorwaarde
OVEREENKOMST = V("TOE-OVEREENKOMST", "De versie van de deelnemersovereenkomst is bekend", "overeenkomstversie",
                 _overeenkomst)
ROL = V("TOE-ROL", "Ten minste één rol (DVA of DVP) is aangevraagd", "rollen", _rol)
KWALIFICATIE = V("TOE-KWALIFICATIE", "Voor elke aangevraagde rol is er een geldig testresultaat (NAL-365)",
                 "kwalificaties", _kwalificatie)
ADVIES = V("TOE-ADVIES", "Het advies is gegeven en toegelicht; een positief advies alleen met geldige "
                         "testresultaten", "advies", _advies)
POSITIEF = V("TOE-POSITIEF", "Het advies is positief", "advies", _positief)
TOELATINGSBESLUIT = V("TOE-BESLUIT", "Het bestuur heeft tot toelating besloten", "besluit", _toelatingsbesluit)
ONDERTEKEND = V("TOE-ONDERTEKEND", "De deelnemersovereenkomst is ondertekend", "ondertekend_op", _ondertekend)
EINDDATUM = V("UIT-EINDDATUM", "De einddatum van de deelname is bekend", "opzegdatum", _einddatum)
EINDDATUM_BEREIKT = V("UIT-EINDDATUM-BEREIKT", "De einddatum is bereikt", "opzegdatum", _einddatum_bereikt)
GEBRUIKERS = V("UIT-GEBRUIKERS", "De gebruikers van de deelnemer zijn geïnformeerd", "gebruikers_geinformeerd_op",
               _gebruikers)
GEEN_OPEN_VERZOEKEN = V("UIT-AFGEHANDELD", "Er staan geen wijzigingsverzoeken meer open", "verzoeken",
                        _geen_open_verzoeken)
REDEN = V("TOE-REDEN", "De reden is gegeven", "toelichting", _reden)


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    van: tuple[str, ...]
    naar: str
    actie: str
    voorwaarden: tuple[Voorwaarde, ...] = ()
    #: the kinds of board decision this transition rests on (one of them, about this participant)
    besluit: tuple[str, ...] = ()
    #: participant fields this transition records
    velden: tuple[str, ...] = ()
    #: on the public timeline of the participant
    openbaar: bool = False
    #: set only by the compliance service named here (with level, planned end, scope and notice), never on its own
    via: str = ""

    @property
    def van_labels(self) -> str:
        return ", ".join(S(v).label for v in self.van)

    @property
    def naar_label(self) -> str:
        return S(self.naar).label

    @property
    def besluit_labels(self) -> str:
        return " of ".join(BesluitSoort(b).label for b in self.besluit)


_B, _D = Actie.TOETREDING_BEHANDELEN, Actie.TOETREDING_BESLUITEN
AANVRAAGFASEN = (S.AANGEMELD, S.INTAKE, S.KWALIFICATIE, S.ADVIES, S.TOEGELATEN)

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("intake_starten", "Intake starten", (S.AANGEMELD,), S.INTAKE, _B, (OVEREENKOMST, ROL),
             velden=("overeenkomstversie",)),
    Overgang("kwalificatie_starten", "Intake afronden, kwalificatie starten", (S.INTAKE,), S.KWALIFICATIE, _B,
             (OVEREENKOMST, ROL)),
    Overgang("advies_uitbrengen", "Advies uitbrengen", (S.KWALIFICATIE,), S.ADVIES, _B, (ADVIES,),
             velden=("advies", "advies_toelichting")),
    Overgang("toelaten", "Toelaten (besluit bestuur)", (S.ADVIES,), S.TOEGELATEN, _D, (POSITIEF, KWALIFICATIE),
             besluit=(BesluitSoort.TOELATING,), openbaar=True),
    Overgang("afwijzen", "Aanvraag afwijzen (besluit bestuur)", (S.ADVIES,), S.AFGEWEZEN, _D,
             besluit=(BesluitSoort.AFWIJZING,)),
    Overgang("activeren", "Activeren na ondertekening", (S.TOEGELATEN,), S.ACTIEF, _B,
             (TOELATINGSBESLUIT, ONDERTEKEND, KWALIFICATIE), velden=("ondertekend_op",), openbaar=True),
    Overgang("intrekken", "Aanvraag intrekken", AANVRAAGFASEN, S.INGETROKKEN, _B, (REDEN,)),
    Overgang("opschorten", "Opschorten (besluit bestuur)", (S.ACTIEF,), S.OPGESCHORT, _D,
             besluit=(BesluitSoort.OPSCHORTING,), openbaar=True, via="POST /api/opschortingen"),
    Overgang("opschorting_verlengen", "Opschorting verlengen (besluit bestuur)", (S.OPGESCHORT,), S.OPGESCHORT, _D,
             besluit=(BesluitSoort.OPSCHORTING,), openbaar=True, via="POST /api/opschortingen/{id}/verlengen"),
    Overgang("opschorting_opheffen", "Opschorting opheffen (besluit bestuur)", (S.OPGESCHORT,), S.ACTIEF, _D,
             besluit=(BesluitSoort.OPHEFFING,), openbaar=True, via="POST /api/opschortingen/{id}/opheffen"),
    Overgang("uittreding_starten", "Uittreding starten (besluit bestuur)", (S.ACTIEF, S.OPGESCHORT),
             S.IN_UITTREDING, _D, (EINDDATUM,), besluit=(BesluitSoort.UITTREDING, BesluitSoort.BEEINDIGING),
             velden=("opzegdatum",), openbaar=True),
    Overgang("uitsluiten", "Uitsluiten: deelname definitief beëindigd (besluit bestuur)",
             (S.ACTIEF, S.OPGESCHORT, S.IN_UITTREDING), S.BEEINDIGD, _D, besluit=(BesluitSoort.BEEINDIGING,),
             openbaar=True),
    Overgang("beeindigen", "Deelname beëindigen", (S.IN_UITTREDING,), S.BEEINDIGD, _B,
             (EINDDATUM_BEREIKT, GEBRUIKERS, GEEN_OPEN_VERZOEKEN), velden=("gebruikers_geinformeerd_op",),
             openbaar=True),
)
PER_NAAM = {o.naam: o for o in OVERGANGEN}
EINDTOESTANDEN = (S.BEEINDIGD, S.AFGEWEZEN, S.INGETROKKEN)

#: which kind of exit a decision means
UITTREDING_DOOR = {BesluitSoort.UITTREDING: UittredingSoort.VERZOEK,
                   BesluitSoort.BEEINDIGING: UittredingSoort.BEEINDIGING}


#: NAL-OPENBAAR: the policy keeps case files confidential, but decisions on suspension and exclusion are public
#: (seed 001); lifting a suspension and terminating participation are the same kind of decision
OPENBARE_SOORTEN = (BesluitSoort.OPSCHORTING, BesluitSoort.OPHEFFING, BesluitSoort.BEEINDIGING)


def besluit_bezwaren(soorten: tuple[str, ...], deelnemer_id: int, besluit: Besluit | None, *, stap: str,
                     zaak_id: int | None = None, al_gebruikt: str | None = None) -> list[str]:
    """Why ``besluit`` cannot carry board step ``stap`` that rests on a decision of one of ``soorten`` about this
    participant, in this order: the kind and the participant (TOE-BESLUIT), publicity (NAL-OPENBAAR), an earlier
    use (``al_gebruikt``, BES-EENMAAL, as the caller found it), and that it comes from a proposal the board adopted
    that enables this step about this participant or case (OVL-STAP). The one check of a decision, used by this
    workflow and by the compliance steps (naleving.workflow)."""
    namen = " of ".join(BesluitSoort(s).label.lower() for s in soorten)
    if besluit is None:
        return [f"Kies het besluit van het bestuur ({namen}); het komt uit een besluitvoorstel dat het bestuur "
                "heeft vastgesteld."]
    if besluit.soort not in soorten or besluit.deelnemer_id != deelnemer_id:
        return [f"Besluit {besluit.nummer} is geen besluit tot {namen} over deze deelnemer."]
    if besluit.soort in OPENBARE_SOORTEN and not besluit.openbaar:
        return [f"NAL-OPENBAAR: besluit {besluit.nummer} is niet openbaar, maar besluiten over opschorting en "
                "uitsluiting zijn openbaar (nalevingsbeleid). Leg het besluit openbaar vast."]
    if al_gebruikt:
        return [al_gebruikt]
    return voorstel_bezwaren(besluit, stap, deelnemer_id=deelnemer_id, zaak_id=zaak_id)


def besluit_al_gebruikt(besluit: Besluit) -> str | None:
    """BES-EENMAAL: a decision carries the step it was adopted for once; the reason, naming that step, or None."""
    eerder = Statuswijziging.objects.filter(besluit=besluit).first()
    if eerder is None:
        return None
    stap = PER_NAAM.get(eerder.overgang)
    return (f"BES-EENMAAL: besluit {besluit.nummer} is al gebruikt voor '{stap.label if stap else eerder.overgang}' "
            f"op {eerder.datum:%d-%m-%Y}; een besluit draagt de stap waarvoor het genomen is één keer. Leg voor "
            "deze stap een nieuw besluit vast.")


def weigeringen(overgang: Overgang, deelnemer: Deelnemer, context: Context) -> dict[str, list[str]]:
    """Why ``overgang`` may not happen now: field -> reasons in Dutch (empty: it may)."""
    fouten: dict[str, list[str]] = {}
    if deelnemer.status not in overgang.van:
        vanuit = ", ".join(S(v).label.lower() for v in overgang.van)
        fouten["overgang"] = [f"'{overgang.label}' kan alleen vanuit: {vanuit}; de deelnemer is nu "
                              f"'{deelnemer.get_status_display().lower()}'."]
    if overgang.besluit:
        gebruikt = besluit_al_gebruikt(context.besluit) if context.besluit is not None else None
        bezwaren = besluit_bezwaren(overgang.besluit, deelnemer.pk, context.besluit,
                                    stap=context.namens or overgang.naam, al_gebruikt=gebruikt)
        if bezwaren:
            fouten.setdefault("besluit", []).extend(bezwaren)
    for v in overgang.voorwaarden:
        reden = v.toets(deelnemer, context)
        if reden:
            fouten.setdefault(v.veld, []).append(f"{v.code}: {reden}")
    return fouten
