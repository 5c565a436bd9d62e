"""Detached XML signatures of the published lists (signxml), and the register's certificates.

Each snapshot gets an XML signature served beside it (``zal.xml.sig``), so the list itself stays exactly as
the XSD describes it. What is signed (an enveloping ``ds:Signature`` with signxml) is a manifest of the
document: its name and versioned address (``zal/12.xml``), the SHA-256 and size of its exact bytes, the
Volgnummer and the head hash of the audit trail at publication (which puts that hash outside the database,
where tampering with the trail shows). A verifier checks the signature and then compares the SHA-256 of
the bytes it downloaded. This binds the exact bytes (a canonicalisation-based reference to the document
would accept re-serialised variants) and costs milliseconds instead of seconds for a 50 MB list: signing a
reference to the document made signxml parse and canonicalise it whole, twice.

Keys come from settings ``LIJST_SLEUTEL`` and ``LIJST_CERTIFICAAT`` (PEM files). A planned key rollover is
announced through ``LIJST_VOLGEND_CERTIFICAAT`` (and ``LIJST_WISSEL_OP``): published at
``/lijsten/certificaten.json`` before it is used, so consumers can trust it in advance.
``stelsel lijsten sleutel-maken`` makes a self-signed pair for development and the demo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from lxml import etree
from signxml import XMLSigner, XMLVerifier, methods
from signxml.exceptions import InvalidInput, InvalidSignature

NS = "https://stelselbeheer.nl/lijsten/handtekening"


class SleutelOntbreekt(Exception):
    pass


class HandtekeningOngeldig(Exception):
    pass


def sleutel_maken(map_: Path, naam: str = "Stelselbeheer register (demo)", dagen: int = 825) -> tuple[Path, Path]:
    """A self-signed RSA-3072 key and certificate for development and the demo."""
    map_.mkdir(parents=True, exist_ok=True)
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    onderwerp = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
                           x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Stelselbeheer"),
                           x509.NameAttribute(NameOID.COMMON_NAME, naam)])
    nu = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(onderwerp).issuer_name(onderwerp)
            .public_key(sleutel.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(nu - dt.timedelta(minutes=5)).not_valid_after(nu + dt.timedelta(days=dagen))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(sleutel, hashes.SHA256()))
    sleutel_pad, cert_pad = map_ / "register-sleutel.pem", map_ / "register-certificaat.pem"
    sleutel_pad.write_bytes(sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    sleutel_pad.chmod(0o600)
    cert_pad.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return sleutel_pad, cert_pad


@dataclass(frozen=True)
class Sleutelpaar:
    sleutel: object  # the loaded private key: loading a PEM RSA key (with its checks) costs ~0.25 s
    certificaat: bytes


@cache
def _lees(sleutel_pad: str, cert_pad: str, _gewijzigd: float) -> Sleutelpaar:
    sleutel = serialization.load_pem_private_key(Path(sleutel_pad).read_bytes(), password=None)
    return Sleutelpaar(sleutel, Path(cert_pad).read_bytes())


def sleutelpaar() -> Sleutelpaar:
    sleutel, cert = settings.LIJST_SLEUTEL, settings.LIJST_CERTIFICAAT
    if not (sleutel and cert and Path(sleutel).exists() and Path(cert).exists()):
        raise SleutelOntbreekt("Geen sleutel om lijsten te ondertekenen: zet STELSEL_LIJST_SLEUTEL en "
                               "STELSEL_LIJST_CERTIFICAAT, of maak er een met 'stelsel lijsten sleutel-maken'.")
    return _lees(str(sleutel), str(cert), Path(sleutel).stat().st_mtime)  # a replaced key file is read anew


def onderteken(*, lijst: str, volgnummer: int, audit_kop: str, xml: bytes | None = None, sha256: str = "",
               grootte: int = 0) -> str:
    """The signature over the manifest of a document: of ``xml``, or of the document whose SHA-256 (hex) and size
    are given (a streamed document is never held whole: gzipdelen.py)."""
    if xml is not None:
        sha256, grootte = hashlib.sha256(xml).hexdigest(), len(xml)
    paar = sleutelpaar()
    manifest = etree.Element(f"{{{NS}}}Lijst", nsmap={"sl": NS})
    for naam, waarde in (("Naam", lijst), ("Document", f"{lijst}/{volgnummer}.xml"),
                         ("Volgnummer", str(volgnummer)), ("SHA256", sha256),
                         ("Grootte", str(grootte)), ("AudittrailKop", audit_kop)):
        etree.SubElement(manifest, f"{{{NS}}}{naam}").text = waarde
    ondertekenaar = XMLSigner(method=methods.enveloping, signature_algorithm="rsa-sha256", digest_algorithm="sha256")
    handtekening = ondertekenaar.sign(manifest, key=paar.sleutel, cert=paar.certificaat)
    return etree.tostring(handtekening, encoding="unicode")


@dataclass
class Controle:
    lijst: str
    volgnummer: int
    sha256: str
    audit_kop: str
    onderwerp: str
    geldig_tot: dt.datetime


def verifieer(xml: bytes, handtekening: bytes | str, certificaten: list[bytes]) -> Controle:
    """Check the document against its detached signature and one of the trusted certificates.

    Raises ``HandtekeningOngeldig`` naming what failed: the signature, the digest of the document, the signed
    SHA-256 of its exact bytes, or the Volgnummer."""
    if isinstance(handtekening, str):
        handtekening = handtekening.encode()
    try:
        doc = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise HandtekeningOngeldig(f"Het document is geen goedgevormde XML meer: {e}") from e
    fout = None
    for pem in certificaten:
        try:
            uitkomst = XMLVerifier().verify(handtekening, x509_cert=pem.decode() if isinstance(pem, bytes) else pem)
            break
        except (InvalidSignature, InvalidInput) as e:
            fout = e
    else:
        raise HandtekeningOngeldig(f"Handtekening klopt niet met het certificaat: {fout}")
    manifest = uitkomst.signed_xml
    if manifest is not None and manifest.tag != f"{{{NS}}}Lijst":
        manifest = manifest.find(f".//{{{NS}}}Lijst")
    if manifest is None:
        raise HandtekeningOngeldig("De handtekening bevat geen ondertekende lijstgegevens.")
    veld = {e.tag.split("}")[1]: e.text for e in manifest}
    if veld.get("SHA256") != hashlib.sha256(xml).hexdigest() or veld.get("Grootte") != str(len(xml)):
        raise HandtekeningOngeldig("De SHA-256 van het document wijkt af van de ondertekende waarde.")
    volgnummer = doc.find(f"{{{etree.QName(doc).namespace}}}Volgnummer")
    if volgnummer is None or volgnummer.text != veld["Volgnummer"]:
        raise HandtekeningOngeldig("Het volgnummer in het document wijkt af van het ondertekende volgnummer.")
    cert = x509.load_pem_x509_certificate(uitkomst.signing_cert.public_bytes(serialization.Encoding.PEM)
                                          if getattr(uitkomst, "signing_cert", None) else certificaten[0])
    return Controle(veld["Naam"], int(veld["Volgnummer"]), veld["SHA256"], veld["AudittrailKop"],
                    cert.subject.rfc4514_string(), cert.not_valid_after_utc)


def certificaten_info() -> dict:
    """Current certificate and, during a planned rollover, the announced next one (PEM)."""
    uit = {"huidig": sleutelpaar().certificaat.decode()}
    volgend = settings.LIJST_VOLGEND_CERTIFICAAT
    if volgend and Path(volgend).exists():
        uit["volgend"] = Path(volgend).read_text()
        uit["wissel_op"] = settings.LIJST_WISSEL_OP or None
    return uit
