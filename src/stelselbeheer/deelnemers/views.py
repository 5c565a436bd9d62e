from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk, wijzig_pagina
from stelselbeheer.register.zoeken import met_diensten

from . import openbaar, services, tekening, workflow
from .filters import DeelnemerFilter, EigenAanbiederFilter, OpenbareDeelnemerFilter
from .forms import AanvraagForm, DeelnemerForm, KwalificatieForm, OvergangForm
from .models import Deelnemer, DeelnemerStatus, Herinnering, Kwalificatie
from .overzicht import advies_van, kwalificatie_overzicht
from .zoeken import zoek_deelnemers

#: how many aanbieders and change requests Mijn deelname shows before linking to the whole list
VOORPROEF = 10


@vereist(Actie.DEELNEMER_LEZEN)
def deelnemer_lijst(request):
    qs = (zoek_deelnemers().prefetch_related("rollen")
          .annotate(aantal_aanbieders=Count("aanbieders", distinct=True)))
    return render(request, "deelnemers/lijst.html", lijst(request, qs, DeelnemerFilter))


def _lopende_opschorting(deelnemer: Deelnemer):
    """The running suspension (or the definitive one of level 4), while the participant is in that state."""
    if deelnemer.status not in (DeelnemerStatus.OPGESCHORT, DeelnemerStatus.BEEINDIGD):
        return None
    return deelnemer.opschortingen.filter(opgeheven_op__isnull=True).select_related("besluit").first()


def _detail_context(deelnemer: Deelnemer, user) -> dict:
    opschorting = _lopende_opschorting(deelnemer)
    return {
        "deelnemer": deelnemer,
        "advies": advies_van(deelnemer),
        "rollen": deelnemer.rollen.all(),
        "kwalificaties": kwalificatie_overzicht(deelnemer, timezone.now()),
        "aantal_aanbieders": deelnemer.aanbieders.count(),
        "oauthclients": deelnemer.oauthclients.all(),
        "statuswijzigingen": deelnemer.statuswijzigingen.select_related("besluit"),
        "besluiten": Besluit.objects.zichtbaar_voor(user).filter(deelnemer=deelnemer),
        "opschorting": opschorting,
        "opschorting_einde_verstreken": bool(opschorting and opschorting.einde_verstreken(services.vandaag())),
        "herinneringen": Herinnering.objects.filter(kwalificatie__deelnemer=deelnemer)
        .select_related("kwalificatie__gegevensdienst").order_by("-verzonden_op")[:20],
        "aantal_herinneringen": Herinnering.objects.filter(kwalificatie__deelnemer=deelnemer).count(),
    }


@vereist(Actie.DEELNEMER_LEZEN)
def deelnemer_detail(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    context = _detail_context(deelnemer, request.user)
    context["stappen"] = _stappen(deelnemer, request.user, services.vandaag())
    return render(request, "deelnemers/detail.html", context)


@vereist(Actie.DEELNEMER_WIJZIGEN)
def deelnemer_wijzigen(request, pk: int):
    return wijzig_pagina(request, get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk),
                         DeelnemerForm, lambda obj, data, reden: services.deelnemer_wijzigen(
                             actor=request.user, deelnemer=obj, wijzigingen=data, reden=reden))


@vereist(Actie.DEELNEMER_WIJZIGEN)
def kwalificatie_nieuw(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    form = KwalificatieForm(request.POST or None, request.FILES or None, deelnemer=deelnemer)
    if request.method == "POST":
        kwalificatie = verwerk(form, lambda data: services.kwalificatie_vastleggen(
            actor=request.user, deelnemer=deelnemer, **data))
        if kwalificatie:
            messages.success(request, "Testresultaat vastgelegd, geldig tot en met "
                                      f"{kwalificatie.geldig_tot:%d-%m-%Y}.")
            return redirect("deelnemer-detail", pk=pk)
    return render(request, "kern/formulier_pagina.html", {"form": form, "object": deelnemer,
                                                           "titel": f"Testresultaat vastleggen voor {deelnemer}",
                                                           "knop": "Testresultaat vastleggen"})


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_overzicht(request):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=request.user.deelnemer_id)
    context = _detail_context(deelnemer, request.user)
    context["verzoeken"] = deelnemer.verzoeken.all()[:VOORPROEF]
    context["aantal_verzoeken"] = deelnemer.verzoeken.count()
    context["aanbieders"] = deelnemer.aanbieders.order_by("weergavenaam", "id")[:VOORPROEF]
    return render(request, "deelnemers/mijn.html", context)


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_aanbieders(request):
    """All of the participant's own aanbieders, searchable and paged (Mijn deelname shows the first few)."""
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=request.user.deelnemer_id)
    qs = met_diensten(deelnemer.aanbieders.order_by("weergavenaam", "id"))
    return render(request, "deelnemers/mijn_aanbieders.html", {"deelnemer": deelnemer} | lijst(
        request, qs, EigenAanbiederFilter))


