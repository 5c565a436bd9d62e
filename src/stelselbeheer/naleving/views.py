from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import opschorting, services, workflow
from .filters import ConstateringFilter, EigenZaakFilter, ZaakFilter
from .forms import GeinformeerdForm, OpheffenForm, OpschortenForm, StapForm, ToelichtingForm, VerlengenForm, ZaakForm
from .models import Brief, Constatering, Nalevingszaak, Opschorting, ZaakStap

#: how many follow-up checks the work queue shows before linking to all of them
VOORPROEF = 10


@vereist(Actie.NALEVING_LEZEN)
def constatering_lijst(request):
    qs = Constatering.objects.select_related("deelnemer__organisatie", "kwalificatie__gegevensdienst")
    return render(request, "naleving/constateringen.html", lijst(request, qs, ConstateringFilter))


@vereist(Actie.NALEVING_LEZEN)
def werkvoorraad(request):
    """NAL-WERKVOORRAAD: cases by urgency (overdue first, then the nearest deadline, cases without a deadline last),
    open ones unless the filter asks otherwise; suspensions past their end, and follow-up checks."""
    dag = vandaag()
    qs = (Nalevingszaak.objects.select_related("deelnemer__organisatie")
          .order_by(F("termijn_tot").asc(nulls_last=True), "geopend_op", "id"))
    context = lijst(request, qs, ZaakFilter, standaard={"stap": "open"})
    context["rijen"] = [{"zaak": z, "dagen": (z.termijn_tot - dag).days
                         if z.termijn_tot and z.stap != ZaakStap.GESLOTEN else None} for z in context["pagina"]]
    vervolg = (Nalevingszaak.objects.filter(stap=ZaakStap.GESLOTEN, vervolgcontrole_op__isnull=False)
               .select_related("deelnemer__organisatie").order_by("vervolgcontrole_op"))
    return render(request, "naleving/werkvoorraad.html", context | {
        "vervolg": vervolg[:VOORPROEF], "aantal_vervolg": vervolg.count(), "vandaag": dag,
        "opschortingen": opschorting.einde_verstreken(dag)})


def _stappen(zaak, user, dag):
    uit = []
    for stap in workflow.OVERGANGEN:
        if zaak.stap in stap.van:
            bezwaren = {k: v for k, v in workflow.weigeringen(stap, zaak, workflow.Context(dag, "x", None)).items()
                        if k not in stap.velden and k not in {"besluit", "toelichting"}}
            uit.append({"stap": stap, "mag": kan(user, Actie.NALEVING_BEHANDELEN),
                        "bezwaren": [r for rs in bezwaren.values() for r in rs]})
    return uit


@vereist(Actie.NALEVING_LEZEN)
def zaak_detail(request, nummer: str):
    zaak = get_object_or_404(Nalevingszaak.objects.select_related("deelnemer__organisatie", "constatering"),
                             nummer=nummer)
    return render(request, "naleving/zaak.html", {
        "zaak": zaak, "gebeurtenissen": zaak.gebeurtenissen.select_related("door"), "criteria": _criteria(zaak),
        "brieven": zaak.brieven.defer("pdf"), "opschortingen": zaak.opschortingen.select_related("besluit"),
        "stappen": _stappen(zaak, request.user, vandaag()), "vandaag": vandaag(),
        "volgorde": [s for s in ZaakStap if s != ZaakStap.GESLOTEN]})


def _criteria(zaak):
    from .models import CRITERIA

    return [(naam, zaak.criteria.get(k, {})) for k, naam in CRITERIA.items()] if zaak.criteria else []


@vereist(Actie.NALEVING_BEHANDELEN)
def zaak_nieuw(request, deelnemer_pk: int):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_pk)
    form = ZaakForm(request.POST or None)
    if request.method == "POST":
        zaak = verwerk(form, lambda d: services.zaak_openen(actor=request.user, deelnemer=deelnemer, **d))
        if zaak:
            messages.success(request, f"Nalevingszaak {zaak.nummer} is geopend.")
            return redirect(zaak)
    return render(request, "kern/formulier_pagina.html", {"form": form, "object": deelnemer,
                                                           "titel": f"Nalevingszaak openen: {deelnemer}"})


