"""Recording board decisions. A decision is never changed or deleted once recorded; a correction is a
new decision that refers to the earlier one.

A decision arises only from the adoption of a decision proposal by a voting board member (OVL-SCHEIDING, OVL-STAP):
``besluit_vastleggen`` is called by ``overleg.services`` when a proposal is adopted, never by a page or the API."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer

from .models import Besluit, Bijlage

MAX_BIJLAGE = 10 * 1024 * 1024
TOEGESTANE_BIJLAGEN = (".pdf", ".odt", ".docx", ".txt", ".png", ".jpg")


def bijlagen_bezwaren(bijlagen) -> list[str]:
    """What is wrong with uploaded attachments (type and size); the form asks the same before the service runs, so
    every error shows at once."""
    fouten = []
    for bestand in bijlagen:
        if not bestand.name.lower().endswith(TOEGESTANE_BIJLAGEN):
            fouten.append(f"{bestand.name}: alleen {', '.join(TOEGESTANE_BIJLAGEN)} zijn toegestaan.")
        elif bestand.size > MAX_BIJLAGE:
            fouten.append(f"{bestand.name}: een bijlage is hooguit 10 MB.")
    return fouten


@transaction.atomic
@vereist_recht(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def besluit_vastleggen(*, actor, voorstel, datum: dt.date, soort: str, onderwerp: str, tekst: str,
                       openbaar: bool = True, deelnemer=None, partijen=(), bijlagen=()) -> Besluit:
    """Record the board decision of ``voorstel`` (the proposal being adopted, locked by the caller) with its
    attachments (uploaded files: name, size and type checked). Only the adoption calls this (OVL-STAP)."""
    if voorstel is None or not voorstel.pk or voorstel.besluit_id is not None:
        raise ValidationError({"besluit": "OVL-STAP: een besluit ontstaat alleen door de vaststelling van een "
                                          "besluitvoorstel door het bestuur."})
    besluit = Besluit(datum=datum, soort=soort, onderwerp=onderwerp, tekst=tekst, openbaar=openbaar,
                      deelnemer=deelnemer, vastgelegd_door=actor if getattr(actor, "pk", None) else None)
    besluit.full_clean(exclude=["nummer"])
    fouten = bijlagen_bezwaren(bijlagen)
    if fouten:
        raise ValidationError({"bijlagen": fouten})
    besluit.nummer = volgend_jaarnummer(Besluit, "B", datum.year)
    besluit.save()
    besluit.partijen.set(partijen)
    sommen = []
    for bestand in bijlagen:
        sommen.append(hashlib.sha256(b"".join(bestand.chunks())).hexdigest())
        bestand.seek(0)
        Bijlage.objects.create(besluit=besluit, naam=bestand.name[:200], bestand=bestand, grootte=bestand.size)
    na = momentopname(besluit) | {"partijen": [p.pk for p in partijen], "bijlagen": [b.name for b in bijlagen]}
    if not openbaar:  # BES-VERTROUWELIJK: the trail (read by auditors) proves the content without showing it
        na = {k: v for k, v in na.items() if k not in {"onderwerp", "tekst", "bijlagen"}} | {
            "onderwerp_sha256": hashlib.sha256(onderwerp.encode()).hexdigest(),
            "tekst_sha256": hashlib.sha256(tekst.encode()).hexdigest(),
            "bijlagen_sha256": sommen}
    vastleggen(actor=actor, actie="besluit.vastgelegd", obj=besluit, na=na,
               omschrijving="" if openbaar else f"{besluit.nummer} (niet openbaar)")
    return besluit
