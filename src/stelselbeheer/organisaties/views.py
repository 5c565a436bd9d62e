from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import pagineren, vereist, verwerk, wijzig_pagina

from . import services
from .forms import OrganisatieForm, OrganisatieZoekForm
from .models import Organisatie, RelatieSoort, Soort
from .zoeken import zoek_organisaties


@vereist(Actie.ORGANISATIE_LEZEN)
def organisatie_lijst(request):
    form = OrganisatieZoekForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    regio = filters.get("regio")
    qs = zoek_organisaties(filters.get("q", ""), soort=filters.get("soort", ""), sector=filters.get("sector", ""),
                           regio=regio.pk if regio else None)
    pagina, params = pagineren(request, qs)
    return render(request, "organisaties/lijst.html", {"form": form, "pagina": pagina, "params": params})


@vereist(Actie.ORGANISATIE_LEZEN)
def organisatie_detail(request, pk: int):
    organisatie = get_object_or_404(Organisatie.objects.select_related("regio"), pk=pk)
    return render(request, "organisaties/detail.html", {
        "organisatie": organisatie,
        "relaties_uit": organisatie.relaties_uit.select_related("naar"),
        "relaties_in": organisatie.relaties_in.select_related("van"),
        "deelnemer": getattr(organisatie, "deelnemer", None),
        "aantal_aanbieders": organisatie.aanbieders.count(),
    })


@vereist(Actie.ORGANISATIE_WIJZIGEN)
def organisatie_nieuw(request):
    form = OrganisatieForm(request.POST or None)
    if request.method == "POST":
        def uitvoeren(data):
            reden = data.pop("reden", "")
            return services.organisatie_aanmaken(actor=request.user, reden=reden, **data)

        organisatie = verwerk(form, uitvoeren)
        if organisatie:
            messages.success(request, f"Organisatie {organisatie} is vastgelegd.")
            return redirect("organisatie-detail", pk=organisatie.pk)
    return render(request, "kern/formulier_pagina.html", {"form": form, "titel": "Nieuwe organisatie",
                                                           "terug": "organisatie-lijst"})


@vereist(Actie.ORGANISATIE_WIJZIGEN)
def organisatie_wijzigen(request, pk: int):
    return wijzig_pagina(request, get_object_or_404(Organisatie, pk=pk), OrganisatieForm,
                         lambda obj, data, reden: services.organisatie_wijzigen(
                             actor=request.user, organisatie=obj, wijzigingen=data, reden=reden))


@vereist(Actie.REGIO_LEZEN)
def regio_overzicht(request):
    rso = request.user.rso
    vsvs = Organisatie.objects.filter(relaties_in__van=rso, relaties_in__soort=RelatieSoort.BEDIENT)
    qs = zoek_organisaties(request.GET.get("q", ""), regio=rso.regio_id).exclude(pk=rso.pk)
    pagina, params = pagineren(request, qs)
    return render(request, "organisaties/regio.html", {"rso": rso, "vsvs": vsvs, "pagina": pagina,
                                                       "params": params, "q": request.GET.get("q", ""),
                                                       "Soort": Soort})
