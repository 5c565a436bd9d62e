"""The eight bouwblokken of MedElkaar (seed 002, "Van knelpunten naar bouwblokken"): data, written by the migration
and put back by ``zorgen`` where a database lost them."""

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


def zorgen(Bouwblok=None) -> None:
    """Make sure the eight bouwblokken exist, as the migration wrote them; a database emptied by a flush (such as a
    transactional test leaves) would otherwise have none to classify a knelpunt in. Writes only what is missing."""
    if Bouwblok is None:
        from .models import Bouwblok  # the migration imports this module before the app's models exist
    if Bouwblok.objects.count() < len(BOUWBLOKKEN):
        for nummer, naam, vraag in BOUWBLOKKEN:
            Bouwblok.objects.get_or_create(nummer=nummer, defaults={"naam": naam, "vraag": vraag})
