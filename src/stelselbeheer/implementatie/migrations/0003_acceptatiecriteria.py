"""The six acceptance criteria and their expectation per phase, as in the strategy's table (seed 003, §4.2,
"Figuur 3. Acceptatiecriteria"). Data, not code: a sharpened table is a new data migration or an admin change."""

from django.db import migrations

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


def vullen(apps, schema_editor):
    Criterium = apps.get_model("implementatie", "Acceptatiecriterium")
    Verwachting = apps.get_model("implementatie", "Criteriumverwachting")
    for volgorde, (code, naam, omschrijving, verwachtingen) in enumerate(CRITERIA, start=1):
        c = Criterium.objects.create(code=code, naam=naam, omschrijving=omschrijving, volgorde=volgorde)
        for fase, tekst in zip(FASEN, verwachtingen, strict=True):
            Verwachting.objects.create(criterium=c, fase=fase, verwachting=tekst)


def legen(apps, schema_editor):
    apps.get_model("implementatie", "Acceptatiecriterium").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("implementatie", "0002_fasen_criteria_wsjf_risicos")]
    operations = [migrations.RunPython(vullen, legen)]
