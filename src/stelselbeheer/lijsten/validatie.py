"""XSD validation of a list before it may go live (rule LST-XSD). The schemas are the published ones
(shared/schemas), kept in the package so an installation needs nothing beside it."""

import hashlib
from functools import cache
from pathlib import Path

from lxml import etree

from .formaten import FORMATEN, majors, sleutel

SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: format key (formaten.sleutel: "zal", "zal3", "zakl", ...) -> its schema file
BESTANDEN = {sleutel(lijst, api): f.xsd for lijst, per_api in FORMATEN.items() for api, f in per_api.items()}


class LijstOngeldig(Exception):
    pass


@cache
def schema(lijst: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / BESTANDEN[lijst])))


@cache
def vingerafdruk(lijst: str) -> str:
    """SHA-256 over the schemas of every format of ``lijst``: a version validated against these schemas vouches for
    its fragments as long as this stays the same (bouwers/zal.py, ``_Valideerder``)."""
    som = hashlib.sha256()
    for api in majors(lijst):
        inhoud = (SCHEMAS / BESTANDEN[sleutel(lijst, api)]).read_bytes()
        som.update(b"%d:%d:" % (api, len(inhoud)) + inhoud)
    return som.hexdigest()


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
