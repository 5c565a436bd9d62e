from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import pagineren, vereist, verwerk, wijzig_pagina

from . import services
from .forms import DeelnemerForm, DeelnemerZoekForm, KwalificatieForm
from .models import Deelnemer
from .overzicht import kwalificatie_overzicht
from .zoeken import zoek_deelnemers


@vereist(Actie.DEELNEMER_LEZEN)
def deelnemer_lijst(request):
    form = DeelnemerZoekForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = zoek_deelnemers(filters.get("q", ""), status=filters.get("status", ""), rol=filters.get("rol", ""))
    qs = qs.prefetch_related("rollen").annotate(aantal_aanbieders=Count("aanbieders", distinct=True))
    pagina, params = pagineren(request, qs)
    return render(request, "deelnemers/lijst.html", {"form": form, "pagina": pagina, "params": params})


def _detail_context(deelnemer: Deelnemer) -> dict:
    return {
        "deelnemer": deelnemer,
        "rollen": deelnemer.rollen.all(),
        "kwalificaties": kwalificatie_overzicht(deelnemer, timezone.now()),
        "aantal_aanbieders": deelnemer.aanbieders.count(),
        "oauthclients": deelnemer.oauthclients.all(),
    }


@vereist(Actie.DEELNEMER_LEZEN)
def deelnemer_detail(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    return render(request, "deelnemers/detail.html", _detail_context(deelnemer))


@vereist(Actie.DEELNEMER_WIJZIGEN)
def deelnemer_wijzigen(request, pk: int):
    return wijzig_pagina(request, get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk),
                         DeelnemerForm, lambda obj, data, reden: services.deelnemer_wijzigen(
                             actor=request.user, deelnemer=obj, wijzigingen=data, reden=reden))


@vereist(Actie.DEELNEMER_WIJZIGEN)
def kwalificatie_nieuw(request, pk: int):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=pk)
    form = KwalificatieForm(request.POST or None)
    if request.method == "POST":
        kwalificatie = verwerk(form, lambda data: services.kwalificatie_vastleggen(
            actor=request.user, deelnemer=deelnemer, **data))
        if kwalificatie:
            messages.success(request, "Testresultaat vastgelegd, geldig tot en met "
                                      f"{kwalificatie.geldig_tot:%d-%m-%Y}.")
            return redirect("deelnemer-detail", pk=pk)
    return render(request, "kern/formulier_pagina.html", {"form": form, "object": deelnemer,
                                                           "titel": f"Testresultaat vastleggen voor {deelnemer}"})


@vereist(Actie.EIGEN_DEELNEMER_LEZEN)
def mijn_overzicht(request):
    deelnemer = get_object_or_404(Deelnemer.objects.select_related("organisatie"), pk=request.user.deelnemer_id)
    context = _detail_context(deelnemer)
    context["aanbieders"] = deelnemer.aanbieders.order_by("weergavenaam")[:50]
    return render(request, "deelnemers/mijn.html", context)
