"""The audit trail: every service function calls ``vastleggen`` inside its transaction.

Events are hash-chained: ``hash = sha256(vorige_hash + canonical JSON)``. Writers lock the chain head
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers with ``BEGIN IMMEDIATE``), so the chain
never forks. ``verifieer`` walks the chain and names the first event that is changed or missing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .models import AuditEvent, AuditKop
from .tokens import naam_in_audit

NUL_HASH = "0" * 64

#: callables run after the commit of a transaction that recorded an event: (actie, object_type, event_id).
#: Apps register side effects here (the lists schedule a publication); never business rules.
_NA_COMMIT: list = []


def na_commit(haak) -> None:
    if haak not in _NA_COMMIT:
        _NA_COMMIT.append(haak)


def json_waarde(value):
    """A JSON-safe, stable representation of a field value."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [json_waarde(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_waarde(v) for k, v in value.items()}
    return value


def momentopname(obj: models.Model, velden: list[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids), for ``voor``/``na``."""
    data = {}
    for field in obj._meta.concrete_fields:
        if velden is not None and field.name not in velden:
            continue
        data[field.attname] = json_waarde(getattr(obj, field.attname))
    return data


def canoniek(event_data: dict) -> str:
    return json.dumps(event_data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _inhoud(e: AuditEvent) -> dict:
    return {
        "volgnummer": e.volgnummer,
        "tijdstip": e.tijdstip.astimezone(dt.UTC).isoformat(),
        "actor_id": e.actor_id,
        "actor_naam": e.actor_naam,
        "actie": e.actie,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "object_omschrijving": e.object_omschrijving,
        "voor": e.voor,
        "na": e.na,
        "reden": e.reden,
    }


def bereken_hash(vorige_hash: str, e: AuditEvent) -> str:
    return hashlib.sha256((vorige_hash + canoniek(_inhoud(e))).encode("utf-8")).hexdigest()


def _actor_naam(actor) -> str:
    if actor is None:
        return "systeem"
    return naam_in_audit(actor)


def vastleggen(*, actor, actie: str, obj: models.Model | None = None, object_type: str = "",
               object_id: str = "", omschrijving: str = "", voor: dict | None = None,
               na: dict | None = None, reden: str = "") -> AuditEvent:
    """Append one event to the chain. Must be called inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("vastleggen() hoort binnen de transactie van de wijziging te draaien.")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        omschrijving = omschrijving or str(obj)
    kop, _ = AuditKop.objects.get_or_create(pk=1)
    kop = AuditKop.objects.select_for_update().get(pk=1)
    event = AuditEvent(
        volgnummer=kop.volgnummer + 1,
        tijdstip=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_naam=_actor_naam(actor if getattr(actor, "pk", None) else None),
        actie=actie,
        object_type=object_type,
        object_id=str(object_id),
        object_omschrijving=omschrijving[:300],
        voor=json_waarde(voor) if voor is not None else None,
        na=json_waarde(na) if na is not None else None,
        reden=reden,
        vorige_hash=kop.hash,
    )
    event.hash = bereken_hash(kop.hash, event)
    event.save()
    AuditKop.objects.filter(pk=1).update(volgnummer=event.volgnummer, hash=event.hash)
    for haak in _NA_COMMIT:
        # robust: a failing side effect is logged, it never turns a committed change into an error
        transaction.on_commit(lambda h=haak: h(event.actie, event.object_type, event.pk), robust=True)
    return event


@dataclass
class Verificatie:
    in_orde: bool
    aantal: int
    melding: str
    eerste_fout: int | None = None


def verifieer() -> Verificatie:
    """Walk the whole chain; report the first event that was changed, removed or inserted."""
    kop = AuditKop.objects.filter(pk=1).first()
    verwacht_nummer = 1
    vorige = NUL_HASH
    aantal = 0
    for e in AuditEvent.objects.order_by("volgnummer").iterator(chunk_size=2000):
        if e.volgnummer != verwacht_nummer:
            return Verificatie(False, aantal, f"Event {verwacht_nummer} ontbreekt (volgende gevonden: "
                                              f"{e.volgnummer}).", verwacht_nummer)
        if e.vorige_hash != vorige:
            return Verificatie(False, aantal, f"Event {e.volgnummer} verwijst niet naar de hash van het "
                                              f"vorige event.", e.volgnummer)
        if bereken_hash(vorige, e) != e.hash:
            return Verificatie(False, aantal, f"Event {e.volgnummer} is gewijzigd: de hash klopt niet.",
                               e.volgnummer)
        vorige = e.hash
        verwacht_nummer += 1
        aantal += 1
    laatste = kop.volgnummer if kop else 0
    if laatste != aantal:
        return Verificatie(False, aantal, f"Event {aantal + 1} ontbreekt: de keten eindigt bij {aantal}, "
                                          f"maar de kop staat op {laatste}.", aantal + 1)
    if kop and kop.hash != vorige:
        return Verificatie(False, aantal, f"De kop van de keten komt niet overeen met event {aantal}.", aantal)
    return Verificatie(True, aantal, f"Audittrail in orde: {aantal} events, kop {vorige[:16]}…")


def kop_hash() -> str:
    kop = AuditKop.objects.filter(pk=1).first()
    return kop.hash if kop else NUL_HASH
