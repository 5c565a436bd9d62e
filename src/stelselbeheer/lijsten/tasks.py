"""Automatic publication after changes that affect the lists (debounced), as a background task."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Inplanning, MislukteBouw, Publicatievoorstel, Trigger

log = logging.getLogger(__name__)

#: object types whose changes can change a list
RELEVANT = ("deelnemers.", "register.", "organisaties.organisatie")


@task()
def publiceer_na_wijziging() -> dict:
    """Publish every list that changed; what is unchanged keeps its Volgnummer. Per list: the new Volgnummer, None
    (unchanged), "tegengehouden" (LST-BEWAKING) or "mislukt" (recorded, alerted and shown by the service;
    the other lists published regardless, LST-APART)."""
    from .services import alle_lijsten_publiceren

    with transaction.atomic():
        plan = Inplanning.objects.select_for_update().get_or_create(pk=1)[0]
        aanleiding, event_id = plan.aanleiding, plan.audit_event_id
        Inplanning.objects.filter(pk=1).update(gepland_voor=None, aanleiding="", audit_event=None)
    from stelselbeheer.kern.models import AuditEvent

    event = AuditEvent.objects.filter(pk=event_id).only("na").first() if event_id else None
    besluit = (event.na or {}).get("besluit") if event else None
    trigger = Trigger.BESLUIT if besluit else Trigger.WIJZIGING  # a step on a board decision names it
    omschrijving = f"Na besluit {besluit}: {aanleiding}" if besluit else f"Na wijziging: {aanleiding}"
    uitkomst = alle_lijsten_publiceren(actor=None, trigger=trigger, alleen_bij_wijziging=True,
                                       omschrijving=omschrijving[:500], audit_event_id=event_id)
    samenvatting = {}
    for lijst, s in uitkomst.items():
        if isinstance(s, MislukteBouw):
            log.error("Automatische publicatie van %s mislukt: %s", lijst, s.fout[:500])
            samenvatting[lijst] = "mislukt"
        elif isinstance(s, Publicatievoorstel):
            samenvatting[lijst] = "tegengehouden"
        else:
            samenvatting[lijst] = getattr(s, "volgnummer", None)
    return samenvatting


def publicatie_inplannen(*, aanleiding: str, audit_event_id: int | None = None) -> bool:
    """Plan one publication ``LIJST_PUBLICATIE_VERTRAGING`` seconds from now, unless one is already planned.
    Returns whether a new one was planned."""
    nu = timezone.now()
    with transaction.atomic():
        plan = Inplanning.objects.select_for_update().get_or_create(pk=1)[0]
        if plan.gepland_voor is not None and plan.gepland_voor > nu - dt.timedelta(minutes=10):
            return False  # already planned (a plan older than 10 minutes is considered lost and replaced)
        gepland = nu + dt.timedelta(seconds=settings.LIJST_PUBLICATIE_VERTRAGING)
        Inplanning.objects.filter(pk=1).update(gepland_voor=gepland, aanleiding=aanleiding[:200],
                                               audit_event_id=audit_event_id)
    transaction.on_commit(lambda: publiceer_na_wijziging.using(run_after=gepland).enqueue())
    return True


def na_vastlegging(actie: str, object_type: str, event_id: int) -> None:
    """Hook after the commit of any recorded change (kern.audit.na_commit)."""
    if object_type.startswith(RELEVANT):
        publicatie_inplannen(aanleiding=actie, audit_event_id=event_id)
