"""The eight bouwblokken of MedElkaar (seed 002, "Van knelpunten naar bouwblokken")."""

from django.db import migrations

BOUWBLOKKEN = [
    (1, "Inloggen", "Hoe kan ik veilig en gebruiksvriendelijk inloggen?"),
    (2, "Vindbaarheid en toestemming", "Welke zorgverlener heeft gezondheidsinformatie van mij, hoe vind ik die en "
                                       "hoe geef ik toestemming om deze te delen met anderen?"),
    (3, "Levenslange gezondheidsdata", "Hoe geven we de inwoners van Nederland efficiënt toegang tot een plek waar ze "
                                       "hun gezondheidsdata levenslang verzamelen, beheren en delen?"),
    (4, "Technische basis", "Hoe brengen we de technische basis voor PGO-gebruik op orde?"),
    (5, "Organisatie en wetgeving", "Wat moeten we qua organisatie en wetgeving regelen (coördinatie met landelijke "
                                    "programma's, continuïteit na VIPP, blokkades voor informatie-uitwisseling)?"),
    (6, "Financiering", "Wat moeten we op korte en lange termijn regelen voor de financiering van het PGO-stelsel?"),
    (7, "Meerwaarde in de zorgpraktijk", "Welke meerwaarde bieden PGO's in de samenwerking tussen patiënten en "
                                         "zorgverleners, en waar en hoe benutten we die zo snel mogelijk?"),
    (8, "Bruikbaarheid", "Hoe verbeteren we de bruikbaarheid en gebruiksvriendelijkheid van PGO's en het stelsel?"),
]


def vullen(apps, schema_editor):
    Bouwblok = apps.get_model("knelpunten", "Bouwblok")
    for nummer, naam, vraag in BOUWBLOKKEN:
        Bouwblok.objects.get_or_create(nummer=nummer, defaults={"naam": naam, "vraag": vraag})


class Migration(migrations.Migration):
    dependencies = [("knelpunten", "0001_initial")]
    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
