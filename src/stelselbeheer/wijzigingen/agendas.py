"""The three national development agendas of seed 004, each with its route, as the data a fresh installation starts
with (migration 0002). Staff change them later through ``services.agenda_wijzigen`` (e.g. the advising body)."""

STANDAARD = [
    {"code": "bronsysteem", "naam": "Ontwikkelagenda per bronsysteem (XIS)", "soort": "bronsysteem",
     "omschrijving": "Functionele wensen en eisen voor een bronsysteem (XIS). De bestaande gebruikersgroep per XIS "
                     "is de route; VSV's en RSO's hebben hierin geen rol. Het stelsel zet het verzoek door.",
     "beoordelaar": "Landelijke Helpdesk Digitale Zorg (zet door naar de gebruikersgroep van het XIS)",
     "met_consultatie": False, "beslisser": "extern",
     "externe_beslisser": "De leverancier, in de gebruikersgroep van het XIS", "openbaar": False},
    {"code": "viewer", "naam": "Ontwikkelagenda per viewer", "soort": "viewer",
     "omschrijving": "Functionele ontwikkelwensen voor de viewer, ingebracht via de gebruikersgroep van de viewer, "
                     "waarin elke klant (VSV of RSO) is afgevaardigd. Raakt het de afspraken, dan beslist het "
                     "bestuur.",
     "beoordelaar": "Gebruikersgroep van de viewer, met de uitvoeringsorganisatie",
     "met_consultatie": True, "beslisser": "bestuur", "openbaar": True},
    {"code": "algemeen", "naam": "Ontwikkelagenda digitale gegevensuitwisseling (algemeen)", "soort": "algemeen",
     "omschrijving": "Issues die van belang zijn voor de digitale gegevensuitwisseling en de afspraken van het "
                     "stelsel: van het VSV via de regionale gebruikersgroep van de RSO naar de Landelijke Helpdesk "
                     "Digitale Zorg. De uitvoeringsorganisatie bereidt voor, het bestuur besluit.",
     "beoordelaar": "Uitvoeringsorganisatie (Landelijke Helpdesk Digitale Zorg)",
     "met_consultatie": True, "beslisser": "bestuur", "openbaar": True},
]


def zorgen():
    """Make sure the standard agendas exist (as the migration made them): a database emptied by a flush, such as a
    transactional test leaves, would otherwise have no agenda to file on. Writes only what is missing."""
    from .models import Ontwikkelagenda  # the migration imports this module before the app's models exist

    if Ontwikkelagenda.objects.count() < len(STANDAARD):
        for gegevens in STANDAARD:
            Ontwikkelagenda.objects.get_or_create(code=gegevens["code"], defaults=gegevens)
