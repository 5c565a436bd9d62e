"""The terms of the model agreement as pure functions (RSO-OPZEG, RSO-OVERMACHT, RSO-AANSPRAKELIJK), table-driven:
one row per case, the weekday and the reasoning in a comment."""

import datetime as dt
from decimal import Decimal

import pytest

from stelselbeheer.regionaal import regels

D = dt.date


@pytest.mark.parametrize("einde,maanden,laatste", [
    # end of year, 3 months: received 1 Oct runs to 1 Jan, so the last day in force is 31 Dec (Thu 1-10-2026)
    (D(2026, 12, 31), 3, D(2026, 10, 1)),
    # 30 May: 31 Feb does not exist, so 28 Feb; 1 Mar would run to 31 May. 28-02-2027 is a Sunday: Fri 26 Feb
    (D(2027, 5, 30), 3, D(2027, 2, 26)),
    # 29 Jun: 31 Mar + 3 months is 30 Jun (June has no 31st), so 31 Mar still ends on 29 Jun (Tue 31-3-2026)
    (D(2026, 6, 29), 3, D(2026, 3, 31)),
    # leap year: 29 Feb 2028 + 3 months = 29 May, ends 28 May (Tue 29-2-2028)
    (D(2028, 5, 28), 3, D(2028, 2, 29)),
    # King's Day: the last day would be Tue 27-4-2027, a holiday without delivery: Mon 26 Apr
    (D(2027, 7, 26), 3, D(2027, 4, 26)),
    # 6 months, Christmas: the last day would be Fri 25-12-2026 (eerste Kerstdag): Thu 24 Dec
    (D(2027, 6, 24), 6, D(2026, 12, 24)),
    # 6 months across the year end, 31 Aug -> 1 Mar (31 Aug + 1 = 1 Sep, minus 6 months), Mon 1-3-2027
    (D(2027, 8, 31), 6, D(2027, 3, 1)),
])
def test_laatste_opzegdag(einde, maanden, laatste):
    uitkomst = regels.laatste_opzegdag(einde, maanden)
    assert uitkomst.dag == laatste
    assert regels.is_werkdag(uitkomst.dag)
    # the day found is in time, and the notice period really ends on or before the wanted end
    assert regels.vroegste_einde(uitkomst.dag, maanden) <= einde


def test_laatste_opzegdag_is_de_laatste():
    """Every later day is too late (the day after, unless that was a non-working day moved back over)."""
    for einde in [D(2026, 12, 31), D(2027, 2, 28), D(2027, 3, 31), D(2028, 2, 29)]:
        for maanden in regels.OPZEGTERMIJNEN:
            dag = regels.laatste_opzegdag(einde, maanden).dag
            volgende = dag + dt.timedelta(days=1)
            while not regels.is_werkdag(volgende) and regels.vroegste_einde(volgende, maanden) <= einde:
                volgende += dt.timedelta(days=1)
            assert regels.vroegste_einde(volgende, maanden) > einde or not regels.is_werkdag(volgende)


def test_basis_noemt_de_verschuiving():
    assert "feestdag" in regels.laatste_opzegdag(D(2027, 7, 26), 3).basis
    assert "weekenddag" in regels.laatste_opzegdag(D(2027, 5, 30), 3).basis


def test_opzegtermijn_is_3_of_6_maanden():
    with pytest.raises(ValueError):
        regels.laatste_opzegdag(D(2026, 12, 31), 4)


@pytest.mark.parametrize("ontstaan,einde", [
    # plain: Mon 2-3-2026 + 15 working days = three weeks later, Mon 23-3
    (D(2026, 3, 2), D(2026, 3, 23)),
    # Fri 1-5-2026: 5 May (Bevrijdingsdag), Ascension (Thu 14-5) and Whit Monday (25-5) are skipped: Wed 27-5
    (D(2026, 5, 1), D(2026, 5, 27)),
    # Tue 15-12-2026 across the year end: both Christmas days (25th a Friday, 26th a Saturday) and New Year's Day
    # skipped: Thu 7-1-2027
    (D(2026, 12, 15), D(2027, 1, 7)),
    # Mon 20-4-2026: King's Day (Mon 27-4) and 5 May skipped, across the month end, Ascension (14-5) just after:
    # Wed 13-5
    (D(2026, 4, 20), D(2026, 5, 13)),
])
def test_overmacht_ontbinding_na_15_werkdagen(ontstaan, einde):
    uitkomst = regels.overmacht_ontbinding(ontstaan)
    assert uitkomst.termijn_einde == einde
    assert uitkomst.ontbinding_vanaf == einde + dt.timedelta(days=1)
    # exactly 15 working days lie after the start up to and including the end
    dagen = [ontstaan + dt.timedelta(days=i) for i in range(1, (einde - ontstaan).days + 1)]
    assert sum(regels.is_werkdag(d) for d in dagen) == regels.OVERMACHT_WERKDAGEN


def test_aansprakelijkheid_verzekeraar_keert_uit():
    limiet = regels.aansprakelijkheidslimiet(uitkering_verzekeraar=Decimal("40000"),
                                             betalingen_12_maanden=Decimal("3000"))
    assert limiet.bedrag == Decimal("40000") and "verzekeraar" in limiet.grond


def test_aansprakelijkheid_betalingen_12_maanden():
    limiet = regels.aansprakelijkheidslimiet(uitkering_verzekeraar=None, betalingen_12_maanden=Decimal("7500.50"))
    assert limiet.bedrag == Decimal("7500.50")


def test_aansprakelijkheid_ten_hoogste_25000():
    limiet = regels.aansprakelijkheidslimiet(uitkering_verzekeraar=Decimal("0"),
                                             betalingen_12_maanden=Decimal("31000"))
    assert limiet.bedrag == regels.MAXIMUM_AANSPRAKELIJKHEID == Decimal("25000.00")


def test_aansprakelijkheid_onbeperkt_bij_opzet():
    limiet = regels.aansprakelijkheidslimiet(uitkering_verzekeraar=Decimal("40000"),
                                             betalingen_12_maanden=Decimal("1"), opzet_of_bewuste_roekeloosheid=True)
    assert limiet.bedrag is None


def test_geschillen_eerst_mediation_dan_rechtbank_rotterdam_nederlands_recht():
    assert "mediator" in regels.GESCHILLENREGELING[0]
    assert "Rechtbank Rotterdam" in regels.GESCHILLENREGELING[1]
    assert "Nederlands recht" in regels.GESCHILLENREGELING[2]


@pytest.mark.parametrize("niveau,aantal,te_weinig", [
    ("strategisch", 0, True), ("strategisch", 1, False), ("tactisch", 3, True), ("tactisch", 4, False),
    ("operationeel", 2, True),
])
def test_frequentie(niveau, aantal, te_weinig):
    assert regels.onder_frequentie(niveau, aantal) is te_weinig
