"""Deterministic, realistic demo data: ``stelsel demo-data --aanbieders N --seed S``.

Everything is generated from one ``random.Random(seed)`` and a seeded Faker (nl_NL), relative to a
reference date (``peildatum``, default today), so the same seed and date give the same register.
Rows are written with ``bulk_create`` in chunks, which is what makes 50,000 aanbieders take seconds.
The generation is recorded as one audit event with its parameters and counts; the demo accounts are
created through the account service, one event each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import time
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from stelselbeheer.besluiten.models import Besluit, BesluitSoort
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.models import (
    Deelnemer,
    DeelnemerRol,
    DeelnemerStatus,
    Kwalificatie,
    RolSoort,
    Statuswijziging,
    Testresultaat,
)
from stelselbeheer.deelnemers.rules import AMSTERDAM, uiterste_geldig_tot
from stelselbeheer.demo.afsprakenset import afsprakenset_demo
from stelselbeheer.demo.overleg import overleg_demo
from stelselbeheer.demo.wijzigingen import wijzigingen_demo
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.kern.services import gebruiker_aanmaken
from stelselbeheer.meldingen import services as mel
from stelselbeheer.meldingen.models import Melding, Meldinggebeurtenis
from stelselbeheer.meldingen.servicenormen import AMSTERDAM as A
from stelselbeheer.meldingen.servicenormen import doelen
from stelselbeheer.meldingen.services import actieve_boom, artikel_vastleggen
from stelselbeheer.naleving import services as nal
from stelselbeheer.naleving.models import CRITERIA, Nalevingszaak, Opschorting, Zaakgebeurtenis
from stelselbeheer.naleving.opschorting import einde_signaleren, scope
from stelselbeheer.organisaties.models import (
    Organisatie,
    OrganisatieRelatie,
    Regio,
    RelatieSoort,
    Sector,
    Soort,
)
from stelselbeheer.register.models import (
    Aanbieder,
    AanbiederGegevensdienst,
    AanbiederSoort,
    Gegevensdienst,
    OAuthclient,
    Systeemrol,
)
from stelselbeheer.register.verzoeken import verzoek_indienen
from stelselbeheer.register.zoeken import zoektekst

DEMO_WACHTWOORD = "demo-Stelsel-2026!"
KENNISARTIKELEN = [
    ("De regionale viewer toont geen gegevens", "Controleer eerst of de patiënt toestemming gaf voor uw regio en "
     "of u bent ingelogd met de juiste rol. Blijft het leeg, meld het dan bij de regionale helpdesk van uw RSO.",
     "openbaar", "viewer leeg toestemming regio"),
    ("Mijn PGO haalt geen gegevens op bij mijn huisarts", "Niet elke zorgaanbieder biedt elke gegevensdienst aan. "
     "Zoek uw huisarts op in het aanbiedersregister: daar staat welke diensten beschikbaar zijn.", "openbaar",
     "pgo huisarts ophalen gegevensdienst"),
    ("Wat is het verschil tussen een incident en een calamiteit?", "Een incident verstoort een dienst; een "
     "calamiteit brengt gegevens van burgers of het stelsel als geheel in gevaar en wordt direct opgepakt.",
     "openbaar", "incident calamiteit melden"),
    ("Een klacht over een deelnemer indienen", "De uitvoeringsorganisatie bemiddelt eerst. Komen partijen er niet "
     "uit, dan legt zij de klacht voor aan het bestuur, dat uitspraak doet.", "openbaar",
     "klacht geschil bemiddeling bestuur"),
    ("Certificaat vernieuwen zonder onderbreking", "Vraag het nieuwe PKIoverheid-certificaat minstens een maand voor "
     "het verloopt aan en meld de wijziging via een wijzigingsverzoek in het portaal.", "deelnemers",
     "certificaat pkioverheid vervangen"),
    ("Kwalificatie verlopen: wat nu?", "Zonder geldige kwalificatie verdwijnen uw entries uit de lijsten. Plan de "
     "nieuwe test tijdig; u krijgt herinneringen 60, 30 en 7 dagen vooraf.", "deelnemers",
     "kwalificatie test verlopen herinnering"),
]
ONDERWERPEN = {
    "vraag": ["Hoe meld ik een nieuwe zorgaanbieder aan?", "Welke gegevensdiensten zijn verplicht?",
              "Toegang tot de regionale viewer", "Vraag over de OAuth-clientlijst", "Waar vind ik het besluit?"],
    "incident": ["Time-outs bij ophalen medicatie", "Regionale viewer traag", "Foutmelding bij inloggen met DigiD",
                 "Endpoint geeft 500", "Lijst niet opgehaald door certificaatfout"],
    "klacht": ["Lange behandeltijd van een verzoek", "Onduidelijke communicatie over opschorting",
               "PGO reageert niet op vragen"],
    "geschil": ["Uitleg van de ophaalafspraak", "Kosten van aansluiting"],
    "calamiteit": ["Gegevens van verkeerde patiënt getoond", "Stelselbrede storing token endpoint"],
}
#: the last six participants show the workflow: three applications under way, then suspension and exit
VERLOOP = [DeelnemerStatus.AANGEMELD, DeelnemerStatus.INTAKE, DeelnemerStatus.ADVIES, DeelnemerStatus.OPGESCHORT,
           DeelnemerStatus.IN_UITTREDING, DeelnemerStatus.BEEINDIGD]
AANVRAAG = {DeelnemerStatus.AANGEMELD, DeelnemerStatus.INTAKE, DeelnemerStatus.ADVIES}

GEGEVENSDIENSTEN = [
    ("1", "Basisgegevensset Zorg"), ("3", "Documenten"), ("4", "Meetwaarden vitale functies"),
    ("48", "Medicatiegegevens"), ("49", "Huisartsgegevens"), ("51", "Laboratoriumuitslagen"),
    ("63", "Verpleegkundige overdracht"), ("64", "Geboortezorg"),
]
REGIO_NAMEN = ["Noord-Holland Noord", "Amsterdam-Amstelland", "Haaglanden", "Rotterdam-Rijnmond", "Utrecht",
               "Gelderland-Midden", "Twente", "Groningen", "Brabant-Zuidoost", "Zuid-Limburg"]
LEVERANCIER_SUFFIX = ["Zorgsystemen B.V.", "Health B.V.", "Medische Software B.V.", "Zorg-ICT B.V.",
                      "Gezondheidsplatform B.V.", "Digitale Zorg B.V.", "PGO B.V.", "Zorgconnect B.V."]
AANBIEDER_SOORTEN = [  # (template, sector, weight)
    ("Huisartsenpraktijk {naam}", Sector.HUISARTSENZORG, 30),
    ("Apotheek {plaats}", Sector.FARMACIE, 15),
    ("Apotheek {naam}", Sector.FARMACIE, 5),
    ("Fysiotherapie {naam}", Sector.PARAMEDISCH, 12),
    ("Verloskundigenpraktijk {plaats}", Sector.GEBOORTEZORG, 8),
    ("Ziekenhuis {plaats}", Sector.ZIEKENHUISZORG, 4),
    ("GGZ {plaats}", Sector.GGZ, 6),
    ("Zorggroep {plaats}", Sector.LANGDURIGE_ZORG, 6),
    ("Tandartspraktijk {naam}", Sector.OVERIG, 8),
    ("Diëtistenpraktijk {naam}", Sector.PARAMEDISCH, 6),
]
SYSTEEMROLLEN = {"1": ["BGZ-FHIR-SERVER"], "3": ["DOC-FHIR-SERVER"], "4": ["VITALE-FHIR-SERVER"],
                 "48": ["MED-FHIR-SERVER", "MED-FHIR-LEZER"], "49": ["HA-FHIR-SERVER"], "51": ["LAB-FHIR-SERVER"],
                 "63": ["OVERDRACHT-SERVER"], "64": ["GEBOORTE-FHIR-SERVER"]}
CHUNK = 5000


@dataclass
class DemoResultaat:
    aantallen: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (rol, gebruikersnaam, wachtwoord)


def letters(tekst: str) -> str:
    """Lowercase a-z only (accents folded), as the naming policy asks (REG-NAAM)."""
    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plat.lower())


def letterindex(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': a letters-only suffix that keeps names unique."""
    s = ""
    while True:
        s = chr(ord("a") + n % 26) + s
        n //= 26
        if n == 0:
            return s


