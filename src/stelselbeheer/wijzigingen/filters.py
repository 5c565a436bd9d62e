"""The filter bars of the RFC lists (kern.filters: plain GET parameters, so a filtered list is a link)."""

from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import Bron, Ontwikkelagenda, Status


def _agendas():
    return [(a.code, a.naam) for a in Ontwikkelagenda.objects.order_by("naam")]


class RfcFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of titel")
    agenda = Keuze(label="Ontwikkelagenda", choices=_agendas, field_name="agenda__code", leeg="Alle agenda's")
    status = Keuze(label="Status", choices=Status.choices)
    bron = Keuze(label="Ingediend via", choices=Bron.choices)

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(titel__icontains=waarde) | Q(nummer__icontains=waarde))
