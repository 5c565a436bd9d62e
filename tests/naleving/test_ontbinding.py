"""NAL-ONTBINDING: step 5 of a compliance case (ontbinden, on the board's decision to terminate) ends the
participation through the exit workflow's termination with the same decision, in one transaction: the participant
is ended, its entries leave the lists at the next (scheduled) publication and the public page shows it as ended.
When the participant cannot be ended, the step is refused with the reason and nothing is written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_tasks import default_task_backend

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.models import DeelnemerStatus, Statuswijziging
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten.models import Inplanning, Snapshot
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.lijsten.tasks import publiceer_na_wijziging
from stelselbeheer.naleving import services
from stelselbeheer.naleving.models import Nalevingszaak, ZaakStap
from tests.stappen import besluit, zet_status

VANDAAG = vandaag()


@pytest.fixture
def in_verzuim(wereld):
    """A case at step 4 whose term has passed: the participant is in default (NAL-VERZUIM)."""
    zaak = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365: geldig testresultaat",
                                omstandigheden="Testresultaat verlopen.")
    Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=ZaakStap.INGEBREKESTELLING,
                                                    termijn_tot=VANDAAG - dt.timedelta(days=1))
    zaak.refresh_from_db()
    return zaak


@pytest.fixture
def wachtrij(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.LIJST_BEWAKING_DREMPEL = 1.0  # the guard has its own tests; the decision explains the removal
    return default_task_backend


def test_nal_ontbinding_beeindigt_de_deelname_en_haalt_de_entries_van_de_lijsten(
        client, wereld, in_verzuim, wachtrij, django_capture_on_commit_callbacks):
    alle_lijsten_publiceren(actor=None)
    assert "huisartsdelinde@medmij" in Snapshot.objects.get(lijst="zal", volgnummer=1).entries
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=in_verzuim)
    with django_capture_on_commit_callbacks(execute=True):
        zaak = services.zaak_stap(actor=None, zaak=in_verzuim, overgang="ontbinden", besluit=b)
    assert zaak.stap == ZaakStap.ONTBINDING
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.BEEINDIGD and wereld["dva"].status_sinds == VANDAAG
    w = Statuswijziging.objects.filter(deelnemer=wereld["dva"]).latest("id")
    assert (w.overgang, w.naar, w.besluit) == ("uitsluiten", DeelnemerStatus.BEEINDIGD, b)  # the same decision
    assert zaak.gebeurtenissen.get(soort="ontbinden").besluit == b
    plan = Inplanning.objects.get()
    assert plan.gepland_voor is not None and plan.aanleiding == "deelnemer.uitsluiten"  # a publication is planned
    publiceer_na_wijziging.call()
    zal = Snapshot.objects.get(lijst="zal", volgnummer=2)
    assert "huisartsdelinde@medmij" not in zal.entries and b.nummer in zal.omschrijving
    assert "Zorg-ICT Noord" not in client.get("/deelnemers/").content.decode()  # current participants
    assert "Zorg-ICT Noord" in client.get("/deelnemers/", {"deelname": "voormalig"}).content.decode()
    detail = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "beëindigd" in detail and "Deelname beëindigd" in detail and b.nummer in detail


def test_nal_ontbinding_heft_een_lopende_opschorting_op(wereld, in_verzuim):
    from stelselbeheer.naleving import opschorting

    maatregel = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2,
                                       besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=in_verzuim)
    services.zaak_stap(actor=None, zaak=in_verzuim, overgang="ontbinden", besluit=b)
    maatregel.refresh_from_db()
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.BEEINDIGD
    assert maatregel.opgeheven_op == VANDAAG and maatregel.opheffingsbesluit == b
    assert not opschorting.lopende([wereld["dva"].pk])


def _niets_geschreven(zaak, deelnemer, status):
    zaak.refresh_from_db()
    deelnemer.refresh_from_db()
    assert zaak.stap == ZaakStap.INGEBREKESTELLING and not zaak.gebeurtenissen.filter(soort="ontbinden").exists()
    assert deelnemer.status == status and not zaak.brieven.exists()


@pytest.mark.parametrize("status", [DeelnemerStatus.BEEINDIGD, DeelnemerStatus.AFGEWEZEN])
def test_nal_ontbinding_geweigerd_als_de_deelname_niet_kan_eindigen(wereld, in_verzuim, status):
    zet_status(wereld["dva"], status)
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=in_verzuim)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        services.zaak_stap(actor=None, zaak=in_verzuim, overgang="ontbinden", besluit=b)
    reden = " ".join(fout.value.message_dict["deelnemer"])
    assert "kan niet worden beëindigd" in reden and status.label.lower() in reden
    assert AuditEvent.objects.count() == events
    _niets_geschreven(in_verzuim, wereld["dva"], status)


def test_nal_ontbinding_geweigerd_via_api_en_pagina_met_veldfout(client, wereld, in_verzuim):
    zet_status(wereld["dva"], DeelnemerStatus.BEEINDIGD)
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=in_verzuim)
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/api/zaken/{in_verzuim.nummer}/stappen", {"overgang": "ontbinden", "besluit": b.nummer},
                    content_type="application/json")
    assert r.status_code == 422
    fout = {e["field"]: e["reason"] for e in r.json()["errors"]}
    assert "kan niet worden beëindigd" in fout["deelnemer"]
    r = client.post(f"/beheer/naleving/zaken/{in_verzuim.nummer}/stap/ontbinden/",
                    {"besluit": b.pk, "kanaal": "aangetekend"})
    assert r.status_code == 200 and "kan niet worden beëindigd" in r.content.decode()
    _niets_geschreven(in_verzuim, wereld["dva"], DeelnemerStatus.BEEINDIGD)
