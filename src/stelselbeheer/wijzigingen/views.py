"""Pages of the development agendas and the change requests on the agreements (RFCs). Thin: parse, call a service,
render or redirect after a successful POST. Who sees which RFC: ``Wijzigingsvoorstel.objects.zichtbaar_voor``
(RFC-ZICHT); an RFC one may not see is "not found"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import agendas as standaard
from . import services, workflow
from .filters import RfcFilter
from .forms import AgendaForm, ReactieForm, ReleaseForm, RfcForm, StapForm, VoorleggenForm
from .models import Getroffene, Ontwikkelagenda, Reactie, Status, Wijzigingsvoorstel

FORMULIER = "kern/formulier_pagina.html"


def _zichtbaar(request):
    return Wijzigingsvoorstel.objects.zichtbaar_voor(request.user).select_related("agenda", "besluit")


def _rfc(request, nummer: str) -> Wijzigingsvoorstel:
    return get_object_or_404(_zichtbaar(request).select_related(
        "agenda__adviesorgaan", "deelnemer__organisatie", "rso", "besluitvoorstel", "consultatie_analyse",
        "release"),
        nummer=nummer)


@vereist(Actie.RFC_PUBLIEK_LEZEN)
def agendas(request):
    """The three development agendas with their route, and how many RFCs each has that the reader may see."""
    standaard.zorgen()
    zichtbaar = _zichtbaar(request)
    rijen = []
    for agenda in Ontwikkelagenda.objects.select_related("adviesorgaan"):
        rijen.append({"agenda": agenda, "route": [Status(s).label for s in agenda.route()],
                      "aantal": zichtbaar.filter(agenda=agenda).count()})
    return render(request, "wijzigingen/agendas.html", {"rijen": rijen})


@vereist(Actie.RFC_PUBLIEK_LEZEN)
def rfc_lijst(request):
    context = lijst(request, _zichtbaar(request), RfcFilter)
    return render(request, "wijzigingen/lijst.html", context | {"titel": "Wijzigingsverzoeken op de afspraken"})


@vereist(Actie.RFC_PUBLIEK_LEZEN)
def agenda_detail(request, code: str):
    standaard.zorgen()
    agenda = get_object_or_404(Ontwikkelagenda.objects.select_related("adviesorgaan"), code=code)
    context = lijst(request, _zichtbaar(request).filter(agenda=agenda), RfcFilter)
    return render(request, "wijzigingen/lijst.html", context | {
        "titel": agenda.naam, "agenda": agenda, "route": [Status(s).label for s in agenda.route()],
        "beheer": kan(request.user, Actie.RFC_BEHANDELEN)})


@vereist(Actie.RFC_BEHANDELEN)
def agenda_wijzigen(request, code: str):
    """Staff change an agenda's route: who assesses, advises, decides; consultation; publicity (RFC-ROUTE)."""
    agenda = get_object_or_404(Ontwikkelagenda, code=code)
    form = AgendaForm(request.POST or None, instance=Ontwikkelagenda.objects.get(pk=agenda.pk))
    if request.method == "POST":
        def wijzigen(d):
            reden = d.pop("reden", "")
            return services.agenda_wijzigen(actor=request.user, agenda=agenda, wijzigingen=d, reden=reden)

        if verwerk(form, wijzigen):
            messages.success(request, "De route van de agenda is opgeslagen.")
            return redirect(agenda)
    return render(request, FORMULIER, {"form": form, "titel": f"{agenda.naam} wijzigen", "object": agenda,
                                       "inleiding": "De route geldt voor de volgende stap van elk verzoek op deze "
                                                    "agenda."})


