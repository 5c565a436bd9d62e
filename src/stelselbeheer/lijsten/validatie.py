"""XSD validation of a list before it may go live (rule LST-XSD). The schemas are the published ones
(shared/schemas), kept in the package so an installation needs nothing beside it."""

from functools import cache
from pathlib import Path

from lxml import etree

from .formaten import FORMATEN, sleutel

SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: format key (formaten.sleutel: "zal", "zal3", "zakl", ...) -> its schema file
BESTANDEN = {sleutel(lijst, api): f.xsd for lijst, per_api in FORMATEN.items() for api, f in per_api.items()}


class LijstOngeldig(Exception):
    pass


@cache
def schema(lijst: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / BESTANDEN[lijst])))


def valideer(lijst: str, xml: bytes) -> None:
    """Raise ``LijstOngeldig`` naming the first errors when ``xml`` does not validate against its XSD."""
    try:
        doc = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise LijstOngeldig(f"Geen goedgevormde XML: {e}") from e
    xsd = schema(lijst)
    if not xsd.validate(doc):
        fouten = "; ".join(f"regel {f.line}: {f.message}" for f in list(xsd.error_log)[:5])
        raise LijstOngeldig(f"{BESTANDEN[lijst]}: {fouten}")
