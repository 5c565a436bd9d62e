"""The strategy's table of acceptance criteria (seed 003, §4.2, "Figuur 3. Acceptatiecriteria"), as the standard
data: the migration seeds it, and ``criteria()`` puts it back in an empty table (a database emptied between
transactional tests, a fresh installation), as the standard decision tree of the front door is. Once there, the rows
are the truth: a sharpened table is a data change, not a code one."""

from django.db import transaction

from .models import Acceptatiecriterium, Criteriumverwachting

CRITERIA = [
    ("referentieproces", "Referentieproces",
     "Het proces is opgesteld aan de hand van het specificatiecanvas en beproefd in de praktijk. Hierbij is "
     "duidelijk: wie de doelgroep is (sectoren, organisaties, professionals, patiënten/cliënten), wat er afgebouwd "
     "moet worden, en wat de benodigdheden op de lagen van het interoperabiliteitsmodel zijn.",
     ("Er is een algemeen referentieproces en er zijn landelijke kaders waaraan een proces moet voldoen.",
      "Het referentieproces per sector en/of toepassingsgebied inclusief de landelijke kaders zijn bekend.",
      "Referentieprocessen staan vast.")),
    ("toegevoegde_waarde", "Toegevoegde waarde", "De toegevoegde (business)waarde is helder.",
     ("De toegevoegde waarde is theoretisch onderbouwd en beperkt getoetst tijdens de realisatiefase, met "
      "betrokkenen inclusief eindgebruikers en patiënten.",
      "De toegevoegde waarde is beproefd in de praktijk.",
      "De toegevoegde waarde staat vast.")),
    ("technisch_gereed", "Technisch gereed (MVP)",
     "Een werkend Minimal Viable Product (MVP) is technisch gereed en getoetst in de praktijk. De technische "
     "bouwstenen voor de ontwikkeling van het MVP zijn bekend en beschreven.",
     ("Het MVP is bij beperkt aantal leveranciers beschikbaar vanuit de praktijkbeproeving in de realisatiefase.",
      "Het MVP is bij de top 5 leveranciers per sector beschikbaar.",
      "Het MVP is bij 90% van de leveranciers beschikbaar.")),
    ("tijdslijnen", "Tijdslijnen",
     "De implementatie-inspanning en doorlooptijd zijn bepaald, op basis van de praktijkbeproeving.",
     ("Er zijn globale tijdslijnen en indicaties van de benodigde capaciteit.",
      "Er is een mijlpalenplanning beschikbaar inclusief indicatie van de resources.",
      "Er is een beproefde mijlpalenplanning inclusief resourceplanning.")),
    ("sturingsmechanismen", "Sturingsmechanismen",
     "De sturingsmechanismen zijn ingeregeld. Denk aan (eenmalige) financiering, (structurele) bekostiging, "
     "wetgeving, etc.",
     ("De sturingsmiddelen inclusief tijdslijnen zijn bekend.", "", "")),
    ("beheer", "Beheer",
     "De beheerorganisatie is bekend en heeft aansluitondersteuning, testfaciliteiten en monitoringsmiddelen.",
     ("Beheerorganisatie is bekend, beheerprocedures zijn globaal uitgewerkt, testfaciliteiten zijn globaal "
      "uitgewerkt. Er is een plan uitgewerkt voor monitoring.",
      "Beheerprocedures zijn uitgewerkt, testprotocollen zijn in basis beschikbaar. De eerste versie "
      "monitoringstool is beschikbaar.",
      "Het beheer moet volledig ingericht zijn inclusief testfunctionaliteit en monitoring.")),
]
FASEN = ("koplopers", "optimalisatie", "brede_implementatie")


def vullen(criterium_model, verwachting_model) -> None:
    for volgorde, (code, naam, omschrijving, verwachtingen) in enumerate(CRITERIA, start=1):
        c = criterium_model.objects.create(code=code, naam=naam, omschrijving=omschrijving, volgorde=volgorde)
        for fase, tekst in zip(FASEN, verwachtingen, strict=True):
            verwachting_model.objects.create(criterium=c, fase=fase, verwachting=tekst)


def criteria() -> list[Acceptatiecriterium]:
    """The criteria in order, with their expectations; the standard table when there are none."""
    if not Acceptatiecriterium.objects.exists():
        with transaction.atomic():
            vullen(Acceptatiecriterium, Criteriumverwachting)
    return list(Acceptatiecriterium.objects.prefetch_related("verwachtingen").order_by("volgorde"))
