"""The filter bar of the decisions register."""

from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import Besluit, BesluitSoort


def _jaren():
    return [(j, str(j)) for j in sorted({d.year for d in Besluit.objects.dates("datum", "year")}, reverse=True)]


class BesluitFilter(Filters):
    q = Zoekveld(label="Zoek op nummer, onderwerp of deelnemer")
    soort = Keuze(label="Soort", choices=BesluitSoort.choices, leeg="Alle soorten")
    jaar = Keuze(label="Jaar", choices=_jaren, leeg="Alle jaren", field_name="datum__year")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(nummer__iexact=waarde) | Q(onderwerp__icontains=waarde)
                               | Q(deelnemer__organisatie__naam__icontains=waarde))
