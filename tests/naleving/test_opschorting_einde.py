"""NAL-OPSCHORTING-EINDE and NAL-OPSCHORTING-PAD: a suspension records its planned end (and its scope); the
nightly check surfaces a suspension past that end as a staff task (lift or extend), once; extending rests on a new
public decision. The plain workflow steps of suspension go through the compliance service, never around it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.models import DeelnemerStatus, Statuswijziging
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.naleving import opschorting
from stelselbeheer.naleving.models import Opschorting
from tests.stappen import besluit

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = vandaag()


def _om(dag):
    """The nightly check at 02:00 Amsterdam time on ``dag``."""
    return dt.datetime.combine(dag, dt.time(2), tzinfo=AMS)


def _opschorten(wereld, niveau=3, **kw):
    kw.setdefault("besluit", besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    return opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=niveau, **kw)


def test_nal_opschorting_einde_gepland_tot_en_scope(wereld):
    with pytest.raises(ValidationError) as fout:
        _opschorten(wereld, niveau=3)
    assert "gepland_tot" in fout.value.message_dict and not Opschorting.objects.exists()
    for ongeldig in (VANDAAG, VANDAAG - dt.timedelta(days=3), VANDAAG + dt.timedelta(days=400)):
        with pytest.raises(ValidationError) as fout:
            _opschorten(wereld, niveau=3, gepland_tot=ongeldig)
        assert list(fout.value.message_dict) == ["gepland_tot"]
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF and not Opschorting.objects.exists()
    een = _opschorten(wereld, niveau=1)  # level 1: about a day, level 2: up to about a week
    assert een.gepland_tot == VANDAAG + dt.timedelta(days=1)
    assert een.scope["gegevensdiensten"] == ["48"] and een.scope["aantal_aanbieders"] == 1
    opschorting.opschorting_opheffen(actor=None, opschorting=een, besluit=besluit(wereld["dva"], "opheffing"))
    assert _opschorten(wereld, niveau=2).gepland_tot == VANDAAG + dt.timedelta(days=7)


@pytest.fixture
def staf(wereld, maak):
    return maak.gebruiker(Rol.UITVOERING, "staf", email="naleving@stelsel.example")


def test_nal_opschorting_einde_nachtelijke_controle_maakt_een_taak(client, wereld, staf):
    maatregel = _opschorten(wereld, niveau=3, gepland_tot=VANDAAG + dt.timedelta(days=3))
    assert kwalificaties_controleren(moment=_om(VANDAAG + dt.timedelta(days=3))).opschortingen == 0  # last day
    mail.outbox.clear()
    dag = VANDAAG + dt.timedelta(days=4)
    assert kwalificaties_controleren(moment=_om(dag)).opschortingen == 1
    maatregel.refresh_from_db()
    assert maatregel.einde_gesignaleerd_op == dag
    event = AuditEvent.objects.get(actie="opschorting.einde_verstreken")
    assert event.object_id == str(maatregel.pk)
    taak = [m for m in mail.outbox if m.to == ["naleving@stelsel.example"]]
    assert len(taak) == 1 and "Zorg-ICT Noord" in taak[0].body and "verlengen" in taak[0].body
    assert kwalificaties_controleren(moment=_om(dag)).opschortingen == 0  # twice: nothing new
    assert kwalificaties_controleren(moment=_om(dag + dt.timedelta(days=1))).opschortingen == 0
    assert AuditEvent.objects.filter(actie="opschorting.einde_verstreken").count() == 1 and len(mail.outbox) == 1
    client.force_login(staf)
    werkvoorraad = client.get("/beheer/naleving/").content.decode()
    deel = werkvoorraad.split("Opschortingen voorbij hun geplande einde")[1]
    assert "Zorg-ICT Noord" in deel and f"/beheer/naleving/opschortingen/{maatregel.pk}/verlengen/" in deel
    assert f"/beheer/naleving/opschortingen/{maatregel.pk}/opheffen/" in deel
    detail = client.get(f"/beheer/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "geplande einde" in detail and "verstreken" in detail


def test_nal_opschorting_einde_verlengen_op_een_nieuw_besluit(client, wereld, staf):
    wereld["dvp"].contact_email = "info@mijngezondheid.nl"  # another participant, told of the new end
    wereld["dvp"].save()
    eerste = besluit(wereld["dva"], BesluitSoort.OPSCHORTING)
    maatregel = _opschorten(wereld, niveau=3, besluit=eerste, gepland_tot=VANDAAG + dt.timedelta(days=3))
    kwalificaties_controleren(moment=_om(VANDAAG + dt.timedelta(days=5)))
    mail.outbox.clear()
    nieuw_einde = VANDAAG + dt.timedelta(days=30)
    with pytest.raises(ValidationError) as fout:  # BES-EENMAAL: the first decision carried the suspension
        opschorting.opschorting_verlengen(actor=None, opschorting=maatregel, besluit=eerste, gepland_tot=nieuw_einde)
    assert "al gebruikt" in " ".join(fout.value.message_dict["besluit"])
    tweede = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, stap="opschorting_verlengen")
    with pytest.raises(ValidationError) as fout:
        opschorting.opschorting_verlengen(actor=None, opschorting=maatregel, besluit=tweede,
                                          gepland_tot=VANDAAG + dt.timedelta(days=2))
    assert list(fout.value.message_dict) == ["gepland_tot"]
    verlengd = opschorting.opschorting_verlengen(actor=None, opschorting=maatregel, besluit=tweede,
                                                 gepland_tot=nieuw_einde)
    assert verlengd.gepland_tot == nieuw_einde and verlengd.einde_gesignaleerd_op is None
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.OPGESCHORT
    w = Statuswijziging.objects.filter(deelnemer=wereld["dva"]).latest("id")
    assert (w.overgang, w.besluit) == ("opschorting_verlengen", tweede)
    assert AuditEvent.objects.filter(actie="opschorting.verlengd", object_id=str(maatregel.pk)).exists()
    bericht = [m for m in mail.outbox if "verlengd" in m.subject.lower()]
    assert bericht and nieuw_einde.strftime("%d-%m-%Y") in bericht[0].body
    openbaar = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "Opschorting verlengd" in openbaar and tweede.nummer in openbaar
    assert nieuw_einde.strftime("%d-%m-%Y") in openbaar


def test_nal_opschorting_einde_verlengen_via_pagina_en_api(client, wereld, staf):
    maatregel = _opschorten(wereld, niveau=2)
    client.force_login(staf)
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, stap="opschorting_verlengen")
    url = f"/beheer/naleving/opschortingen/{maatregel.pk}/verlengen/"
    r = client.post(url, {"besluit": b.pk, "gepland_tot": VANDAAG.isoformat()})
    assert r.status_code == 200 and 'id="id_gepland_tot_error"' in r.content.decode()
    r = client.post(url, {"besluit": b.pk, "gepland_tot": (VANDAAG + dt.timedelta(days=10)).isoformat()})
    assert r.status_code == 302
    maatregel.refresh_from_db()
    assert maatregel.gepland_tot == VANDAAG + dt.timedelta(days=10)
    r = client.post(f"/api/opschortingen/{maatregel.pk}/verlengen",
                    {"besluit": b.nummer, "gepland_tot": (VANDAAG + dt.timedelta(days=20)).isoformat()},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "besluit"  # BES-EENMAAL
    lijst = client.get("/api/opschortingen?lopend=true").json()
    assert [o["id"] for o in lijst["resultaten"]] == [maatregel.pk]
    r = client.post(f"/api/opschortingen/{maatregel.pk}/opheffen",
                    {"besluit": besluit(wereld["dva"], BesluitSoort.OPHEFFING).nummer},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["opgeheven_op"] == VANDAAG.isoformat()
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF


def test_nal_opschorting_einde_op_de_openbare_pagina(client, wereld):
    maatregel = _opschorten(wereld, niveau=3, gepland_tot=VANDAAG + dt.timedelta(days=3))
    pagina = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "inactief" in pagina and maatregel.gepland_tot.strftime("%d-%m-%Y") in pagina
    Opschorting.objects.filter(pk=maatregel.pk).update(gepland_tot=VANDAAG - dt.timedelta(days=1))
    pagina = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "verstreken" in pagina  # never silently stale: the page says a decision is due


@pytest.mark.parametrize("overgang", ["opschorten", "opschorting_opheffen", "opschorting_verlengen"])
def test_nal_opschorting_pad_de_workflowstap_gaat_via_de_naleving(client, wereld, overgang):
    if overgang != "opschorten":
        _opschorten(wereld, niveau=2)
    wereld["dva"].refresh_from_db()
    status = wereld["dva"].status
    soort = BesluitSoort.OPHEFFING if overgang == "opschorting_opheffen" else BesluitSoort.OPSCHORTING
    b = besluit(wereld["dva"], soort)
    with pytest.raises(ValidationError) as fout:
        dln.deelnemer_overgang(actor=None, deelnemer=wereld["dva"], overgang=overgang, besluit=b)
    assert "naleving" in " ".join(fout.value.message_dict["overgang"])
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.post(f"/api/deelnemers/{wereld['dva'].pk}/overgangen", {"overgang": overgang, "besluit": b.nummer},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "overgang"
    assert "/api/opschortingen" in r.json()["errors"][0]["reason"]
    r = client.get(f"/beheer/deelnemers/{wereld['dva'].pk}/stap/{overgang}/")
    assert r.status_code == 302 and r["Location"].startswith("/beheer/naleving/")
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == status


def test_nal_opschorting_pad_de_deelnemerpagina_wijst_naar_de_naleving(client, wereld):
    client.force_login(wereld["gebruikers"]["bestuur"])
    pagina = client.get(f"/beheer/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert f"/beheer/deelnemers/{wereld['dva'].pk}/stap/opschorten/" not in pagina
    assert f"/beheer/naleving/opschorten/{wereld['dva'].pk}/" in pagina


def test_nal_opschorting_niveau_4_beeindigt_ook_een_lopende_opschorting(wereld):
    lopend = _opschorten(wereld, niveau=2)
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING)
    with pytest.raises(ValidationError) as fout:  # definitive: no planned end
        _opschorten(wereld, niveau=4, besluit=b, gepland_tot=VANDAAG + dt.timedelta(days=3))
    assert list(fout.value.message_dict) == ["gepland_tot"]
    definitief = _opschorten(wereld, niveau=4, besluit=b)
    lopend.refresh_from_db()
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.BEEINDIGD and definitief.gepland_tot is None
    assert (lopend.opgeheven_op, lopend.opheffingsbesluit) == (VANDAAG, b)
    assert not definitief.einde_verstreken(VANDAAG + dt.timedelta(days=400))
    assert kwalificaties_controleren(moment=_om(VANDAAG + dt.timedelta(days=30))).opschortingen == 0
