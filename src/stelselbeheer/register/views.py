from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import pagineren, vereist, verwerk, wijzig_pagina

from . import services
from .forms import AanbiederForm, AanbiederZoekForm, DienstForm, ImportForm
from .importeren import KOLOMMEN, ImportMislukt, aanbieders_importeren
from .models import Aanbieder, Gegevensdienst
from .zoeken import met_diensten, zoeken


def _zoeken(request, beheer: bool = False):
    form = AanbiederZoekForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    dienst = filters.get("gegevensdienst")
    dva = request.GET.get("dva", "")
    resultaat = zoeken(filters.get("q", ""), gegevensdienst=dienst.code if dienst else "",
                       plaats=filters.get("plaats", ""), dva=int(dva) if beheer and dva.isdigit() else None)
    pagina, params = pagineren(request, resultaat)
    return form, pagina, params


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def publiek_register(request):
    form, pagina, params = _zoeken(request)
    return render(request, "register/publiek_lijst.html", {"form": form, "pagina": pagina, "params": params})


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def publiek_aanbieder(request, naam: str):
    aanbieder = get_object_or_404(met_diensten(Aanbieder.objects.all()), naam=naam)
    return render(request, "register/publiek_detail.html", {"aanbieder": aanbieder})


@vereist(Actie.AANBIEDER_LEZEN)
def aanbieder_lijst(request):
    form, pagina, params = _zoeken(request, beheer=True)
    return render(request, "register/beheer_lijst.html", {"form": form, "pagina": pagina, "params": params})


@vereist(Actie.AANBIEDER_LEZEN)
def aanbieder_detail(request, pk: int):
    aanbieder = get_object_or_404(Aanbieder.objects.select_related("organisatie", "dva__organisatie"), pk=pk)
    diensten = aanbieder.diensten.select_related("gegevensdienst").prefetch_related("systeemrollen")
    return render(request, "register/beheer_detail.html", {"aanbieder": aanbieder, "diensten": diensten})


@vereist(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_wijzigen(request, pk: int):
    return wijzig_pagina(request, get_object_or_404(Aanbieder, pk=pk), AanbiederForm,
                         lambda obj, data, reden: services.aanbieder_wijzigen(
                             actor=request.user, aanbieder=obj, wijzigingen=data, reden=reden))


@vereist(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_dienst_instellen(request, pk: int):
    aanbieder = get_object_or_404(Aanbieder, pk=pk)
    begin = {}
    code = request.GET.get("gegevensdienst")
    bestaand = aanbieder.diensten.filter(gegevensdienst__code=code).prefetch_related("systeemrollen").first()
    if bestaand:
        begin = {"gegevensdienst": bestaand.gegevensdienst, "authorization_endpoint": bestaand.authorization_endpoint,
                 "token_endpoint": bestaand.token_endpoint,
                 "systeemrollen": "\n".join(f"{s.code}={s.resource_endpoint}" for s in bestaand.systeemrollen.all())}
    form = DienstForm(request.POST or None, initial=begin)
    if request.method == "POST":
        def uitvoeren(data):
            try:
                return services.aanbieder_dienst_instellen(actor=request.user, aanbieder=aanbieder, **data)
            except ValidationError as e:  # "systeemrollen.0.resource_endpoint" belongs to the textarea
                if hasattr(e, "error_dict"):
                    raise ValidationError({k.split(".")[0]: v for k, v in e.error_dict.items()}) from e
                raise

        if verwerk(form, uitvoeren):
            messages.success(request, "De gegevensdienst is ingesteld.")
            return redirect("aanbieder-detail", pk=pk)
    return render(request, "kern/formulier_pagina.html", {"form": form, "object": aanbieder,
                                                           "titel": f"Gegevensdienst instellen voor {aanbieder}"})


@vereist(Actie.AANBIEDER_IMPORTEREN)
def aanbieders_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    fouten = None
    if request.method == "POST" and form.is_valid():
        try:
            uitkomst = aanbieders_importeren(actor=request.user, tekst=form.cleaned_data["bestand"],
                                             bestandsnaam=request.FILES["bestand"].name,
                                             reden=form.cleaned_data["reden"])
        except ImportMislukt as e:
            fouten = e.fouten
        else:
            messages.success(request, f"{uitkomst.aanbieders} aanbieders met {uitkomst.diensten} gegevensdiensten "
                                      "geïmporteerd.")
            return redirect("aanbieder-lijst")
    return render(request, "register/import.html", {"form": form, "fouten": fouten, "kolommen": KOLOMMEN},
                  status=422 if fouten else 200)


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def gegevensdienst_lijst(request):
    return render(request, "register/gegevensdiensten.html",
                  {"gegevensdiensten": Gegevensdienst.objects.order_by("code")})


