"""The nightly check (stelsel kwalificaties_controleren, through the compliance module's registered sources):
AFS-UITROL-TERMIJN (a missed rollout deadline → a finding → a case, exactly once) and AFS-OVEREENKOMST (an outdated
signed agreement → a reminder → after the transition date a finding → a case, exactly once). Safe to run twice."""

import datetime as dt
import importlib

from django.apps import apps
from django.core.management import call_command

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Overeenkomstsignalering, Uitrol, UitrolStatus
from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.models import Deelnemer, RolSoort
from stelselbeheer.deelnemers.rules import AMSTERDAM
from stelselbeheer.naleving.models import Bron, Constatering, Nalevingszaak

from .conftest import VANDAAG


def _op(dag):
    return dt.datetime.combine(dag, dt.time(2), tzinfo=AMSTERDAM)


def _nacht(dag=VANDAAG, callbacks=None):
    if callbacks is None:
        return kwalificaties_controleren(moment=_op(dag))
    with callbacks(execute=True):
        return kwalificaties_controleren(moment=_op(dag))


def test_gemiste_termijn_constatering_en_zaak_precies_eenmaal(omgeving, maak, capsys):
    dva = omgeving.wereld["dva"]
    op_tijd = maak.deelnemer("Snel B.V.", rollen=[RolSoort.DVA])
    uitrol = Uitrol.objects.create(release=omgeving.huidig, deelnemer=op_tijd, rol="dva", status="live",
                                   uiterlijk=VANDAAG - dt.timedelta(days=50), status_sinds=VANDAAG)
    assert Uitrol.objects.get(release=omgeving.huidig, deelnemer=dva).status == UitrolStatus.GEPLAND
    call_command("kwalificaties_controleren", "--op", VANDAAG.isoformat())
    call_command("kwalificaties_controleren", "--op", VANDAAG.isoformat())  # safe to run twice
    _nacht()
    bevindingen = Constatering.objects.filter(bron=Bron.UITROL_TERMIJN)
    assert list(bevindingen.values_list("deelnemer", flat=True)) == [dva.pk]
    constatering = bevindingen.get()
    assert "release 3.0" in constatering.verplichting and "DVA" in constatering.verplichting
    assert Uitrol.objects.get(release=omgeving.huidig, deelnemer=dva).constatering == constatering
    zaken = Nalevingszaak.objects.filter(constatering=constatering)
    assert zaken.count() == 1 and zaken.get().deelnemer == dva
    assert Nalevingszaak.objects.filter(deelnemer=dva, verplichting=constatering.verplichting).count() == 1
    uitrol.refresh_from_db()
    assert uitrol.constatering is None
    assert "constateringen" in capsys.readouterr().out


def test_termijn_nog_niet_verstreken_geen_constatering(omgeving):
    _nacht(VANDAAG - dt.timedelta(days=51))
    assert not Constatering.objects.filter(bron=Bron.UITROL_TERMIJN).exists()
    _nacht(VANDAAG - dt.timedelta(days=49))
    assert Constatering.objects.filter(bron=Bron.UITROL_TERMIJN).count() == 1


def test_verouderde_overeenkomst_herinnering_dan_constatering_en_zaak(omgeving, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    dva, dvp = omgeving.wereld["dva"], omgeving.wereld["dvp"]
    Deelnemer.objects.update(contact_email="contact@voorbeeld.nl")
    afs.overeenkomst_vastleggen(actor=omgeving.medewerker, deelnemer=dvp, release=omgeving.huidig,
                                ondertekend_op=VANDAAG - dt.timedelta(days=30))
    # in the transition period: a reminder (work list and mail), no finding
    voor_einde = omgeving.huidig.overgangsdatum - dt.timedelta(days=5)
    _nacht(voor_einde, django_capture_on_commit_callbacks)
    _nacht(voor_einde, django_capture_on_commit_callbacks)
    assert list(Overeenkomstsignalering.objects.values_list("deelnemer", flat=True)) == [dva.pk]
    herinneringen = [m for m in mailoutbox if "Deelnemersovereenkomst verouderd" in m.subject]
    assert len(herinneringen) == 1 and "release 3.0" in herinneringen[0].body
    assert "versie 2.2" in herinneringen[0].body
    assert not Constatering.objects.filter(bron=Bron.OVEREENKOMST_VEROUDERD).exists()
    # after the transition date: a finding and a case, once
    _nacht(VANDAAG, django_capture_on_commit_callbacks)
    _nacht(VANDAAG, django_capture_on_commit_callbacks)
    constatering = Constatering.objects.get(bron=Bron.OVEREENKOMST_VEROUDERD)
    assert constatering.deelnemer == dva and "release 3.0" in constatering.verplichting
    assert Nalevingszaak.objects.filter(constatering=constatering).count() == 1
    assert len([m for m in mailoutbox if "Deelnemersovereenkomst verouderd" in m.subject]) == 1


def test_wie_na_de_herinnering_tekent_krijgt_geen_constatering(omgeving):
    dva = omgeving.wereld["dva"]
    _nacht(omgeving.huidig.overgangsdatum - dt.timedelta(days=5))
    assert Overeenkomstsignalering.objects.filter(deelnemer=dva).exists()
    afs.overeenkomst_vastleggen(actor=None, deelnemer=dva, release=omgeving.huidig, ondertekend_op=VANDAAG)
    _nacht()
    assert not Constatering.objects.filter(bron=Bron.OVEREENKOMST_VEROUDERD, deelnemer=dva).exists()


def test_getypte_versie_wordt_aan_de_release_gekoppeld(omgeving, maak):
    nieuw = maak.deelnemer("Getekend B.V.", rollen=[RolSoort.DVP])
    Deelnemer.objects.filter(pk=nieuw.pk).update(overeenkomstversie="3.0")
    _nacht()
    nieuw.refresh_from_db()
    assert nieuw.overeenkomst_release == omgeving.huidig
    assert not Overeenkomstsignalering.objects.filter(deelnemer=nieuw).exists()


def test_migratie_koppelt_bestaande_tekst_waar_een_release_bestaat(omgeving):
    """deelnemers 0006: a free-text version is linked where a release with that number exists, else kept."""
    dva, dvp = omgeving.wereld["dva"], omgeving.wereld["dvp"]
    Deelnemer.objects.filter(pk=dva.pk).update(overeenkomstversie="3.0", overeenkomst_release=None)
    Deelnemer.objects.filter(pk=dvp.pk).update(overeenkomstversie="v2.9", overeenkomst_release=None)
    migratie = importlib.import_module("stelselbeheer.deelnemers.migrations.0006_overeenkomst_release")
    migratie.koppel(apps, None)
    dva.refresh_from_db()
    dvp.refresh_from_db()
    assert dva.overeenkomst_release == omgeving.huidig
    assert dvp.overeenkomst_release is None and dvp.overeenkomstversie == "v2.9"
