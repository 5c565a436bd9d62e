import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status

from stelselbeheer.api.auth import Openbaar, Recht
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.organisaties.models import Regio

from . import services

router = Router(tags=["meldingen"])


class MeldingIn(Schema):
    soort: str
    onderwerp: str
    omschrijving: str
    melder_naam: str
    melder_email: str
    regio: str | None = None
    uitkomst: str = ""


class MeldingUit(Schema):
    nummer: str
    soort: str
    onderwerp: str
    status: str
    niveau: str
    ingediend_op: dt.datetime


class IngediendUit(MeldingUit):
    statuscode: str


@router.post("/meldingen", response={201: IngediendUit},
             summary="Melding indienen; de statuscode wordt alleen nu getoond",
             auth=[Recht(Actie.MELDING_INDIENEN), Openbaar(Actie.MELDING_INDIENEN)])
def indienen(request, payload: MeldingIn):
    from django.core.exceptions import ValidationError

    regio = None
    if payload.regio:
        regio = Regio.objects.filter(code=payload.regio).first()
        if regio is None:
            raise ValidationError({"regio": f"Onbekende regio '{payload.regio}'."})
    melding, code = services.melding_indienen(
        actor=request.user if request.user.is_authenticated else None, soort=payload.soort,
        onderwerp=payload.onderwerp, omschrijving=payload.omschrijving, melder_naam=payload.melder_naam,
        melder_email=payload.melder_email, regio=regio, uitkomst=payload.uitkomst,
        beslisboom=services.actieve_boom())
    melding.statuscode = code
    return Status(201, melding)


@router.get("/meldingen/status/{code}", response=MeldingUit, summary="Status van een melding, met de statuscode")
def status(request, code: str):
    melding = services.melding_bij_token(code)
    if melding is None:
        raise Http404("Onbekende statuscode")
    return melding
