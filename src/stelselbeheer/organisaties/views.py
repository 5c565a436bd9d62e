from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import lijst, vereist, verwerk, wijzig_pagina

from . import services
from .filters import OrganisatieFilter, RegioOrganisatieFilter
from .forms import OrganisatieForm
from .models import Organisatie, RelatieSoort
from .zoeken import organisatie_keuzetekst, zoek_organisaties


@vereist(Actie.ORGANISATIE_LEZEN)
def organisatie_lijst(request):
    return render(request, "organisaties/lijst.html", lijst(request, zoek_organisaties(), OrganisatieFilter))


@vereist(Actie.ORGANISATIE_LEZEN)
def organisatie_suggesties(request):
    """Suggestions for a search field that picks organisations (the parties of a decision): at most ten
    organisations matching ``?q=`` (name fragment or identifier), as JSON for the field's datalist."""
    q = request.GET.get("q", "").strip()[:100]
    rijen = zoek_organisaties(q)[:10] if len(q) >= 2 else []
    return JsonResponse({"resultaten": [{"kvk": o.kvk_nummer, "naam": o.naam, "plaats": o.plaats,
                                         "tekst": organisatie_keuzetekst(o)} for o in rijen]})


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
    qs = zoek_organisaties(regio=rso.regio_id).exclude(pk=rso.pk)
    return render(request, "organisaties/regio.html", {"rso": rso, "vsvs": vsvs} | lijst(
        request, qs, RegioOrganisatieFilter))
