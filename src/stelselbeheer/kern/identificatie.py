"""Formats of the identifiers the register uses (rules ID-KVK, ID-URA, ID-AGB, ID-OIN, REG-NAAM, REG-URI).

Each is a validator with a Dutch message, used by the models (and therefore by forms, services, the
API and the CSV import alike), plus a pure predicate for code that only needs a yes/no.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible

valideer_kvk = RegexValidator(r"^\d{8}\Z", "Een KvK-nummer bestaat uit precies 8 cijfers.", "kvk")
valideer_ura = RegexValidator(r"^\d{8}\Z", "Een URA-nummer bestaat uit precies 8 cijfers.", "ura")
valideer_agb = RegexValidator(r"^\d{8}\Z", "Een AGB-code bestaat uit precies 8 cijfers.", "agb")
valideer_oin = RegexValidator(r"^\d{20}\Z", "Een OIN bestaat uit precies 20 cijfers.", "oin")

# Patterns copied from the published XSDs (shared/schemas); XSD patterns are anchored, hence fullmatch.
AANBIEDERNAAM_PATROON = re.compile(r"([a-z])+@medmij")
FRONTCHANNEL_URI_PATROON = re.compile(
    r"https://(([a-z0-9])([a-z0-9-])*(\.))+([a-z0-9])([a-z0-9-])*([a-z0-9])?(/[^?#/]+)*")
BACKCHANNEL_URI_PATROON = re.compile(
    r"https://(([a-z0-9])([a-z0-9-])*(\.))+([a-z0-9])([a-z0-9-])*([a-z0-9])(:(\d){1,5})?(/[^?#/]+)*")
HOSTNAAM_PATROON = re.compile(r"(([a-z0-9])([a-z0-9-])*(\.))+([a-z0-9])([a-z0-9-])*([a-z0-9])")

AANBIEDERNAAM_MIN, AANBIEDERNAAM_MAX = 10, 57


def is_geldige_aanbiedernaam(naam: str) -> bool:
    """REG-NAAM: lowercase letters a-z, then ``@medmij``; 10 to 57 characters in all."""
    return (AANBIEDERNAAM_MIN <= len(naam) <= AANBIEDERNAAM_MAX
            and AANBIEDERNAAM_PATROON.fullmatch(naam) is not None)


def valideer_aanbiedernaam(naam: str) -> None:
    if not is_geldige_aanbiedernaam(naam):
        raise ValidationError(
            "Een aanbiedernaam bestaat uit kleine letters (a-z) gevolgd door '@medmij', "
            "samen 10 tot en met 57 tekens (bijvoorbeeld 'huisartsdelinde@medmij').",
            code="aanbiedernaam",
        )


@deconstructible
class PatroonValidator:
    def __init__(self, soort: str):
        self.soort = soort

    _PATRONEN = {
        "frontchannel": (FRONTCHANNEL_URI_PATROON,
                         "Geen geldige frontchannel-URI: gebruik https://, een hostnaam in kleine letters "
                         "en geen poort, query of fragment."),
        "backchannel": (BACKCHANNEL_URI_PATROON,
                        "Geen geldige backchannel-URI: gebruik https://, een hostnaam in kleine letters, "
                        "eventueel een poort, en geen query of fragment."),
        "hostnaam": (HOSTNAAM_PATROON,
                     "Geen geldige hostnaam: kleine letters, cijfers en koppeltekens, met minstens één punt."),
    }

    def __call__(self, value: str) -> None:
        patroon, bericht = self._PATRONEN[self.soort]
        if patroon.fullmatch(value or "") is None:
            raise ValidationError(bericht, code=self.soort)

    def __eq__(self, other):
        return isinstance(other, PatroonValidator) and other.soort == self.soort


valideer_frontchannel_uri = PatroonValidator("frontchannel")
valideer_backchannel_uri = PatroonValidator("backchannel")
valideer_hostnaam = PatroonValidator("hostnaam")
