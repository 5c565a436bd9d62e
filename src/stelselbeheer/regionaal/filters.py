"""The filter bars of the regional lists (kern.filters: plain GET parameters, so a filtered list is a link)."""

from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import OvereenkomstStatus


class RsoFilter(Filters):
    q = Zoekveld(label="Zoek op naam of regio")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(naam__icontains=waarde) | Q(regio__naam__icontains=waarde))


class OvereenkomstFilter(Filters):
    q = Zoekveld(label="Zoek op nummer, RSO of VSV")
    status = Keuze(label="Status", choices=OvereenkomstStatus.choices)

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(nummer__icontains=waarde) | Q(rso__naam__icontains=waarde)
                               | Q(vsv__naam__icontains=waarde))
