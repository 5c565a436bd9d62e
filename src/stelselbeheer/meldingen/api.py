import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from stelselbeheer.api import problemen
from stelselbeheer.api.auth import Openbaar, Recht
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.organisaties.models import Regio

from . import cijfers as cijfer_regels
from . import kennisbank, services
from .models import OMSCHRIJVING_MAX
from .models import Status as MeldingStatus
from .zichtbaar import eigen_meldingen, zichtbare_gebeurtenissen, zichtbare_meldingen

router = Router(tags=["meldingen"])
BEHANDELEN = Recht(Actie.MELDINGEN_BEHANDELEN)


class MeldingIn(Schema):
    soort: str = Field(..., max_length=20)
    onderwerp: str = Field(..., max_length=200)
    omschrijving: str = Field(..., max_length=OMSCHRIJVING_MAX)
    melder_naam: str = Field(..., max_length=200)
    melder_email: str = Field(..., max_length=254)
    regio: str | None = Field(None, max_length=30)
    uitkomst: str = Field("", max_length=20)


class MeldingUit(Schema):
    nummer: str
    soort: str
    onderwerp: str
    status: str
    niveau: str
    ingediend_op: dt.datetime


class IngediendUit(MeldingUit):
    statuscode: str


class GebeurtenisUit(Schema):
    tijdstip: dt.datetime
    soort: str
    tekst: str
    zichtbaar: str


class BehandelingUit(MeldingUit):
    omschrijving: str
    regio_id: int | None
    prioriteit: str
    team: str
    fase: str
    ernst: str
    reactie_voor: dt.datetime | None
    eerste_reactie_op: dt.datetime | None
    oplossing_voor: dt.datetime | None
    opgelost_op: dt.datetime | None
    uitspraak: str
    constatering_id: int | None


class DetailUit(BehandelingUit):
    gebeurtenissen: list[GebeurtenisUit]
    betrokken_deelnemers: list[int]
    betrokken_aanbieders: list[str]
    betrokken_gegevensdiensten: list[str]
    partijen: list[int]


class EigenUit(MeldingUit):
    fase: str
    gebeurtenissen: list[GebeurtenisUit]


def _regio(code: str | None, veld: str = "regio"):
    if not code:
        return None
    regio = Regio.objects.filter(code=code).first()
    if regio is None:
        raise ValidationError({veld: f"Onbekende regio '{code}'."})
    return regio


@router.post("/meldingen", response={201: IngediendUit},
             summary="Melding indienen; de statuscode wordt alleen nu getoond",
             description="Openbaar: een client zonder sessie heeft geen login en geen CSRF-token nodig; met het "
                         "sessiecookie van de webpagina's is het CSRF-token (X-CSRFToken) verplicht. Per client en per "
                         "e-mailadres geldt een limiet (429 met Retry-After). De bevestiging per e-mail bevat alleen "
                         "de referentie en de statuslink.",
             auth=Openbaar(Actie.MELDING_INDIENEN, limiet=limieten.SCHRIJVEN),
             openapi_extra=problemen(400, 403, 413, 422, 429, openbaar=True))
def indienen(request, payload: MeldingIn):
    limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(payload.melder_email))
    melding, code = services.melding_indienen(
        actor=request.user if request.user.is_authenticated else None, soort=payload.soort,
        onderwerp=payload.onderwerp, omschrijving=payload.omschrijving, melder_naam=payload.melder_naam,
        melder_email=payload.melder_email, regio=_regio(payload.regio), uitkomst=payload.uitkomst,
        beslisboom=services.actieve_boom(), basis_url=request.build_absolute_uri("/"))
    melding.statuscode = code
    return Status(201, melding)


@router.get("/meldingen/status/{code}", response=EigenUit, summary="Status van een melding, met de statuscode",
            description="Mislukte opvragingen tellen per client; boven de limiet krijgt elke opvraging 429 met "
                        "Retry-After, ook met een juiste code.",
            openapi_extra=problemen(404, 429))
