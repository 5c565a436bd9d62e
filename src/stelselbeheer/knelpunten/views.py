"""Pages of the bottleneck list: the list with filters, a knelpunt with its agenda items, recording one (also from
a melding), putting it on an agenda, making a change request of it and closing it."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.overleg.models import Agendapunt

from .filters import KnelpuntFilter
from .forms import AgenderenForm, KnelpuntForm, NaarRfcForm, StatusForm
from .models import Knelpunt
from .services import (
    knelpunt_agenderen,
    knelpunt_naar_rfc,
    knelpunt_status_zetten,
    knelpunt_uit_melding,
    knelpunt_vastleggen,
)


@vereist(Actie.KNELPUNT_LEZEN)
def knelpunt_lijst(request):
    qs = Knelpunt.objects.select_related("bouwblok", "regio", "eigenaar").order_by("-nummer")
    return render(request, "knelpunten/lijst.html", lijst(request, qs, KnelpuntFilter)
                  | {"mag_beheren": kan(request.user, Actie.KNELPUNT_BEHEREN)})


def _knelpunt(nummer: str) -> Knelpunt:
    return get_object_or_404(Knelpunt.objects.select_related("bouwblok", "regio", "eigenaar", "melding", "product"),
                             nummer=nummer)


@vereist(Actie.KNELPUNT_LEZEN)
def knelpunt_detail(request, nummer: str):
    k = _knelpunt(nummer)
    punten = (Agendapunt.objects.filter(onderwerp_type=ContentType.objects.get_for_model(Knelpunt),
                                        onderwerp_id=k.pk)
              .select_related("vergadering__orgaan").order_by("vergadering__begin"))
    return render(request, "knelpunten/detail.html", {
        "k": k, "partners": list(k.partners.all()), "agendapunten": punten,
        "mag_beheren": kan(request.user, Actie.KNELPUNT_BEHEREN),
        "mag_rfc": kan(request.user, Actie.KNELPUNT_BEHEREN) and kan(request.user, Actie.RFC_INDIENEN),
        "mag_melding_zien": kan(request.user, Actie.MELDINGEN_BEHANDELEN)})


@vereist(Actie.KNELPUNT_BEHEREN)
def knelpunt_nieuw(request):
    melding = None
    if nummer := request.GET.get("melding", "").strip():
        melding = Melding.objects.filter(nummer__iexact=nummer).select_related("knelpunt").first()
        if melding is not None and getattr(melding, "knelpunt", None) is not None:  # KNP-MELDING: once
            messages.info(request, f"Van melding {melding.nummer} is al een knelpunt gemaakt: "
                                   f"{melding.knelpunt.nummer}.")
            return redirect(melding.knelpunt)
    initial = {"titel": melding.onderwerp, "omschrijving": melding.omschrijving,
               "regio": melding.regio_id} if melding else {}
    form = KnelpuntForm(request.POST or None, initial=initial)
    if request.method == "POST":
        def maken(d):
            velden = {"bouwblok": d["bouwblok"], "binnen_invloed": d["binnen_invloed"] == "ja",
                      "eigenaar": d["eigenaar"], "uitkomstsoort": d["uitkomstsoort"], "sector": d["sector"],
                      "partners": d["partners"], "product": d["product"], "titel": d["titel"],
                      "omschrijving": d["omschrijving"]}
            if melding is not None:
                return knelpunt_uit_melding(actor=request.user, melding=melding, **velden)
            return knelpunt_vastleggen(actor=request.user, regio=d["regio"], **velden)

        k = verwerk(form, maken)
        if k is not None:
            messages.success(request, f"Knelpunt {k.nummer} is vastgelegd.")
            return redirect(k)
    return render(request, "knelpunten/nieuw.html", {"form": form, "melding": melding,
                                                     "melding_gevraagd": request.GET.get("melding", "").strip()},
                  status=422 if form.errors else 200)


@vereist(Actie.KNELPUNT_BEHEREN)
def knelpunt_agenderen_pagina(request, nummer: str):
    k = _knelpunt(nummer)
    form = AgenderenForm(request.POST or None, knelpunt=k)
    if request.method == "POST":
        punt = verwerk(form, lambda d: knelpunt_agenderen(actor=request.user, knelpunt=k, vergadering=d["vergadering"],
                                                           toelichting=d["toelichting"]))
        if punt is not None:
            messages.success(request, f"Het knelpunt staat op de agenda van {punt.vergadering.orgaan}.")
            return redirect(k)
    return render(request, "knelpunten/formulier.html", {"k": k, "form": form, "titel": "Agenderen",
                                                         "knop": "Op de agenda zetten"},
                  status=422 if form.errors else 200)


@vereist(Actie.KNELPUNT_BEHEREN)
def knelpunt_status_pagina(request, nummer: str):
    k = _knelpunt(nummer)
    form = StatusForm(request.POST or None)
    if request.method == "POST":
        gedaan = verwerk(form, lambda d: knelpunt_status_zetten(actor=request.user, knelpunt=k, status=d["status"],
                                                                oplossing=d["oplossing"]))
        if gedaan is not None:
            messages.success(request, f"De status is nu: {gedaan.get_status_display().lower()}.")
            return redirect(k)
    return render(request, "knelpunten/formulier.html", {"k": k, "form": form, "titel": "Status wijzigen",
                                                         "knop": "Status opslaan"},
                  status=422 if form.errors else 200)


@vereist(Actie.KNELPUNT_BEHEREN)
def knelpunt_naar_rfc_pagina(request, nummer: str):
    """KNP-RFC: make a change request on the agreements from this knelpunt."""
    k = _knelpunt(nummer)
    form = NaarRfcForm(request.POST or None)
    if request.method == "POST":
        rfc = verwerk(form, lambda d: knelpunt_naar_rfc(actor=request.user, knelpunt=k, agenda=d["agenda"],
                                                        voorstel=d["voorstel"],
                                                        gegevensdiensten=list(d["gegevensdiensten"]) or None))
        if rfc is not None:
            messages.success(request, f"Wijzigingsverzoek {rfc.nummer} is ingediend op de agenda {rfc.agenda.naam}.")
            return redirect(k)
    return render(request, "knelpunten/formulier.html", {"k": k, "form": form,
                                                         "titel": "Wijzigingsverzoek op de afspraken maken",
                                                         "knop": "Wijzigingsverzoek indienen"},
                  status=422 if form.errors else 200)
