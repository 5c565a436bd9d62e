"""LST-TERUG: re-publish an earlier snapshot's content as a new Volgnummer, with a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from lxml import etree

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten.models import Snapshot
from stelselbeheer.lijsten.services import lijst_publiceren, lijst_terugdraaien
from tests.stappen import opschorten


@pytest.fixture
def twee_versies(register):
    eerste = lijst_publiceren(actor=None, lijst="zal")
    opschorten(register["dva"])
    tweede = lijst_publiceren(actor=None, lijst="zal")
    return eerste, tweede


def test_terugdraaien_publiceert_oude_inhoud_als_nieuwe_versie(twee_versies, client):
    eerste, _ = twee_versies
    derde = lijst_terugdraaien(actor=None, lijst="zal", volgnummer=1, reden="onterecht verwijderd")
    assert derde.volgnummer == 3 and derde.entries == eerste.entries
    assert derde.toegevoegd == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"]
    doc = etree.fromstring(bytes(derde.inhoud))
    ns = etree.QName(doc).namespace
    assert doc.find(f"{{{ns}}}Volgnummer").text == "3"
    oud = etree.fromstring(bytes(eerste.inhoud))
    assert etree.tostring(doc.find(f"{{{ns}}}Zorgaanbieders")) == etree.tostring(oud.find(f"{{{ns}}}Zorgaanbieders"))
    assert derde.trigger == "terugdraaien" and "onterecht verwijderd" in derde.omschrijving
    assert AuditEvent.objects.filter(actie="lijst.teruggedraaid").count() == 1
    r = client.get("/lijsten/zal.xml")
    assert r["X-Volgnummer"] == "3" and r.content == bytes(derde.inhoud)


@pytest.mark.parametrize("volgnummer,reden,veld", [(1, " ", "reden"), (9, "x", "volgnummer"), (2, "x", "volgnummer")])
def test_terugdraaien_weigert(twee_versies, volgnummer, reden, veld):
    with pytest.raises(ValidationError) as fout:
        lijst_terugdraaien(actor=None, lijst="zal", volgnummer=volgnummer, reden=reden)
    assert veld in fout.value.message_dict
    assert Snapshot.objects.filter(lijst="zal").count() == 2


def test_terugdraaien_via_pagina_en_commando(twee_versies, client, register, capsys):
    client.force_login(register["gebruikers"]["uitvoering"])
    r = client.post("/beheer/lijsten/zal/1/", {"reden": ""})
    assert r.status_code == 422 and "Geef de reden" in r.content.decode()
    r = client.post("/beheer/lijsten/zal/1/", {"reden": "storing bij DVA"})
    assert r.status_code == 302 and r["Location"] == "/beheer/lijsten/zal/3/"
    call_command("lijsten", "terugdraaien", "zal", "2", "--reden", "toch opgeschort")
    assert "gepubliceerd als 4" in capsys.readouterr().out
    client.force_login(register["gebruikers"]["bestuur"])
    assert client.post("/beheer/lijsten/zal/1/", {"reden": "x"}).status_code == 403
    assert Snapshot.objects.filter(lijst="zal").count() == 4
