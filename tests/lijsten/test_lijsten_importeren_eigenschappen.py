"""Property-based (LST-IMPORT-RONDREIS): for random registers, the lists built from them, imported into a register
without those aanbieders, build again into the same entries, in every format."""

from django.db import transaction
from hypothesis import HealthCheck, given, settings

from stelselbeheer.lijsten import formaten
from stelselbeheer.lijsten.bouwers import bouwers
from stelselbeheer.lijsten.importeren import lijsten_importeren
from stelselbeheer.lijsten.lezen import ontleed
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.models import Aanbieder
from tests.lijsten.test_formaten_eigenschappen import MOMENT, _maak
from tests.lijsten.test_formaten_eigenschappen import register as registers

#: every organisation has its own KvK number (ID-KVK; what the import creates an organisation by)
met_kvk = registers.map(lambda spec: [{**a, "kvk": f"{30000000 + i}"} for i, a in enumerate(spec)])


def _documenten() -> dict[str, object]:
    uit = {}
    for lijst, bouw in bouwers().items():
        b = bouw(MOMENT)
        uit[formaten.sleutel(lijst, formaten.eerste(lijst))] = ontleed(b.schrijf(7, MOMENT))
        for api, formaat in b.verdere.items():
            uit[formaten.sleutel(lijst, api)] = ontleed(formaat.schrijf(7, MOMENT))
    return uit


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(spec=met_kvk)
def test_lst_import_willekeurig_register_heen_en_terug(db, spec):
    with transaction.atomic():
        _maak(spec)
        voor = _documenten()
        orgs = list(Aanbieder.objects.values_list("organisatie_id", flat=True))
        Aanbieder.objects.all().delete()
        Organisatie.objects.filter(pk__in=orgs).delete()
        plan = lijsten_importeren(actor=None, documenten=[voor[k] for k in ("zal3", "ocl", "gnl", "whitelist", "zakl")],
                                  dva_kvk="20000000")
        assert plan.conflicten == [] and plan.waarschuwingen == []
        assert plan.tellingen["aanbieders"] == len(voor["zal3"].entries)  # every aanbieder on the ZAL made anew
        na = _documenten()
        assert {k: d.entries for k, d in na.items()} == {k: d.entries for k, d in voor.items()}
        transaction.set_rollback(True)
