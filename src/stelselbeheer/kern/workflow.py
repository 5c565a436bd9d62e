"""What the declared workflows (deelnemers, naleving, overleg) share: a condition of a step, as data."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Voorwaarde:
    """A rule a step must meet: its id in docs/regels.md, what it asks in Dutch, the field a refusal is reported
    on, and the test itself, which returns None when met and otherwise the reason in Dutch."""

    code: str
    omschrijving: str
    veld: str
    toets: Callable[..., str | None]
