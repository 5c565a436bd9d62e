"""The filter bars of the organisation lists."""

import django_filters

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import Regio, Sector, Soort
from .zoeken import zoek_in


class OrganisatieFilter(Filters):
    q = Zoekveld(label="Zoek op naam, plaats of KvK/URA/AGB/OIN")
    soort = Keuze(label="Soort", choices=Soort.choices, leeg="Alle soorten")
    sector = Keuze(label="Sector", choices=Sector.choices, leeg="Alle sectoren")
    regio = django_filters.ModelChoiceFilter(label="Regio", queryset=Regio.objects.all(), empty_label="Alle regio's")

    def zoek(self, queryset, naam, waarde):
        return zoek_in(queryset, waarde)


class RegioOrganisatieFilter(Filters):
    """Mijn regio: the organisations in the region of the user's RSO."""

    q = Zoekveld(label="Zoek op naam, plaats of KvK-nummer")
    soort = Keuze(label="Soort", choices=Soort.choices, leeg="Alle soorten")

    def zoek(self, queryset, naam, waarde):
        return zoek_in(queryset, waarde)
