"""Pages of the afsprakenset: the public release list, release page and roadmap, the staff pages that manage a
release and its rollout, and the participant's own rollout in the portal. Thin: parse, call a service, render or
redirect after a successful POST. Drafts are for staff, board and auditor (AFS-OPENBAAR); the public sees the
rollout in totals only (AFS-UITROL-OPENBAAR)."""

from collections import defaultdict
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import services, voortgang, workflow
from .controle import huidige_release, verouderd
from .filters import ReleaseFilter, UitrolFilter
from .forms import (
    DocumentForm,
    GoedkeurenForm,
    OvereenkomstForm,
    OvergangForm,
    ReleaseForm,
    ReleaseWijzigForm,
    StandaardForm,
    TermijnForm,
    UitrolForm,
    WijzigingForm,
)
from .models import KWARTAAL_PATROON, Release, ReleaseStatus, Uitrol, nummer_sleutel

FORMULIER = "kern/formulier_pagina.html"


def _zichtbaar(user):
    return Release.objects.all() if kan(user, Actie.RELEASE_LEZEN) else Release.objects.openbaar()


def _release(request, nummer: str) -> Release:
    release = get_object_or_404(Release, nummer=nummer)
    if not release.is_openbaar and not kan(request.user, Actie.RELEASE_LEZEN):
        raise Http404("Deze release bestaat niet of is niet openbaar.")
    return release


def _gelukt(request, tekst, doel):
    messages.success(request, tekst)
    return redirect(doel)


@vereist(Actie.RELEASE_PUBLIEK_LEZEN)
def release_lijst(request):
    context = lijst(request, _zichtbaar(request.user).select_related("besluit"), ReleaseFilter)
    return render(request, "afsprakenset/lijst.html", context)


#: the kinds of items the roadmap shows per quarter; another app (change requests) adds its own with
#: ``roadmap_bron_registreren`` — a function (quarter codes) -> {quarter: [items]}, each item a dict with
#: "label", "url" and "soort"
ROADMAP_BRONNEN: list = []


def roadmap_bron_registreren(bron) -> None:
    if bron not in ROADMAP_BRONNEN:
        ROADMAP_BRONNEN.append(bron)


#: what another app shows on a release page (change requests: the RFCs that go into it); registered with
#: ``release_bron_registreren`` — a function (release, user) -> {"titel", "leeg", "items"}, each item a dict with
#: "label" and "url", already limited to what ``user`` may see
RELEASE_BRONNEN: list = []


def release_bron_registreren(bron) -> None:
    if bron not in RELEASE_BRONNEN:
        RELEASE_BRONNEN.append(bron)


@vereist(Actie.RELEASE_PUBLIEK_LEZEN)
def roadmap(request):
    """Planned releases per quarter (AFS-ROADMAP): every release not in force yet, by its planned quarter; of a draft
    the public sees number, title and quarter only (its page is for readers, AFS-OPENBAAR)."""
    releases = [r for r in Release.objects.filter(
        status__in=[ReleaseStatus.CONCEPT, ReleaseStatus.CONSULTATIE, ReleaseStatus.GOEDGEKEURD])
        .exclude(gepland_kwartaal="")]
    per_kwartaal = defaultdict(list)
    for r in sorted(releases, key=lambda r: nummer_sleutel(r.nummer)):
        per_kwartaal[r.gepland_kwartaal].append(r)
    overig = defaultdict(list)
    for bron in ROADMAP_BRONNEN:
        for kwartaal, items in bron(sorted(per_kwartaal), request.user).items():
            overig[kwartaal].extend(items)
    kwartalen = []
    for code in sorted(set(per_kwartaal) | set(overig)):
        jaar, nummer = KWARTAAL_PATROON.match(code).groups()
        kwartalen.append({"code": code, "label": f"{nummer}e kwartaal {jaar}", "releases": per_kwartaal[code],
                          "overig": overig[code]})
    return render(request, "afsprakenset/roadmap.html", {"kwartalen": kwartalen,
                                                         "lezer": kan(request.user, Actie.RELEASE_LEZEN)})


