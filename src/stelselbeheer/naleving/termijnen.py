"""Deadlines in calendar days or Dutch working days, with their basis in words (rule NAL-TERMIJN).

Working days skip Saturdays, Sundays and the generally recognised holidays of the Algemene termijnenwet
(art. 3: Nieuwjaarsdag, tweede Paas- en Pinksterdag, beide Kerstdagen, Hemelvaartsdag, Koningsdag and 5 mei),
taken from the ``holidays`` package (5 mei added: the package marks it only in lustrum years). A deadline in
calendar days that ends on a weekend day or such a holiday moves to the next working day (ATW art. 1). Days are
days in Europe/Amsterdam.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

#: the holidays of the Algemene termijnenwet, as the holidays package names them (en_US)
ATW = {"New Year's Day", "Easter Monday", "Ascension Day", "Whit Monday", "Pentecost Monday", "Christmas Day",
       "Second Day of Christmas", "King's Day", "Liberation Day"}


@cache
def _feestdagen(jaar: int) -> dict[dt.date, str]:
    nl = holidays.country_holidays("NL", years=[jaar], language="en_US")
    uit = {d: naam for d, naam in nl.items() if any(deel.strip() in ATW for deel in naam.split(";"))}
    uit.setdefault(dt.date(jaar, 5, 5), "Liberation Day")
    return uit


def feestdag(dag: dt.date) -> str | None:
    return _feestdagen(dag.year).get(dag)


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and feestdag(dag) is None


def werkdagen_na(start: dt.date, aantal: int) -> dt.date:
    dag, over = start, aantal
    while over > 0:
        dag += dt.timedelta(days=1)
        if is_werkdag(dag):
            over -= 1
    return dag


@dataclass(frozen=True)
class Termijn:
    einde: dt.date
    basis: str

    def resterend(self, vandaag: dt.date) -> int:
        return (self.einde - vandaag).days


def termijn(start: dt.date, aantal: int, eenheid: str = "werkdagen", gebeurtenis: str = "verzending") -> Termijn:
    """The last day of a deadline of ``aantal`` working or calendar days after ``start``, with its basis."""
    if eenheid == "werkdagen":
        einde = werkdagen_na(start, aantal)
        return Termijn(einde, f"{aantal} werkdagen na {gebeurtenis} op {start:%d-%m-%Y}")
    einde = start + dt.timedelta(days=aantal)
    basis = f"{aantal} kalenderdagen na {gebeurtenis} op {start:%d-%m-%Y}"
    if not is_werkdag(einde):
        verschoven = werkdagen_na(einde, 1)
        basis += f"; valt op {einde:%d-%m-%Y} (geen werkdag), dus {verschoven:%d-%m-%Y} (Algemene termijnenwet)"
        einde = verschoven
    return Termijn(einde, basis)
