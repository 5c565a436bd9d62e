"""ADO-MOMENTOPNAME: one snapshot per day, kept as history; a second run the same day replaces that day's figures."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from stelselbeheer.adoptie.models import Adoptiestand, Momentopname
from stelselbeheer.adoptie.services import momentopname_maken
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.register import services as reg_services


@pytest.fixture
def opzet(register, maak, wereld):
    dva = register.leverancier("Zorgsystemen Noord B.V.")
    maak.kwalificatie(dva, wereld["dienst"])
    aanbieders = [register.aanbieder(dva, diensten=[wereld["dienst"]]) for _ in range(3)]
    producten = [register.product("medicatie", diensten=[wereld["dienst"]]), register.product("kader")]
    register.publiceer_zal()
    return {"aanbieders": aanbieders, "producten": producten}


def test_twee_keer_op_een_dag_is_een_momentopname(opzet, register):
    eerste = momentopname_maken()
    tweede = momentopname_maken()
    assert Momentopname.objects.count() == 1 and eerste.pk == tweede.pk
    assert Adoptiestand.objects.count() == 2
    assert AuditEvent.objects.filter(actie="adoptie.momentopname").count() == 2


def test_de_tweede_run_van_de_dag_toont_de_nieuwste_stand(opzet, register):
    momentopname_maken()
    a = opzet["aanbieders"][0]
    reg_services.aanbieder_dienst_verwijderen(actor=None, dienst=a.diensten.get())
    register.publiceer_zal(goedgekeurd={a.naam})
    momentopname_maken()
    stand = Adoptiestand.objects.get(product__code="medicatie")
    assert (stand.aanbieders_live, stand.aanbieders_totaal) == (2, 3)
    assert stand.momentopname.zal_volgnummer == 2


def test_geschiedenis_blijft_per_dag(opzet):
    gisteren = dt.date.today() - dt.timedelta(days=1)
    momentopname_maken(datum=gisteren)
    call_command("adoptie_momentopname", stdout=io.StringIO())
    assert list(Momentopname.objects.order_by("datum").values_list("datum", flat=True))[0] == gisteren
    assert Momentopname.objects.count() == 2
    assert Adoptiestand.objects.filter(product__code="medicatie").count() == 2
