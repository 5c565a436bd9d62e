"""The filter bars of the afsprakenset lists (kern.filters: plain GET parameters, so a filtered list is a link)."""

from django.db.models import Q

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import Release, ReleaseStatus, UitrolStatus


class ReleaseFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of titel")
    status = Keuze(label="Status", choices=ReleaseStatus.choices, leeg="Alle statussen")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(nummer__icontains=waarde.strip()) | Q(titel__icontains=waarde.strip()))


def _releases():
    return [(n, f"{n} {t}") for n, t in Release.objects.filter(status__in=[ReleaseStatus.GOEDGEKEURD,
                                                                            ReleaseStatus.IN_WERKING,
                                                                            ReleaseStatus.INGETROKKEN])
            .values_list("nummer", "titel")]


TERMIJN = [("te_laat", "Termijn verstreken, niet live"), ("lopend", "Termijn loopt")]


class UitrolFilter(Filters):
    q = Zoekveld(label="Zoek op deelnemer")
    release = Keuze(label="Release", choices=lambda: _releases(), leeg="Alle releases", method="op_release")
    rol = Keuze(label="Rol", choices=RolSoort.choices, leeg="Alle rollen")
    status = Keuze(label="Status", choices=UitrolStatus.choices, leeg="Alle statussen")
    termijn = Keuze(label="Termijn", choices=TERMIJN, leeg="Alle", method="op_termijn")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(deelnemer__organisatie__naam__icontains=waarde.strip())

    def op_release(self, queryset, naam, waarde):
        return queryset.filter(release__nummer=waarde)

    def op_termijn(self, queryset, naam, waarde):
        if waarde == "te_laat":
            return queryset.filter(uiterlijk__lt=vandaag()).exclude(status=UitrolStatus.LIVE)
        return queryset.filter(uiterlijk__gte=vandaag())
