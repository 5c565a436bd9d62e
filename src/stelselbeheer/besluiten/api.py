import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from stelselbeheer.api.auth import Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern.rollen import Actie

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


@router.post("/besluiten", response={403: None}, deprecated=True,
             summary="Besluit rechtstreeks vastleggen: vervallen, geweigerd voor iedereen (403)",
             description="Een besluit ontstaat alleen doordat een stemgerechtigd lid van het bestuur een "
                         "besluitvoorstel vaststelt (OVL-SCHEIDING, OVL-STAP): stel een voorstel op met "
                         "`POST /api/overleg/voorstellen`, leg het voor met "
                         "`POST /api/overleg/voorstellen/{nummer}/voorleggen` en laat het bestuur "
                         "beslissen met `POST /api/overleg/voorstellen/{nummer}/beslissing`. Geen "
                         "rol heeft nog het recht om hier een besluit vast te leggen; deze operatie antwoordt altijd "
                         "401 of 403.",
             auth=Recht(Actie.BESLUIT_VASTLEGGEN))
def besluit_vastleggen(request):
    raise PermissionDenied("OVL-STAP: een besluit ontstaat alleen door vaststelling van een besluitvoorstel.")
