"""The filter bars of the overleg lists (kern.filters: plain GET parameters, so a filtered list is a link)."""


from django.db.models import Q
from django.utils import timezone

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import OrgaanSoort, VergaderStatus, VoorstelStatus


class OrgaanFilter(Filters):
    q = Zoekveld(label="Zoek op naam")
    soort = Keuze(label="Soort", choices=OrgaanSoort.choices, leeg="Alle soorten")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(naam__icontains=waarde.strip()) | Q(code__iexact=waarde.strip()))


WANNEER = [("komend", "Komend"), ("geweest", "Geweest")]


class VergaderingFilter(Filters):
    wanneer = Keuze(label="Wanneer", choices=WANNEER, leeg="Alle", method="op_moment")
    status = Keuze(label="Status", choices=VergaderStatus.choices, leeg="Alle")

    def op_moment(self, queryset, naam, waarde):
        nu = timezone.now()
        if waarde == "komend":
            return queryset.filter(einde__gte=nu).order_by("begin")
        return queryset.filter(einde__lt=nu).order_by("-begin")


class VoorstelFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of onderwerp")
    status = Keuze(label="Status", choices=VoorstelStatus.choices)
    soort = Keuze(label="Soort besluit", choices=BesluitSoort.choices)

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(onderwerp__icontains=waarde) | Q(nummer__icontains=waarde))



