"""NAL-TERMIJN: working days skip weekends and the holidays of the Algemene termijnenwet."""

import datetime as dt

import pytest

from stelselbeheer.naleving.termijnen import is_werkdag, termijn, werkdagen_na

D = dt.date


@pytest.mark.parametrize("start,aantal,einde", [
    (D(2026, 4, 1), 3, D(2026, 4, 7)),     # Easter: Good Friday counts (not in the ATW), Easter Monday does not
    (D(2026, 4, 24), 1, D(2026, 4, 28)),   # Friday -> weekend -> Monday 27 April is King's Day -> Tuesday
    (D(2026, 12, 23), 2, D(2026, 12, 28)),  # Christmas Day (Friday) and Boxing Day (Saturday)
    (D(2026, 11, 20), 1, D(2026, 11, 23)),  # a plain weekend
    (D(2027, 5, 4), 1, D(2027, 5, 7)),      # 5 May (every year in the ATW), then Ascension Day on 6 May
])
def test_werkdagen(start, aantal, einde):
    assert werkdagen_na(start, aantal) == einde
    assert is_werkdag(einde)


def test_basis_in_woorden_en_verschuiving_van_kalenderdagen():
    t = termijn(D(2026, 3, 24), 10, "werkdagen", "verzending")
    assert t.einde == D(2026, 4, 8) and t.basis == "10 werkdagen na verzending op 24-03-2026"
    t = termijn(D(2026, 4, 20), 7, "kalenderdagen")
    assert t.einde == D(2026, 4, 28) and "Algemene termijnenwet" in t.basis  # 27 April is King's Day
    assert termijn(D(2026, 11, 2), 30, "kalenderdagen").einde == D(2026, 12, 2)