@vereist(Actie.NALEVING_BEHANDELEN)
def zaak_stap(request, nummer: str, naam: str):
    zaak = get_object_or_404(Nalevingszaak, nummer=nummer)
    stap = workflow.PER_NAAM.get(naam)
    if stap is None:
        raise Http404("Onbekende stap")
    form = StapForm(request.POST or None, stap=stap, zaak=zaak)
    if request.method == "POST":
        def uitvoeren(d):
            return services.zaak_stap(actor=request.user, zaak=zaak, overgang=stap.naam, datum=d.get("datum"),
                                      toelichting=d.get("toelichting", ""), besluit=d.get("besluit"),
                                      termijn=d.get("termijn"), gegevens=form.gegevens(stap),
                                      kanaal=d.get("kanaal") or None)

        def bezwaren(d):  # NAL-STAPDATUM and the workflow's refusals, beside the form's own errors (on a fresh copy)
            return services.stap_bezwaren(zaak=Nalevingszaak.objects.get(pk=zaak.pk), stap=stap,
                                          datum=d.get("datum") or vandaag(), toelichting=d.get("toelichting", ""),
                                          gegevens=form.gegevens(stap), besluit=d.get("besluit"))

        if verwerk(form, uitvoeren, bezwaren):
            messages.success(request, f"{stap.label}: vastgelegd.")
            return redirect(zaak)
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "object": zaak, "titel": f"{stap.label} ({zaak.nummer})", "knop": stap.label,
        "inleiding": "Voorwaarden: " + ("; ".join(v.omschrijving for v in stap.voorwaarden) or "geen") + "."})


# --- de deelnemer -------------------------------------------------------------------------------------

@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_zaken(request):
    zaken = Nalevingszaak.objects.filter(deelnemer_id=request.user.deelnemer_id)
    return render(request, "naleving/mijn_zaken.html", lijst(request, zaken, EigenZaakFilter))


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_zaak(request, nummer: str):
    zaak = get_object_or_404(Nalevingszaak, nummer=nummer, deelnemer_id=request.user.deelnemer_id)
    eerder = {"maatregelen": zaak.maatregelen, "maatregelen_termijn": zaak.maatregelen_termijn} \
        if zaak.toelichting_ontvangen_op else None
    form = ToelichtingForm(request.POST or None, initial=eerder)
    if request.method == "POST":
        if zaak.deelnemer_id != request.user.deelnemer_id:
            raise PermissionDenied
        if verwerk(form, lambda d: services.zaak_toelichting_geven(actor=request.user, zaak=zaak, **d)):
            messages.success(request, "Uw toelichting is ontvangen.")
            return redirect("mijn-zaak", nummer=nummer)
    return render(request, "naleving/mijn_zaak.html", {"zaak": zaak, "form": form,
                                                        "gebeurtenissen": zaak.gebeurtenissen.all(),
                                                        "brieven": zaak.brieven.defer("pdf")})


# --- opschorting ------------------------------------------------------------------------------------------

@vereist(Actie.NALEVING_BEHANDELEN)
def opschorten(request, deelnemer_pk: int):
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_pk)
    form = OpschortenForm(request.POST or None, deelnemer=deelnemer)
    if request.method == "POST":
        maatregel = verwerk(form, lambda d: opschorting.opschorten(actor=request.user, deelnemer=deelnemer, **d))
        if maatregel:
            messages.success(request, f"{deelnemer} is opgeschort (niveau {maatregel.niveau}); de lijsten worden "
                                      "opnieuw gepubliceerd en de deelnemers zijn geïnformeerd.")
            return redirect("deelnemer-detail", pk=deelnemer.pk)
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "object": deelnemer, "titel": f"Opschorten: {deelnemer}",
        "inleiding": "Vanaf niveau 1 gaan de entries direct uit de lijsten en worden de andere deelnemers intern "
                     "geïnformeerd; vanaf niveau 2 informeert de deelnemer zijn gebruikers; vanaf niveau 3 staat hij "
                     "openbaar als inactief; niveau 4 beëindigt de deelname. Na het geplande einde volgt een taak: "
                     "opheffen of verlengen. Het besluit is openbaar."})


