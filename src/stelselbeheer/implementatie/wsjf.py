"""Weighted Shortest Job First (seed 003, §4.3 and footnote 6), as pure arithmetic: no database, so the rules are
tested directly (tests/implementatie/test_wsjf.py, with hypothesis).

WSJF = cost of delay ÷ job size, where the cost of delay is the sum of five value components:

* user value, time criticality and risk reduction: the implementation group's estimate (Fibonacci 1-20);
* legal obligation (IMP-WSJF-WET): ``WETTELIJK_PUNTEN`` when the product is legally required, else 0;
* being a precondition (IMP-WSJF-VOORWAARDE): ``VOORWAARDE_PUNTEN`` per product it is a precondition for that is
  not yet in broad implementation, at most ``VOORWAARDE_MAX``.

Ties (IMP-WSJF-GELIJK), in this order: the higher cost of delay first (more value lost per unit of waiting), then
the smaller job (sooner done), then the legally required one, then the product code alphabetically (stable and
explainable). The score is kept as an exact fraction; shown rounded to three decimals, with a decimal comma.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WETTELIJK_PUNTEN = 13
VOORWAARDE_PUNTEN = 5
VOORWAARDE_MAX = 20


@dataclass(frozen=True)
class Invoer:
    code: str
    naam: str
    gebruikerswaarde: int
    tijdkritiek: int
    risicoreductie: int
    omvang: int
    wettelijk_verplicht: bool
    #: how many products (not yet in broad implementation) this one is a precondition for
    voorwaarde_voor: int


@dataclass(frozen=True)
class Uitkomst:
    invoer: Invoer
    rang: int
    wettelijk: int
    randvoorwaarde: int
    vertragingskosten: int
    score: Fraction

    @property
    def score_afgerond(self) -> Decimal:
        return (Decimal(self.score.numerator) / Decimal(self.score.denominator)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP)

    @property
    def berekening(self) -> str:
        i = self.invoer
        return (f"({i.gebruikerswaarde} + {i.tijdkritiek} + {i.risicoreductie} + {self.wettelijk} + "
                f"{self.randvoorwaarde}) / {i.omvang} = {self.vertragingskosten} / {i.omvang} = "
                f"{str(self.score_afgerond).replace('.', ',')}")


def wettelijk_punten(verplicht: bool) -> int:
    return WETTELIJK_PUNTEN if verplicht else 0


def voorwaarde_punten(aantal: int) -> int:
    return min(VOORWAARDE_MAX, VOORWAARDE_PUNTEN * max(0, aantal))


def _valideer(i: Invoer) -> None:
    if i.omvang <= 0:
        raise ValueError(f"{i.code}: de omvang is groter dan nul.")


def ordenen(invoer: list[Invoer]) -> list[Uitkomst]:
    """The products in WSJF order, each with its components, its score and its rank (1 = first)."""
    regels = []
    for i in invoer:
        _valideer(i)
        wet = wettelijk_punten(i.wettelijk_verplicht)
        rv = voorwaarde_punten(i.voorwaarde_voor)
        kosten = i.gebruikerswaarde + i.tijdkritiek + i.risicoreductie + wet + rv
        regels.append((i, wet, rv, kosten, Fraction(kosten, i.omvang)))
    regels.sort(key=lambda r: (-r[4], -r[3], r[0].omvang, not r[0].wettelijk_verplicht, r[0].code))
    return [Uitkomst(invoer=i, rang=n, wettelijk=wet, randvoorwaarde=rv, vertragingskosten=kosten, score=score)
            for n, (i, wet, rv, kosten, score) in enumerate(regels, start=1)]


def vingerafdruk(invoer: list[Invoer]) -> str:
    """The same inputs give the same fingerprint, whatever their order: a run repeats only when something changed."""
    rijen = sorted([i.code, i.gebruikerswaarde, i.tijdkritiek, i.risicoreductie, i.omvang, i.wettelijk_verplicht,
                    i.voorwaarde_voor] for i in invoer)
    return hashlib.sha256(json.dumps(rijen).encode()).hexdigest()
