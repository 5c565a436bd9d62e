from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.overzicht import advies_van
from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import services
from .filters import BesluitFilter
from .forms import BesluitForm
from .models import Besluit


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def besluit_lijst(request):
    qs = Besluit.objects.zichtbaar_voor(request.user).select_related("deelnemer__organisatie")
    return render(request, "besluiten/lijst.html", lijst(request, qs, BesluitFilter))


def _zichtbaar(request, nummer: str) -> Besluit:
    return get_object_or_404(Besluit.objects.zichtbaar_voor(request.user).select_related("deelnemer__organisatie"),
                             nummer=nummer)


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def besluit_detail(request, nummer: str):
    besluit = _zichtbaar(request, nummer)
    return render(request, "besluiten/detail.html", {"besluit": besluit, "bijlagen": besluit.bijlagen.all(),
                                                     "partijen": besluit.partijen.all()})


@vereist(Actie.REGISTER_PUBLIEK_LEZEN)
def besluit_bijlage(request, nummer: str, pk: int):
    """An attachment, only to whom may see the decision (never through a public media URL)."""
    bijlage = _zichtbaar(request, nummer).bijlagen.filter(pk=pk).first()
    if bijlage is None:
        raise Http404("Deze bijlage bestaat niet")
    return FileResponse(bijlage.bestand.open("rb"), as_attachment=True, filename=bijlage.naam)


@vereist(Actie.BESLUIT_VASTLEGGEN)
def besluit_nieuw(request):
    form = BesluitForm(request.POST or None, request.FILES or None, initial=request.GET.dict())
    if request.method == "POST":
        besluit = verwerk(form, lambda d: services.besluit_vastleggen(actor=request.user, **d))
        if besluit:
            messages.success(request, f"Besluit {besluit.nummer} is vastgelegd.")
            return redirect(besluit)
    deelnemer = Deelnemer.objects.filter(pk=request.GET.get("deelnemer") or None).first() \
        if str(request.GET.get("deelnemer", "")).isdigit() else None
    return render(request, "besluiten/formulier.html", {"form": form, "deelnemer": deelnemer,
                                                        "advies": advies_van(deelnemer) if deelnemer else None})
