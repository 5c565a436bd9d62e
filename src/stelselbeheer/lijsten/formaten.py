"""The formats each list is published in, by the major interface version a receiver asks for with ``?api=``
(rule LST-FORMAAT).

One publication of a list renders the same entries in every format of the list, under one Volgnummer and one
Tijdstempel: the first format (the oldest major) is the ``Snapshot`` itself, every further one a ``Formaatversie``
of it. A receiver that switches formats sees the same Volgnummer. The framework's file names (``MedMij_<Lijst>.xml``)
serve the same documents as ``/lijsten/<naam>.xml``; without ``?api=`` both give the oldest format, as receivers
configured years ago expect.

To replace a schema written here by the official one: replace the one file named in ``xsd`` (its namespace must
stay the one in ``namespace``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Formaat:
    lijst: str
    api: int
    #: the schema file in lijsten/schemas/
    xsd: str
    namespace: str
    omschrijving: str


FORMATEN: dict[str, dict[int, Formaat]] = {
    "zal": {
        2: Formaat("zal", 2, "zal.xsd", "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/",
                   "Zorgaanbiederslijst release 2"),
        3: Formaat("zal", 3, "zal-release3.xsd", "xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release3/",
                   "Zorgaanbiederslijst release 3"),
    },
    "ocl": {2: Formaat("ocl", 2, "oauthclientlist.xsd", "xmlns://afsprakenstelsel.medmij.nl/oauthclientlist/release2/",
                       "OAuthclientlist release 2")},
    "gnl": {1: Formaat("gnl", 1, "gnl.xsd", "xmlns://afsprakenstelsel.medmij.nl/gegevensdienstnamenlijst/release1/",
                       "Gegevensdienstnamenlijst release 1")},
    "whitelist": {2: Formaat("whitelist", 2, "whitelist.xsd", "xmlns://afsprakenstelsel.medmij.nl/whitelist/release2/",
                             "Whitelist release 2")},
    "zakl": {1: Formaat("zakl", 1, "zakl-release1.xsd",
                        "xmlns://afsprakenstelsel.medmij.nl/Zorgaanbiederskoppellijst/release1/",
                        "Zorgaanbiederskoppellijst release 1")},
}

#: the framework's file name of each list (Afsprakenstelsel, "Interfaces lijsten")
BESTANDSNAMEN: dict[str, str] = {
    "zal": "MedMij_Zorgaanbiederslijst.xml",
    "ocl": "MedMij_OAuthclientlist.xml",
    "gnl": "MedMij_Gegevensdienstnamenlijst.xml",
    "whitelist": "MedMij_Whitelist.xml",
    "zakl": "MedMij_Zorgaanbiederskoppellijst.xml",
}
LIJST_VAN_BESTANDSNAAM = {naam: lijst for lijst, naam in BESTANDSNAMEN.items()}


def majors(lijst: str) -> list[int]:
    """The majors ``lijst`` is served in, oldest first."""
    return sorted(FORMATEN[lijst])


def eerste(lijst: str) -> int:
    """The major of the list's first format: the one in its ``Snapshot``, and the one served without ``?api=``."""
    return majors(lijst)[0]


def verdere(lijst: str) -> list[int]:
    """The majors published as ``Formaatversie`` beside the snapshot."""
    return majors(lijst)[1:]


def sleutel(lijst: str, api: int) -> str:
    """The key of a format in the schema table (validatie.BESTANDEN): the list for its first format, else
    ``<lijst><api>``."""
    return lijst if api == eerste(lijst) else f"{lijst}{api}"
