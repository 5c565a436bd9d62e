"""ORG-REL: relations connect the right kinds of organisation."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.organisaties.models import OrganisatieRelatie, RelatieSoort, Soort
from stelselbeheer.organisaties.services import relatie_beeindigen, relatie_leggen


@pytest.fixture
def orgs(maak):
    rso = maak.rso()
    return {"rso": rso, "vsv": maak.organisatie("VSV Enschede", Soort.VSV, regio=rso.regio),
            "za": maak.organisatie("Verloskundigenpraktijk Enschede", Soort.ZORGAANBIEDER),
            "lev": maak.organisatie("Zorg-ICT B.V.", Soort.LEVERANCIER)}


@pytest.mark.parametrize("van,naar,soort,geldig", [
    ("za", "vsv", RelatieSoort.LID_VAN, True),
    ("rso", "vsv", RelatieSoort.BEDIENT, True),
    ("za", "lev", RelatieSoort.KLANT_VAN, True),
    ("vsv", "lev", RelatieSoort.KLANT_VAN, True),
    ("lev", "vsv", RelatieSoort.LID_VAN, False),
    ("za", "lev", RelatieSoort.LID_VAN, False),
    ("vsv", "rso", RelatieSoort.BEDIENT, False),
    ("za", "za", RelatieSoort.KLANT_VAN, False),
])
def test_org_rel(orgs, van, naar, soort, geldig):
    if geldig:
        relatie = relatie_leggen(actor=None, van=orgs[van], naar=orgs[naar], soort=soort)
        relatie_beeindigen(actor=None, relatie=relatie)
        assert not OrganisatieRelatie.objects.exists()
    else:
        with pytest.raises(ValidationError):
            relatie_leggen(actor=None, van=orgs[van], naar=orgs[naar], soort=soort)
        assert not OrganisatieRelatie.objects.exists()
