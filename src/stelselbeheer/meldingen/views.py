from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import pagineren, vereist, verwerk

from . import beslisboom as boom_regels
from . import services
from .forms import EscalatieForm, MeldingForm, StatusForm, TriageForm
from .zichtbaar import zichtbare_meldingen


def _pad(request) -> list[int]:
    tekst = request.GET.get("pad", "")
    if not tekst:
        return []
    try:
        return [int(deel) for deel in tekst.split(".")]
    except ValueError as e:
        raise Http404("Onbekende keuze") from e


def _knoop(request):
    """The active tree, the chosen path (?pad=0.1) and the node it reaches; a tampered path is not found."""
    boom = services.actieve_boom()
    pad = _pad(request)
    try:
        return boom, pad, boom_regels.stap(boom.boom, pad)[1]
    except ValidationError as e:
        raise Http404("Onbekende keuze") from e


@vereist(Actie.MELDING_INDIENEN)
def melden(request):
    """The front door: the decision tree, one question per page (MEL-BOOM)."""
    boom, pad, knoop = _knoop(request)
    prefix = ".".join(str(p) for p in pad)
    opties = [{"label": o["label"], "pad": f"{prefix}.{i}" if prefix else str(i)}
              for i, o in enumerate(knoop.get("opties") or [])]
    uitkomst = knoop.get("uitkomst")
    loket, hier = boom_regels.UITKOMSTEN.get(uitkomst, ("", False))
    return render(request, "meldingen/melden.html", {
        "knoop": knoop, "opties": opties, "pad": prefix, "versie": boom.versie,
        "terug": ".".join(prefix.split(".")[:-1]), "uitkomst": uitkomst, "loket": loket, "hier": hier})


@vereist(Actie.MELDING_INDIENEN)
def melding_formulier(request):
    boom, _, knoop = _knoop(request)
    uitkomst = knoop.get("uitkomst", "")
    beginwaarden = {}
    if request.user.is_authenticated:
        beginwaarden = {"melder_naam": request.user.get_full_name() or request.user.username,
                        "melder_email": request.user.email}
    form = MeldingForm(request.POST or None, initial=beginwaarden)
    if request.method == "POST":
        uitkomst_ = verwerk(form, lambda d: services.melding_indienen(
            actor=request.user if request.user.is_authenticated else None, uitkomst=uitkomst, beslisboom=boom, **d))
        if uitkomst_:
            melding, token = uitkomst_
            return render(request, "meldingen/ingediend.html", {
                "melding": melding, "status_url": request.build_absolute_uri(f"/meldingen/status/{token}/")})
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": "Melding indienen",
        "inleiding": "U krijgt een referentienummer en een link naar een statuspagina; bewaar die link."})


def melding_status(request, token: str):
    """The status page for whoever holds the code (no account needed); only this melding, only safe fields."""
    melding = services.melding_bij_token(token)
    if melding is None:
        raise Http404("Onbekende statuscode")
    return render(request, "meldingen/status.html", {"melding": melding,
                                                     "gebeurtenissen": melding.gebeurtenissen.all()})


@vereist(Actie.MELDINGEN_BEHANDELEN)
def melding_lijst(request):
    qs = zichtbare_meldingen(request.user).select_related("regio").order_by("oplossing_voor", "ingediend_op")
    pagina, params = pagineren(request, qs.exclude(status__in=["opgelost", "gesloten"]))
    return render(request, "meldingen/lijst.html", {"pagina": pagina, "params": params, "nu": timezone.now()})


@vereist(Actie.MELDINGEN_BEHANDELEN)
def melding_detail(request, nummer: str):
    melding = get_object_or_404(zichtbare_meldingen(request.user), nummer=nummer)
    actie = request.POST.get("actie") if request.method == "POST" else None
    triage = TriageForm(request.POST if actie == "triage" else None, user=request.user, initial={
        "prioriteit": melding.prioriteit, "niveau": melding.niveau, "regio": melding.regio, "team": melding.team,
        "toegewezen_aan": melding.toegewezen_aan})
    escalatie = EscalatieForm(request.POST if actie == "escaleren" else None)
    statusform = StatusForm(request.POST if actie == "status" else None)
    if actie == "status" and verwerk(statusform, lambda d: services.melding_status_zetten(
            actor=request.user, melding=melding, **d)):
        messages.success(request, "Status bijgewerkt.")
        return redirect(melding)
    if actie == "triage" and verwerk(triage, lambda d: services.melding_triage(actor=request.user, melding=melding,
                                                                              **d)):
        messages.success(request, "Triage vastgelegd.")
        return redirect(melding)
    if actie == "escaleren" and verwerk(escalatie, lambda d: services.melding_escaleren(
            actor=request.user, melding=melding, reden=d["reden"])):
        messages.success(request, f"{melding.nummer} is doorgezet naar de landelijke desk.")
        return redirect("melding-lijst")
    return render(request, "meldingen/detail.html", {"melding": melding, "triage": triage, "escalatie": escalatie,
                                                     "statusform": statusform,
                                                     "gebeurtenissen": melding.gebeurtenissen.all(),
                                                     "nu": timezone.now()})
