"""The audit trail: every service writes an event; the hash chain detects a changed, removed or inserted event."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from stelselbeheer.kern import audit
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.organisaties import services as org_services
from stelselbeheer.organisaties.models import Soort


def _keten(maak, n=5):
    for i in range(n):
        maak.organisatie(naam=f"Organisatie {i}", soort=Soort.SECTORORGANISATIE)


def _sql(sql, params=()):
    with connection.cursor() as c:
        c.execute(sql, params)


def test_keten_in_orde(maak):
    _keten(maak)
    uitkomst = audit.verifieer()
    assert uitkomst.in_orde, uitkomst.melding
    assert uitkomst.aantal == AuditEvent.objects.count() == 5
    nummers = list(AuditEvent.objects.order_by("volgnummer").values_list("volgnummer", flat=True))
    assert nummers == [1, 2, 3, 4, 5]


def test_gewijzigd_event_wordt_gevonden(maak):
    _keten(maak)
    _sql("UPDATE kern_auditevent SET reden = %s WHERE volgnummer = 3", ["achteraf aangepast"])
    uitkomst = audit.verifieer()
    assert not uitkomst.in_orde
    assert uitkomst.eerste_fout == 3
    assert "gewijzigd" in uitkomst.melding


def test_gewijzigde_inhoud_met_herberekende_hash_breekt_de_volgende_schakel(maak):
    _keten(maak)
    e = AuditEvent.objects.get(volgnummer=2)
    e.na = {"naam": "vervalst"}
    nieuwe_hash = audit.bereken_hash(e.vorige_hash, e)
    _sql("UPDATE kern_auditevent SET na = %s, hash = %s WHERE volgnummer = 2", ['{"naam": "vervalst"}', nieuwe_hash])
    uitkomst = audit.verifieer()
    assert not uitkomst.in_orde and uitkomst.eerste_fout == 3


def test_verwijderd_event_wordt_gevonden(maak):
    _keten(maak)
    _sql("DELETE FROM kern_auditevent WHERE volgnummer = 2")
    uitkomst = audit.verifieer()
    assert not uitkomst.in_orde
    assert uitkomst.eerste_fout == 2
    assert "ontbreekt" in uitkomst.melding


def test_verwijderd_laatste_event_wordt_gevonden(maak):
    _keten(maak)
    _sql("DELETE FROM kern_auditevent WHERE volgnummer = 5")
    uitkomst = audit.verifieer()
    assert not uitkomst.in_orde and uitkomst.eerste_fout == 5


def test_events_zijn_onveranderlijk_via_de_orm(maak):
    _keten(maak, 1)
    e = AuditEvent.objects.get()
    with pytest.raises(TypeError):
        e.save()
    with pytest.raises(TypeError):
        e.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(reden="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


def test_vastleggen_buiten_transactie_wordt_geweigerd(transactional_db):
    with pytest.raises(RuntimeError):
        audit.vastleggen(actor=None, actie="x", object_type="t", object_id="1")


def test_wijziging_legt_voor_en_na_vast(maak):
    org = maak.organisatie(naam="Oude Naam B.V.")
    org_services.organisatie_wijzigen(actor=None, organisatie=org, wijzigingen={"naam": "Nieuwe Naam B.V."},
                                      reden="naamswijziging KvK")
    e = AuditEvent.objects.order_by("-volgnummer").first()
    assert e.actie == "organisatie.gewijzigd"
    assert e.voor == {"naam": "Oude Naam B.V."} and e.na == {"naam": "Nieuwe Naam B.V."}
    assert e.reden == "naamswijziging KvK"


def test_wijziging_zonder_verschil_schrijft_niets(maak):
    org = maak.organisatie(naam="Gelijk B.V.")
    aantal = AuditEvent.objects.count()
    org_services.organisatie_wijzigen(actor=None, organisatie=org, wijzigingen={"naam": "Gelijk B.V."})
    assert AuditEvent.objects.count() == aantal


def test_commando_audit_verify(maak, capsys):
    _keten(maak, 2)
    call_command("audit", "verify")
    assert "in orde" in capsys.readouterr().out
    _sql("UPDATE kern_auditevent SET actie = 'x' WHERE volgnummer = 1")
    with pytest.raises(CommandError, match="Event 1"):
        call_command("audit", "verify")


def test_elke_service_schrijft_een_event(wereld):
    """The fixture builds its world through services only: every object it made has an event."""
    typen = set(AuditEvent.objects.values_list("object_type", flat=True))
    for verwacht in ["organisaties.organisatie", "deelnemers.deelnemer", "deelnemers.deelnemerrol",
                     "deelnemers.kwalificatie", "register.gegevensdienst", "register.aanbieder",
                     "register.aanbiedergegevensdienst", "register.oauthclient", "kern.gebruiker"]:
        assert verwacht in typen
    assert audit.verifieer().in_orde
