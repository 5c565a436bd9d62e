"""The board steps a decision proposal can enable, and the one check that a decision carries a board step
(OVL-STAP).

Separation of duties (issue 12): staff prepare a decision as a proposal that names the step it enables and its
subject (the participant, the compliance case or the melding it is about); only a voting board member adopts it
(OVL-SCHEIDING); and only the decision of an adopted proposal that enables *this* step about *this* subject carries
a board step. The workflows (``deelnemers.workflow``, ``naleving.workflow``), the board's ruling on a dispute
(``meldingen.services.uitspraak_vastleggen``) and the release approval ask ``voorstel_bezwaren`` before they act on
a decision.

The catalogue below is data; ``tests/overleg/test_stappen.py`` checks that every board step of the participant's
and the compliance workflow is in it, with the same kinds of decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from stelselbeheer.besluiten.models import Besluit, BesluitSoort

#: ``VoorstelStatus.VASTGESTELD``, spelled out: models.py reads this module for the choices of ``stap``
VASTGESTELD = "vastgesteld"


@dataclass(frozen=True)
class Stap:
    naam: str
    label: str
    #: the kinds of decision (``Besluitvoorstel.soort``) that may enable this step
    soorten: tuple[str, ...]
    #: what the step is about: "deelnemer", "zaak" (a compliance case) or "melding"; "" for nothing in particular
    onderwerp: str = ""


B = BesluitSoort
STAPPEN: tuple[Stap, ...] = (
    Stap("toelaten", "Toelaten (toetreding)", (B.TOELATING,), "deelnemer"),
    Stap("afwijzen", "Aanvraag tot toetreding afwijzen", (B.AFWIJZING,), "deelnemer"),
    Stap("opschorten", "Opschorten (niveau 1-3)", (B.OPSCHORTING,), "deelnemer"),
    Stap("opschorting_verlengen", "Opschorting verlengen", (B.OPSCHORTING,), "deelnemer"),
    Stap("opschorting_opheffen", "Opschorting opheffen", (B.OPHEFFING,), "deelnemer"),
    Stap("uittreding_starten", "Uittreding starten", (B.UITTREDING, B.BEEINDIGING), "deelnemer"),
    Stap("uitsluiten", "Uitsluiten (ook opschorting niveau 4)", (B.BEEINDIGING,), "deelnemer"),
    Stap("ontbinden", "Deelnemersovereenkomst ontbinden (nalevingszaak)", (B.BEEINDIGING,), "zaak"),
    Stap("release_goedkeuren", "Release goedkeuren", (B.RELEASE,)),
    Stap("uitspraak", "Uitspraak over een klacht of geschil", (B.OVERIG,), "melding"),
)
PER_NAAM = {s.naam: s for s in STAPPEN}
#: choices of ``Besluitvoorstel.stap``; "" is a decision that enables no step (a year plan, a policy)
KEUZES = [("", "Geen bestuursstap"), *((s.naam, s.label) for s in STAPPEN)]

ONDERWERP_LABEL = {"deelnemer": "deelnemer", "zaak": "nalevingszaak", "melding": "melding"}


def soort_bezwaar(stap: str, soort: str) -> str | None:
    """Why a proposal of ``soort`` cannot enable ``stap`` (OVL-STAP), or None."""
    s = PER_NAAM.get(stap)
    if not stap or s is None or soort in s.soorten:
        return None
    nodig = " of ".join(BesluitSoort(x).label.lower() for x in s.soorten)
    return (f"OVL-STAP: een besluit van de soort '{BesluitSoort(soort).label.lower()}' maakt '{s.label}' niet "
            f"mogelijk; die stap vraagt een besluit tot {nodig}.")


def voorstel_bezwaren(besluit: Besluit | None, stap: str, *, deelnemer_id: int | None = None,
                      zaak_id: int | None = None, melding_id: int | None = None) -> list[str]:
    """OVL-STAP: why ``besluit`` cannot carry board step ``stap`` about this subject: it did not come from a
    proposal the board adopted, or its proposal enables another step or is about another subject. Empty: it may.

    The kind and publicity of the decision are checked by the caller (``deelnemers.workflow.besluit_bezwaren``)."""
    if besluit is None:
        return []
    label = PER_NAAM[stap].label if stap in PER_NAAM else stap
    wat_nu = (f"Bereid een besluitvoorstel voor dat '{label}' mogelijk maakt (Overleg › Besluitvoorstellen), leg het "
              "voor aan het bestuur en laat een bestuurslid het vaststellen; kies daarna het besluit dat daaruit "
              "voortkomt.")
    voorstel = getattr(besluit, "voorstel", None) if besluit.pk else None
    if voorstel is None or voorstel.status != VASTGESTELD:
        return [f"OVL-STAP: besluit {besluit.nummer} komt niet uit een door het bestuur vastgesteld besluitvoorstel "
                f"en draagt daarom geen bestuursstap. {wat_nu}"]
    if voorstel.stap != stap:
        genoemd = PER_NAAM[voorstel.stap].label if voorstel.stap in PER_NAAM else "geen bestuursstap"
        return [f"OVL-STAP: besluit {besluit.nummer} (voorstel {voorstel.nummer}) maakt '{genoemd}' mogelijk, niet "
                f"'{label}'. {wat_nu}"]
    verwacht = {"deelnemer": deelnemer_id, "zaak": zaak_id, "melding": melding_id}
    vereist = PER_NAAM[voorstel.stap].onderwerp
    for veld, waarde in verwacht.items():
        eigen = getattr(voorstel, f"{veld}_id")
        if waarde is not None and eigen != waarde and (eigen is not None or veld == vereist):
            return [f"OVL-STAP: besluit {besluit.nummer} (voorstel {voorstel.nummer}) gaat over een andere "
                    f"{ONDERWERP_LABEL[veld]}. {wat_nu}"]
    return []