def status(request, code: str):
    limieten.controleren(request, limieten.STATUSCODE)
    melding = services.melding_bij_token(code)
    if melding is None:
        limieten.tellen(request, limieten.STATUSCODE)
        raise Http404("Onbekende statuscode")
    return _eigen(melding, None)


def _eigen(melding, user):
    return {**{k: getattr(melding, k) for k in EigenUit.model_fields if k != "gebeurtenissen"},
            "gebeurtenissen": list(zichtbare_gebeurtenissen(melding, user))}


@router.get("/meldingen", response=Pagina[BehandelingUit], summary="Werkvoorraad (regio: alleen de eigen regio)",
            auth=BEHANDELEN)
def lijst(request, soort: str | None = None, status: str | None = None, pagina: int = 1, per_pagina: int = 25):
    qs = zichtbare_meldingen(request.auth).order_by("oplossing_voor", "ingediend_op", "id")
    if soort:
        qs = qs.filter(soort=soort)
    if status == "open":
        qs = qs.exclude(status__in=[MeldingStatus.OPGELOST, MeldingStatus.GESLOTEN])
    elif status:
        qs = qs.filter(status=status)
    return pagineer(qs, pagina, per_pagina)


@router.get("/meldingen/cijfers", summary="Aantallen per soort en servicenormen per maand (twaalf maanden)",
            auth=BEHANDELEN)
def cijfers(request) -> list[dict]:
    return [{"maand": f"{m.jaar}-{m.maand:02d}", "per_soort": m.per_soort, "totaal": m.totaal,
             "reactie_op_tijd": m.reactie[0], "reactie_geteld": m.reactie[1],
             "opgelost_op_tijd": m.oplossing[0], "opgelost_geteld": m.oplossing[1]}
            for m in cijfer_regels.maandcijfers(zichtbare_meldingen(request.auth))]


def _melding(request, nummer):
    return get_object_or_404(zichtbare_meldingen(request.auth), nummer=nummer)


def _detail(melding):
    melding.refresh_from_db()
    uit = {k: getattr(melding, k) for k in BehandelingUit.model_fields}
    return {**uit, "gebeurtenissen": list(melding.gebeurtenissen.all()),
            "betrokken_deelnemers": list(melding.betrokken_deelnemers.values_list("pk", flat=True)),
            "betrokken_aanbieders": list(melding.betrokken_aanbieders.values_list("naam", flat=True)),
            "betrokken_gegevensdiensten": list(melding.betrokken_gegevensdiensten.values_list("code", flat=True)),
            "partijen": list(melding.partijen.values_list("pk", flat=True))}


@router.get("/meldingen/{nummer}", response=DetailUit, summary="Een melding met het volledige verloop",
            auth=BEHANDELEN)
def detail(request, nummer: str):
    return _detail(_melding(request, nummer))


class TriageIn(Schema):
    prioriteit: str
    niveau: str | None = None
    regio: str | None = None
    soort: str | None = None
    team: str = ""
    toegewezen_aan: str | None = None


@router.post("/meldingen/{nummer}/triage", response=DetailUit, summary="Triage: niveau, soort, prioriteit, team",
             auth=BEHANDELEN)
def triage(request, nummer: str, payload: TriageIn):
    from stelselbeheer.kern.models import Gebruiker

    persoon = None
    if payload.toegewezen_aan:
        persoon = Gebruiker.objects.filter(username=payload.toegewezen_aan, is_active=True).first()
        if persoon is None:
            raise ValidationError({"toegewezen_aan": f"Onbekende gebruiker '{payload.toegewezen_aan}'."})
    return _detail(services.melding_triage(
        actor=request.auth, melding=_melding(request, nummer), prioriteit=payload.prioriteit, team=payload.team,
        niveau=payload.niveau, regio=_regio(payload.regio), soort=payload.soort, toegewezen_aan=persoon))


class RedenIn(Schema):
    reden: str


@router.post("/meldingen/{nummer}/escalatie", response=DetailUit, summary="Regionale melding naar de landelijke desk",
             auth=BEHANDELEN)
