"""Pure rules of the compliance procedure that more than one service applies."""

import datetime as dt


def stapdatum_bezwaar(datum: dt.date, *, vandaag: dt.date, vroegst: dt.date | None = None,
                      vroegst_wat: str = "") -> str | None:
    """NAL-STAPDATUM: why ``datum`` cannot be the date of a step (a letter sent, a suspension taking effect), or None.

    A step is recorded when it is taken: not in the future (a suspension dated next June would take the entries off
    the lists today, and a term computed from it would start later than the letter went out), and not before what
    it follows (a formal notice backdated before the assessment would let its term expire, and the participant be
    dissolved, on the day it is written)."""
    if datum > vandaag:
        return (f"De datum ({datum:%d-%m-%Y}) ligt in de toekomst: een stap wordt vastgelegd als hij is gezet, "
                f"uiterlijk vandaag ({vandaag:%d-%m-%Y}).")
    if vroegst is not None and datum < vroegst:
        return f"De datum ({datum:%d-%m-%Y}) ligt vóór {vroegst_wat} ({vroegst:%d-%m-%Y})."
    return None