@vereist(Actie.RFC_PUBLIEK_LEZEN)
def rfc_detail(request, nummer: str):
    rfc = _rfc(request, nummer)
    user = request.user
    analyse = rfc.analyses.first()
    getroffenen = (analyse.getroffenen.select_related("deelnemer__organisatie") if analyse else [])
    behandelaar = kan(user, Actie.RFC_BEHANDELEN)
    eigen_deelnemer = getattr(user, "deelnemer_id", None) if user.is_authenticated else None
    if kan(user, Actie.RFC_LEZEN):
        reacties = rfc.reacties.select_related("deelnemer__organisatie")
    elif eigen_deelnemer:
        reacties = rfc.reacties.filter(deelnemer_id=eigen_deelnemer).select_related("deelnemer__organisatie")
    else:
        reacties = Reactie.objects.none()
    stappen = []
    if behandelaar:
        context = workflow.Context(actor=user, moment=timezone.now(), datum=timezone.localdate(), toelichting="x",
                                   advies="x")
        for o in workflow.mogelijke(rfc):
            bezwaren = [r for veld, rs in workflow.weigeringen(o, rfc, context).items() for r in rs
                        if veld not in {"besluitvoorstel"} or o.naam == "besluit_verwerken"]
            stappen.append({"overgang": o, "bezwaren": bezwaren})
    kan_reageren = (kan(user, Actie.RFC_REAGEREN) and rfc.status == Status.IN_CONSULTATIE
                    and timezone.localdate() <= rfc.consultatie_tot
                    and services.in_consultatie_voor(rfc, eigen_deelnemer))
    return render(request, "wijzigingen/detail.html", {
        "rfc": rfc, "analyse": analyse, "getroffenen": getroffenen, "reacties": reacties, "stappen": stappen,
        "behandelaar": behandelaar, "kan_reageren": kan_reageren,
        "historie": rfc.stappen.select_related("door"), "gegevensdiensten": rfc.gegevensdiensten.all(),
        "route": [(s, Status(s).label) for s in rfc.agenda.route()],
        "intern": kan(user, Actie.RFC_LEZEN)})


@vereist(Actie.RFC_BEHANDELEN)
def rfc_stap(request, nummer: str, stap: str):
    """One step of the route (or a fresh impact analysis, ``stap=impact``): a small form, then back to the RFC."""
    rfc = _rfc(request, nummer)
    if stap == "impact":
        form = StapForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.impact_vastleggen(actor=request.user, voorstel=rfc)
            messages.success(request, "De impactanalyse is opnieuw berekend uit het register.")
            return redirect(rfc)
        return render(request, FORMULIER, {"form": form, "titel": f"Impact van {rfc.nummer} opnieuw berekenen",
                                           "knop": "Berekenen", "object": rfc,
                                           "inleiding": "De impact wordt afgeleid uit het register van vandaag en "
                                                        "als momentopname met datum bewaard."})
    overgang = workflow.PER_NAAM.get(stap)
    if overgang is None:
        return redirect(rfc)
    form = (VoorleggenForm if stap == "voorleggen" else StapForm)(request.POST or None)
    if stap == "voorleggen" and rfc.status != Status.BIJ_ADVIES:
        del form.fields["advies"]
    if request.method == "POST":
        uit = verwerk(form, lambda d: services.stap_zetten(
            actor=request.user, voorstel=rfc, stap=stap, toelichting=d.get("toelichting", ""),
            advies=d.get("advies", ""), besluitvoorstel=d.get("besluitvoorstel"),
            basis_url=request.build_absolute_uri("/")))
        if uit:
            messages.success(request, f"{overgang.label}: gedaan. Status: {uit.get_status_display().lower()}.")
            return redirect(uit)
    return render(request, FORMULIER, {"form": form, "titel": f"{overgang.label}: {rfc.nummer}", "object": rfc,
                                       "knop": overgang.label})


@vereist(Actie.RFC_BEHANDELEN)
def rfc_release(request, nummer: str):
    """Assign the RFC to a release of the afsprakenset (RFC-RELEASE)."""
    rfc = _rfc(request, nummer)
    form = ReleaseForm(request.POST or None, initial={"release": rfc.release_id})
    if request.method == "POST":
        uit = verwerk(form, lambda d: services.release_toewijzen(actor=request.user, voorstel=rfc,
                                                                 release=d["release"]))
        if uit:
            waar = f"in release {uit.release.nummer}" if uit.release else "in geen release"
            messages.success(request, f"{rfc.nummer} staat nu {waar}.")
            return redirect(uit)
    return render(request, FORMULIER, {"form": form, "titel": f"Release van {rfc.nummer}", "object": rfc,
                                       "knop": "Opslaan"})


#: the session key under which a filed RFC's number waits for its one display on the confirmation page
INGEDIEND = "rfc_ingediend"


