"""JSON API of the bottleneck list (tag ``knelpunten``). Errors are problem+json."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.organisaties.models import Organisatie, Regio
from stelselbeheer.overleg.api import FOUTEN, Probleem

from . import services
from .models import Bouwblok, Knelpunt

router = Router(tags=["knelpunten"])


class KnelpuntUit(Schema):
    nummer: str
    titel: str
    omschrijving: str
    bouwblok: int
    sector: str
    regio: str | None
    binnen_invloed: bool
    eigenaar_id: int
    partners: list[int]
    uitkomstsoort: str
    status: str
    oplossing: str
    afgesloten_op: dt.date | None
    melding: str | None

    @staticmethod
    def resolve_bouwblok(obj):
        return obj.bouwblok.nummer

    @staticmethod
    def resolve_regio(obj):
        return obj.regio.code if obj.regio else None

    @staticmethod
    def resolve_partners(obj):
        return [p.pk for p in obj.partners.all()]

    @staticmethod
    def resolve_melding(obj):
        return obj.melding.nummer if obj.melding else None


class KnelpuntIn(Schema):
    titel: str
    omschrijving: str
    bouwblok: int
    binnen_invloed: bool
    eigenaar_id: int
    uitkomstsoort: str
    sector: str = ""
    regio: str | None = None
    partner_ids: list[int] = []


@router.get("/knelpunten", response={200: Pagina[KnelpuntUit], 401: Probleem, 403: Probleem, 422: Probleem},
            summary="Knelpunten (nieuwste eerst)", auth=Recht(Actie.KNELPUNT_LEZEN))
def knelpunten(request, status: str = "", bouwblok: int | None = None, pagina: int = 1, per_pagina: int = 25):
    qs = Knelpunt.objects.select_related("bouwblok", "regio", "melding").prefetch_related("partners")
    if status:
        qs = qs.filter(status=status)
    if bouwblok:
        qs = qs.filter(bouwblok__nummer=bouwblok)
    return pagineer(qs, pagina, per_pagina)


@router.get("/knelpunten/{nummer}", response={200: KnelpuntUit, **FOUTEN}, summary="Eén knelpunt",
            auth=Recht(Actie.KNELPUNT_LEZEN))
def knelpunt(request, nummer: str):
    return get_object_or_404(Knelpunt, nummer=nummer)


@router.post("/knelpunten", response={201: KnelpuntUit, **FOUTEN}, summary="Knelpunt vastleggen",
             auth=Recht(Actie.KNELPUNT_BEHEREN))
def knelpunt_vastleggen(request, payload: KnelpuntIn):
    d = payload.dict()
    bouwblok = get_object_or_404(Bouwblok, nummer=d.pop("bouwblok"))
    eigenaar = get_object_or_404(Organisatie, pk=d.pop("eigenaar_id"))
    regio = get_object_or_404(Regio, code=d.pop("regio")) if d.get("regio") else None
    d.pop("regio", None)
    partners = list(Organisatie.objects.filter(pk__in=d.pop("partner_ids")))
    return Status(201, services.knelpunt_vastleggen(actor=request.auth, bouwblok=bouwblok, eigenaar=eigenaar,
                                                    regio=regio, partners=partners, **d))
