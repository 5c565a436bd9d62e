"""Formats of the identifiers the register uses (rules ID-KVK, ID-URA, ID-AGB, ID-OIN, REG-NAAM, REG-URI,
REG-XMLTEKEN).

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

#: A character outside the Char production of XML 1.0 (section 2.2): the C0 controls other than tab, LF and CR,
#: the surrogates, U+FFFE and U+FFFF. No XML document can hold one, escaped or not, so a value with one breaks
#: every list it appears on.
NIET_XML_TEKEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: RFC 3986 section 3.3: a path segment is one or more pchar, pchar = unreserved / pct-encoded / sub-delims / ":"
#: / "@". The XSD patterns allow any character but ?, # and / in a segment (spaces, quotes, angle brackets,
#: control characters); a URI does not, and the participants' software that calls these endpoints would fail.
_PCHAR = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
_PAD_TEKEN = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]")
URI_PAD_PATROON = re.compile(rf"(?:/{_PCHAR}+)*")
#: scheme, host and port of a URI that passed the XSD pattern; the port in ASCII digits (the XSD's \d also takes
#: other scripts' digits)
_URI_BEGIN = re.compile(r"https://[a-z0-9.-]+(?::(?P<poort>[0-9]{1,5}))?")


def _teken(c: str) -> str:
    """A character named so a reader can find it, also when it is invisible."""
    if c == " ":
        return "een spatie"
    return f"'{c}' (U+{ord(c):04X})" if c.isprintable() else f"U+{ord(c):04X}"


def valideer_xml_tekens(waarde) -> None:
    """REG-XMLTEKEN: refuse a character that XML 1.0 cannot hold. On every text field that ends up in a published
    list or another XML document, so forms, API, CSV import and change requests refuse it alike."""
    if not isinstance(waarde, str):
        return
    gevonden = NIET_XML_TEKEN.search(waarde)
    if gevonden:
        raise ValidationError(
            "Bevat een teken dat niet in XML en dus niet op de gepubliceerde lijsten kan: %(teken)s op positie "
            "%(positie)s. Verwijder het teken.",
            code="xml_teken", params={"teken": _teken(gevonden.group()), "positie": gevonden.start() + 1})


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
        if self.soort != "hostnaam":
            self._uri(value)

    def _uri(self, value: str) -> None:
        """REG-URI beyond the XSD pattern: a port in range and a path of RFC 3986 characters."""
        begin = _URI_BEGIN.match(value)
        poort = begin and begin.group("poort")
        if begin is None or (poort is not None and not 1 <= int(poort) <= 65535):
            raise ValidationError("Geen geldige poort: een getal van 1 tot en met 65535 in cijfers 0-9.",
                                  code=f"{self.soort}_poort")
        pad = value[begin.end():]
        if URI_PAD_PATROON.fullmatch(pad) is None:
            slecht = next((c for c in pad if not _PAD_TEKEN.fullmatch(c)), None)
            uitleg = (f"het pad bevat {_teken(slecht)}" if slecht is not None
                      else "het pad bevat een %-teken dat niet door twee hexadecimale cijfers wordt gevolgd")
            raise ValidationError(
                f"Geen geldige URI: {uitleg}. In een pad mogen alleen letters, cijfers en -._~!$&'()*+,;=:@ staan; "
                "codeer andere tekens als %XX (een spatie als %20).", code=f"{self.soort}_pad")

    def __eq__(self, other):
        return isinstance(other, PatroonValidator) and other.soort == self.soort


valideer_frontchannel_uri = PatroonValidator("frontchannel")
valideer_backchannel_uri = PatroonValidator("backchannel")
valideer_hostnaam = PatroonValidator("hostnaam")


# --- fields of the current list formats (ZAL release 3, Zorgaanbiederskoppellijst release 1; rule REG-FORMATEN) --

INTERFACEVERSIE_PATROON = re.compile(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")
HRN_PATROON = re.compile(r"[A-Za-z0-9]{1,20}")
AANBIEDERTYPE_PATROON = re.compile(r"[A-Z]{2,10}")
MAXIMALE_DUUR_MAX = 3650


def valideer_interfaceversies(waarde) -> None:
    """REG-INTERFACEVERSIE: a non-empty list of distinct versions 'major.minor.patch' (e.g. 1.4.0), each part at
    most three digits, as the ZAL release 3 and the ZAKL carry them per gegevensdienst."""
    if not isinstance(waarde, list) or not waarde:
        raise ValidationError("Geef minstens één interfaceversie op, zoals 1.4.0.", code="interfaceversies")
    for versie in waarde:
        if not isinstance(versie, str) or not INTERFACEVERSIE_PATROON.fullmatch(versie):
            raise ValidationError("'%(versie)s' is geen interfaceversie: drie getallen gescheiden door punten, "
                                  "zoals 1.4.0.", code="interfaceversie", params={"versie": str(versie)[:40]})
    if len(set(waarde)) != len(waarde):
        raise ValidationError("Een interfaceversie staat er twee keer in.", code="interfaceversie_dubbel")


def valideer_hrn(waarde: str) -> None:
    """REG-HRN: an HRN as the Zorgaanbiederskoppellijst carries it: 1 to 20 letters or digits."""
    if waarde and not HRN_PATROON.fullmatch(waarde):
        raise ValidationError("Een HRN bestaat uit 1 tot en met 20 letters of cijfers, zonder spaties.", code="hrn")


def valideer_aanbiedertypecode(waarde: str) -> None:
    """REG-AANBIEDERTYPE: the code of an Aanbiedertype as the ZAL release 3 carries it: 2 to 10 capitals."""
    if not AANBIEDERTYPE_PATROON.fullmatch(waarde or ""):
        raise ValidationError("Een aanbiedertypecode bestaat uit 2 tot en met 10 hoofdletters, zoals ZA of BAZB.",
                              code="aanbiedertype")


def valideer_maximale_duur(waarde) -> None:
    """REG-ABONNEREN: the maximum duration of a subscription in whole days, 1 to 3650."""
    if waarde is not None and not (isinstance(waarde, int) and 1 <= waarde <= MAXIMALE_DUUR_MAX):
        raise ValidationError("De maximale duur van een abonnement is een geheel aantal dagen van 1 tot en met "
                              "%(max)s.", code="maximale_duur", params={"max": MAXIMALE_DUUR_MAX})
