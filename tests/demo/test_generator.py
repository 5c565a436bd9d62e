"""Demo data: deterministic, realistic, valid against the register's own rules."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from stelselbeheer.deelnemers.models import Deelnemer, Kwalificatie
from stelselbeheer.demo.generator import genereer, letterindex, letters
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.identificatie import is_geldige_aanbiedernaam
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, OAuthclient, Systeemrol

PEIL = dt.date(2026, 11, 23)


def _inhoud():
    aanbieders = Aanbieder.objects.order_by("id")
    return (list(aanbieders.values_list("naam", "weergavenaam", "plaats", "dva__organisatie__naam")),
            list(Kwalificatie.objects.order_by("id").values_list("testdatum", "geldig_tot", "resultaat")))


def test_letters_en_letterindex():
    assert letters("Huisartsenpraktijk 't Hoge Veld-Oost") == "huisartsenpraktijkthogeveldoost"
    assert letters("Diëtistenpraktijk Öztürk") == "dietistenpraktijkozturk"
    assert [letterindex(n) for n in (0, 25, 26, 27)] == ["a", "z", "ba", "bb"]


def test_genereert_een_geldig_en_realistisch_register(db):
    uitkomst = genereer(aanbieders=300, seed=7, peildatum=PEIL)
    assert Aanbieder.objects.count() == 300
    assert Deelnemer.objects.count() == 30
    assert all(is_geldige_aanbiedernaam(n) for n in Aanbieder.objects.values_list("naam", flat=True))
    for model in (Organisatie, Aanbieder, AanbiederGegevensdienst, Systeemrol, OAuthclient):
        for obj in model.objects.all()[:50]:
            obj.full_clean()  # every generated row passes the same validators as user input
    diensten_per_aanbieder = AanbiederGegevensdienst.objects.count() / 300
    assert 2 <= diensten_per_aanbieder <= 4
    # a spread of qualification states on the reference date
    geldig = Kwalificatie.objects.geldig_op(PEIL).count()
    bijna = Kwalificatie.objects.geldig_op(PEIL).filter(geldig_tot__lte=PEIL + dt.timedelta(days=60)).count()
    verlopen = Kwalificatie.objects.filter(geldig_tot__lt=PEIL).count()
    assert geldig > 0 and bijna > 0 and verlopen > 0
    assert {r for r in uitkomst.accounts} and Gebruiker.objects.count() == 5
    assert verifieer().in_orde


def _eenmaal(seed):
    with transaction.atomic():
        genereer(aanbieders=100, seed=seed, peildatum=PEIL, accounts=False)
        inhoud = _inhoud()
        transaction.set_rollback(True)
    return inhoud


def test_zelfde_seed_zelfde_register(db):
    assert _eenmaal(11) == _eenmaal(11)
    assert _eenmaal(11) != _eenmaal(12)


def test_weigert_een_gevulde_database(db):
    genereer(aanbieders=5, seed=1, peildatum=PEIL, accounts=False)
    with pytest.raises(CommandError, match="lege database"):
        call_command("demo-data", "--aanbieders", "5")


def test_na_demodata_werken_de_gewone_services(db, maak):
    """Demo rows are inserted with explicit ids; the sequences must be moved past them (PostgreSQL)."""
    genereer(aanbieders=20, seed=3, peildatum=PEIL, accounts=False)
    dva = Deelnemer.objects.filter(rollen__rol="dva", status="actief").first()
    org = maak.organisatie(naam="Nieuwe Zorg B.V.", soort="zorgaanbieder")
    a = maak.aanbieder(dva, naam="nieuwezorgpraktijk@medmij", weergavenaam="Nieuwe Zorgpraktijk")
    assert org.pk > 0 and a.pk > Aanbieder.objects.exclude(pk=a.pk).order_by("-pk").first().pk
