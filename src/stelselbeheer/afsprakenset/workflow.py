"""The release's life, declared as data: each step with the statuses it starts from, where it goes, the right it
needs and the rule ids it enforces. ``services.release_overgang`` is the one mutation path and reads this table;
``tests/afsprakenset/test_workflow.py`` checks that every status is reachable.

concept → consultatie (staff open the consultation) → goedgekeurd (only on the board's adopted decision of kind
release, AFS-GOEDKEURING) → in_werking (from the effective date, AFS-INWERKING) → ingetrokken. A draft or a
release in consultation can also be withdrawn; a release in consultation can go back to draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from stelselbeheer.kern.rollen import Actie

from .models import ReleaseStatus as S


@dataclass(frozen=True)
class Overgang:
    naam: str
    label: str
    van: tuple[str, ...]
    naar: str
    recht: str
    regels: tuple[str, ...] = ()
    #: the step needs the board's decision (a Besluit of kind release from an adopted proposal)
    besluit: bool = False


OVERGANGEN: tuple[Overgang, ...] = (
    Overgang("consultatie_openen", "Consultatie openen", (S.CONCEPT,), S.CONSULTATIE, Actie.RELEASE_BEHEREN,
             ("AFS-STATUS",)),
    Overgang("terug_naar_concept", "Terug naar concept", (S.CONSULTATIE,), S.CONCEPT, Actie.RELEASE_BEHEREN,
             ("AFS-STATUS",)),
    Overgang("goedkeuren", "Goedkeuring door het bestuur verwerken", (S.CONSULTATIE,), S.GOEDGEKEURD,
             Actie.RELEASE_BEHEREN, ("AFS-STATUS", "AFS-GOEDKEURING"), besluit=True),
    Overgang("in_werking_stellen", "In werking stellen", (S.GOEDGEKEURD,), S.IN_WERKING, Actie.RELEASE_BEHEREN,
             ("AFS-STATUS", "AFS-INWERKING")),
    Overgang("intrekken", "Intrekken", (S.CONCEPT, S.CONSULTATIE, S.GOEDGEKEURD, S.IN_WERKING), S.INGETROKKEN,
             Actie.RELEASE_BEHEREN, ("AFS-STATUS",)),
)
PER_NAAM = {o.naam: o for o in OVERGANGEN}


def mogelijk(release) -> list[Overgang]:
    return [o for o in OVERGANGEN if release.status in o.van]
