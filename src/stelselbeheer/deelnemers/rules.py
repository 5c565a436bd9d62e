"""Pure rules about participants and qualifications.

NAL-365 (seed 001, Nalevingsbeleid): the test results on which admission rests are valid for at most
365 days. A qualification is valid from its test date up to and including its ``geldig_tot`` date, in
Europe/Amsterdam: it stops being valid at midnight at the start of the next day.
"""

import datetime as dt
from zoneinfo import ZoneInfo

MAX_GELDIGHEID_DAGEN = 365
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def uiterste_geldig_tot(testdatum: dt.date) -> dt.date:
    """NAL-365: the last day on which a test result may still count."""
    return testdatum + dt.timedelta(days=MAX_GELDIGHEID_DAGEN)


def geldigheid_toegestaan(testdatum: dt.date, geldig_tot: dt.date) -> bool:
    """NAL-365: valid-until lies on or after the test date and at most 365 days after it."""
    return testdatum <= geldig_tot <= uiterste_geldig_tot(testdatum)


def datum_in_amsterdam(moment: dt.datetime | dt.date) -> dt.date:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            raise ValueError("Gebruik een tijdzonebewust moment.")
        return moment.astimezone(AMSTERDAM).date()
    return moment


def is_geldig_op(*, geslaagd: bool, testdatum: dt.date, geldig_tot: dt.date,
                 moment: dt.datetime | dt.date) -> bool:
    """Whether a qualification counts at ``moment`` (a date, or an aware datetime read in Amsterdam)."""
    dag = datum_in_amsterdam(moment)
    return geslaagd and testdatum <= dag <= geldig_tot
