"""Automatic publication after changes (debounced background task), item 7 of issue 3."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from stelselbeheer.deelnemers.models import DeelnemerStatus
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten.models import Inplanning, Snapshot
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.lijsten.tasks import publiceer_na_wijziging
from tests.stappen import opheffen, opschorten

OPGESCHORT = DeelnemerStatus.OPGESCHORT


@pytest.fixture
def wachtrij(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.LIJST_PUBLICATIE_VERTRAGING = 30
    return default_task_backend


def test_wijziging_plant_een_publicatie_en_meer_wijzigingen_delen_die(register, wachtrij,
                                                                        django_capture_on_commit_callbacks):
    alle_lijsten_publiceren(actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        opschorten(register["dva"])
    eerste_event = AuditEvent.objects.filter(actie="deelnemer.opschorten").get()
    with django_capture_on_commit_callbacks(execute=True):
        opschorten(register["dvp"])
    assert len(wachtrij.results) == 1  # debounced: one publication for both changes
    taak = wachtrij.results[0]
    assert taak.task.name == "publiceer_na_wijziging"
    assert dt.timedelta(seconds=25) < taak.task.run_after - timezone.now() <= dt.timedelta(seconds=30)
    plan = Inplanning.objects.get()
    assert plan.audit_event_id == eerste_event.pk and plan.aanleiding == "deelnemer.opschorten"


def test_de_taak_publiceert_wat_veranderde_met_het_aanleidende_event(register, wachtrij,
                                                                     django_capture_on_commit_callbacks):
    alle_lijsten_publiceren(actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        opschorten(register["dva"])
    uitkomst = publiceer_na_wijziging.call()
    assert uitkomst["zal"] == 2 and uitkomst["gnl"] is None and uitkomst["ocl"] is None  # only what changed
    zal = Snapshot.objects.get(lijst="zal", volgnummer=2)
    assert zal.trigger == "besluit" and zal.audit_event.actie == "deelnemer.opschorten"  # a decision caused it
    besluit = register["dva"].statuswijzigingen.latest("id").besluit
    assert zal.audit_event.na["besluit"] == besluit.nummer and besluit.nummer in zal.omschrijving
    assert Inplanning.objects.get().gepland_voor is None
    with django_capture_on_commit_callbacks(execute=True):  # after the run, a new change plans anew
        opheffen(register["dva"])
    assert len(wachtrij.results) == 2


def test_wijziging_die_geen_lijst_raakt_plant_niets(wereld, wachtrij, maak, django_capture_on_commit_callbacks):
    from stelselbeheer.kern.rollen import Rol

    with django_capture_on_commit_callbacks(execute=True):
        maak.gebruiker(Rol.AUDITOR, "nog-een-auditor")
    assert wachtrij.results == [] and not Inplanning.objects.exclude(gepland_voor=None).exists()
