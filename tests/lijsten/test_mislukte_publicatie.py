"""One bad entry never stops the other lists (LST-APART), and a failed publication is recorded, shown and
alerted (LST-ALARM): e-mail to staff, and the health endpoint answers 503 until the list publishes again.

The bad values are written straight into the database, past the validators, as data from before REG-XMLTEKEN
would be."""

import io
import logging
import re

import pytest
from django.core.management import CommandError, call_command

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.lijsten import services
from stelselbeheer.lijsten.models import Foutsoort, MislukteBouw, Publicatievoorstel, Snapshot, VoorstelStatus
from stelselbeheer.lijsten.services import PublicatieMislukt, alle_lijsten_publiceren, lijst_publiceren
from stelselbeheer.lijsten.tasks import publiceer_na_wijziging
from stelselbeheer.register import services as reg
from stelselbeheer.register.models import AanbiederGegevensdienst, OAuthclient, Systeemrol


@pytest.fixture
def gepubliceerd(register, maak):
    """Every list published once; staff with and without an e-mail address, and a board member with one."""
    maak.gebruiker(Rol.UITVOERING, "medewerker-met-mail", email="lijsten@beheer.example")
    maak.gebruiker(Rol.UITVOERING, "medewerker-zonder-mail")
    maak.gebruiker(Rol.BESTUUR, "bestuur-met-mail", email="bestuur@beheer.example")
    alle_lijsten_publiceren(actor=None)
    return register


def _bederf_systeemrol(code="MED-FHIR-SERVER\x01"):
    Systeemrol.objects.filter(dienst__aanbieder__naam="apotheekcentrum@medmij").update(code=code)


