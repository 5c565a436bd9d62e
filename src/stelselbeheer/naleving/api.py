import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.rollen import Actie

from . import services
from .models import Constatering, Nalevingszaak, ZaakStap

router = Router(tags=["naleving"])


class ConstateringUit(Schema):
    id: int
    deelnemer_id: int
    bron: str
    verplichting: str
    omstandigheden: str
    datum: dt.date
    kwalificatie_id: int | None


@router.get("/constateringen", response=Pagina[ConstateringUit], summary="Constateringen (stap 1 van naleving)",
            auth=Recht(Actie.NALEVING_LEZEN))
def constateringen(request, deelnemer: int | None = None, pagina: int = 1, per_pagina: int = 25):
    qs = Constatering.objects.all()
    return pagineer(qs.filter(deelnemer_id=deelnemer) if deelnemer else qs, pagina, per_pagina)


class ZaakUit(Schema):
    nummer: str
    deelnemer_id: int
    verplichting: str
    omstandigheden: str
    stap: str
    geopend_op: dt.date
    termijn_tot: dt.date | None
    termijn_basis: str
    maatregelen: str
    maatregelen_termijn: dt.date | None
    beoordeling: str
    criteria: dict
    afsluiting: str
    gesloten_op: dt.date | None
    vervolgcontrole_op: dt.date | None


class StapIn(Schema):
    overgang: str
    datum: dt.date | None = None
    toelichting: str = ""
    besluit: str | None = Field(None, description="Besluitnummer, voor ontbinden")
    termijn: int | None = Field(None, description="Dagen (eenheid volgens de stap); standaard die van de stap")
    kanaal: str | None = Field(None, description="email of aangetekend, voor de brief van de stap")
    gegevens: dict = Field(default_factory=dict)


class ToelichtingIn(Schema):
    maatregelen: str
    maatregelen_termijn: dt.date


class OpschortingIn(Schema):
    deelnemer_id: int
    niveau: int
    besluit: str
    zaak: str | None = None
    datum: dt.date | None = None
    toelichting: str = ""


class OpschortingUit(Schema):
    id: int
    deelnemer_id: int
    niveau: int
    ingegaan_op: dt.date
    scope: dict
    gebruikers_geinformeerd_op: dt.date | None
    opgeheven_op: dt.date | None


def _besluit(nummer: str | None):
    if not nummer:
        return None
    besluit = Besluit.objects.filter(nummer=nummer).first()
    if besluit is None:
        raise ValidationError({"besluit": f"Er bestaat geen besluit {nummer}."})
    return besluit


@router.get("/zaken", response=Pagina[ZaakUit], summary="Nalevingszaken (vertrouwelijk)",
            auth=Recht(Actie.NALEVING_LEZEN))
def zaken(request, open: bool | None = None, pagina: int = 1, per_pagina: int = 25):
    qs = Nalevingszaak.objects.all()
    if open is not None:
        qs = qs.exclude(stap=ZaakStap.GESLOTEN) if open else qs.filter(stap=ZaakStap.GESLOTEN)
    return pagineer(qs, pagina, per_pagina)


@router.get("/zaken/{nummer}", response=ZaakUit, summary="Eén nalevingszaak", auth=Recht(Actie.NALEVING_LEZEN))
def zaak(request, nummer: str):
    return get_object_or_404(Nalevingszaak, nummer=nummer)


@router.post("/zaken/{nummer}/stappen", response=ZaakUit, summary="Een stap van het nalevingsbeleid zetten",
             auth=Recht(Actie.NALEVING_BEHANDELEN))
def stap(request, nummer: str, payload: StapIn):
    return services.zaak_stap(actor=request.auth, zaak=get_object_or_404(Nalevingszaak, nummer=nummer),
                              overgang=payload.overgang, datum=payload.datum, toelichting=payload.toelichting,
                              besluit=_besluit(payload.besluit), termijn=payload.termijn, kanaal=payload.kanaal,
                              gegevens=payload.gegevens)


@router.post("/opschortingen", response={201: OpschortingUit}, summary="Opschorten (niveau 1-4) op een besluit",
             auth=Recht(Actie.NALEVING_BEHANDELEN))
def opschorten(request, payload: OpschortingIn):
    from .opschorting import opschorten as uitvoeren

    deelnemer = verwijzing(Deelnemer, payload.deelnemer_id, "deelnemer_id")
    zaak_ = Nalevingszaak.objects.filter(nummer=payload.zaak).first() if payload.zaak else None
    if payload.zaak and zaak_ is None:
        raise ValidationError({"zaak": f"Er bestaat geen zaak {payload.zaak}."})
    besluit = _besluit(payload.besluit)
    if besluit is None:
        raise ValidationError({"besluit": "Kies het besluit waarop de opschorting rust."})
    return Status(201, uitvoeren(actor=request.auth, deelnemer=deelnemer, niveau=payload.niveau, besluit=besluit,
                                 zaak=zaak_, datum=payload.datum, toelichting=payload.toelichting))


@router.get("/mijn/zaken", response=list[ZaakUit], summary="De eigen nalevingszaken",
            auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN))
def mijn_zaken(request):
    return Nalevingszaak.objects.filter(deelnemer_id=request.auth.deelnemer_id)


@router.post("/mijn/zaken/{nummer}/toelichting", response=ZaakUit, summary="Toelichting geven (stap 2)",
             auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN))
def toelichting(request, nummer: str, payload: ToelichtingIn):
    zaak_ = get_object_or_404(Nalevingszaak, nummer=nummer, deelnemer_id=request.auth.deelnemer_id)
    return services.zaak_toelichting_geven(actor=request.auth, zaak=zaak_, maatregelen=payload.maatregelen,
                                           maatregelen_termijn=payload.maatregelen_termijn)
