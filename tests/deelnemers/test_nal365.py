"""NAL-365: test results are valid at most 365 days; validity ends at midnight Europe/Amsterdam."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.deelnemers import rules
from stelselbeheer.deelnemers.models import Kwalificatie, RolSoort, Testresultaat
from stelselbeheer.kern.models import AuditEvent

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC


def test_uiterste_geldig_tot_is_365_dagen():
    assert rules.uiterste_geldig_tot(dt.date(2026, 1, 1)) == dt.date(2027, 1, 1)
    assert rules.uiterste_geldig_tot(dt.date(2027, 3, 1)) == dt.date(2028, 2, 29)  # leap year: still 365 days


@pytest.mark.parametrize("geldig_tot,toegestaan", [
    (dt.date(2026, 1, 1), True),     # same day
    (dt.date(2027, 1, 1), True),     # day 365
    (dt.date(2027, 1, 2), False),    # day 366
    (dt.date(2025, 12, 31), False),  # before the test date
])
def test_geldigheid_toegestaan(geldig_tot, toegestaan):
    assert rules.geldigheid_toegestaan(dt.date(2026, 1, 1), geldig_tot) is toegestaan


def test_geldig_tot_en_met_middernacht_amsterdam():
    kw = dict(geslaagd=True, testdatum=dt.date(2025, 11, 23), geldig_tot=dt.date(2026, 11, 23))
    # 23:59:59 in Amsterdam on the last day is 22:59:59 UTC (winter time): still valid
    assert rules.is_geldig_op(**kw, moment=dt.datetime(2026, 11, 23, 22, 59, 59, tzinfo=UTC))
    # midnight in Amsterdam is 23:00 UTC the same calendar day in UTC: no longer valid
    assert not rules.is_geldig_op(**kw, moment=dt.datetime(2026, 11, 23, 23, 0, 0, tzinfo=UTC))
    assert not rules.is_geldig_op(**kw, moment=dt.datetime(2026, 11, 24, 0, 0, tzinfo=AMS))


def test_zomertijd_grens():
    kw = dict(geslaagd=True, testdatum=dt.date(2025, 7, 1), geldig_tot=dt.date(2026, 7, 1))
    assert rules.is_geldig_op(**kw, moment=dt.datetime(2026, 7, 1, 21, 59, tzinfo=UTC))   # 23:59 CEST
    assert not rules.is_geldig_op(**kw, moment=dt.datetime(2026, 7, 1, 22, 0, tzinfo=UTC))  # 00:00 CEST


def test_niet_geslaagd_is_nooit_geldig():
    assert not rules.is_geldig_op(geslaagd=False, testdatum=dt.date(2026, 1, 1), geldig_tot=dt.date(2026, 12, 1),
                                  moment=dt.date(2026, 6, 1))


def test_naief_moment_wordt_geweigerd():
    with pytest.raises(ValueError):
        rules.datum_in_amsterdam(dt.datetime(2026, 1, 1, 12, 0))


def test_service_zet_standaard_365_dagen(maak):
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer()
    k = maak.kwalificatie(dva, dienst, testdatum=dt.date(2026, 2, 1))
    assert k.geldig_tot == dt.date(2027, 2, 1)
    assert AuditEvent.objects.filter(actie="kwalificatie.vastgelegd", object_id=str(k.pk)).count() == 1


def test_service_weigert_366_dagen_en_schrijft_niets(maak):
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        maak.kwalificatie(dva, dienst, testdatum=dt.date(2026, 2, 1), geldig_tot=dt.date(2027, 2, 2))
    assert "geldig_tot" in fout.value.message_dict
    assert "NAL-365" in fout.value.message_dict["geldig_tot"][0]
    assert Kwalificatie.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_service_eist_de_rol(maak):
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer(rollen=[RolSoort.DVA])
    with pytest.raises(ValidationError) as fout:
        maak.kwalificatie(dva, dienst, rol=RolSoort.DVP)
    assert "rol" in fout.value.message_dict


def test_queryset_geldig_op_volgt_dezelfde_regel(maak):
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer()
    geldig = maak.kwalificatie(dva, dienst, testdatum=dt.date(2025, 11, 23))  # t/m 2026-11-23
    maak.kwalificatie(dva, dienst, testdatum=dt.date(2026, 1, 5), resultaat=Testresultaat.NIET_GESLAAGD)
    laatste_seconde = dt.datetime(2026, 11, 23, 23, 59, 59, tzinfo=AMS)
    middernacht = dt.datetime(2026, 11, 24, 0, 0, tzinfo=AMS)
    assert list(Kwalificatie.objects.geldig_op(laatste_seconde)) == [geldig]
    assert list(Kwalificatie.objects.geldig_op(middernacht)) == []
    assert geldig.is_geldig_op(laatste_seconde) and not geldig.is_geldig_op(middernacht)
