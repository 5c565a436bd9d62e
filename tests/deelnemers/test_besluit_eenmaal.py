"""BES-EENMAAL: a board decision carries the step it was adopted for, once. The workflow guard refuses a decision
that already carried a step (field "besluit", naming where it was used), and the database refuses it too (a unique
constraint per kind of use), so no path around the guard can use a decision twice. Dissolution is one adoption with
two linked effects (the case step and the termination): allowed once, never again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import DeelnemerStatus, Statuswijziging
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.naleving import opschorting, services
from stelselbeheer.naleving.models import Nalevingszaak, Opschorting, Zaakgebeurtenis, ZaakStap
from tests.stappen import besluit

VANDAAG = vandaag()
LATER = VANDAAG + dt.timedelta(days=14)


def test_bes_eenmaal_een_oud_opschortingsbesluit_draagt_geen_tweede_opschorting(wereld):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING)
    eerste = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2, besluit=b)
    opschorting.opschorting_opheffen(actor=None, opschorting=eerste, besluit=besluit(wereld["dva"], "opheffing"))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2, besluit=b)
    reden = " ".join(fout.value.message_dict["besluit"])
    assert "BES-EENMAAL" in reden and b.nummer in reden and "al gebruikt" in reden
    assert AuditEvent.objects.count() == events and Opschorting.objects.count() == 1
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF


def test_bes_eenmaal_ook_in_de_gewone_workflow(wereld):
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, stap="uittreding_starten")
    d = dln.deelnemer_overgang(actor=None, deelnemer=wereld["dva"], overgang="uittreding_starten", besluit=b,
                               gegevens={"opzegdatum": LATER})
    with pytest.raises(ValidationError) as fout:  # the termination with notice does not also carry an exclusion
        dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="uitsluiten", besluit=b)
    assert "al gebruikt" in " ".join(fout.value.message_dict["besluit"])


def test_bes_eenmaal_de_database_weigert_een_tweede_gebruik(wereld):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING)
    maatregel = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=1, besluit=b)
    w = Statuswijziging.objects.get(besluit=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        Statuswijziging.objects.create(deelnemer=wereld["dva"], overgang="opschorten", van="actief",
                                       naar="opgeschort", datum=VANDAAG, besluit=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        Opschorting.objects.create(deelnemer=wereld["dvp"], niveau=1, besluit=b, ingegaan_op=VANDAAG, scope={})
    zaak = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="x", omstandigheden="y")
    Zaakgebeurtenis.objects.create(zaak=zaak, soort="ontbinden", datum=VANDAAG, besluit=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        Zaakgebeurtenis.objects.create(zaak=zaak, soort="ontbinden", datum=VANDAAG, besluit=b)
    assert w.besluit == maatregel.besluit == b


def test_bes_eenmaal_ontbinding_is_een_besluit_met_twee_gevolgen_maar_niet_twee_keer(wereld):
    zaken = []
    for verplichting in ("NAL-365", "NAL-ERKENNING"):
        zaak = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting=verplichting,
                                    omstandigheden="x")
        Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=ZaakStap.INGEBREKESTELLING,
                                                        termijn_tot=VANDAAG - dt.timedelta(days=1))
        zaken.append(zaak)
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=zaken[0])
    services.zaak_stap(actor=None, zaak=zaken[0], overgang="ontbinden", besluit=b)
    assert Statuswijziging.objects.get(besluit=b).overgang == "uitsluiten"
    with pytest.raises(ValidationError) as fout:
        services.zaak_stap(actor=None, zaak=zaken[1], overgang="ontbinden", besluit=b)
    assert "al gebruikt" in " ".join(fout.value.message_dict["besluit"])
    zaken[1].refresh_from_db()
    assert zaken[1].stap == ZaakStap.INGEBREKESTELLING


def test_bes_eenmaal_als_veldfout_op_de_pagina_en_in_de_api(client, wereld):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING)
    eerste = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2, besluit=b)
    opschorting.opschorting_opheffen(actor=None, opschorting=eerste, besluit=besluit(wereld["dva"], "opheffing"))
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/beheer/naleving/opschorten/{wereld['dva'].pk}/",
                    {"niveau": "2", "besluit": b.pk, "gepland_tot": LATER.isoformat()})
    assert r.status_code == 200
    assert "al gebruikt" in r.content.decode().split('id="id_besluit_error"')[1][:400]
    r = client.post("/api/opschortingen", {"deelnemer_id": wereld["dva"].pk, "niveau": 2, "besluit": b.nummer,
                                           "gepland_tot": LATER.isoformat()}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "besluit"
    assert "al gebruikt" in r.json()["errors"][0]["reason"]