@vereist(Actie.RELEASE_PUBLIEK_LEZEN)
def release_detail(request, nummer: str):
    release = _release(request, nummer)
    dag = vandaag()
    beheer = kan(request.user, Actie.RELEASE_BEHEREN)
    wijzigingen = release.wijzigingen.prefetch_related("gegevensdiensten")
    return render(request, "afsprakenset/detail.html", {
        "release": release, "documenten": release.documenten.all(), "standaarden": release.standaarden.all(),
        "wijzigingen": wijzigingen, "termijnen": release.termijnen.all(), "voortgang": voortgang.per_rol(release, dag),
        "beheer": beheer, "open": release.status in services.OPEN, "lezer": kan(request.user, Actie.RELEASE_LEZEN),
        "stappen": workflow.mogelijk(release) if beheer else [],
        "onderdelen": [bron(release, request.user) for bron in RELEASE_BRONNEN]})


@vereist(Actie.RELEASE_PUBLIEK_LEZEN)
def document_download(request, nummer: str, pk: int):
    release = _release(request, nummer)
    document = get_object_or_404(release.documenten, pk=pk)
    naam, extensie = document.naam, PurePath(document.bestand.name).suffix
    if extensie and not naam.lower().endswith(extensie.lower()):
        naam += extensie
    return FileResponse(document.bestand.open("rb"), as_attachment=True, filename=naam)


@vereist(Actie.RELEASE_BEHEREN)
def release_nieuw(request):
    form = ReleaseForm(request.POST or None)
    if request.method == "POST":
        release = verwerk(form, lambda d: services.release_aanmaken(actor=request.user, **d))
        if release:
            return _gelukt(request, f"{release} is aangemaakt.", release)
    return render(request, FORMULIER, {"form": form, "titel": "Release aanmaken"})


@vereist(Actie.RELEASE_BEHEREN)
def release_wijzigen(request, nummer: str):
    release = get_object_or_404(Release, nummer=nummer)
    form = ReleaseWijzigForm(request.POST or None, instance=Release.objects.get(pk=release.pk))
    if request.method == "POST":
        def uitvoeren(d):
            reden = d.pop("reden", "")
            return services.release_wijzigen(actor=request.user, release=release, wijzigingen=d, reden=reden)

        gewijzigd = verwerk(form, uitvoeren)
        if gewijzigd:
            return _gelukt(request, "De wijziging is opgeslagen.", gewijzigd)
    return render(request, FORMULIER, {"form": form, "titel": f"{release} wijzigen", "object": release})


def _onderdeel(form_class, service, titel: str, gelukt: str, bestanden: bool = False):
    @vereist(Actie.RELEASE_BEHEREN)
    def view(request, nummer: str):
        release = get_object_or_404(Release, nummer=nummer)
        form = form_class(request.POST or None, request.FILES or None) if bestanden else form_class(
            request.POST or None)
        if request.method == "POST" and verwerk(form, lambda d: service(actor=request.user, release=release, **d)):
            return _gelukt(request, gelukt, release)
        return render(request, FORMULIER, {"form": form, "titel": f"{titel}: release {release.nummer}",
                                           "object": release})

    return view


document_nieuw = _onderdeel(DocumentForm, services.document_toevoegen, "Document toevoegen",
                            "Het document is toegevoegd.", bestanden=True)
standaard_nieuw = _onderdeel(StandaardForm, services.standaard_toevoegen, "Standaard toevoegen",
                             "De standaard is toegevoegd.")
changelog_nieuw = _onderdeel(WijzigingForm, services.wijziging_toevoegen, "Wijziging in de changelog",
                             "De wijziging staat in de changelog.")