def escalatie(request, nummer: str, payload: RedenIn):
    return _detail(services.melding_escaleren(actor=request.auth, melding=_melding(request, nummer),
                                              reden=payload.reden))


class StatusIn(Schema):
    status: str
    toelichting: str


@router.post("/meldingen/{nummer}/status", response=DetailUit, summary="Opgelost, gesloten of heropend",
             auth=BEHANDELEN)
def status_zetten(request, nummer: str, payload: StatusIn):
    return _detail(services.melding_status_zetten(actor=request.auth, melding=_melding(request, nummer),
                                                  status=payload.status, toelichting=payload.toelichting))


class UpdateIn(Schema):
    tekst: str
    zichtbaar: str = "intern"


@router.post("/meldingen/{nummer}/updates", response={201: GebeurtenisUit}, summary="Update in het verloop",
             auth=BEHANDELEN)
def update(request, nummer: str, payload: UpdateIn):
    return Status(201, services.melding_bijwerken(actor=request.auth, melding=_melding(request, nummer),
                                                  tekst=payload.tekst, zichtbaar=payload.zichtbaar))


class IncidentIn(Schema):
    ernst: str
    deelnemer_ids: list[int] = []
    aanbieders: list[str] = []
    gegevensdiensten: list[str] = []


@router.post("/meldingen/{nummer}/incident", response=DetailUit,
             summary="Ernst en getroffen deelnemers, zorgaanbieders en gegevensdiensten", auth=BEHANDELEN)
def incident(request, nummer: str, payload: IncidentIn):
    from stelselbeheer.deelnemers.models import Deelnemer
    from stelselbeheer.register.models import Aanbieder, Gegevensdienst

    fouten = {}
    gevonden = {}
    for veld, model, sleutel, waarden in (("deelnemer_ids", Deelnemer, "pk", payload.deelnemer_ids),
                                          ("aanbieders", Aanbieder, "naam", payload.aanbieders),
                                          ("gegevensdiensten", Gegevensdienst, "code", payload.gegevensdiensten)):
        objs = list(model.objects.filter(**{f"{sleutel}__in": waarden}))
        onbekend = sorted(set(map(str, waarden)) - {str(getattr(o, sleutel)) for o in objs})
        if onbekend:
            fouten[veld] = f"Onbekend: {', '.join(onbekend[:10])}."
        gevonden[veld] = objs
    if fouten:
        raise ValidationError(fouten)
    return _detail(services.incident_vastleggen(
        actor=request.auth, melding=_melding(request, nummer), ernst=payload.ernst,
        deelnemers=gevonden["deelnemer_ids"], aanbieders=gevonden["aanbieders"],
        gegevensdiensten=gevonden["gegevensdiensten"]))


class TekstIn(Schema):
    tekst: str


@router.post("/meldingen/{nummer}/bericht", summary="Intern bericht aan de getroffen deelnemers (e-mail)",
             auth=BEHANDELEN)
def bericht(request, nummer: str, payload: TekstIn) -> dict:
    return {"adressen": services.incident_bericht(actor=request.auth, melding=_melding(request, nummer),
                                                  tekst=payload.tekst)}


class EvaluatieIn(Schema):
    evaluatie: str


@router.post("/meldingen/{nummer}/evaluatie", response=DetailUit, summary="Evaluatie na het incident",
             auth=BEHANDELEN)
def evaluatie(request, nummer: str, payload: EvaluatieIn):
    return _detail(services.incident_evalueren(actor=request.auth, melding=_melding(request, nummer),
                                               evaluatie=payload.evaluatie))


@router.post("/meldingen/{nummer}/bestuur", response=DetailUit,
             summary="Klacht of geschil voorleggen aan het bestuur na bemiddeling", auth=BEHANDELEN)
def bestuur(request, nummer: str, payload: RedenIn):
    return _detail(services.naar_bestuur(actor=request.auth, melding=_melding(request, nummer), reden=payload.reden))


class PartijenIn(Schema):
    deelnemer_ids: list[int]


