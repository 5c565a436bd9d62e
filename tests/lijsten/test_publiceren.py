"""Publication: gap-free Volgnummers, diffs, never a bad or half-written list (LST-XSD, LST-VOLG)."""

import threading

import pytest
from django.db import connection

from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten import services
from stelselbeheer.lijsten.bouwers import Bouw, geheel
from stelselbeheer.lijsten.models import Lijst, LijstKop, MislukteBouw, Snapshot
from stelselbeheer.lijsten.services import PublicatieMislukt, alle_lijsten_publiceren, lijst_publiceren
from tests.stappen import opschorten

from .conftest import MOMENT


def test_volgnummers_en_verschil(register):
    eerste = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert (eerste.volgnummer, eerste.aantal) == (1, 2)
    assert eerste.toegevoegd == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"]
    opschorten(register["dva"])
    tweede = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert tweede.volgnummer == 2 and tweede.aantal == 0
    assert tweede.verwijderd == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"] and tweede.toegevoegd == []
    assert b"<Volgnummer>2</Volgnummer>" in bytes(tweede.inhoud)
    assert AuditEvent.objects.filter(actie="lijst.gepubliceerd").count() == 2
    assert verifieer().in_orde


def test_gewijzigde_entry(register):
    from stelselbeheer.register import services as reg

    lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=register["aanbieder"], gegevensdienst=register["dienst"],
                                   authorization_endpoint="https://auth.nieuw.nl/a", token_endpoint="https://api.nieuw.nl/t",
                                   systeemrollen={"MED": "https://fhir.nieuw.nl/m"})
    s = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert s.gewijzigd == ["huisartsdelinde@medmij"] and s.toegevoegd == s.verwijderd == []


def test_alleen_bij_wijziging(register):
    alle_lijsten_publiceren(actor=None)
    assert set(alle_lijsten_publiceren(actor=None, alleen_bij_wijziging=True).values()) == {None}
    assert Snapshot.objects.count() == len(Lijst.values)


def test_snapshots_zijn_onveranderlijk(register):
    s = lijst_publiceren(actor=None, lijst="gnl", moment=MOMENT)
    with pytest.raises(TypeError):
        s.save()
    with pytest.raises(TypeError):
        Snapshot.objects.all().delete()
    with pytest.raises(TypeError):
        Snapshot.objects.update(aantal=0)


def test_ongeldige_lijst_wordt_niet_gepubliceerd(register, monkeypatch):
    vorige = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    kapot = Bouw("zal", vorige.entries, geheel(lambda v, t: b"<Zorgaanbiederslijst>kapot</Zorgaanbiederslijst>"))
    monkeypatch.setattr(services, "bouwers", lambda: {"zal": lambda moment: kapot})
    with pytest.raises(PublicatieMislukt):
        lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert Snapshot.objects.filter(lijst="zal").count() == 1
    assert LijstKop.objects.get(lijst="zal").volgnummer == vorige.volgnummer
    fout = MislukteBouw.objects.get()
    assert "XSD-validatie mislukt" in fout.fout
    assert AuditEvent.objects.filter(actie="lijst.publicatie_mislukt").count() == 1


def test_mislukte_bouw_laat_vorige_staan(register, monkeypatch):
    lijst_publiceren(actor=None, lijst="ocl", moment=MOMENT)

    def stuk(moment):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "bouwers", lambda: {"ocl": stuk})
    with pytest.raises(PublicatieMislukt):
        lijst_publiceren(actor=None, lijst="ocl", moment=MOMENT)
    assert Snapshot.objects.filter(lijst="ocl").count() == 1
    assert "database weg" in MislukteBouw.objects.get().fout


def test_onderbroken_publicatie_laat_vorige_versie_heel(register, monkeypatch, client):
    """A process dying after the snapshot row was written but before commit: nothing of it remains."""
    vorige = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    echt = services.vastleggen

    def sterf(**kwargs):
        if kwargs.get("actie") == "lijst.gepubliceerd":
            raise SystemExit("proces gestopt")
        return echt(**kwargs)

    monkeypatch.setattr(services, "vastleggen", sterf)
    with pytest.raises(SystemExit):
        lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert list(Snapshot.objects.filter(lijst="zal").values_list("volgnummer", flat=True)) == [1]
    assert LijstKop.objects.get(lijst="zal").volgnummer == 1
    r = client.get("/lijsten/zal.xml")
    assert r.status_code == 200 and r["ETag"] == f'"{vorige.sha256}"' and r.content == bytes(vorige.inhoud)


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_publicaties_geven_volgnummers_zonder_gaten(maak):
    maak.gegevensdienst()
    barriere = threading.Barrier(2)
    fouten = []

    def publiceer():
        try:
            barriere.wait(5)
            for _ in range(3):
                lijst_publiceren(actor=None, lijst="gnl")
        except Exception as e:  # noqa: BLE001
            fouten.append(e)
        finally:
            connection.close()

    draden = [threading.Thread(target=publiceer) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    assert not fouten, fouten
    assert sorted(Snapshot.objects.filter(lijst="gnl").values_list("volgnummer", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert LijstKop.objects.get(lijst="gnl").volgnummer == 6
    assert verifieer().in_orde