def slug(tekst: str) -> str:
    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plat).strip("-") or "x"


class Generator:
    def __init__(self, seed: int, peildatum: dt.date):
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.peildatum = peildatum
        self.kvk_gebruikt: set[str] = set()
        self.namen_gebruikt: set[str] = set()
        self.hosts_gebruikt: set[str] = set()
        self.aantallen: dict[str, int] = {}

    def tel(self, soort: str, n: int) -> None:
        self.aantallen[soort] = self.aantallen.get(soort, 0) + n

    def nummer(self, lengte: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(lengte))

    def kvk(self) -> str:
        while True:
            nummer = str(self.rng.randint(10_000_000, 99_999_999))
            if nummer not in self.kvk_gebruikt:
                self.kvk_gebruikt.add(nummer)
                return nummer

    def dag(self, min_dagen_terug: int, max_dagen_terug: int) -> dt.date:
        return self.peildatum - dt.timedelta(days=self.rng.randint(min_dagen_terug, max_dagen_terug))

    # -- the fixed part: regions, organisations, participants, qualifications, clients -----------------
    def basis(self):
        regios = Regio.objects.bulk_create([Regio(code=slug(n), naam=n) for n in REGIO_NAMEN])
        self.regios = regios
        self.diensten = Gegevensdienst.objects.bulk_create([Gegevensdienst(code=c, naam=n)
                                                            for c, n in GEGEVENSDIENSTEN])
        self.tel("regios", len(regios))
        self.tel("gegevensdiensten", len(self.diensten))
        orgs = [Organisatie(naam="Stichting MedMij", soort=Soort.BEHEERORGANISATIE, kvk_nummer=self.kvk(),
                            oin="00000001" + self.nummer(8) + "0000", sector=Sector.OVERHEID, plaats="Den Haag"),
                Organisatie(naam="Landelijk programma Implementatie Gegevensuitwisseling",
                            soort=Soort.LANDELIJK_PROGRAMMA, kvk_nummer=self.kvk(), sector=Sector.OVERHEID,
                            plaats="Utrecht"),
                Organisatie(naam="Branchevereniging Zorg-ICT Nederland", soort=Soort.SECTORORGANISATIE,
                            kvk_nummer=self.kvk(), sector=Sector.ICT, plaats="Utrecht")]
        rsos, vsvs = [], []
        for regio in regios:
            rsos.append(Organisatie(naam=f"RSO {regio.naam}", soort=Soort.RSO, kvk_nummer=self.kvk(),
                                    sector=Sector.OVERIG, plaats=self.fake.city(), regio=regio))
            for _ in range(2):
                plaats = self.fake.city()
                vsvs.append(Organisatie(naam=f"VSV {plaats}", soort=Soort.VSV, kvk_nummer=self.kvk(),
                                        sector=Sector.GEBOORTEZORG, plaats=plaats, regio=regio))
        leveranciers = []
        for i in range(30):
            naam = f"{self.fake.last_name()} {LEVERANCIER_SUFFIX[i % len(LEVERANCIER_SUFFIX)]}"
            leveranciers.append(Organisatie(naam=naam, soort=Soort.LEVERANCIER, kvk_nummer=self.kvk(),
                                            sector=Sector.ICT, plaats=self.fake.city(),
                                            website=f"https://www.{slug(naam)}.nl"))
        Organisatie.objects.bulk_create(orgs + rsos + vsvs + leveranciers)
        self.rsos, self.vsvs = rsos, vsvs
        relaties = [OrganisatieRelatie(van=rso, naar=vsv, soort=RelatieSoort.BEDIENT, sinds=self.dag(200, 2000))
                    for rso in rsos for vsv in vsvs if vsv.regio_id == rso.regio_id]
        OrganisatieRelatie.objects.bulk_create(relaties)
        self.tel("organisaties", len(orgs) + len(rsos) + len(vsvs) + len(leveranciers))
        self.tel("relaties", len(relaties))

        deelnemers, rollen, self.dva, self.dvp = [], [], [], []
        for i, org in enumerate(leveranciers):
            if i < 24:
                status = DeelnemerStatus.ACTIEF
            else:
                status = VERLOOP[i - 24]
            ondertekend = None if status in AANVRAAG else self.dag(120, 1800)
            d = Deelnemer(organisatie=org, overeenkomstversie=self.rng.choice(["2.1", "2.2", "2.3"]),
                          ondertekend_op=ondertekend, status=status,
                          status_sinds=ondertekend or self.dag(5, 60))
            deelnemers.append(d)
        Deelnemer.objects.bulk_create(deelnemers)
        for i, d in enumerate(deelnemers):
            soorten = [[RolSoort.DVA], [RolSoort.DVP], [RolSoort.DVA, RolSoort.DVP]][i % 3]
            for rol in soorten:
                rollen.append(DeelnemerRol(deelnemer=d, rol=rol, sinds=d.status_sinds))
                (self.dva if rol == RolSoort.DVA else self.dvp).append(d)
        DeelnemerRol.objects.bulk_create(rollen)
        self.deelnemers = deelnemers
        self.tel("deelnemers", len(deelnemers))

        kwalificaties = []
        for d in deelnemers:
            for r in [r for r in rollen if r.deelnemer is d]:
                for dienst in self.rng.sample(self.diensten, self.rng.randint(3, len(self.diensten))):
                    # a spread: most valid, some expiring within 60 days, some expired, a few failed
                    kans = self.rng.random()
                    if kans < 0.60:
                        testdatum = self.dag(0, 300)
                    elif kans < 0.80:
                        testdatum = self.dag(306, 364)
                    elif kans < 0.95:
                        testdatum = self.dag(366, 700)
                    else:
                        testdatum = self.dag(10, 200)
                    resultaat = Testresultaat.NIET_GESLAAGD if kans >= 0.95 else Testresultaat.GESLAAGD
                    kwalificaties.append(Kwalificatie(deelnemer=d, rol=r.rol, gegevensdienst=dienst,
                                                      testdatum=testdatum, resultaat=resultaat,
                                                      geldig_tot=uiterste_geldig_tot(testdatum)))
        Kwalificatie.objects.bulk_create(kwalificaties)
        self.tel("kwalificaties", len(kwalificaties))

        clients = []
        for d in self.dvp:
            for _ in range(self.rng.randint(1, 3)):
                host = self._uniek_host(f"{self.rng.choice(['app', 'pgo', 'mijn', 'portaal'])}."
                                        f"{slug(d.organisatie.naam.split(' ')[0])}.nl")
                clients.append(OAuthclient(hostname=host, organisatienaam=d.organisatie.naam[:50], dvp=d))
        OAuthclient.objects.bulk_create(clients)
        self.tel("oauthclients", len(clients))

    def _uniek_host(self, host: str) -> str:
        kandidaat, n = host, 0
        while kandidaat in self.hosts_gebruikt:
            n += 1
            kandidaat = f"{letterindex(n)}{host}" if host[0].isalpha() else host
        self.hosts_gebruikt.add(kandidaat)
        return kandidaat

    # -- the scalable part: N aanbieders with their organisation and endpoints -----------------------
    def _aanbiedernaam(self, weergavenaam: str) -> str:
        basis = letters(weergavenaam)[:44] or "aanbieder"
        if len(basis) < 3:
            basis = (basis + "zorg")[:44]
        naam, n = basis, 0
        while naam in self.namen_gebruikt:
            naam = basis + letterindex(n)
            n += 1
        self.namen_gebruikt.add(naam)
        return naam + "@medmij"

    def aanbieders(self, aantal: int):
        """N aanbieders, each with its own organisation, 1-5 gegevensdiensten and their system roles.

        Written as plain rows with ``executemany`` and ids assigned here: building tens of thousands of
        model instances costs more than the database does (measured: 4x slower)."""
        sjablonen = [s for s, _, _ in AANBIEDER_SOORTEN]
        gewichten = [w for _, _, w in AANBIEDER_SOORTEN]
        sectoren = {s: sec for s, sec, _ in AANBIEDER_SOORTEN}
        dva_actief = [d for d in self.dva if d.status == DeelnemerStatus.ACTIEF] or self.dva
        dva_host = {d.pk: slug(d.organisatie.naam.split(" ")[0]) for d in dva_actief}
        vsv_per_regio: dict[int, list] = {}
        for v in self.vsvs:
            vsv_per_regio.setdefault(v.regio_id, []).append(v)
        nu = connection.ops.adapt_datetimefield_value(timezone.now())
        ids = {m: (m.objects.aggregate(m=Max("id"))["m"] or 0) for m in
               (Organisatie, Aanbieder, AanbiederGegevensdienst, Systeemrol, OrganisatieRelatie)}
        gedaan = 0
        while gedaan < aantal:
            n = min(CHUNK, aantal - gedaan)
            orgs, aanb, diensten, rollen, leden = [], [], [], [], []
            for _ in range(n):
                sjabloon = self.rng.choices(sjablonen, gewichten)[0]
                plaats = self.fake.city()
                weergave = sjabloon.format(naam=self.fake.last_name(), plaats=plaats)[:100]
                regio = self.rng.choice(self.regios)
                ids[Organisatie] += 1
                org_id = ids[Organisatie]
                orgs.append((org_id, weergave, Soort.ZORGAANBIEDER.value, self.kvk(),
                             self.nummer(8) if self.rng.random() < 0.6 else "", self.nummer(8), "",
                             sectoren[sjabloon].value, plaats, regio.pk, "", nu))
                soort = (AanbiederSoort.ZONDER_BEHANDELRELATIE if self.rng.random() < 0.05
                         else AanbiederSoort.ZORGAANBIEDER)
                dva = self.rng.choice(dva_actief)
                naam = self._aanbiedernaam(weergave)
                ids[Aanbieder] += 1
                aanbieder_id = ids[Aanbieder]
                aanb.append((aanbieder_id, naam, weergave, soort.value, org_id, dva.pk, plaats, nu,
                             zoektekst(weergavenaam=weergave, plaats=plaats, naam=naam)))
                lokaal = naam.split("@")[0][:40]
                host = dva_host[dva.pk]
                for g in self.rng.sample(self.diensten, self.rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])):
                    ids[AanbiederGegevensdienst] += 1
                    diensten.append((ids[AanbiederGegevensdienst], aanbieder_id, g.pk,
                                     f"https://auth.{host}.nl/{lokaal}/oauth/authorize",
                                     f"https://api.{host}.nl/{lokaal}/oauth/token"))
                    for code in SYSTEEMROLLEN[g.code]:
                        ids[Systeemrol] += 1
                        rollen.append((ids[Systeemrol], ids[AanbiederGegevensdienst], code,
                                       f"https://fhir.{host}.nl/{lokaal}/{g.code}"))
                if sectoren[sjabloon] == Sector.GEBOORTEZORG and vsv_per_regio.get(regio.pk):
                    ids[OrganisatieRelatie] += 1
                    leden.append((ids[OrganisatieRelatie], org_id,
                                  self.rng.choice(vsv_per_regio[regio.pk]).pk, RelatieSoort.LID_VAN.value, None))
            _rijen(Organisatie, ["id", "naam", "soort", "kvk_nummer", "ura", "agb_code", "oin", "sector", "plaats",
                                 "regio_id", "website", "aangemaakt_op"], orgs)
            _rijen(Aanbieder, ["id", "naam", "weergavenaam", "soort", "organisatie_id", "dva_id", "plaats",
                               "aangemaakt_op", "zoektekst"], aanb)
            _rijen(AanbiederGegevensdienst, ["id", "aanbieder_id", "gegevensdienst_id", "authorization_endpoint",
                                             "token_endpoint"], diensten)
            _rijen(Systeemrol, ["id", "dienst_id", "code", "resource_endpoint"], rollen)
            _rijen(OrganisatieRelatie, ["id", "van_id", "naar_id", "soort", "sinds"], leden)
            self.tel("organisaties", len(orgs))
            self.tel("aanbieders", len(aanb))
            self.tel("aanbieder-gegevensdiensten", len(diensten))
            self.tel("systeemrollen", len(rollen))
            self.tel("relaties", len(leden))
            gedaan += n
        _reset_reeksen(list(ids))

    def geschiedenis(self) -> None:
        """Each participant's steps so far with the board decisions behind them, a few change requests, and
        the nightly check of qualifications once (reminders and findings)."""

        S = DeelnemerStatus
        stappen = []

        def besluit(d, soort, datum, onderwerp, openbaar=True, tekst=""):
            return besluit_vastleggen(actor=None, datum=datum, soort=soort, onderwerp=f"{onderwerp}: {d}",
                                      openbaar=openbaar, deelnemer=d, tekst=tekst or (
                                          f"Het bestuur van de Stichting besluit tot {onderwerp.lower()} van {d} "
                                          f"(KvK {d.organisatie.kvk_nummer}), gelet op het advies van de "
                                          "uitvoeringsorganisatie."))

        def stap(d, overgang, van, naar, datum, b=None):
            stappen.append(Statuswijziging(deelnemer=d, overgang=overgang, van=van, naar=naar, datum=datum, besluit=b))

        for d in sorted(self.deelnemers, key=lambda d: d.ondertekend_op or d.status_sinds):
            if d.status in AANVRAAG:
                aanvraag = self.dag(30, 90)
                stap(d, "geregistreerd", "", S.AANGEMELD, aanvraag)
                if d.status in (S.INTAKE, S.ADVIES):
                    stap(d, "intake_starten", S.AANGEMELD, S.INTAKE, aanvraag + dt.timedelta(days=7))
                if d.status == S.ADVIES:
                    stap(d, "kwalificatie_starten", S.INTAKE, S.KWALIFICATIE, aanvraag + dt.timedelta(days=14))
                    stap(d, "advies_uitbrengen", S.KWALIFICATIE, S.ADVIES, self.peildatum - dt.timedelta(days=3))
                    Deelnemer.objects.filter(pk=d.pk).update(
                        advies="positief", advies_toelichting="Alle tests voor de aangevraagde rollen zijn gehaald.")
                    getest = self.peildatum - dt.timedelta(days=10)
                    for r in d.rollen.all():
                        Kwalificatie.objects.create(deelnemer=d, rol=r.rol, gegevensdienst=self.diensten[0],
                                                    testdatum=getest, resultaat=Testresultaat.GESLAAGD,
                                                    geldig_tot=uiterste_geldig_tot(getest))
                Deelnemer.objects.filter(pk=d.pk).update(contact_email=f"aanvraag@{slug(d.organisatie.naam)}.nl",
                                                         status_sinds=stappen[-1].datum)
                continue
            begin = d.ondertekend_op
            toelating = besluit(d, BesluitSoort.TOELATING, begin - dt.timedelta(days=14), "Toelating")
            stap(d, "toelaten", S.ADVIES, S.TOEGELATEN, begin - dt.timedelta(days=14), toelating)
            stap(d, "activeren", S.TOEGELATEN, S.ACTIEF, begin)
            if d.status in (S.OPGESCHORT, S.IN_UITTREDING, S.BEEINDIGD):
                datum = self.peildatum - dt.timedelta(days=40 if d.status == S.BEEINDIGD else 12)
                if d.status == S.OPGESCHORT:
                    besluit(d, BesluitSoort.OVERIG, datum - dt.timedelta(days=2), "Voorbereiding opschorting",
                            openbaar=False,
                            tekst="Vertrouwelijk: de verlopen testresultaten zijn niet tijdig vernieuwd.")
                    b = besluit(d, BesluitSoort.OPSCHORTING, datum, "Opschorting")
                    stap(d, "opschorten", S.ACTIEF, S.OPGESCHORT, datum, b)
                else:
                    b = besluit(d, BesluitSoort.UITTREDING, datum, "Uittreding op verzoek")
                    stap(d, "uittreding_starten", S.ACTIEF, S.IN_UITTREDING, datum, b)
                    einde = datum + dt.timedelta(days=30)
                    Deelnemer.objects.filter(pk=d.pk).update(opzegdatum=einde, uittreding_soort="verzoek")
                    if d.status == S.BEEINDIGD:
                        Deelnemer.objects.filter(pk=d.pk).update(
                            gebruikers_geinformeerd_op=datum + dt.timedelta(days=5))
                        stap(d, "beeindigen", S.IN_UITTREDING, S.BEEINDIGD, einde)
                Deelnemer.objects.filter(pk=d.pk).update(status_sinds=stappen[-1].datum)
        Statuswijziging.objects.bulk_create(stappen)
        self.tel("statuswijzigingen", len(stappen))
        kwalificaties_controleren(moment=dt.datetime.combine(self.peildatum, dt.time(2), tzinfo=AMSTERDAM))
        self.naleving()

    def naleving(self) -> None:
        """Cases in several steps of the policy (with their letters) and a level-2 suspension."""

        p = self.peildatum
        zaken = list(Nalevingszaak.objects.order_by("id")[:4])
        if len(zaken) == 4:
            dagen = lambda n: p - dt.timedelta(days=n)  # noqa: E731
            # these cases have a history: opened two months ago, so their steps follow the opening (NAL-STAPDATUM)
            ids = [z.pk for z in zaken]
            Nalevingszaak.objects.filter(pk__in=ids).update(geopend_op=dagen(60))
            Zaakgebeurtenis.objects.filter(zaak_id__in=ids, soort="geopend").update(datum=dagen(60))
            nal.zaak_stap(actor=None, zaak=zaken[0], overgang="toelichting_vragen", datum=dagen(30))
            z = nal.zaak_stap(actor=None, zaak=zaken[1], overgang="toelichting_vragen", datum=dagen(25))
            nal.zaak_stap(actor=None, zaak=z, overgang="beoordelen", datum=dagen(5), gegevens={
                "beoordeling": "Geen reactie binnen de termijn; het verlopen testresultaat raakt de lijsten."})
            z = nal.zaak_stap(actor=None, zaak=zaken[2], overgang="toelichting_vragen", datum=dagen(45))
            z = nal.zaak_stap(actor=None, zaak=z, overgang="beoordelen", datum=dagen(25), gegevens={
                "beoordeling": "De voorgestelde termijn van een halfjaar past niet bij de ernst."})
            nal.zaak_stap(actor=None, zaak=z, overgang="in_gebreke_stellen", datum=dagen(3), termijn=30, gegevens={
                "criteria": {k: {"score": self.rng.randint(2, 5), "motivering": f"Afweging: {naam.lower()}."}
                             for k, naam in CRITERIA.items()}})
            nal.zaak_stap(actor=None, zaak=zaken[3], overgang="sluiten_voldoende_zicht", datum=dagen(2),
                          toelichting="Nieuwe test gepland; vinger aan de pols.",
                          gegevens={"vervolgcontrole_op": p + dt.timedelta(days=30)})
        for d in Deelnemer.objects.filter(status=DeelnemerStatus.OPGESCHORT):
            besluit = Besluit.objects.filter(deelnemer=d, soort="opschorting").first()
            if besluit:
                Opschorting.objects.create(deelnemer=d, niveau=2, besluit=besluit, ingegaan_op=d.status_sinds,
                                           gepland_tot=d.status_sinds + dt.timedelta(days=7), scope=scope(d))
        # the planned week has passed: the nightly check puts "lift or extend" on the staff's work queue
        einde_signaleren(dag=p)

    def verzoeken(self, gebruiker) -> None:

        dva = gebruiker.deelnemer
        aanbieder = Aanbieder.objects.filter(dva=dva).order_by("naam").first()
        if aanbieder is None:
            return
        dienst = AanbiederGegevensdienst.objects.filter(aanbieder=aanbieder).select_related("gegevensdienst").first()
        verzoek_indienen(actor=gebruiker, deelnemer=dva, soort="aanbieder_nieuw",
                         toelichting="Nieuwe klant per 1 januari",
                         gegevens={"naam": "huisartsenpraktijkdeberk@medmij", "plaats": aanbieder.plaats,
                                   "weergavenaam": "Huisartsenpraktijk De Berk",
                                   "organisatie_kvk": aanbieder.organisatie.kvk_nummer})
        if dienst:
            host = slug(aanbieder.weergavenaam)[:20] or "praktijk"
            verzoek_indienen(actor=gebruiker, deelnemer=dva, soort="dienst_instellen", toelichting="Verhuizing server",
                             gegevens={"aanbieder": aanbieder.naam, "gegevensdienst": dienst.gegevensdienst.code,
                                       "authorization_endpoint": f"https://auth2.{host}.nl/authorize",
                                       "token_endpoint": f"https://api2.{host}.nl/token",
                                       "systeemrollen": {c: f"https://fhir2.{host}.nl/{c.lower()}" for c in
                                                         SYSTEEMROLLEN[dienst.gegevensdienst.code]}})
        self.tel("wijzigingsverzoeken", 2 if dienst else 1)

    def meldingen(self) -> None:
        """A knowledge base, a year of handled meldingen for the monthly figures, and the cases of today that
        show each path: a regional incident, a calamity with its notice, review and compliance finding, a
        dispute before the board, a complaint in mediation, a question that became an article."""

        boom = actieve_boom()
        self.kennisbank()
        self.meldinghistorie(boom)
        self.meldingen_vandaag(boom)

    def kennisbank(self) -> None:

        for titel, tekst, doelgroep, trefwoorden in KENNISARTIKELEN:
            artikel_vastleggen(actor=None, titel=titel, tekst=tekst, doelgroep=doelgroep, trefwoorden=trefwoorden)
        self.tel("kennisartikelen", len(KENNISARTIKELEN))

    def meldinghistorie(self, boom) -> None:
        """Eleven months back and this month until yesterday: handled meldingen with realistic service levels
        (most on time), written in bulk like the status history."""


        rng, nu = self.rng, timezone.now()
        soorten = ["vraag"] * 45 + ["incident"] * 30 + ["klacht"] * 12 + ["geschil"] * 3 + ["calamiteit"] * 2
        prioriteiten = ["laag"] * 2 + ["normaal"] * 5 + ["hoog"] * 2 + ["kritiek"]
        regios = [r.regio for r in self.rsos]
        eerste = dt.date(self.peildatum.year, self.peildatum.month, 1)
        maanden = [(eerste.year - (eerste.month - 1 - i < 0), (eerste.month - 1 - i) % 12 + 1) for i in range(12)]
        rijen = []
        for jaar, maand in sorted(maanden):
            dagen = (dt.date(jaar + maand // 12, maand % 12 + 1, 1) - dt.date(jaar, maand, 1)).days
            if (jaar, maand) == (self.peildatum.year, self.peildatum.month):
                dagen = self.peildatum.day - 1
            for _ in range(rng.randint(14, 30) if dagen > 0 else 0):
                ingediend = dt.datetime(jaar, maand, rng.randint(1, dagen), rng.randint(7, 19), rng.randint(0, 59),
                                        tzinfo=A)
                soort, prio = rng.choice(soorten), rng.choice(prioriteiten)
                reactie_voor, oplossing_voor = doelen(soort, prio, ingediend)
                reactie = ingediend + (reactie_voor - ingediend) * (rng.uniform(0.1, 0.95) if rng.random() < 0.88
                                                                    else rng.uniform(1.1, 2.5))
                opgelost = ingediend + (oplossing_voor - ingediend) * (rng.uniform(0.2, 0.95) if rng.random() < 0.8
                                                                       else rng.uniform(1.1, 3.0))
                regionaal = soort in {"vraag", "incident"} and rng.random() < 0.3
                naam = self.fake.name()
                rijen.append((ingediend, Melding(
                    soort=soort, onderwerp=rng.choice(ONDERWERPEN[soort]), omschrijving="Uit de demohistorie.",
                    melder_naam=naam, melder_email=f"{slug(naam)}@voorbeeld.nl",
                    niveau="regionaal" if regionaal else "landelijk",
                    regio=rng.choice(regios) if regionaal else None, beslisboom=boom,
                    uitkomst="rso" if regionaal else "landelijk", prioriteit=prio,
                    status="gesloten" if opgelost < nu - dt.timedelta(days=7) else (
                        "opgelost" if opgelost < nu else "in_behandeling"),
                    fase="bemiddeling" if soort in {"klacht", "geschil"} else "",
                    ernst=rng.choice(["beperkt", "aanzienlijk"]) if soort == "incident" else (
                        "ernstig" if soort == "calamiteit" else ""),
                    evaluatie="Oorzaak gevonden en verholpen; bewaking aangescherpt." if soort == "calamiteit" else "",
                    token_sha256=hashlib.sha256(rng.randbytes(32)).hexdigest(),
                    reactie_voor=reactie_voor, oplossing_voor=oplossing_voor,
                    eerste_reactie_op=reactie if reactie < nu else None,
                    opgelost_op=opgelost if opgelost < nu else None)))
        rijen.sort(key=lambda r: r[0])
        teller = {}
        for ingediend, m in rijen:
            teller[ingediend.year] = teller.get(ingediend.year, 0) + 1
            m.nummer = f"M-{ingediend.year}-{teller[ingediend.year]:04d}"
        meldingen = Melding.objects.bulk_create([m for _, m in rijen])
        for (ingediend, _), m in zip(rijen, meldingen, strict=True):
            m.ingediend_op = ingediend  # auto_now_add set "now" on insert
        Melding.objects.bulk_update(meldingen, ["ingediend_op"], batch_size=500)
        gebeurtenissen = []
        for m in meldingen:
            stappen = [("ingediend", m.ingediend_op, ""), ("in behandeling", m.eerste_reactie_op, "In behandeling.")]
            if m.opgelost_op:
                stappen.append(("opgelost", m.opgelost_op, "Opgelost; zie de toelichting van de desk."))
            if m.status == "gesloten":
                stappen.append(("gesloten", m.opgelost_op + dt.timedelta(days=7), "Gesloten."))
            gebeurtenissen += [(t, Meldinggebeurtenis(melding=m, soort=soort, tekst=tekst, zichtbaar="melder"))
                               for soort, t, tekst in stappen if t]
        rijen_g = Meldinggebeurtenis.objects.bulk_create([g for _, g in gebeurtenissen])
        for (t, _), g in zip(gebeurtenissen, rijen_g, strict=True):
            g.tijdstip = t
        Meldinggebeurtenis.objects.bulk_update(rijen_g, ["tijdstip"], batch_size=500)
        self.tel("meldingen (historie)", len(meldingen))

    def meldingen_vandaag(self, boom) -> None:

        def indienen(soort, onderwerp, omschrijving, uitkomst="landelijk", regio=None, actor=None):
            naam = actor.get_full_name() if actor else self.fake.name()
            return mel.melding_indienen(actor=actor, soort=soort, onderwerp=onderwerp, omschrijving=omschrijving,
                                        melder_naam=naam, melder_email=f"{slug(naam)}@voorbeeld.nl", regio=regio,
                                        uitkomst=uitkomst, beslisboom=boom)[0]

        eerste_dva = next(d for d in self.dva if d.status == DeelnemerStatus.ACTIEF)
        dvp = next(d for d in self.dvp if d.status == DeelnemerStatus.ACTIEF)
        deelnemer = Gebruiker.objects.filter(username="deelnemer").first()
        regio = self.rsos[0].regio
        aantal = 0
        m = indienen("incident", "Viewer laadt geen echobeelden", "Sinds de update van vanochtend blijven de "
                     "echobeelden in de regionale viewer leeg.", "rso", regio)
        mel.melding_triage(actor=None, melding=m, prioriteit="hoog", team="Regionale viewer")
        aantal += 1
        # a calamity: affected entries, notice, update, solved, reviewed, a compliance finding, closed
        aanbieders = list(Aanbieder.objects.filter(dva=eerste_dva).order_by("naam")[:3])
        dienst = (AanbiederGegevensdienst.objects.filter(aanbieder__in=aanbieders).select_related("gegevensdienst")
                  .order_by("id").first())
        dienst = dienst.gegevensdienst if dienst else None
        c = indienen("calamiteit", "Token endpoint geeft gegevens van een andere patiënt",
                     "Bij het ophalen van medicatiegegevens kreeg een burger de gegevens van een ander te zien.")
        mel.melding_triage(actor=None, melding=c, prioriteit="kritiek", team="Calamiteitenteam")
        mel.incident_vastleggen(actor=None, melding=c, ernst="zeer_ernstig", aanbieders=aanbieders,
                                gegevensdiensten=[dienst] if dienst else [], deelnemers=[eerste_dva, dvp])
        mel.incident_bericht(actor=None, melding=c, tekst="De betrokken endpoints zijn uit de ZAL gehaald tot de "
                                                          "oorzaak bekend is. Haal de lijst opnieuw op.")
        mel.melding_bijwerken(actor=None, melding=c, zichtbaar="melder", tekst="De oorzaak is gevonden: een "
                              "cache bij de DVA gaf antwoorden aan de verkeerde sessie.")
        mel.melding_status_zetten(actor=None, melding=c, status="opgelost", toelichting="Cache uitgeschakeld en "
                                  "getest; de endpoints zijn terug in de ZAL.")
        mel.incident_evalueren(actor=None, melding=c, evaluatie="Oorzaak: sessie-cache bij de DVA. Maatregelen: "
                               "cache uit, regressietest toegevoegd, melding bij de AP gedaan door de DVA.")
        mel.melding_naar_naleving(actor=None, melding=c, deelnemer=eerste_dva,
                                  verplichting="Beveiligingsincident tijdig en volledig afhandelen")
        mel.melding_status_zetten(actor=None, melding=c, status="gesloten", toelichting="Geëvalueerd en gesloten.")
        aantal += 1
        # an incident that is still running, with the demo participant affected
        i = indienen("incident", "Vertraging bij ophalen huisartsgegevens", "Antwoorden duren 20 tot 40 seconden.")
        mel.melding_triage(actor=None, melding=i, prioriteit="normaal", team="Landelijke desk")
        mel.incident_vastleggen(actor=None, melding=i, ernst="aanzienlijk", deelnemers=[eerste_dva, dvp])
        mel.incident_bericht(actor=None, melding=i, tekst="We onderzoeken vertraging in de keten; u hoeft niets "
                                                          "te doen.")
        aantal += 1
        # a dispute the mediation did not solve: before the board, waiting for its ruling
        g = indienen("geschil", "PGO bevraagt ons systeem elke minuut", "Sinds september halen de apps van "
                     f"{dvp} elke minuut alle gegevens op; dat belast ons systeem.", actor=deelnemer)
        mel.partijen_vastleggen(actor=None, melding=g, partijen=[eerste_dva, dvp])
        mel.melding_bijwerken(actor=None, melding=g, zichtbaar="deelnemers", tekst="Bemiddelingsgesprek gevoerd; "
                              "partijen verschillen van mening over de uitleg van de ophaalafspraak.")
        mel.naar_bestuur(actor=None, melding=g, reden="Bemiddeling leidde niet tot overeenstemming.")
        aantal += 1
        k = indienen("klacht", "Wijzigingsverzoek blijft lang liggen", "Ons verzoek van drie weken geleden is nog "
                     "niet beoordeeld.")
        mel.melding_triage(actor=None, melding=k, prioriteit="normaal", team="Register")
        aantal += 1
        v = indienen("vraag", "Hoe vaak wordt de aanbiederslijst gepubliceerd?", "Hoe vaak moeten wij de ZAL "
                     "ophalen?")
        mel.melding_triage(actor=None, melding=v, prioriteit="laag", team="Landelijke desk")
        mel.melding_status_zetten(actor=None, melding=v, status="opgelost", toelichting="Zie het nieuwe artikel in "
                                  "de kennisbank.")
        mel.artikel_vastleggen(actor=None, melding=v, doelgroep="deelnemers", titel="Hoe vaak haal ik de ZAL op?",
                               trefwoorden="zal aanbiederslijst ophalen etag",
                               tekst="De lijst wordt na elke wijziging opnieuw gepubliceerd. Vraag hem elke vijf "
                                     "minuten op met If-None-Match; ongewijzigd krijgt u 304 terug.")
        aantal += 1
        indienen("vraag", "Regionale viewer: wie mag welke gegevens zien?", "Geldt de toestemming per regio?",
                 "rso", regio)
        self.tel("meldingen (vandaag)", aantal + 1)

    def accounts(self) -> list[tuple[str, str, str]]:
        eerste_dva = next(d for d in self.dva if d.status == DeelnemerStatus.ACTIEF)
        specs = [(Rol.BESTUUR, "bestuur", "Bea Bestuur", {}),
                 (Rol.UITVOERING, "medewerker", "Mo Medewerker", {}),
                 (Rol.DEELNEMER, "deelnemer", "Dirk Deelnemer", {"deelnemer": eerste_dva}),
                 (Rol.REGIO, "regio", "Rana Regio", {"rso": self.rsos[0]}),
                 (Rol.AUDITOR, "auditor", "Aad Auditor", {})]
        uit = []

        for rol, naam, volledig, extra in specs:
            gebruiker = gebruiker_aanmaken(actor=None, gebruikersnaam=naam, wachtwoord=DEMO_WACHTWOORD, rol=rol,
                               volledige_naam=volledig, email=f"{naam}@demo.stelselbeheer.nl",
                               reden="demo-account", **extra)
            if rol in settings.TWEEFACTOR_ROLLEN:  # a device ready: `stelsel tweefactor code <naam>` gives the code
                TOTPDevice.objects.create(user=gebruiker, name="demo", confirmed=True,
                                          key=f"{self.rng.getrandbits(160):040x}")
            uit.append((rol.label, naam, DEMO_WACHTWOORD))
        self.tel("gebruikers", len(uit))
        return uit


def _rijen(model, kolommen: list[str], rijen: list[tuple]) -> None:
    if not rijen:
        return
    tabel = connection.ops.quote_name(model._meta.db_table)
    namen = ", ".join(connection.ops.quote_name(k) for k in kolommen)
    plaatsen = ", ".join(["%s"] * len(kolommen))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: 5x faster than executemany there (bench/run.py)
            with cursor.cursor.copy(f"COPY {tabel} ({namen}) FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(rij)
            return
        for begin in range(0, len(rijen), 5000):
            cursor.executemany(f"INSERT INTO {tabel} ({namen}) VALUES ({plaatsen})", rijen[begin:begin + 5000])


def _reset_reeksen(models_: list) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them (SQLite needs nothing)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


class RegisterNietLeeg(Exception):
    pass


def genereer(*, aanbieders: int = 2000, seed: int = 2026, peildatum: dt.date | None = None,
             accounts: bool = True) -> DemoResultaat:
    if Organisatie.objects.exists() or Gegevensdienst.objects.exists():
        raise RegisterNietLeeg("De database bevat al een register; demodata gaat alleen in een lege database.")
    start = time.perf_counter()
    gen = Generator(seed, peildatum or dt.date.today())
    # demo data sends no e-mail (the notices of the demo incidents are recorded on their timelines)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        gen.basis()
        gen.aanbieders(aanbieders)
        gen.geschiedenis()
        uit = gen.accounts() if accounts else []
        if accounts:
            gen.verzoeken(Gebruiker.objects.get(username="deelnemer"))
        gen.meldingen()
        if accounts:  # the board's chair is the demo board account
            for soort, aantal in overleg_demo(peildatum=gen.peildatum, fake=gen.fake).items():
                gen.tel(soort, aantal)
            for soort, aantal in afsprakenset_demo(peildatum=gen.peildatum).items():
                gen.tel(soort, aantal)
            for soort, aantal in wijzigingen_demo(peildatum=gen.peildatum, fake=gen.fake).items():
                gen.tel(soort, aantal)
        vastleggen(actor=None, actie="demo.gegenereerd", object_type="kern.demodata", object_id=str(seed),
                   omschrijving=f"Demodata (seed {seed}, {aanbieders} aanbieders)",
                   na={"seed": seed, "peildatum": gen.peildatum, "aantallen": gen.aantallen})
    with connection.cursor() as cursor:  # fresh statistics after a bulk load, or the planner guesses (both engines)
        cursor.execute("ANALYZE")
    return DemoResultaat(aantallen=gen.aantallen, seconden=time.perf_counter() - start, accounts=uit)