@vereist(Actie.NALEVING_BEHANDELEN)
def verlengen(request, pk: int):
    maatregel = get_object_or_404(Opschorting.objects.select_related("deelnemer"), pk=pk)
    form = VerlengenForm(request.POST or None, deelnemer=maatregel.deelnemer)
    if request.method == "POST":
        if verwerk(form, lambda d: opschorting.opschorting_verlengen(actor=request.user, opschorting=maatregel, **d)):
            messages.success(request, "De opschorting is verlengd; de deelnemers zijn geïnformeerd.")
            return redirect("deelnemer-detail", pk=maatregel.deelnemer_id)
    einde = f"{maatregel.gepland_tot:%d-%m-%Y}" if maatregel.gepland_tot else "niet vastgelegd"
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "object": maatregel.deelnemer, "titel": f"Opschorting verlengen: {maatregel.deelnemer}",
        "inleiding": f"Niveau {maatregel.niveau} sinds {maatregel.ingegaan_op:%d-%m-%Y}; gepland tot en met {einde}. "
                     "Een verlenging rust op een nieuw, openbaar besluit tot opschorting."})


@vereist(Actie.NALEVING_BEHANDELEN)
def opheffen(request, pk: int):
    maatregel = get_object_or_404(Opschorting.objects.select_related("deelnemer"), pk=pk)
    form = OpheffenForm(request.POST or None, deelnemer=maatregel.deelnemer)
    if request.method == "POST":
        if verwerk(form, lambda d: opschorting.opschorting_opheffen(actor=request.user, opschorting=maatregel, **d)):
            messages.success(request, "De opschorting is opgeheven; de entries keren terug voor zover ze voldoen.")
            return redirect("deelnemer-detail", pk=maatregel.deelnemer_id)
    return render(request, "kern/formulier_pagina.html", {"form": form, "object": maatregel.deelnemer,
                                                           "titel": f"Opschorting opheffen: {maatregel.deelnemer}"})


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def geinformeerd(request, pk: int):
    """Level 2 and up: the participant confirms it informed its users."""
    maatregel = get_object_or_404(Opschorting, pk=pk, deelnemer_id=request.user.deelnemer_id)
    form = GeinformeerdForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: opschorting.gebruikers_geinformeerd(actor=request.user, opschorting=maatregel,
                                                                      datum=d["datum"])):
            messages.success(request, "Vastgelegd: uw gebruikers zijn geïnformeerd.")
            return redirect("mijn-overzicht")
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": "Gebruikers geïnformeerd over de opschorting",
        "inleiding": f"Uw deelname is opgeschort (niveau {maatregel.niveau}, {maatregel.verwachte_duur}). U bent "
                     "verplicht uw gebruikers hierover te informeren; leg hier vast wanneer u dat deed."})


def _pdf(brief):
    antwoord = HttpResponse(bytes(brief.pdf), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{brief.zaak.nummer}-{brief.soort}.pdf"'
    return antwoord


@vereist(Actie.NALEVING_LEZEN)
def brief(request, pk: int):
    return _pdf(get_object_or_404(Brief.objects.select_related("zaak"), pk=pk))


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_brief(request, pk: int):
    """Only the participant concerned: another participant's letter is as unknown as a missing one (404)."""
    return _pdf(get_object_or_404(Brief.objects.select_related("zaak"), pk=pk,
                                  zaak__deelnemer_id=request.user.deelnemer_id))
