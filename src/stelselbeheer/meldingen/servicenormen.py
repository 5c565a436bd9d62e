"""Service levels (rule MEL-SLA): per type and priority a response and a resolution target, in calendar hours or
working hours (Monday to Friday 9:00-17:00 Europe/Amsterdam, without the holidays of the Algemene termijnenwet)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from stelselbeheer.naleving.termijnen import is_werkdag

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BEGIN, EINDE = 9, 17

#: (type, priority) -> ((response, unit), (resolution, unit)); unit "uur" (calendar) or "werkuur"
NORMEN = {
    "calamiteit": ((1, "uur"), (24, "uur")),
    ("incident", "kritiek"): ((1, "uur"), (8, "uur")),
    ("incident", "hoog"): ((4, "werkuur"), (16, "werkuur")),
    ("incident", "normaal"): ((8, "werkuur"), (40, "werkuur")),
    ("incident", "laag"): ((16, "werkuur"), (80, "werkuur")),
    "vraag": ((16, "werkuur"), (40, "werkuur")),
    "klacht": ((16, "werkuur"), (80, "werkuur")),
    "geschil": ((40, "werkuur"), (160, "werkuur")),
}


def norm(soort: str, prioriteit: str):
    return NORMEN.get((soort, prioriteit)) or NORMEN.get(soort) or NORMEN["vraag"]


def werkuren_na(start: dt.datetime, uren: int) -> dt.datetime:
    """The moment ``uren`` working hours after ``start`` (Amsterdam office hours, working days only)."""
    t = start.astimezone(AMSTERDAM)
    over = dt.timedelta(hours=uren)
    while True:
        dag = t.date()
        begin = dt.datetime.combine(dag, dt.time(BEGIN), tzinfo=AMSTERDAM)
        einde = dt.datetime.combine(dag, dt.time(EINDE), tzinfo=AMSTERDAM)
        if is_werkdag(dag) and t < einde:
            t = max(t, begin)
            if t + over <= einde:
                return t + over
            over -= einde - t
        t = dt.datetime.combine(dag + dt.timedelta(days=1), dt.time(0), tzinfo=AMSTERDAM)


def termijn(start: dt.datetime, aantal: int, eenheid: str) -> dt.datetime:
    return start + dt.timedelta(hours=aantal) if eenheid == "uur" else werkuren_na(start, aantal)


def doelen(soort: str, prioriteit: str, ingediend: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    (r, re), (o, oe) = norm(soort, prioriteit)
    return termijn(ingediend, r, re), termijn(ingediend, o, oe)
