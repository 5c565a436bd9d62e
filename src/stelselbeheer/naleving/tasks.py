"""The register check of NAL-ERKENNING also runs shortly after a change to aanbieders, their gegevensdiensten
or OAuth clients (not only nightly), as a background task. It is safe to run more than once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

RELEVANT = ("register.aanbieder", "register.oauthclient")


@task()
def register_controleren() -> dict:
    from stelselbeheer.deelnemers.services import vandaag

    from .controle import erkenning_constateringen
    from .services import zaken_uit_constateringen

    with transaction.atomic():
        nieuw = erkenning_constateringen(vandaag())
        zaken = zaken_uit_constateringen()
    return {"constateringen": len(nieuw), "zaken": len(zaken)}


def na_vastlegging(actie: str, object_type: str, event_id: int) -> None:
    """Hook after the commit of any recorded change (kern.audit.na_commit)."""
    if object_type.startswith(RELEVANT):
        register_controleren.using(run_after=timezone.now() + dt.timedelta(seconds=30)).enqueue()