# --- toe- en uittreding -------------------------------------------------------------------------------

@vereist(Actie.DEELNEMER_AANMELDEN)
@limieten.op_pagina
def aanmelden(request):
    """The public application form; every POST counts against the client's limit, a valid one also against the
    e-mail address's (MEL-MISBRUIK)."""
    if request.method == "POST":
        limieten.tellen(request, limieten.SCHRIJVEN)
    form = AanvraagForm(request.POST or None)
    if request.method == "POST":
        def uitvoeren(d):
            limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(d["contact_email"]))
            organisatie = {k: d[k] for k in ("naam", "kvk_nummer", "soort", "plaats")}
            return services.toetreding_aanvragen(
                actor=request.user if request.user.is_authenticated else None, organisatie_gegevens=organisatie,
                overeenkomstversie=d["overeenkomstversie"], rollen=d["rollen"], contact_email=d["contact_email"],
                toelichting=d["toelichting"])

        deelnemer = verwerk(form, uitvoeren)
        if deelnemer:  # post/redirect/get: a reload of the confirmation never applies again
            request.session[AANGEMELD] = deelnemer.pk
            return redirect("aanmelding-ontvangen")
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": "Aanmelden als deelnemer van het afsprakenstelsel", "knop": "Aanvraag indienen",
        "inleiding": "Na uw aanvraag volgen een intake, het kwalificeren per rol en gegevensdienst, een advies "
                     "van de uitvoeringsorganisatie en een besluit van het bestuur."})


#: the steps the board decides on the advice: their form shows it (TOE-ADVIES)
BESLUIT_OP_ADVIES = {"toelaten", "afwijzen"}

#: the session key of the application this browser filed, for its confirmation page
AANGEMELD = "aanvraag_ingediend"


@vereist(Actie.DEELNEMER_AANMELDEN)
def aanmelding_ontvangen(request):
    """The confirmation after applying (the redirect target), for the browser that applied; a reload shows it
    again and files nothing."""
    deelnemer = Deelnemer.objects.select_related("organisatie").filter(pk=request.session.get(AANGEMELD)).first()
    return render(request, "deelnemers/aangemeld.html", {"deelnemer": deelnemer})


#: NAL-OPSCHORTING-PAD: the page of the compliance service that sets a step with ``via`` (by the suspension's id,
#: or the participant's for a new suspension)
NALEVING_PAGINA = {"opschorten": "opschorten", "opschorting_verlengen": "opschorting-verlengen",
                   "opschorting_opheffen": "opschorting-opheffen"}


def _pagina(stap, deelnemer) -> str | None:
    """Where a step is set: its own step page, or the compliance page for the steps of a suspension."""
    if not stap.via:
        return reverse("deelnemer-stap", args=[deelnemer.pk, stap.naam])
    if stap.naam == "opschorten":
        return reverse(NALEVING_PAGINA[stap.naam], args=[deelnemer.pk])
    lopend = deelnemer.opschortingen.filter(opgeheven_op__isnull=True).first()
    return reverse(NALEVING_PAGINA[stap.naam], args=[lopend.pk]) if lopend else None


def _stappen(deelnemer, user, datum):
    """The transitions from the participant's current status, with what still stands in their way."""
    uit = []
    for stap in workflow.OVERGANGEN:
        if deelnemer.status in stap.van:
            context = workflow.Context(datum, None, "")
            bezwaren = {k: v for k, v in workflow.weigeringen(stap, deelnemer, context).items()
                        if k not in stap.velden and k not in {"besluit", "toelichting"}}
            uit.append({"stap": stap, "mag": kan(user, stap.actie), "url": _pagina(stap, deelnemer),
                        "bezwaren": [r for rs in bezwaren.values() for r in rs]})
    return uit


