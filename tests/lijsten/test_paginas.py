"""Staff pages of the lists: overview with alerts, publish button, history with diff, the "why" lookup."""

import datetime as dt

from stelselbeheer.lijsten.models import Lijst, MislukteBouw, Snapshot
from stelselbeheer.lijsten.services import lijst_publiceren
from tests.stappen import opschorten


def test_publiceren_via_de_knop(client, register):
    client.force_login(register["gebruikers"]["uitvoering"])
    r = client.post("/beheer/lijsten/", {"reden": "eerste publicatie"}, follow=True)
    assert "Gepubliceerd:" in r.content.decode()
    assert Snapshot.objects.count() == len(Lijst.values)
    assert set(Snapshot.objects.values_list("trigger", "omschrijving", "door__username")) == {
        ("medewerker", "eerste publicatie", "medewerker")}
    tekst = client.get("/beheer/lijsten/").content.decode()
    assert "Actueel" in tekst and "Nog niet gepubliceerd" not in tekst


def test_overzicht_toont_mislukte_publicatie(client, register):
    MislukteBouw.objects.create(lijst="zal", trigger="schema", fout="XSD-validatie mislukt: regel 3")
    client.force_login(register["gebruikers"]["bestuur"])
    tekst = client.get("/beheer/lijsten/").content.decode()
    assert "Mislukte publicaties (1)" in tekst and "XSD-validatie mislukt: regel 3" in tekst
    assert "Alle lijsten nu publiceren" not in tekst  # the board reads, staff publish


def test_geschiedenis_en_verschil(client, register):
    lijst_publiceren(actor=None, lijst="zal")
    opschorten(register["dva"])
    lijst_publiceren(actor=None, lijst="zal")
    client.force_login(register["gebruikers"]["auditor"])
    tekst = client.get("/beheer/lijsten/zal/").content.decode()
    assert "2 publicaties" in tekst
    tekst = client.get("/beheer/lijsten/zal/2/").content.decode()
    assert "Verwijderd (2 entries)" in tekst and "huisartsdelinde@medmij" in tekst
    assert client.get("/beheer/lijsten/zal/9/").status_code == 404
    assert client.get("/beheer/lijsten/xyz/").status_code == 404


def test_waarom_nu_en_op_een_eerder_moment(client, register):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    twee_uur_terug = timezone.now() - dt.timedelta(hours=2)
    lijst_publiceren(actor=None, lijst="zal", moment=twee_uur_terug)
    opschorten(register["dva"])
    lijst_publiceren(actor=None, lijst="zal")
    client.force_login(register["gebruikers"]["uitvoering"])
    vraag = {"lijst": "zal", "sleutel": "huisartsdelinde@medmij"}
    tekst = client.get("/beheer/lijsten/waarom/", vraag).content.decode()
    assert "voldoet <strong>niet</strong>" in tekst and "LST-ZAL-1" in tekst and "Opgeschort" in tekst
    assert "versie <a" in tekst and "#2</a>" in tekst and "stond daar <strong>niet</strong> op" in tekst
    toen = (twee_uur_terug + dt.timedelta(minutes=30)).astimezone(ZoneInfo("Europe/Amsterdam"))
    tekst = client.get("/beheer/lijsten/waarom/", {"lijst": "zal", "sleutel": "huisartsdelinde@medmij",
                                                   "op": toen.strftime("%Y-%m-%dT%H:%M")}).content.decode()
    assert "#1</a>" in tekst and "stond daar <strong>wel</strong> op" in tekst