termijn_nieuw = _onderdeel(TermijnForm, services.termijn_vastleggen, "Implementatietermijn vastleggen",
                           "De implementatietermijn is vastgelegd.")


@vereist(Actie.RELEASE_BEHEREN)
def release_overgang(request, nummer: str, overgang: str):
    release = get_object_or_404(Release, nummer=nummer)
    stap = workflow.PER_NAAM.get(overgang)
    if stap is None:
        raise Http404("Onbekende stap.")
    form_class = GoedkeurenForm if stap.besluit else OvergangForm
    form = form_class(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.release_overgang(actor=request.user, release=release,
                                                             overgang=overgang, **d)):
            return _gelukt(request, f"{stap.label}: gelukt.", release)
    inleiding = ("Het bestuur keurt een release goed door een besluitvoorstel van de soort ‘goedkeuring van een "
                 "release’ vast te stellen; kies hier dat besluit. Alle actieve deelnemers met een rol waarvoor een "
                 "implementatietermijn geldt krijgen een uitrol en een e-mail." if stap.besluit else "")
    return render(request, FORMULIER, {"form": form, "titel": f"{stap.label}: release {release.nummer}",
                                       "object": release, "knop": stap.label, "inleiding": inleiding})


@vereist(Actie.RELEASE_LEZEN)
def uitrol_lijst(request):
    """The rollout of every approved release per participant, for staff, board and auditor."""
    qs = Uitrol.objects.select_related("release", "deelnemer__organisatie", "constatering").order_by(
        "uiterlijk", "deelnemer__organisatie__naam")
    context = lijst(request, qs, UitrolFilter)
    return render(request, "afsprakenset/uitrol.html", context | {"vandaag": vandaag(),
                                                                    "beheer": kan(request.user,
                                                                                  Actie.RELEASE_BEHEREN)})


@vereist(Actie.RELEASE_BEHEREN)
def uitrol_bijwerken(request, pk: int):
    uitrol = get_object_or_404(Uitrol.objects.select_related("release", "deelnemer__organisatie"), pk=pk)
    form = UitrolForm(request.POST or None, initial={"status": uitrol.status})
    if request.method == "POST":
        if verwerk(form, lambda d: services.uitrol_bijwerken(actor=request.user, uitrol=uitrol, **d)):
            return _gelukt(request, f"De uitrol van {uitrol.deelnemer} is bijgewerkt.",
                           f"{reverse('uitrol-lijst')}?{urlencode({'release': uitrol.release.nummer})}")
    return render(request, FORMULIER, {"form": form, "titel": f"Uitrol bijwerken: {uitrol}",
                                       "object": uitrol.release})


@vereist(Actie.RELEASE_BEHEREN)
def overeenkomst_vastleggen(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    form = OvereenkomstForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.overeenkomst_vastleggen(actor=request.user, deelnemer=deelnemer, **d)):
            return _gelukt(request, "De getekende overeenkomst is vastgelegd.", deelnemer)
    return render(request, FORMULIER, {"form": form, "titel": f"Getekende deelnemersovereenkomst: {deelnemer}",
                                       "object": deelnemer})


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_releases(request):
    """The participant's own rollouts and its signed agreement (portal); never another participant's."""
    if not request.user.deelnemer_id:
        raise PermissionDenied("Uw account hoort niet bij een deelnemer.")
    deelnemer = Deelnemer.objects.select_related("organisatie", "overeenkomst_release").get(
        pk=request.user.deelnemer_id)
    uitrollen = (Uitrol.objects.filter(deelnemer=deelnemer).select_related("release")
                 .order_by("-release__aangemaakt_op", "rol"))
    huidig = huidige_release()
    return render(request, "afsprakenset/mijn.html", {
        "deelnemer": deelnemer, "uitrollen": uitrollen, "vandaag": vandaag(), "huidig": huidig,
        "verouderd": bool(huidig and verouderd(huidig).filter(pk=deelnemer.pk).exists())})
