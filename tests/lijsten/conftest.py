import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.register import services as reg

AMS = ZoneInfo("Europe/Amsterdam")
#: a fixed publication moment; qualifications in the fixture are valid through 2026-11-23 (Amsterdam)
MOMENT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMS)


@pytest.fixture
def register(wereld, maak):
    """The shared world plus a DVP qualification, so the client qualifies for the OCL."""
    maak.kwalificatie(wereld["dvp"], wereld["dienst"], rol=RolSoort.DVP, testdatum=dt.date(2026, 6, 1))
    tweede = maak.aanbieder(wereld["dva"], naam="apotheekcentrum@medmij", weergavenaam="Apotheek Centrum",
                            gegevensdienst=None)
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=tweede, gegevensdienst=wereld["dienst"],
                                   authorization_endpoint="https://auth.centrum.nl/authorize",
                                   token_endpoint="https://api.centrum.nl:8443/token",
                                   systeemrollen={"MED-FHIR-SERVER": "https://fhir.centrum.nl/48"})
    return wereld