@vereist(Actie.RFC_INDIENEN)
@limieten.op_pagina
def rfc_indienen(request):
    """File an RFC: the front door's branch for a change to the agreements, the portal, the regional user group,
    staff. Every POST counts against the client's limit, a valid one also against the e-mail address's."""
    standaard.zorgen()
    beginwaarden = {"agenda": Ontwikkelagenda.objects.filter(code=request.GET.get("agenda", "algemeen")).first()}
    if request.user.is_authenticated:
        beginwaarden |= {"indiener_naam": request.user.get_full_name() or request.user.username,
                         "indiener_email": request.user.email}
    if request.method == "POST":
        limieten.tellen(request, limieten.SCHRIJVEN)
    form = RfcForm(request.POST or None, initial=beginwaarden)
    if request.method == "POST":
        def indienen(d):
            limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(d["indiener_email"]))
            return services.rfc_indienen(actor=request.user if request.user.is_authenticated else None, **d)

        rfc = verwerk(form, indienen)
        if rfc:
            if _zichtbaar(request).filter(pk=rfc.pk).exists():
                messages.success(request, f"Uw wijzigingsverzoek is ingediend als {rfc.nummer}.")
                return redirect(rfc)
            request.session[INGEDIEND] = {"nummer": rfc.nummer, "email": rfc.indiener_email,
                                          "agenda": rfc.agenda.naam}
            return redirect("rfc-ontvangen")
    return render(request, FORMULIER, {
        "form": form, "titel": "Wijzigingsverzoek op de afspraken (RFC) indienen", "knop": "Verzoek indienen",
        "inleiding": "Stel een wijziging voor van de afspraken van het stelsel, de viewer of een bronsysteem. U "
                     "krijgt een nummer; de uitvoeringsorganisatie beoordeelt het verzoek en brengt het langs de "
                     "route van de gekozen ontwikkelagenda."})


@never_cache
@vereist(Actie.RFC_INDIENEN)
def rfc_ontvangen(request):
    return render(request, "wijzigingen/ontvangen.html", {"ingediend": request.session.pop(INGEDIEND, None)})


@vereist(Actie.RFC_REAGEREN)
def mijn_rfcs(request):
    """The portal: the participant's own RFCs and every consultation it was invited to."""
    deelnemer_id = request.user.deelnemer_id
    uitgenodigd = Getroffene.objects.filter(analyse_id=OuterRef("consultatie_analyse_id"), deelnemer_id=deelnemer_id)
    qs = (Wijzigingsvoorstel.objects.filter(
        Q(deelnemer_id=deelnemer_id) | Q(consultatie_analyse__getroffenen__deelnemer_id=deelnemer_id)).distinct()
        .annotate(uitgenodigd=Exists(uitgenodigd)).select_related("agenda").prefetch_related(
            Prefetch("reacties", queryset=Reactie.objects.filter(deelnemer_id=deelnemer_id), to_attr="eigen")))
    context = lijst(request, qs, RfcFilter)
    return render(request, "wijzigingen/mijn.html", context | {"vandaag": timezone.localdate()})


@vereist(Actie.RFC_REAGEREN)
def rfc_reageren(request, nummer: str):
    rfc = _rfc(request, nummer)
    if not services.in_consultatie_voor(rfc, request.user.deelnemer_id):
        raise PermissionDenied("Uw organisatie is niet uitgenodigd voor deze consultatie.")
    bestaand = Reactie.objects.filter(voorstel=rfc, deelnemer_id=request.user.deelnemer_id).first()
    form = ReactieForm(request.POST or None, initial={"standpunt": getattr(bestaand, "standpunt", None),
                                                      "toelichting": getattr(bestaand, "toelichting", "")})
    if request.method == "POST":
        if verwerk(form, lambda d: services.reageren(actor=request.user, voorstel=rfc, **d)):
            messages.success(request, f"Uw reactie op {rfc.nummer} is opgeslagen.")
            return redirect("mijn-rfcs")
    sluit = f" tot en met {rfc.consultatie_tot:%d-%m-%Y}" if rfc.consultatie_tot else ""
    return render(request, FORMULIER, {
        "form": form, "titel": f"Reageren op {rfc.nummer}: {rfc.titel}", "knop": "Reactie opslaan", "object": rfc,
        "inleiding": f"Uw organisatie is getroffen door deze wijziging. U kunt reageren{sluit}; een nieuwe reactie "
                     "vervangt de vorige."})