@pytest.mark.parametrize("bederf,fout", [
    (_bederf_systeemrol, "PCDATA invalid Char value 1"),
    (lambda: AanbiederGegevensdienst.objects.filter(aanbieder__naam="apotheekcentrum@medmij").update(
        token_endpoint="https://api.centrum.nl/tok\ufffeen"), "PCDATA invalid Char value 65534"),
])
def test_lst_apart_een_kapotte_zal_houdt_de_andere_lijsten_niet_tegen(gepubliceerd, bederf, fout, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    """LST-APART: the ZAL fails on one bad entry; GNL, OCL and whitelist still publish, in the same run."""
    bederf()
    with django_capture_on_commit_callbacks(execute=True):
        uitkomst = alle_lijsten_publiceren(actor=None)
    assert isinstance(uitkomst["zal"], MislukteBouw)
    assert {k: s.volgnummer for k, s in uitkomst.items() if isinstance(s, Snapshot)} == {
        "gnl": 2, "ocl": 2, "whitelist": 2, "zakl": 2}
    assert Snapshot.objects.filter(lijst="zal").count() == 1  # the previous ZAL stays live
    bouw = MislukteBouw.objects.get()
    assert bouw.lijst == "zal" and bouw.soort == Foutsoort.XSD and not bouw.afgehandeld
    assert re.search(fout, bouw.fout), bouw.fout
    assert AuditEvent.objects.filter(actie="lijst.publicatie_mislukt").count() == 1
    assert len(mailoutbox) == 1  # LST-ALARM


def test_lst_alarm_mail_aan_medewerkers_eenmaal_per_storing(gepubliceerd, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    """LST-ALARM: staff (uitvoering) with an e-mail address get one mail when a list starts failing, after the
    commit; further failures of the same list add no mail until it publishes again."""
    _bederf_systeemrol()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alle_lijsten_publiceren(actor=None)
        assert mailoutbox == []  # nothing before the commit
    assert callbacks
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lijsten@beheer.example"]
    assert "ZAL" in mail.subject and "mislukt" in mail.subject
    assert "PCDATA invalid Char value 1" in mail.body and "/beheer/lijsten/" in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        alle_lijsten_publiceren(actor=None)
    assert len(mailoutbox) == 1 and MislukteBouw.objects.filter(afgehandeld=False).count() == 2
    _bederf_systeemrol("MED-FHIR-SERVER")  # repaired: the next publication resolves the failure
    with django_capture_on_commit_callbacks(execute=True):
        assert isinstance(lijst_publiceren(actor=None, lijst="zal"), Snapshot)
    assert not MislukteBouw.objects.filter(afgehandeld=False).exists()
    _bederf_systeemrol()  # a new outage gets a new mail
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PublicatieMislukt):
        lijst_publiceren(actor=None, lijst="zal")
    assert len(mailoutbox) == 2


def test_lst_alarm_mislukte_mail_wordt_gelogd_niet_opgegooid(gepubliceerd, monkeypatch, caplog,
                                                              django_capture_on_commit_callbacks):
    def kapotte_server(*args, **kwargs):
        raise ConnectionRefusedError("mailserver weg")

    monkeypatch.setattr(services, "send_mass_mail", kapotte_server)
    _bederf_systeemrol()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        uitkomst = alle_lijsten_publiceren(actor=None)
    assert isinstance(uitkomst["zal"], MislukteBouw) and isinstance(uitkomst["ocl"], Snapshot)
    assert "mailserver weg" in caplog.text


def test_lst_alarm_gezondheid_meldt_de_mislukte_lijst(client, gepubliceerd):
    """LST-ALARM: /lijsten/gezondheid.json is 503 while the latest attempt of a list failed and no later
    publication of it succeeded; it names the list and the kind of failure (the details are for staff)."""
    assert client.get("/lijsten/gezondheid.json").status_code == 200
    _bederf_systeemrol()
    alle_lijsten_publiceren(actor=None)
    r = client.get("/lijsten/gezondheid.json")
    assert r.status_code == 503 and r.json()["status"] == "DOWN"
    zal = r.json()["lijsten"]["zal"]
    assert zal["status"] == "MISLUKT" and zal["volgnummer"] == 1
    assert zal["mislukt"]["reden"] == "XSD-validatie mislukt" and zal["mislukt"]["pogingen"] == 1
    assert "PCDATA" not in r.content.decode()  # the error text itself stays on the staff page
    assert {k: v["status"] for k, v in r.json()["lijsten"].items() if k != "zal"} == {
        "gnl": "UP", "ocl": "UP", "whitelist": "UP", "zakl": "UP"}
    _bederf_systeemrol("MED-FHIR-SERVER")
    alle_lijsten_publiceren(actor=None, alleen_bij_wijziging=True)
    assert client.get("/lijsten/gezondheid.json").status_code == 200


def test_lst_apart_ook_een_fout_bij_het_schrijven_wordt_vastgelegd(gepubliceerd):
    """lxml refuses a control character while writing the OCL: recorded like any failure, the rest publishes."""
    OAuthclient.objects.update(organisatienaam="Mijn Gezondheid\x02")
    uitkomst = alle_lijsten_publiceren(actor=None)
    assert isinstance(uitkomst["ocl"], MislukteBouw) and uitkomst["ocl"].soort == Foutsoort.OVERIG
    assert isinstance(uitkomst["zal"], Snapshot) and isinstance(uitkomst["whitelist"], Snapshot)
    assert "XML compatible" in MislukteBouw.objects.get(lijst="ocl").fout


def test_lst_apart_beheerpagina_toont_per_lijst_wat_gebeurde(client, gepubliceerd):
    _bederf_systeemrol()
    client.force_login(gepubliceerd["gebruikers"]["uitvoering"])
    r = client.post("/beheer/lijsten/", {"reden": "handmatig"}, follow=True)
    tekst = r.content.decode()
    assert "Gepubliceerd: Gegevensdienstnamenlijst (GNL) #2, OAuthclientlist (OCL) #2, Whitelist #2" in tekst
    assert "Aanbiederslijst (ZAL): publicatie mislukt" in tekst and "PCDATA invalid Char value 1" in tekst
    assert "Mislukte publicaties (1)" in tekst and "Publicatie mislukt" in tekst


def test_lst_apart_opdrachtregel_publiceert_de_rest_en_eindigt_met_een_fout(gepubliceerd):
    _bederf_systeemrol()
    uit, fouten = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="zal"):
        call_command("lijsten", "publiceer", stdout=uit, stderr=fouten)
    assert "ocl: volgnummer 2" in uit.getvalue() and "whitelist: volgnummer 2" in uit.getvalue()
    assert "zal: MISLUKT" in fouten.getvalue()


def test_lst_apart_de_achtergrondtaak_publiceert_de_rest(gepubliceerd, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _bederf_systeemrol()
    OAuthclient.objects.update(organisatienaam="Mijn Gezondheid PGO")
    uitkomst = publiceer_na_wijziging.call()
    assert uitkomst["ocl"] == 2 and uitkomst["zal"] == "mislukt"


def test_lst_apart_goedkeuren_van_een_voorstel_dat_mislukt(client, gepubliceerd):
    """Approving a held-back publication whose build then fails: the failure is recorded (not rolled back with
    the approval), shown on the proposal page, and the proposal stays open."""
    reg.aanbieder_dienst_verwijderen(actor=None, dienst=AanbiederGegevensdienst.objects.get(
        aanbieder__naam="huisartsdelinde@medmij"))
    voorstel = lijst_publiceren(actor=None, lijst="zal")
    assert isinstance(voorstel, Publicatievoorstel)
    _bederf_systeemrol()
    client.force_login(gepubliceerd["gebruikers"]["uitvoering"])
    r = client.post(f"/beheer/lijsten/voorstellen/{voorstel.pk}/", {"besluit": "goedkeuren", "motivering": "ok"},
                    follow=True)
    assert r.status_code == 200 and "Publicatie mislukt" in r.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.WACHT
    assert MislukteBouw.objects.filter(lijst="zal", afgehandeld=False).count() == 1
