"""Demo data of the bottleneck list: knelpunten in several of the eight bouwblokken, one solved, one from a regional
melding, one on the agenda of next month's meeting of the implementation group (made here when the implementation
monitor's demo has not made that body)."""

from __future__ import annotations

import datetime as dt

from stelselbeheer.knelpunten import bouwblokken
from stelselbeheer.knelpunten.models import Bouwblok
from stelselbeheer.knelpunten.services import (
    knelpunt_agenderen,
    knelpunt_status_zetten,
    knelpunt_uit_melding,
    knelpunt_vastleggen,
)
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.organisaties.models import Organisatie, Sector, Soort
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM, Orgaan, OrgaanSoort, VergaderStatus

KNELPUNTEN = [  # (bouwblok, titel, omschrijving, sector, binnen invloed, uitkomst)
    (1, "Gebruikers moeten elke 15 minuten opnieuw inloggen",
     "Patiënten haken af omdat de sessie in de PGO na 15 minuten verloopt en opnieuw inloggen met DigiD vraagt.",
     "", True, "procedure"),
    (2, "Zorgaanbieder niet vindbaar in de PGO",
     "Patiënten vinden hun praktijk niet in de PGO: de weergavenaam in de ZAL wijkt af van de naam die zij kennen.",
     Sector.HUISARTSENZORG, True, "procedure"),
    (4, "Time-outs bij het ophalen van laboratoriumuitslagen",
     "Bij grote ziekenhuizen duurt het ophalen van labuitslagen langer dan de PGO wacht.",
     Sector.ZIEKENHUISZORG, True, "poc"),
    (5, "Continuïteit na afloop van de VIPP-regelingen",
     "Na de VIPP-regelingen ontbreekt financiering voor het onderhoud van de koppelingen bij zorgaanbieders.",
     Sector.HUISARTSENZORG, False, "afspraak"),
    (6, "Financiering van PGO-leveranciers na 2023",
     "De financieringsregeling voor PGO-leveranciers loopt af; zonder opvolger stoppen kleinere leveranciers.",
     "", False, "afspraak"),
]


def _volgende_maand(peildatum: dt.date) -> dt.datetime:
    jaar, maand = (peildatum.year + 1, 1) if peildatum.month == 12 else (peildatum.year, peildatum.month + 1)
    dag = dt.date(jaar, maand, 15)
    while dag.weekday() >= 5:
        dag += dt.timedelta(days=1)
    return dt.datetime.combine(dag, dt.time(10), tzinfo=AMSTERDAM)


def _vergadering_volgende_maand(peildatum: dt.date):
    groep = Orgaan.objects.filter(soort=OrgaanSoort.IMPLEMENTATIEGROEP).order_by("id").first()
    if groep is None:
        groep = ovl.orgaan_aanmaken(
            actor=None, code="implementatiegroep", naam="Landelijke implementatiegroep",
            soort=OrgaanSoort.IMPLEMENTATIEGROEP, openbaar=True,
            omschrijving="Tactisch niveau van de implementatiestrategie: volgt de implementatie en pakt knelpunten "
                         "op.")
    begin = _volgende_maand(peildatum)
    vergadering = groep.vergaderingen.filter(status=VergaderStatus.GEPLAND, begin__year=begin.year,
                                             begin__month=begin.month).order_by("begin").first()
    return vergadering or ovl.vergadering_plannen(actor=None, orgaan=groep, begin=begin,
                                                  einde=begin + dt.timedelta(hours=2),
                                                  plaats="Utrecht, kantoor Stichting MedMij")


def knelpunten_demo(*, peildatum: dt.date, rng) -> dict[str, int]:
    stichting = Organisatie.objects.filter(soort=Soort.BEHEERORGANISATIE).order_by("id").first()
    programma = Organisatie.objects.filter(soort=Soort.LANDELIJK_PROGRAMMA).order_by("id").first() or stichting
    leveranciers = list(Organisatie.objects.filter(soort=Soort.LEVERANCIER).order_by("id")[:6])
    if stichting is None:
        return {}
    bouwblokken.zorgen()
    gemaakt = []
    for nummer, titel, omschrijving, sector, binnen, uitkomst in KNELPUNTEN:
        gemaakt.append(knelpunt_vastleggen(
            actor=None, titel=titel, omschrijving=omschrijving, bouwblok=Bouwblok.objects.get(nummer=nummer),
            binnen_invloed=binnen, eigenaar=stichting if binnen else programma, uitkomstsoort=uitkomst,
            sector=sector, partners=rng.sample(leveranciers, min(2, len(leveranciers)))))
    knelpunt_status_zetten(actor=None, knelpunt=gemaakt[0], status="opgelost",
                           oplossing="Een verlengde gebruiksperiode is ingevoerd: de sessie blijft een dag geldig "
                                     "zolang de gebruiker actief is.")
    knelpunt_status_zetten(actor=None, knelpunt=gemaakt[2], status="in_behandeling")
    knelpunt_agenderen(actor=None, knelpunt=gemaakt[1], vergadering=_vergadering_volgende_maand(peildatum),
                       toelichting="Voorstel: afspraak over weergavenamen in de ZAL, met de DVA's.")
    aantal = len(gemaakt)
    melding = Melding.objects.filter(regio__isnull=False, knelpunt__isnull=True).order_by("id").first()
    if melding is not None:
        knelpunt_uit_melding(actor=None, melding=melding, bouwblok=Bouwblok.objects.get(nummer=7),
                             binnen_invloed=True, eigenaar=stichting, uitkomstsoort="poc",
                             sector=Sector.GEBOORTEZORG)
        aantal += 1
    return {"knelpunten": aantal}
