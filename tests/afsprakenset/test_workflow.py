"""The release workflow table (workflow.py): every status is reachable from draft, every step names known rules and
a known right, and only the approval step takes the board's decision."""

from stelselbeheer.afsprakenset import workflow
from stelselbeheer.afsprakenset.models import ReleaseStatus
from stelselbeheer.kern.rollen import Actie


def test_elke_status_bereikbaar():
    bereikt, rand = {ReleaseStatus.CONCEPT.value}, [ReleaseStatus.CONCEPT.value]
    while rand:
        status = rand.pop()
        for o in workflow.OVERGANGEN:
            if status in o.van and o.naar not in bereikt:
                bereikt.add(o.naar)
                rand.append(o.naar)
    assert bereikt == set(ReleaseStatus.values)


def test_stappen_noemen_rechten_en_regels():
    regels = open("docs/regels.md", encoding="utf-8").read()
    for o in workflow.OVERGANGEN:
        assert o.recht in Actie.values
        assert all(f"`{code}`" in regels or code in regels for code in o.regels)
    assert [o.naam for o in workflow.OVERGANGEN if o.besluit] == ["goedkeuren"]
