"""The nightly check of qualifications: reminders 60/30/7 days before, once; a finding per expired
qualification, once; the boundary day in Europe/Amsterdam."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.models import DeelnemerStatus, Herinnering, RolSoort
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.naleving.models import Constatering

AMS = ZoneInfo("Europe/Amsterdam")
TEST = dt.date(2026, 6, 1)  # valid through 2027-06-01 (NAL-365)
EINDE = dt.date(2027, 6, 1)


def op(dag, uur=12, minuut=0):
    return dt.datetime.combine(dag, dt.time(uur, minuut), tzinfo=AMS)


@pytest.fixture
def deelnemer(maak):
    dienst = maak.gegevensdienst()
    d = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    d.contact_email = "beheer@zorgictnoord.nl"
    d.save()
    maak.gebruiker(Rol.DEELNEMER, deelnemer=d, email="jan@zorgictnoord.nl")
    k = maak.kwalificatie(d, dienst, testdatum=TEST)
    return d, k, dienst


@pytest.mark.parametrize("dagen_over,drempel", [(60, 60), (45, 60), (31, 60), (30, 30), (8, 30), (7, 7), (0, 7)])
def test_herinnering_op_de_juiste_drempel(deelnemer, dagen_over, drempel):
    _, k, _ = deelnemer
    uitkomst = kwalificaties_controleren(moment=op(EINDE - dt.timedelta(days=dagen_over)))
    assert uitkomst.herinneringen == 1
    assert list(Herinnering.objects.values_list("kwalificatie_id", "dagen_voor")) == [(k.pk, drempel)]


def test_geen_herinnering_buiten_de_drempels(deelnemer):
    assert kwalificaties_controleren(moment=op(EINDE - dt.timedelta(days=61))).herinneringen == 0
    assert not mail.outbox


def test_elke_herinnering_gaat_eenmaal(deelnemer):
    for dagen in (60, 59, 45, 30, 29, 7, 6, 1):
        kwalificaties_controleren(moment=op(EINDE - dt.timedelta(days=dagen)))
        kwalificaties_controleren(moment=op(EINDE - dt.timedelta(days=dagen)))
    assert sorted(Herinnering.objects.values_list("dagen_voor", flat=True)) == [7, 30, 60]
    assert len(mail.outbox) == 3
    assert set(mail.outbox[0].to) == {"beheer@zorgictnoord.nl", "jan@zorgictnoord.nl"}
    assert "01-06-2027" in mail.outbox[0].body and "NAL-365" in mail.outbox[0].body


def test_vervangen_kwalificatie_krijgt_geen_herinnering(deelnemer, maak):
    d, _, dienst = deelnemer
    maak.kwalificatie(d, dienst, testdatum=dt.date(2027, 5, 1))  # retested: valid through 2028-04-30
    assert kwalificaties_controleren(moment=op(EINDE - dt.timedelta(days=7))).herinneringen == 0


def test_verlopen_op_de_grensdag_in_amsterdamse_tijd(deelnemer):
    d, k, _ = deelnemer
    laatste_minuut = op(EINDE, 23, 59)
    assert kwalificaties_controleren(moment=laatste_minuut).constateringen == 0
    middernacht = dt.datetime(2027, 6, 1, 22, 0, tzinfo=dt.UTC)  # 00:00 on 2 June in Amsterdam (summer time)
    uitkomst = kwalificaties_controleren(moment=middernacht)
    assert uitkomst.dag == dt.date(2027, 6, 2) and uitkomst.constateringen == 1
    c = Constatering.objects.get()
    assert (c.deelnemer, c.kwalificatie, c.bron, c.datum) == (d, k, "kwalificatie_verlopen", dt.date(2027, 6, 2))
    assert "NAL-365" in c.verplichting and "01-06-2027" in c.omstandigheden


def test_twee_controles_geven_geen_dubbele_constateringen(deelnemer):
    na = op(EINDE + dt.timedelta(days=3))
    assert kwalificaties_controleren(moment=na).constateringen == 1
    assert kwalificaties_controleren(moment=na).constateringen == 0
    assert kwalificaties_controleren(moment=na + dt.timedelta(days=1)).constateringen == 0
    assert Constatering.objects.count() == 1
    assert AuditEvent.objects.filter(actie="kwalificaties.gecontroleerd").count() == 1  # only the run that found


def test_beeindigde_deelnemer_krijgt_niets(deelnemer):
    from tests.stappen import zet_status

    zet_status(deelnemer[0], DeelnemerStatus.BEEINDIGD)
    uitkomst = kwalificaties_controleren(moment=op(EINDE + dt.timedelta(days=3)))
    assert (uitkomst.herinneringen, uitkomst.constateringen) == (0, 0)


def test_commando(deelnemer, capsys):
    call_command("kwalificaties_controleren", "--op", "2027-05-25")
    assert "1 herinneringen, 0 constateringen" in capsys.readouterr().out
