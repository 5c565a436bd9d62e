"""NAL-OPENBAAR: the policy keeps case files confidential but makes decisions about suspension and exclusion public
(seed 001). Suspension, its extension and lifting, exclusion and dissolution are refused on a non-public decision,
with the reason on the field "besluit", through the compliance path and the workflow alike; nothing is written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import DeelnemerStatus, Statuswijziging
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.naleving import opschorting, services
from stelselbeheer.naleving.models import Nalevingszaak, Opschorting, ZaakStap
from tests.stappen import besluit, zet_status

VANDAAG = vandaag()
LATER = VANDAAG + dt.timedelta(days=14)


def _geweigerd(uitvoeren):
    events, wijzigingen = AuditEvent.objects.count(), Statuswijziging.objects.count()
    opschortingen = list(Opschorting.objects.values_list("pk", "opgeheven_op"))
    with pytest.raises(ValidationError) as fout:
        uitvoeren()
    assert "NAL-OPENBAAR" in " ".join(fout.value.message_dict["besluit"])
    assert AuditEvent.objects.count() == events and Statuswijziging.objects.count() == wijzigingen
    assert list(Opschorting.objects.values_list("pk", "opgeheven_op")) == opschortingen


@pytest.mark.parametrize("niveau,soort", [(1, BesluitSoort.OPSCHORTING), (3, BesluitSoort.OPSCHORTING),
                                          (4, BesluitSoort.BEEINDIGING)])
def test_nal_openbaar_opschorten_en_uitsluiten(wereld, niveau, soort):
    geheim = besluit(wereld["dva"], soort, openbaar=False)
    gepland = {"gepland_tot": LATER} if niveau == 3 else {}  # levels 1 and 2 have a default planned end
    _geweigerd(lambda: opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=niveau, besluit=geheim,
                                              **gepland))
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF


def test_nal_openbaar_opheffen_en_verlengen(wereld):
    maatregel = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2,
                                       besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    opheffing = besluit(wereld["dva"], BesluitSoort.OPHEFFING, openbaar=False)
    verlenging = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, openbaar=False, stap="opschorting_verlengen")
    _geweigerd(lambda: opschorting.opschorting_opheffen(actor=None, opschorting=maatregel, besluit=opheffing))
    _geweigerd(lambda: opschorting.opschorting_verlengen(actor=None, opschorting=maatregel, besluit=verlenging,
                                                         gepland_tot=LATER + dt.timedelta(days=7)))


def test_nal_openbaar_ontbinden(wereld):
    zaak = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365", omstandigheden="x")
    Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=ZaakStap.INGEBREKESTELLING,
                                                    termijn_tot=VANDAAG - dt.timedelta(days=1))
    geheim = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, openbaar=False, zaak=zaak)
    _geweigerd(lambda: services.zaak_stap(actor=None, zaak=zaak, overgang="ontbinden", besluit=geheim))
    zaak.refresh_from_db()
    assert zaak.stap == ZaakStap.INGEBREKESTELLING


@pytest.mark.parametrize("overgang,status,gegevens", [
    ("uitsluiten", DeelnemerStatus.IN_UITTREDING, {}),
    ("uittreding_starten", DeelnemerStatus.ACTIEF, {"opzegdatum": LATER}),  # termination by the board
])
def test_nal_openbaar_ook_in_de_workflow(wereld, overgang, status, gegevens):
    zet_status(wereld["dva"], status)
    geheim = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, openbaar=False)
    _geweigerd(lambda: dln.deelnemer_overgang(actor=None, deelnemer=wereld["dva"], overgang=overgang, besluit=geheim,
                                              gegevens=gegevens))


def test_nal_openbaar_uittreding_op_verzoek_mag_vertrouwelijk(wereld):
    """Only suspension and exclusion are public by policy; an exit at the participant's request may rest on a
    confidential decision."""
    d = dln.deelnemer_overgang(actor=None, deelnemer=wereld["dva"], overgang="uittreding_starten",
                               besluit=besluit(wereld["dva"], BesluitSoort.UITTREDING, openbaar=False),
                               gegevens={"opzegdatum": LATER})
    assert d.status == DeelnemerStatus.IN_UITTREDING


def test_nal_openbaar_op_de_pagina_en_in_de_api(client, wereld):
    geheim = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, openbaar=False)
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.post(f"/beheer/naleving/opschorten/{wereld['dva'].pk}/",
                    {"niveau": "3", "besluit": geheim.pk, "gepland_tot": LATER.isoformat()})
    assert r.status_code == 200
    pagina = r.content.decode()
    assert 'id="id_besluit_error"' in pagina and "NAL-OPENBAAR" in pagina.split('id="id_besluit_error"')[1][:400]
    r = client.post("/api/opschortingen", {"deelnemer_id": wereld["dva"].pk, "niveau": 3, "besluit": geheim.nummer,
                                           "gepland_tot": LATER.isoformat()}, content_type="application/json")
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["besluit"] and "NAL-OPENBAAR" in r.json()["errors"][0]["reason"]
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF and not Opschorting.objects.exists()
