import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api import problemen
from stelselbeheer.api.auth import Openbaar, Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.register.models import Gegevensdienst

from . import openbaar, services, workflow
from .forms import TOELICHTING_MAX
from .models import Deelnemer, Kwalificatie
from .zoeken import zoek_deelnemers

router = Router(tags=["deelnemers"])


class RolUit(Schema):
    rol: str
    sinds: dt.date


class DeelnemerUit(Schema):
    id: int
    organisatie_id: int
    naam: str = Field(..., alias="organisatie.naam")
    kvk_nummer: str = Field(..., alias="organisatie.kvk_nummer")
    overeenkomstversie: str
    ondertekend_op: dt.date | None
    status: str
    status_sinds: dt.date
    rollen: list[RolUit]


class KwalificatieUit(Schema):
    id: int
    rol: str
    gegevensdienst: str = Field(..., alias="gegevensdienst.code")
    testdatum: dt.date
    resultaat: str
    geldig_tot: dt.date


class KwalificatieIn(Schema):
    rol: str
    gegevensdienst: str = Field(..., description="Gegevensdienst-id (code)")
    testdatum: dt.date
    resultaat: str
    geldig_tot: dt.date | None = Field(None, description="Standaard: testdatum + 365 dagen (NAL-365)")
    opmerking: str = ""


def _deelnemers():
    return Deelnemer.objects.select_related("organisatie").prefetch_related("rollen")


@router.get("/deelnemers", response=Pagina[DeelnemerUit], summary="Deelnemers", auth=Recht(Actie.DEELNEMER_LEZEN))
def deelnemers(request, q: str = "", status: str = "", rol: str = "", pagina: int = 1, per_pagina: int = 25):
    return pagineer(zoek_deelnemers(q, status=status, rol=rol).prefetch_related("rollen"), pagina, per_pagina)


@router.get(
    "/deelnemers/{deelnemer_id}", response=DeelnemerUit, summary="Eén deelnemer", auth=Recht(Actie.DEELNEMER_LEZEN)
)
def deelnemer(request, deelnemer_id: int):
    return get_object_or_404(_deelnemers(), pk=deelnemer_id)


@router.get(
    "/deelnemers/{deelnemer_id}/kwalificaties",
    response=list[KwalificatieUit],
    summary="Kwalificaties van een deelnemer",
    auth=Recht(Actie.DEELNEMER_LEZEN),
)
def kwalificaties(request, deelnemer_id: int):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    return Kwalificatie.objects.filter(deelnemer=deelnemer).select_related("gegevensdienst")


@router.post(
    "/deelnemers/{deelnemer_id}/kwalificaties",
    response={201: KwalificatieUit},
    summary="Testresultaat vastleggen",
    auth=Recht(Actie.DEELNEMER_WIJZIGEN),
)
def kwalificatie_vastleggen(request, deelnemer_id: int, payload: KwalificatieIn):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    dienst = Gegevensdienst.objects.filter(code=payload.gegevensdienst).first()
    if dienst is None:
        raise ValidationError({"gegevensdienst": f"Onbekende gegevensdienst '{payload.gegevensdienst}'."})
    return Status(
        201,
        services.kwalificatie_vastleggen(
            actor=request.auth,
            deelnemer=deelnemer,
            rol=payload.rol,
            gegevensdienst=dienst,
            testdatum=payload.testdatum,
            resultaat=payload.resultaat,
            geldig_tot=payload.geldig_tot,
            opmerking=payload.opmerking,
        ),
    )


@router.get(
    "/mijn/deelnemer",
    response=DeelnemerUit,
    summary="De eigen deelnemer (deelnemergebruikers)",
    auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN),
)
def mijn_deelnemer(request):
    return get_object_or_404(_deelnemers(), pk=request.auth.deelnemer_id)


@router.get(
    "/mijn/kwalificaties",
    response=list[KwalificatieUit],
    summary="De eigen kwalificaties",
    auth=Recht(Actie.EIGEN_DEELNEMER_LEZEN),
)
def mijn_kwalificaties(request):
    return Kwalificatie.objects.filter(deelnemer_id=request.auth.deelnemer_id).select_related("gegevensdienst")


# --- toe- en uittreding ------------------------------------------------------------------------------------

class OvergangIn(Schema):
    overgang: str = Field(..., description="Naam van de stap, zie GET /api/toetreding/overgangen")
    datum: dt.date | None = Field(None, description="Standaard: vandaag (Europe/Amsterdam)")
    besluit: str | None = Field(None, description="Besluitnummer (B-JJJJ-NNNN) waarop de stap rust: het besluit van "
                                                  "een vastgesteld besluitvoorstel dat deze stap over deze deelnemer "
                                                  "mogelijk maakt (OVL-STAP)")
    toelichting: str = ""
    gegevens: dict[str, str] = Field(default_factory=dict, description="De velden die de stap vastlegt")


