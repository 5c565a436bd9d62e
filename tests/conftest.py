"""Shared fixtures. Everything is built through the service functions, so tests see audit events too."""

import datetime as dt

import pytest
from django.core.cache import caches

from stelselbeheer.deelnemers import services as deelnemer_services
from stelselbeheer.deelnemers.models import DeelnemerStatus, RolSoort, Testresultaat
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.kern.services import gebruiker_aanmaken
from stelselbeheer.knelpunten import bouwblokken
from stelselbeheer.organisaties import services as org_services
from stelselbeheer.organisaties.models import Regio, Soort
from stelselbeheer.register import aanbiedertypen
from stelselbeheer.register import services as reg_services
from stelselbeheer.wijzigingen import agendas
from tests import stappen

WACHTWOORD = "test-Wachtwoord-2026!"
VANDAAG = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _snel_wachtwoord(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # the second factor is a gate in front of everything; tests/kern/test_tweefactor.py switches it on
    settings.TWEEFACTOR_ROLLEN = set()


@pytest.fixture(autouse=True)
def _bestanden(settings, tmp_path):
    """Uploaded attachments go to a temporary folder, never into var/; the lists are not written as files unless a
    test asks for it (tests/lijsten/test_bestanden.py)."""
    settings.MEDIA_ROOT = tmp_path / "bestanden"
    settings.LIJST_BESTANDEN = None


@pytest.fixture(autouse=True)
def _limieten_leeg(request):
    """The rate limits (MEL-MISBRUIK) count in a database cache table. A test in a transaction leaves nothing
    behind, but a transactional test (live_server) does, and the flush between tests leaves that table alone: every
    test with database access starts with empty counters. The same flush empties the rows the migrations wrote (the
    bouwblokken, the development agendas, the Aanbiedertypen): they are put back, as a fresh installation has them."""
    for naam in ("transactional_db", "db"):
        if naam in request.fixturenames:
            request.getfixturevalue(naam)
            caches["limieten"].clear()
            bouwblokken.zorgen()
            agendas.zorgen()
            aanbiedertypen.zorgen()
            return


@pytest.fixture(scope="session")
def registersleutel(tmp_path_factory):
    from stelselbeheer.lijsten.ondertekening import sleutel_maken

    return sleutel_maken(tmp_path_factory.mktemp("sleutels"))


@pytest.fixture(autouse=True)
def _lijstsleutel(settings, registersleutel):
    settings.LIJST_SLEUTEL, settings.LIJST_CERTIFICAAT = (str(p) for p in registersleutel)


class Maak:
    """Small builders for test data, through the services."""

    def __init__(self):
        self.teller = 0

    def _kvk(self):
        self.teller += 1
        return f"{10000000 + self.teller}"

    def organisatie(self, naam="Zorg-ICT Noord B.V.", soort=Soort.LEVERANCIER, **velden):
        velden.setdefault("kvk_nummer", self._kvk())
        return org_services.organisatie_aanmaken(actor=None, naam=naam, soort=soort, **velden)

    def gegevensdienst(self, code="48", naam="Medicatiegegevens"):
        return reg_services.gegevensdienst_aanmaken(actor=None, code=code, naam=naam)

    def deelnemer(self, naam="Zorg-ICT Noord B.V.", rollen=(RolSoort.DVA,), status=DeelnemerStatus.ACTIEF):
        org = self.organisatie(naam=naam)
        return deelnemer_services.deelnemer_registreren(
            actor=None, organisatie=org, overeenkomstversie="2.2", ondertekend_op=dt.date(2025, 1, 6),
            status=status, status_sinds=dt.date(2025, 1, 6), rollen=list(rollen))

    def kwalificatie(self, deelnemer, gegevensdienst, rol=RolSoort.DVA, testdatum=dt.date(2026, 6, 1), **kw):
        return deelnemer_services.kwalificatie_vastleggen(
            actor=None, deelnemer=deelnemer, rol=rol, gegevensdienst=gegevensdienst, testdatum=testdatum,
            resultaat=kw.pop("resultaat", Testresultaat.GESLAAGD), **kw)

    def aanbieder(self, dva, naam="huisartsdelinde@medmij", weergavenaam="Huisartsenpraktijk De Linde",
                  plaats="Zwolle", gegevensdienst=None):
        org = self.organisatie(naam=weergavenaam, soort=Soort.ZORGAANBIEDER, plaats=plaats)
        aanbieder = reg_services.aanbieder_aanmaken(actor=None, naam=naam, weergavenaam=weergavenaam,
                                                    organisatie=org, dva=dva, plaats=plaats)
        if gegevensdienst:
            reg_services.aanbieder_dienst_instellen(
                actor=None, aanbieder=aanbieder, gegevensdienst=gegevensdienst,
                authorization_endpoint="https://auth.zorgictnoord.nl/delinde/authorize",
                token_endpoint="https://api.zorgictnoord.nl/delinde/token",
                systeemrollen={"MED-FHIR-SERVER": "https://fhir.zorgictnoord.nl/delinde/48"})
        return aanbieder

    def rso(self, naam="RSO Twente"):
        regio = Regio.objects.create(code=f"r{self._kvk()}", naam=f"Regio {naam}")
        return self.organisatie(naam=naam, soort=Soort.RSO, regio=regio)

    def besluit(self, deelnemer, soort, **kw):
        """A decision of an adopted proposal (OVL-STAP): see ``tests.stappen.besluit``."""
        return stappen.besluit(deelnemer, soort, **kw)

    def gebruiker(self, rol, naam=None, **extra):
        return gebruiker_aanmaken(actor=None, gebruikersnaam=naam or f"{rol}-{self._kvk()}", wachtwoord=WACHTWOORD,
                                  rol=rol, **extra)


@pytest.fixture
def maak(db):
    return Maak()


@pytest.fixture
def wereld(maak):
    """A small register: two participants (DVA and DVP), one aanbieder, one client, a user per role."""
    return bouw_wereld(maak)


def bouw_wereld(maak: Maak) -> dict:
    """The world of the ``wereld`` fixture (tests/test_toegang.py makes it once per module)."""
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    dvp = maak.deelnemer("Mijn Gezondheid PGO B.V.", rollen=[RolSoort.DVP])
    maak.kwalificatie(dva, dienst)
    aanbieder = maak.aanbieder(dva, gegevensdienst=dienst)
    client = reg_services.oauthclient_aanmaken(actor=None, hostname="app.mijngezondheid.nl",
                                               organisatienaam="Mijn Gezondheid", dvp=dvp)
    rso = maak.rso()
    gebruikers = {
        Rol.BESTUUR: maak.gebruiker(Rol.BESTUUR, "bestuur"),
        Rol.UITVOERING: maak.gebruiker(Rol.UITVOERING, "medewerker"),
        Rol.AUDITOR: maak.gebruiker(Rol.AUDITOR, "auditor"),
        Rol.DEELNEMER: maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=dva),
        Rol.REGIO: maak.gebruiker(Rol.REGIO, "regio", rso=rso),
    }
    return {"dienst": dienst, "dva": dva, "dvp": dvp, "aanbieder": aanbieder, "client": client, "rso": rso,
            "gebruikers": gebruikers}
