from django.shortcuts import render

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import pagineren, vereist

from .models import Bron, Constatering


@vereist(Actie.NALEVING_LEZEN)
def constatering_lijst(request):
    qs = Constatering.objects.select_related("deelnemer__organisatie", "kwalificatie__gegevensdienst")
    bron = request.GET.get("bron", "")
    if bron in Bron.values:
        qs = qs.filter(bron=bron)
    pagina, params = pagineren(request, qs)
    return render(request, "naleving/constateringen.html", {"pagina": pagina, "params": params, "bron": bron,
                                                            "bronnen": Bron.choices})
