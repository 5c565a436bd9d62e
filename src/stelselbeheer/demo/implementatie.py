"""Demo data of the national implementation monitor: an implementation group (the demo ``regio`` account chairs it,
the demo staff account advises without a vote) with three past meetings and one next month; six products in
different phases with their hand-over conversations scored and the phase decisions taken in those meetings; the
next meeting has a phase change on its agenda whose criteria are all met; frontrunners; the strategy's default
responsibility table; a WSJF ordering of the three products waiting for intake; the strategy's risk register
(§5.7) with one overdue review. Built through the services, at moments relative to the reference date."""

from __future__ import annotations

import datetime as dt

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Fase, Oordeel
from stelselbeheer.implementatie.standaard import criteria
from stelselbeheer.implementatie.taken import STANDAARD
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.organisaties.models import Organisatie, Sector, Soort
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM
from stelselbeheer.register.models import Gegevensdienst

PLAATS = "Utrecht, RSO Nederland"

PRODUCTEN = [  # code, naam, eigenaar, sectoren, diensten, wettelijk, doelfase
    ("medicatieoverdracht", "Medicatieoverdracht", "Programma Medicatieoverdracht (VWS)",
     [Sector.HUISARTSENZORG, Sector.FARMACIE, Sector.ZIEKENHUISZORG], ["48"], True, Fase.BREDE_IMPLEMENTATIE),
    ("bgz-pgo", "Basisgegevensset Zorg naar de PGO", "Programma Samen Beslissen (VWS)",
     [Sector.HUISARTSENZORG, Sector.ZIEKENHUISZORG], ["1"], False, Fase.OPTIMALISATIE),
    ("geboortezorg", "Digitale samenwerking geboortezorg", "Programma Geboortezorg (VWS)",
     [Sector.GEBOORTEZORG], ["64"], False, Fase.KOPLOPERS),
    ("eoverdracht", "eOverdracht verpleegkundige overdracht", "Programma eOverdracht (VWS)",
     [Sector.LANGDURIGE_ZORG, Sector.ZIEKENHUISZORG], ["63"], True, Fase.INTAKE),
    ("lab-pgo", "Laboratoriumuitslagen naar de PGO", "Programma Labuitslagen (VWS)",
     [Sector.HUISARTSENZORG, Sector.ZIEKENHUISZORG], ["51"], False, Fase.INTAKE),
    ("thuismeten", "Thuismeten vitale functies", "Programma Hybride Zorg (VWS)",
     [Sector.ZIEKENHUISZORG, Sector.HUISARTSENZORG], ["4"], False, Fase.INTAKE),
]
#: WSJF estimates of the three products waiting for intake: user value, time criticality, risk reduction, size
WSJF = {"eoverdracht": (8, 8, 5, 8), "lab-pgo": (8, 5, 3, 5), "thuismeten": (13, 3, 5, 13)}
#: the strategy's own register (§5.7): risk, likelihood, impact, mitigation
RISICOS = [
    ("Fragmentatie van belangen tussen aanbieders, regio's en sectoren", "L", "H",
     "Een landelijke implementatiegroep met vertegenwoordiging van alle verantwoordelijken en transparantie in "
     "besluitvorming en communicatie."),
    ("Onvoldoende standaardisatie op aansluitmogelijkheden", "H", "H",
     "In strategie en realisatie al rekening houden met de implementatie; API's kunnen helpen."),
    ("Vele partijen, systemen en werkprocessen maken implementatie onoverzichtelijk", "M", "M",
     "Gefaseerde implementatieaanpak, met een leer- en optimalisatiecurve."),
    ("Weerstand bij zorgaanbieders door vrees voor extra werklast of verlies van autonomie", "M", "H",
     "Goede communicatie over het wat, hoe en waarom, parallel aan de implementatie."),
    ("Door hoge acceptatiecriteria komt er niets door vanuit de realisatiefase", "L", "H",
     "Vooraf met de coördinator strategie en realisatie afstemmen over de acceptatiecriteria."),
    ("De implementatie wordt eindeloos opgerekt en kent geen echte afronding", "M", "M",
     "Sturing en bijsturing gedurende de implementatie; knelpunten op de juiste plek adresseren."),
    ("Aanbieders zijn niet toegerust en hebben niet de tijd en capaciteit voor implementatie", "M", "H",
     "Een groeimodel richting de gewenste situatie."),
    ("De implementatie hangt af van de juiste financiering of bekostiging", "H", "H", ""),
]


def _om(dag: dt.date, uur: int = 10) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(uur), tzinfo=AMSTERDAM)


def _alles_voldaan(product, moment, gebruiker, zeg: str) -> None:
    imp.criteria_beoordelen(actor=gebruiker, product=product, moment=moment, oordelen={
        c.code: {"oordeel": Oordeel.VOLDAAN, "bevindingen": f"{c.naam}: {zeg}"}
        for c in criteria()})


