import django_filters
from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld
from stelselbeheer.organisaties.models import Regio, Sector

from .models import Bouwblok, KnelpuntStatus, Uitkomstsoort


class KnelpuntFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of titel")
    status = Keuze(label="Status", choices=KnelpuntStatus.choices)
    bouwblok = django_filters.ModelChoiceFilter(label="Bouwblok", queryset=Bouwblok.objects.all(),
                                                empty_label="Alle bouwblokken")
    sector = Keuze(label="Sector", choices=Sector.choices, leeg="Alle sectoren")
    regio = django_filters.ModelChoiceFilter(label="Regio", queryset=Regio.objects.all(), empty_label="Alle regio's")
    binnen_invloed = Keuze(label="Invloedssfeer", choices=[("true", "Binnen"), ("false", "Buiten")],
                           method="filter_invloed")
    uitkomstsoort = Keuze(label="Beoogde uitkomst", choices=Uitkomstsoort.choices)

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(nummer__iexact=waarde.strip()) | Q(titel__icontains=waarde.strip()))

    def filter_invloed(self, queryset, naam, waarde):
        return queryset.filter(binnen_invloed=waarde == "true")
