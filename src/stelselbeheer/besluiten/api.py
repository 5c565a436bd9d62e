import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.organisaties.models import Organisatie

from . import services
from .models import Besluit

router = Router(tags=["besluiten"])


class BijlageUit(Schema):
    naam: str
    grootte: int
    url: str

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class BesluitUit(Schema):
    nummer: str
    datum: dt.date
    soort: str
    onderwerp: str
    tekst: str
    openbaar: bool
    deelnemer_id: int | None
    partijen: list[int]
    bijlagen: list[BijlageUit]

    @staticmethod
    def resolve_partijen(obj):
        return [p.pk for p in obj.partijen.all()]

    @staticmethod
    def resolve_bijlagen(obj):
        return list(obj.bijlagen.all())


class BesluitIn(Schema):
    datum: dt.date
    soort: str
    onderwerp: str
    tekst: str
    openbaar: bool = True
    deelnemer_id: int | None = None
    partijen: list[int] = []


def _zichtbaar(request):
    return Besluit.objects.zichtbaar_voor(request.user).prefetch_related("partijen", "bijlagen")


@router.get("/besluiten", response=Pagina[BesluitUit],
            summary="Besluiten (openbaar; ingelogd ook de eigen vertrouwelijke)")
def besluiten(request, soort: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = _zichtbaar(request)
    if soort:
        qs = qs.filter(soort=soort)
    return pagineer(qs, pagina, per_pagina)


@router.get("/besluiten/{nummer}", response=BesluitUit, summary="Eén besluit")
def besluit(request, nummer: str):
    return get_object_or_404(_zichtbaar(request), nummer=nummer)


@router.post("/besluiten", response={201: BesluitUit}, summary="Besluit vastleggen",
             auth=Recht(Actie.BESLUIT_VASTLEGGEN))
def besluit_vastleggen(request, payload: BesluitIn):
    deelnemer = verwijzing(Deelnemer, payload.deelnemer_id, "deelnemer_id") if payload.deelnemer_id else None
    partijen = [verwijzing(Organisatie, pk, "partijen") for pk in payload.partijen]
    nieuw = services.besluit_vastleggen(actor=request.user, datum=payload.datum, soort=payload.soort,
                                        onderwerp=payload.onderwerp, tekst=payload.tekst, openbaar=payload.openbaar,
                                        deelnemer=deelnemer, partijen=partijen)
    return Status(201, nieuw)