def implementatie_demo(*, peildatum: dt.date, fake) -> dict[str, int]:
    medewerker = Gebruiker.objects.get(username="medewerker")
    voorzitter = Gebruiker.objects.get(username="regio")
    bestuurder = Gebruiker.objects.get(username="bestuur")
    begin = peildatum - dt.timedelta(days=400)

    groep = ovl.orgaan_aanmaken(
        actor=None, code="implementatiegroep", naam="Landelijke implementatiegroep", soort="implementatiegroep",
        openbaar=True, omschrijving="Tactisch niveau (implementatiestrategie §5.1.2): intake van producten met het "
                                    "overdrachtsgesprek over de acceptatiecriteria, volgorde van implementatie, "
                                    "besluiten over fasewijzigingen.")
    ovl.lid_toevoegen(actor=None, orgaan=groep, rol="voorzitter", gebruiker=voorzitter, van=begin,
                      organisatie=voorzitter.rso)
    for soort in (Soort.SECTORORGANISATIE, Soort.LANDELIJK_PROGRAMMA):
        org = Organisatie.objects.filter(soort=soort).first()
        ovl.lid_toevoegen(actor=None, orgaan=groep, rol="lid", naam=fake.name(), van=begin, organisatie=org)
    ovl.lid_toevoegen(actor=None, orgaan=groep, rol="adviseur", gebruiker=medewerker, van=begin)

    # the products enter the portfolio in intake, long ago
    diensten = {g.code: g for g in Gegevensdienst.objects.all()}
    producten = {}
    for code, naam, eigenaar, sectoren, codes, wettelijk, _ in PRODUCTEN:
        producten[code] = imp.product_aanmaken(
            actor=medewerker, code=code, naam=naam, eigenaar=eigenaar, sectoren=list(sectoren),
            gegevensdiensten=[diensten[c] for c in codes if c in diensten], wettelijk_verplicht=wettelijk,
            omschrijving=f"{naam}: landelijk product uit de Nationale Visie en Strategie.", moment=_om(begin))
    imp.product_wijzigen(actor=medewerker, product=producten["bgz-pgo"], wijzigingen={
        "voorwaarde_voor": [producten["lab-pgo"]]}, moment=_om(begin))
    imp.product_wijzigen(actor=medewerker, product=producten["lab-pgo"], wijzigingen={
        "voorwaarde_voor": [producten["thuismeten"]]}, moment=_om(begin))
    imp.product_wijzigen(actor=medewerker, product=producten["eoverdracht"], wijzigingen={
        "voorwaarde_voor": [producten["thuismeten"]]}, moment=_om(begin))

    # frontrunners: three care providers of the product's sectors (or any), chosen in intake
    aanbieders = list(Organisatie.objects.filter(soort=Soort.ZORGAANBIEDER).order_by("id")[:40])
    leverancier = Organisatie.objects.filter(soort=Soort.LEVERANCIER).order_by("id").first()
    koplopers = 0
    for code, *_rest, doel in PRODUCTEN:
        if doel == Fase.INTAKE and code != "eoverdracht":
            continue
        p = producten[code]
        gekozen = [o for o in aanbieders if o.sector in p.sectoren][:3] or aanbieders[:3]
        for o in gekozen + ([leverancier] if leverancier else []):
            imp.koploper_selecteren(actor=medewerker, product=p, organisatie=o, moment=_om(begin),
                                    toelichting="Gekozen in de intake: volwassen en met capaciteit.")
            koplopers += 1

    # the responsibility table of the strategy for every product and phase
    taken = 0
    for p in producten.values():
        for fase, per_partij in STANDAARD.items():
            for partij, tekst in per_partij.items():
                imp.taak_toevoegen(actor=medewerker, product=p, fase=fase, partij=partij, omschrijving=tekst)
                taken += 1
    regio_org = voorzitter.rso
    imp.taak_toevoegen(actor=medewerker, product=producten["medicatieoverdracht"], fase=Fase.BREDE_IMPLEMENTATIE,
                       partij="regios", organisatie=regio_org,
                       omschrijving="Regionale opschaling coördineren en de voortgang per kwartaal rapporteren.")
    taken += 1

    # three past meetings (each decides one step for the products that are further on) and one next month
    verleden = [peildatum - dt.timedelta(days=n) for n in (91, 63, 35)]
    stappen = {  # meeting index -> products moved one phase on in it
        0: ["medicatieoverdracht", "bgz-pgo"],
        1: ["medicatieoverdracht", "bgz-pgo", "geboortezorg"],
        2: ["medicatieoverdracht"],
    }
    vergaderingen = []
    for i, dag in enumerate(verleden):
        v = ovl.vergadering_plannen(actor=None, orgaan=groep, begin=_om(dag), einde=_om(dag, 12), plaats=PLAATS)
        ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel="Voortgang en monitoring")
        for code in stappen[i]:
            ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel=f"Fasewijziging {producten[code].naam}",
                                     onderwerp=producten[code])
        vergaderingen.append(v)
    besluiten = 0
    for i, v in enumerate(vergaderingen):
        for code in stappen[i]:
            p = producten[code]
            p.refresh_from_db()
            _alles_voldaan(p, v.begin - dt.timedelta(days=7), medewerker, "besproken in het overdrachtsgesprek; "
                                                                        "voldoet aan de verwachting.")
            imp.fasebesluit_nemen(actor=voorzitter, product=p, naar_fase=_volgende(p.fase), vergadering=v,
                                  moment=v.begin + dt.timedelta(hours=1),
                                  toelichting="De implementatiegroep stemt in met de volgende fase.")
            besluiten += 1
        ovl.vergadering_houden(actor=None, vergadering=v, moment=v.einde)

    # the hand-over towards the next phase, partly scored: geboortezorg (koplopers -> optimalisatie)
    geboorte = producten["geboortezorg"]
    geboorte.refresh_from_db()
    oordelen = {c.code: {"oordeel": Oordeel.VOLDAAN, "bevindingen": "Voldoet."} for c in criteria()}
    oordelen["technisch_gereed"] = {"oordeel": Oordeel.DEELS, "bevindingen": "Het MVP draait bij 3 van de top 5 "
                                    "leveranciers.", "openstaande_punten": "Twee leveranciers leveren in Q2."}
    oordelen["sturingsmechanismen"] = {"oordeel": Oordeel.NIET, "bevindingen": "Bekostiging nog niet geregeld.",
                                       "openstaande_punten": "Besluit NZa over de beleidsregel."}
    imp.criteria_beoordelen(actor=medewerker, product=geboorte, oordelen=oordelen, moment=_om(peildatum, 9))
    # lab-pgo: scored at intake, not yet ready
    lab = {c.code: {"oordeel": Oordeel.VOLDAAN, "bevindingen": "Voldoet."} for c in criteria()}
    lab["toegevoegde_waarde"] = {"oordeel": Oordeel.DEELS, "bevindingen": "Theoretisch onderbouwd; niet getoetst met "
                                 "patiënten.", "openstaande_punten": "Gebruikersonderzoek met patiëntenfederatie."}
    imp.criteria_beoordelen(actor=medewerker, product=producten["lab-pgo"], oordelen=lab, moment=_om(peildatum, 9))
    # eoverdracht: every criterion met, frontrunners chosen: on next month's agenda for the phase change
    _alles_voldaan(producten["eoverdracht"], _om(peildatum, 9), medewerker, "voldoet aan de verwachting voor "
                                                                          "de koplopersfase.")
    volgende = peildatum + dt.timedelta(days=30)
    komend = ovl.vergadering_plannen(actor=None, orgaan=groep, begin=_om(volgende), einde=_om(volgende, 12),
                                     plaats=PLAATS, online_link="https://vergaderen.example/implementatiegroep")
    ovl.agendapunt_toevoegen(actor=None, vergadering=komend, titel="Volgorde van implementatie (WSJF)")
    ovl.agendapunt_toevoegen(actor=None, vergadering=komend, titel="Fasewijziging eOverdracht naar koplopers",
                             toelichting="Alle zes acceptatiecriteria zijn voldaan; koplopers zijn gekozen.",
                             onderwerp=producten["eoverdracht"])

    # WSJF: the three products waiting for intake
    for code, (waarde, tijd, risico, omvang) in WSJF.items():
        imp.wsjf_invoer_vastleggen(actor=medewerker, product=producten[code], gebruikerswaarde=waarde,
                                   tijdkritiek=tijd, risicoreductie=risico, omvang=omvang,
                                   moment=_om(peildatum - dt.timedelta(days=14)))
    imp.volgorde_herberekenen(actor=medewerker, aanleiding="Voorbereiding vergadering implementatiegroep",
                              moment=_om(peildatum, 8))

    # the strategy's risk register; the first one's review is overdue
    eigenaren = [medewerker, bestuurder, voorzitter]
    for i, (titel, kans, impact, mitigatie) in enumerate(RISICOS):
        herzien = peildatum - dt.timedelta(days=10) if i == 0 else peildatum + dt.timedelta(days=30 + 7 * i)
        imp.risico_vastleggen(actor=medewerker, titel=titel, kans=kans, impact=impact, mitigatie=mitigatie,
                              eigenaar=eigenaren[i % len(eigenaren)] if i else medewerker, herzien_op=herzien,
                              moment=_om(peildatum - dt.timedelta(days=60)))
    return {"producten (implementatie)": len(producten), "fasebesluiten": besluiten, "koplopers": koplopers,
            "taken (implementatie)": taken, "risico's": len(RISICOS)}


def _volgende(fase: str) -> str:
    volgorde = list(Fase.values)
    return volgorde[volgorde.index(fase) + 1]
