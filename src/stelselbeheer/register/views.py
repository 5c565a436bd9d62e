from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.antwoordcache import bewaard
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk, wijzig_pagina

from . import services, verzoeken
from .filters import AanbiederFilter, BeheerAanbiederFilter, EigenVerzoekFilter, GegevensdienstFilter, VerzoekFilter
from .forms import (
    AanbiederForm,
    BeoordelingForm,
    DienstForm,
    ImportForm,
    VerzoekAanbiederForm,
    VerzoekClientForm,
    VerzoekDienstForm,
)
from .importeren import KOLOMMEN, ImportMislukt, aanbieders_importeren
from .models import Aanbieder, Gegevensdienst, VerzoekSoort, VerzoekStatus, Wijzigingsverzoek
from .zoeken import ZOEKPAGINA, met_diensten, openbare_aanbieders


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
@bewaard(ZOEKPAGINA)
def publiek_register(request):
    return render(request, "register/publiek_lijst.html", lijst(request, Aanbieder.objects.none(), AanbiederFilter))


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def publiek_aanbieder(request, naam: str):
    aanbieder = get_object_or_404(met_diensten(openbare_aanbieders()), naam=naam)
    return render(request, "register/publiek_detail.html", {"aanbieder": aanbieder})


@vereist(Actie.AANBIEDER_LEZEN)
def aanbieder_lijst(request):
    return render(request, "register/beheer_lijst.html", lijst(request, Aanbieder.objects.none(),
                                                               BeheerAanbiederFilter))


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
                 "systeemrollen": "\n".join(f"{s.code}={s.resource_endpoint}" for s in bestaand.systeemrollen.all()),
                 "interfaceversies": ", ".join(bestaand.interfaceversies),
                 "abonneren_maximale_duur": bestaand.abonneren_maximale_duur,
                 "abonneren_endpoint": bestaand.abonneren_endpoint}
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
                  lijst(request, Gegevensdienst.objects.order_by("code"), GegevensdienstFilter, per_pagina=50))


# --- wijzigingsverzoeken uit het deelnemersportaal ------------------------------------------------------

VERZOEKFORMULIEREN = {VerzoekSoort.AANBIEDER_NIEUW: VerzoekAanbiederForm,
                      VerzoekSoort.DIENST_INSTELLEN: VerzoekDienstForm,
                      VerzoekSoort.OAUTHCLIENT_NIEUW: VerzoekClientForm}


@vereist(Actie.VERZOEK_INDIENEN)
def verzoek_nieuw(request, soort: str):
    if soort not in VERZOEKFORMULIEREN:
        raise Http404("Onbekende soort verzoek")
    deelnemer = get_object_or_404(Deelnemer, pk=request.user.deelnemer_id)
    klasse = VERZOEKFORMULIEREN[soort]
    extra = {"deelnemer": deelnemer} if klasse is VerzoekDienstForm else {}
    form = klasse(request.POST or None, **extra)
    if request.method == "POST":
        def uitvoeren(d):
            toelichting = d.pop("toelichting", "")
            return verzoeken.verzoek_indienen(actor=request.user, deelnemer=deelnemer, soort=soort, gegevens=d,
                                              toelichting=toelichting)

        verzoek = verwerk(form, uitvoeren)
        if verzoek:
            messages.success(request, f"Verzoek #{verzoek.pk} is ingediend; het telt pas na goedkeuring.")
            return redirect("mijn-overzicht")
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": f"Wijzigingsverzoek: {VerzoekSoort(soort).label}", "knop": "Verzoek indienen",
        "inleiding": "Uw verzoek wordt nu al gecontroleerd zoals bij het doorvoeren; het telt pas als de "
                     "uitvoeringsorganisatie het goedkeurt."})


@vereist(Actie.AANBIEDER_LEZEN)
def verzoek_lijst(request):
    """The change requests, oldest first; by default those still to assess."""
    qs = Wijzigingsverzoek.objects.select_related("deelnemer__organisatie").order_by("ingediend_op", "id")
    return render(request, "register/verzoeken.html", lijst(request, qs, VerzoekFilter,
                                                            standaard={"status": VerzoekStatus.INGEDIEND}))


@vereist(Actie.VERZOEK_INDIENEN)
def mijn_verzoeken(request):
    """The participant's own change requests, newest first (Mijn deelname shows the last few)."""
    qs = Wijzigingsverzoek.objects.filter(deelnemer_id=request.user.deelnemer_id).order_by("-ingediend_op", "-id")
    return render(request, "register/mijn_verzoeken.html", lijst(request, qs, EigenVerzoekFilter))


@vereist(Actie.AANBIEDER_LEZEN)
def verzoek_detail(request, pk: int):
    verzoek = get_object_or_404(Wijzigingsverzoek.objects.select_related("deelnemer__organisatie"), pk=pk)
    form = BeoordelingForm(request.POST or None)
    if request.method == "POST":
        if not kan(request.user, Actie.VERZOEK_BEOORDELEN):
            raise PermissionDenied("Uw rol mag verzoeken niet beoordelen.")

        def uitvoeren(d):
            if d["besluit"] == "goedkeuren":
                return verzoeken.verzoek_goedkeuren(actor=request.user, verzoek=verzoek, reden=d["reden"])
            return verzoeken.verzoek_afwijzen(actor=request.user, verzoek=verzoek, reden=d["reden"])

        uitkomst = verwerk(form, uitvoeren)
        if uitkomst:
            messages.success(request, f"Verzoek #{uitkomst.pk} is {uitkomst.get_status_display().lower()}.")
            return redirect("verzoek-lijst")
    return render(request, "register/verzoek.html", {"verzoek": verzoek, "form": form,
                                                     "gegevens": verzoek_gegevens(verzoek)})


def verzoek_gegevens(verzoek) -> list[tuple[str, object]]:
    """A request's data as (label, value): the labels of the form the participant filled in, never field names."""
    labels = {naam: str(veld.label) for klasse in VERZOEKFORMULIEREN.values()
              for naam, veld in klasse.base_fields.items()}
    return [(labels.get(k, k.replace("_", " ").capitalize()), v) for k, v in (verzoek.gegevens or {}).items()]
