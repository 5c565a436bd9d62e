from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import lijst, vereist

from .filters import BesluitFilter
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