class StatuswijzigingUit(Schema):
    overgang: str
    van: str
    naar: str
    datum: dt.date
    besluit: str | None = Field(None, alias="besluit.nummer")
    toelichting: str


class VoorwaardeUit(Schema):
    code: str
    omschrijving: str


class OvergangUit(Schema):
    naam: str
    label: str
    van: list[str]
    naar: str
    actie: str
    besluit: list[str]
    velden: list[str]
    voorwaarden: list[VoorwaardeUit]
    via: str = Field("", description="Gezet door de naleving (niet via deze overgangen): waar wel")


class AanvraagIn(Schema):
    """The public application: every text field capped (MEL-MISBRUIK)."""

    naam: str = Field(..., max_length=200)
    kvk_nummer: str = Field(..., max_length=20)
    soort: str = Field("leverancier", max_length=40)
    plaats: str = Field("", max_length=100)
    rollen: list[str] = Field(..., max_length=5)
    overeenkomstversie: str = Field(..., max_length=20)
    contact_email: str = Field(..., max_length=254)
    toelichting: str = Field("", max_length=TOELICHTING_MAX)


class AanvraagUit(Schema):
    id: int
    status: str
    status_sinds: dt.date


class OpenbareDeelnemerUit(Schema):
    id: int
    naam: str
    rollen: list[str]
    status: str
    sinds: dt.date | None


@router.get("/toetreding/overgangen", response=list[OvergangUit], summary="Het stappenplan van toe- en uittreding",
            auth=Recht(Actie.DEELNEMER_LEZEN))
def overgangen(request):
    return [{"naam": o.naam, "label": o.label, "van": list(o.van), "naar": o.naar, "actie": str(o.actie),
             "besluit": list(o.besluit), "velden": list(o.velden), "via": o.via,
             "voorwaarden": [{"code": v.code, "omschrijving": v.omschrijving} for v in o.voorwaarden]}
            for o in workflow.OVERGANGEN]


@router.post("/deelnemers/{deelnemer_id}/overgangen", response=DeelnemerUit,
             summary="Een stap van toe- of uittreding zetten (geweigerd met de redenen per veld)",
             auth=Recht(Actie.DEELNEMER_LEZEN))
def overgang_zetten(request, deelnemer_id: int, payload: OvergangIn):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    besluit = None
    if payload.besluit:
        besluit = Besluit.objects.filter(nummer=payload.besluit).first()
        if besluit is None:
            raise ValidationError({"besluit": f"Er bestaat geen besluit {payload.besluit}."})
    services.deelnemer_overgang(actor=request.auth, deelnemer=deelnemer, overgang=payload.overgang,
                                datum=payload.datum, besluit=besluit, toelichting=payload.toelichting,
                                gegevens=payload.gegevens)
    return _deelnemers().get(pk=deelnemer_id)


@router.get("/deelnemers/{deelnemer_id}/statuswijzigingen", response=list[StatuswijzigingUit],
            summary="De stappen die een deelnemer zette", auth=Recht(Actie.DEELNEMER_LEZEN))
def statuswijzigingen(request, deelnemer_id: int):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id)
    return deelnemer.statuswijzigingen.select_related("besluit")


@router.post("/aanmeldingen", response={201: AanvraagUit}, summary="Aanvraag tot toetreding indienen",
             description="Openbaar: een client zonder sessie heeft geen login en geen CSRF-token nodig; met het "
                         "sessiecookie van de webpagina's is het CSRF-token (X-CSRFToken) verplicht. Per client en per "
                         "e-mailadres geldt een limiet (429 met Retry-After).",
             auth=Openbaar(Actie.DEELNEMER_AANMELDEN, limiet=limieten.SCHRIJVEN),
             openapi_extra=problemen(400, 403, 413, 422, 429, openbaar=True))
def aanmelden(request, payload: AanvraagIn):
    limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(payload.contact_email))
    actor = request.user if request.user.is_authenticated else None
    organisatie = {k: getattr(payload, k) for k in ("naam", "kvk_nummer", "soort", "plaats")}
    return Status(201, services.toetreding_aanvragen(
        actor=actor, organisatie_gegevens=organisatie, overeenkomstversie=payload.overeenkomstversie,
        rollen=payload.rollen, contact_email=payload.contact_email, toelichting=payload.toelichting))


@router.get("/openbaar/deelnemers", response=list[OpenbareDeelnemerUit], summary="Deelnemers (openbaar)")
def openbare_deelnemers(request):
    huidig = Deelnemer.objects.filter(status__in=openbaar.HUIDIG).select_related("organisatie").prefetch_related(
        "rollen").order_by("organisatie__naam")
    return [{"id": d.pk, "naam": d.organisatie.naam, "rollen": [r.rol for r in d.rollen.all()],
             "status": status, "sinds": sinds} for d, sinds, status in openbaar.met_sinds(huidig)]
