"""NAL-ERKENNING: entries registered for a role or gegevensdienst the participant was never recognised in."""

import datetime as dt

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.naleving.controle import erkenning_constateringen
from stelselbeheer.naleving.models import Bron, Constatering
from stelselbeheer.naleving.services import zaak_stap, zaken_uit_constateringen
from stelselbeheer.register import services as reg

DAG = dt.date(2026, 11, 23)


def test_aanmelding_zonder_erkenning_is_een_constatering(wereld, maak):
    maak.kwalificatie(wereld["dvp"], wereld["dienst"], rol=RolSoort.DVP)  # the DVP is recognised
    assert erkenning_constateringen(DAG) == []
    bgz = maak.gegevensdienst("1", "Basisgegevensset Zorg")
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=wereld["aanbieder"], gegevensdienst=bgz,
                                   authorization_endpoint="https://auth.zorg.nl/a", token_endpoint="https://api.zorg.nl/t",
                                   systeemrollen={"BGZ": "https://fhir.zorg.nl/bgz"})
    [c] = erkenning_constateringen(DAG)
    assert (c.deelnemer, c.bron) == (wereld["dva"], Bron.ZAL_NIET_ERKEND) and "gegevensdienst 1" in c.verplichting
    assert erkenning_constateringen(DAG) == []  # still being handled: not again
    [zaak] = zaken_uit_constateringen()
    assert erkenning_constateringen(DAG) == []  # the case is open
    zaak_stap(actor=None, zaak=zaak, overgang="sluiten_geen_niet_naleving", toelichting="Aanmelding ingetrokken")
    assert len(erkenning_constateringen(DAG + dt.timedelta(days=1))) == 1  # still registered: a new finding


def test_client_van_een_nooit_erkende_dvp(wereld):
    [c] = erkenning_constateringen(DAG)
    assert (c.deelnemer, c.bron) == (wereld["dvp"], Bron.OCL_NIET_ERKEND)
    assert "app.mijngezondheid.nl" in c.omstandigheden
    assert Constatering.objects.count() == 1


def test_controle_ook_kort_na_een_wijziging_in_het_register(wereld, maak, settings,
                                                            django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    from stelselbeheer.naleving.models import Nalevingszaak
    from stelselbeheer.naleving.tasks import register_controleren

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    maak.kwalificatie(wereld["dvp"], wereld["dienst"], rol=RolSoort.DVP)
    bgz = maak.gegevensdienst("1", "Basisgegevensset Zorg")
    with django_capture_on_commit_callbacks(execute=True):
        reg.aanbieder_dienst_instellen(actor=None, aanbieder=wereld["aanbieder"], gegevensdienst=bgz,
                                       authorization_endpoint="https://auth.zorg.nl/a",
                                       token_endpoint="https://api.zorg.nl/t", systeemrollen={"BGZ": "https://f.zorg.nl/b"})
    namen = [r.task.name for r in default_task_backend.results]
    assert "register_controleren" in namen
    assert register_controleren.call() == {"constateringen": 1, "zaken": 1}
    assert register_controleren.call() == {"constateringen": 0, "zaken": 0}
    assert Nalevingszaak.objects.get().verplichting.endswith("gegevensdienst 1")
