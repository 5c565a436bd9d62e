import datetime as dt

from ninja import Router, Schema

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie

from .audit import verifieer
from .models import AuditEvent

router = Router(tags=["audit"])


class AuditEventUit(Schema):
    volgnummer: int
    tijdstip: dt.datetime
    actor_naam: str
    actie: str
    object_type: str
    object_id: str
    object_omschrijving: str
    voor: dict | None
    na: dict | None
    reden: str
    hash: str


class VerificatieUit(Schema):
    in_orde: bool
    aantal: int
    melding: str
    eerste_fout: int | None


@router.get(
    "/audit", response=Pagina[AuditEventUit], summary="Audittrail (nieuwste eerst)", auth=Recht(Actie.AUDIT_LEZEN)
)
def audit(request, object_type: str = "", object_id: str = "", pagina: int = 1, per_pagina: int = 50):
    qs = AuditEvent.objects.order_by("-volgnummer")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    return pagineer(qs, pagina, per_pagina)


@router.get(
    "/audit/verificatie",
    response=VerificatieUit,
    summary="Controle van de hele hashketen",
    auth=Recht(Actie.AUDIT_LEZEN),
)
def audit_verificatie(request):
    return verifieer().__dict__
