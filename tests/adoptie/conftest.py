"""A hand-built register for the adoption monitor: providers with sector and region, vendors as DVA participants
with qualifications, "klant van" relations, and products over gegevensdiensten."""

import datetime as dt
import itertools

import pytest

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.implementatie.models import Product
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.organisaties import services as org_services
from stelselbeheer.organisaties.models import Regio, Soort
from stelselbeheer.register import services as reg_services

_NR = itertools.count(1)


def _letters(n: int) -> str:
    uit = ""
    while True:
        n, r = divmod(n, 26)
        uit = chr(97 + r) + uit
        if not n:
            return uit


class Register:
    def __init__(self, maak):
        self.maak = maak

    def regio(self, naam):
        return Regio.objects.get_or_create(code=naam.lower(), naam=naam)[0]

    def leverancier(self, naam, *, dva=True):
        if dva:
            return self.maak.deelnemer(naam, rollen=[RolSoort.DVA])
        return self.maak.organisatie(naam=naam, soort=Soort.LEVERANCIER)

    def aanbieder(self, dva, *, sector="huisartsenzorg", regio=None, diensten=()):
        n = next(_NR)
        org = org_services.organisatie_aanmaken(actor=None, naam=f"Praktijk {n}", soort=Soort.ZORGAANBIEDER,
                                                kvk_nummer=f"{20000000 + n}", sector=sector, regio=regio,
                                                plaats="Zwolle")
        a = reg_services.aanbieder_aanmaken(actor=None, naam=f"praktijk{_letters(n)}@medmij",
                                            weergavenaam=f"Praktijk {n}", organisatie=org, dva=dva, plaats="Zwolle")
        for dienst in diensten:
            reg_services.aanbieder_dienst_instellen(
                actor=None, aanbieder=a, gegevensdienst=dienst,
                authorization_endpoint=f"https://auth.voorbeeld.nl/p{n}/authorize",
                token_endpoint=f"https://api.voorbeeld.nl/p{n}/token",
                systeemrollen={"MED-FHIR-SERVER": f"https://fhir.voorbeeld.nl/p{n}/{dienst.code}"})
        return a

    def klant_van(self, klant_org, leverancier_org):
        return org_services.relatie_leggen(actor=None, van=klant_org, naar=leverancier_org, soort="klant_van")

    def product(self, code="medicatie", *, sectoren=("huisartsenzorg",), diensten=(), fase="koplopers"):
        p = Product.objects.create(code=code, naam=code.capitalize(), eigenaar="Programma", sectoren=list(sectoren),
                                   fase=fase)
        p.gegevensdiensten.set(diensten)
        return p

    @staticmethod
    def publiceer_zal(goedgekeurd=frozenset()):
        return lijst_publiceren(actor=None, lijst="zal", goedgekeurd=set(goedgekeurd))


@pytest.fixture
def register(maak):
    return Register(maak)


TESTDATUM = dt.date(2026, 6, 1)