def _deelnemers(ids: list[int], veld: str):
    from stelselbeheer.deelnemers.models import Deelnemer

    gevonden = list(Deelnemer.objects.filter(pk__in=ids))
    onbekend = sorted(set(ids) - {d.pk for d in gevonden})
    if onbekend:
        raise ValidationError({veld: f"Onbekende deelnemer(s): {', '.join(map(str, onbekend[:10]))}."})
    return gevonden


@router.post("/meldingen/{nummer}/partijen", response=DetailUit, summary="Partijen bij een klacht of geschil",
             auth=BEHANDELEN)
def partijen(request, nummer: str, payload: PartijenIn):
    return _detail(services.partijen_vastleggen(actor=request.auth, melding=_melding(request, nummer),
                                                partijen=_deelnemers(payload.deelnemer_ids, "deelnemer_ids")))


class ConstateringIn(Schema):
    deelnemer_id: int
    verplichting: str


@router.post("/meldingen/{nummer}/constatering", response=DetailUit,
             summary="Constatering voor naleving uit een incident of calamiteit",
             auth=Recht(Actie.NALEVING_BEHANDELEN))
def constatering(request, nummer: str, payload: ConstateringIn):
    deelnemer = _deelnemers([payload.deelnemer_id], "deelnemer_id")[0]
    melding = _melding(request, nummer)
    services.melding_naar_naleving(actor=request.auth, melding=melding, deelnemer=deelnemer,
                                   verplichting=payload.verplichting)
    return _detail(melding)


class UitspraakIn(Schema):
    uitspraak: str
    besluit: str | None = None


@router.post("/meldingen/{nummer}/uitspraak", response=DetailUit, summary="Uitspraak van het bestuur",
             auth=Recht(Actie.MELDING_UITSPRAAK))
def uitspraak(request, nummer: str, payload: UitspraakIn):
    from stelselbeheer.besluiten.models import Besluit

    besluit = Besluit.objects.filter(nummer=payload.besluit).first() if payload.besluit else None
    if payload.besluit and besluit is None:
        raise ValidationError({"besluit": f"Er bestaat geen besluit {payload.besluit}."})
    return _detail(services.uitspraak_vastleggen(actor=request.auth, melding=_melding(request, nummer),
                                                 uitspraak=payload.uitspraak, besluit=besluit))


@router.get("/mijn/meldingen", response=list[EigenUit],
            summary="Eigen meldingen, en geschillen en incidenten waarbij de eigen deelnemer partij of getroffen is",
            auth=Recht(Actie.EIGEN_MELDINGEN_LEZEN))
def mijn(request):
    return [_eigen(m, request.auth) for m in eigen_meldingen(request.auth).order_by("-ingediend_op")[:200]]


class ArtikelUit(Schema):
    id: int
    titel: str
    tekst: str
    doelgroep: str
    gewijzigd_op: dt.datetime


@router.get("/kennisbank", response=list[ArtikelUit], summary="Kennisbank doorzoeken (zonder q: alle artikelen)",
            auth=Openbaar(Actie.KENNISBANK_LEZEN), openapi_extra=problemen(openbaar=True))
def kennisbank_zoeken(request, q: str = ""):
    return kennisbank.zoeken(request.user, q, 50) if q.strip() else list(
        kennisbank.zichtbare_artikelen(request.user)[:200])


class BoomUit(Schema):
    versie: int
    boom: dict


@router.get("/beslisboom", response=BoomUit, summary="De actieve beslisboom van de voordeur",
            auth=Openbaar(Actie.MELDING_INDIENEN), openapi_extra=problemen(openbaar=True))
def beslisboom(request):
    return services.actieve_boom()


class BoomIn(Schema):
    boom: dict


@router.post("/beslisboom", response={201: BoomUit}, summary="Nieuwe versie van de beslisboom (gecontroleerd)",
             auth=Recht(Actie.BESLISBOOM_BEHEREN))
def beslisboom_vastleggen(request, payload: BoomIn):
    return Status(201, services.beslisboom_vastleggen(actor=request.auth, boom=payload.boom))
