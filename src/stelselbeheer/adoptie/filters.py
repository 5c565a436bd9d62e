"""The filter bar of a product's provider list."""

from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld
from stelselbeheer.organisaties.models import Regio, Sector
from stelselbeheer.register.zoeken import vouw


def _regio_keuzes():
    return list(Regio.objects.values_list("id", "naam"))


class AanbiederFilter(Filters):
    q = Zoekveld(label="Zoek op naam of plaats")
    sector = Keuze(label="Sector", choices=Sector.choices, leeg="Alle sectoren", field_name="organisatie__sector")
    regio = Keuze(label="Regio", choices=_regio_keuzes, leeg="Alle regio's", field_name="organisatie__regio_id")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(zoektekst__contains=vouw(waarde.strip())) | Q(naam__iexact=waarde.strip()))
