import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.rollen import Actie

from . import opschorting, services
from .models import Constatering, Nalevingszaak, Opschorting, ZaakStap

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
    besluit: str = Field(..., description="Besluitnummer: opschorting (niveau 1-3) of beëindiging (niveau 4), openbaar")
    zaak: str | None = None
    datum: dt.date | None = None
    gepland_tot: dt.date | None = Field(None, description="Gepland einde (tot en met); standaard niveau 1: 1 dag, "
                                                          "niveau 2: 7 dagen; niveau 3: verplicht; niveau 4: leeg")
    toelichting: str = ""


class VerlengenIn(Schema):
    besluit: str = Field(..., description="Nummer van een nieuw, openbaar besluit tot opschorting")
    gepland_tot: dt.date
    datum: dt.date | None = None
    toelichting: str = ""


class OpheffenIn(Schema):
    besluit: str = Field(..., description="Nummer van het openbare besluit tot opheffing")
    datum: dt.date | None = None


class OpschortingUit(Schema):
    id: int
    deelnemer_id: int
    niveau: int
    besluit: str = Field(..., alias="besluit.nummer")
    ingegaan_op: dt.date
    gepland_tot: dt.date | None
    einde_gesignaleerd_op: dt.date | None = Field(None, description="De nachtelijke controle zag het geplande "
                                                                    "einde verstreken: opheffen of verlengen")
    scope: dict
    gebruikers_geinformeerd_op: dt.date | None
    opgeheven_op: dt.date | None
    opheffingsbesluit: str | None = Field(None, alias="opheffingsbesluit.nummer")


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


@router.get("/opschortingen", response=Pagina[OpschortingUit], summary="Opschortingen (lopend: nog niet opgeheven)",
            auth=Recht(Actie.NALEVING_LEZEN))
def opschortingen(request, lopend: bool | None = None, einde_verstreken: bool | None = None,
                  deelnemer: int | None = None, pagina: int = 1, per_pagina: int = 25):
    """``einde_verstreken=true``: the staff tasks of NAL-OPSCHORTING-EINDE (past the planned end: lift or extend)."""
    qs = Opschorting.objects.select_related("besluit", "opheffingsbesluit").order_by("-ingegaan_op", "-id")
    if einde_verstreken:
        qs = opschorting.einde_verstreken(vandaag()).select_related("opheffingsbesluit")
    if lopend is not None:
        qs = qs.filter(opgeheven_op__isnull=lopend)
    if deelnemer:
        qs = qs.filter(deelnemer_id=deelnemer)
    return pagineer(qs, pagina, per_pagina)


@router.post("/opschortingen", response={201: OpschortingUit}, summary="Opschorten (niveau 1-4) op een besluit",
             auth=Recht(Actie.NALEVING_BEHANDELEN))
def opschorten(request, payload: OpschortingIn):
    deelnemer = verwijzing(Deelnemer, payload.deelnemer_id, "deelnemer_id")
    zaak_ = Nalevingszaak.objects.filter(nummer=payload.zaak).first() if payload.zaak else None
    if payload.zaak and zaak_ is None:
        raise ValidationError({"zaak": f"Er bestaat geen zaak {payload.zaak}."})
    besluit = _besluit(payload.besluit)
    if besluit is None:
        raise ValidationError({"besluit": "Kies het besluit waarop de opschorting rust."})
    return Status(201, opschorting.opschorten(
        actor=request.auth, deelnemer=deelnemer, niveau=payload.niveau, besluit=besluit, zaak=zaak_,
        datum=payload.datum, gepland_tot=payload.gepland_tot, toelichting=payload.toelichting))


@router.post("/opschortingen/{opschorting_id}/verlengen", response=OpschortingUit,
             summary="Een opschorting verlengen op een nieuw besluit", auth=Recht(Actie.NALEVING_BEHANDELEN))
def verlengen(request, opschorting_id: int, payload: VerlengenIn):
    maatregel = get_object_or_404(Opschorting, pk=opschorting_id)
    besluit = _besluit(payload.besluit)
    return opschorting.opschorting_verlengen(actor=request.auth, opschorting=maatregel, besluit=besluit,
                                             gepland_tot=payload.gepland_tot, datum=payload.datum,
                                             toelichting=payload.toelichting)


@router.post("/opschortingen/{opschorting_id}/opheffen", response=OpschortingUit,
             summary="Een opschorting opheffen op een besluit", auth=Recht(Actie.NALEVING_BEHANDELEN))
def opheffen(request, opschorting_id: int, payload: OpheffenIn):
    maatregel = get_object_or_404(Opschorting, pk=opschorting_id)
    return opschorting.opschorting_opheffen(actor=request.auth, opschorting=maatregel,
                                            besluit=_besluit(payload.besluit), datum=payload.datum)


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