@vereist(Actie.DEELNEMER_LEZEN)
def deelnemer_stap(request, pk: int, naam: str):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    stap = workflow.PER_NAAM.get(naam)
    if stap is None:
        raise Http404("Onbekende stap")
    if not kan(request.user, stap.actie):
        raise PermissionDenied("Uw rol mag deze stap niet zetten.")
    if stap.via:  # NAL-OPSCHORTING-PAD: a suspension's steps are set by the compliance service only
        pagina = _pagina(stap, deelnemer)
        if pagina is None:
            messages.error(request, f"{stap.label}: er loopt geen opschorting.")
        return redirect(pagina or deelnemer.get_absolute_url())
    form = OvergangForm(request.POST or None, stap=stap, deelnemer=deelnemer)
    if request.method == "POST":
        def uitvoeren(d):
            return services.deelnemer_overgang(
                actor=request.user, deelnemer=deelnemer, overgang=stap.naam, datum=d.get("datum"),
                besluit=d.get("besluit"), toelichting=d.get("toelichting", ""),
                gegevens={v: d[v] for v in stap.velden})

        if verwerk(form, uitvoeren):
            messages.success(request, f"{stap.label}: vastgelegd; de status is nu: "
                                      f"{DeelnemerStatus(stap.naar).label}.")
            return redirect("deelnemer-detail", pk=pk)
    return render(request, "deelnemers/stap.html", {
        "form": form, "object": deelnemer, "titel": f"{stap.label}: {deelnemer}", "knop": stap.label,
        "advies": advies_van(deelnemer) if stap.naam in BESLUIT_OP_ADVIES else None,
        "inleiding": "Voorwaarden: " + ("; ".join(v.omschrijving for v in stap.voorwaarden) or "geen") + "."})


@vereist(Actie.DEELNEMER_LEZEN)
def workflow_pagina(request):
    return render(request, "deelnemers/workflow.html", {"overgangen": workflow.OVERGANGEN,
                                                        "tekening": tekening.svg()})


# --- openbaar ---------------------------------------------------------------------------------------------

@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def publiek_deelnemers(request):
    """Who participates (current participants unless the filter asks for former ones), with roles and since when."""
    qs = (Deelnemer.objects.filter(status__in=(*openbaar.HUIDIG, DeelnemerStatus.BEEINDIGD))
          .select_related("organisatie").prefetch_related("rollen").order_by("organisatie__naam", "id"))
    context = lijst(request, qs, OpenbareDeelnemerFilter, standaard={"deelname": "huidig"})
    context["rijen"] = openbaar.met_sinds(context["pagina"].object_list)
    return render(request, "deelnemers/publiek_lijst.html", context)


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def publiek_deelnemer(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie").filter(
        status__in=(*openbaar.HUIDIG, DeelnemerStatus.BEEINDIGD)), pk=pk)
    return render(request, "deelnemers/publiek_detail.html", {
        "deelnemer": deelnemer, "tijdlijn": openbaar.tijdlijn(deelnemer), "rollen": deelnemer.rollen.all(),
        "status": openbaar.openbare_status(deelnemer), "opschorting": openbaar.openbare_opschorting(deelnemer)})


def kwalificatie_bewijs(request, pk: int):
    """The test report of a qualification: staff, board and auditors (DEELNEMER_LEZEN) and the participant itself."""
    kwalificatie = get_object_or_404(Kwalificatie, pk=pk)
    eigen = kan(request.user, Actie.EIGEN_DEELNEMER_LEZEN) and request.user.deelnemer_id == kwalificatie.deelnemer_id
    if not (kan(request.user, Actie.DEELNEMER_LEZEN) or eigen):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Uw rol geeft geen toegang tot dit bewijs.")
    if not kwalificatie.bewijs:
        raise Http404("Bij deze kwalificatie is geen bewijs vastgelegd")
    return FileResponse(kwalificatie.bewijs.open("rb"), as_attachment=True,
                        filename=kwalificatie.bewijs.name.rsplit("/", 1)[-1])
