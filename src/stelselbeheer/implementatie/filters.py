"""The filter bars of the implementation monitor's lists (kern.filters: plain GET parameters)."""

from django.db.models import Q
from django.utils import timezone

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld
from stelselbeheer.organisaties.models import Sector

from .models import Fase, Niveau, Productsoort, RisicoStatus


class ProductFilter(Filters):
    q = Zoekveld(label="Zoek op naam, code of eigenaar")
    fase = Keuze(label="Fase", choices=Fase.choices, leeg="Alle fasen")
    soort = Keuze(label="Soort", choices=Productsoort.choices, leeg="Alle soorten")
    sector = Keuze(label="Sector", choices=Sector.choices, leeg="Alle sectoren", method="in_sector")

    def zoek(self, queryset, naam, waarde):
        w = waarde.strip()
        return queryset.filter(Q(naam__icontains=w) | Q(code__iexact=w) | Q(eigenaar__icontains=w))

    def in_sector(self, queryset, naam, waarde):
        # JSON list membership, portable across SQLite and PostgreSQL: filtered in Python over the (small) portfolio
        return queryset.filter(pk__in=[p.pk for p in queryset.only("pk", "sectoren") if waarde in p.sectoren])


class RisicoFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of risico")
    status = Keuze(label="Status", choices=RisicoStatus.choices, leeg="Alle")
    prioriteit = Keuze(label="Prioriteit", choices=Niveau.choices, leeg="Alle")
    eigenaar = Keuze(label="Eigenaar", choices=[("ik", "Ik")], leeg="Iedereen", method="van_eigenaar")
    herziening = Keuze(label="Herziening", choices=[("verlopen", "Verlopen")], leeg="Alle", method="op_herziening")

    def zoek(self, queryset, naam, waarde):
        w = waarde.strip()
        return queryset.filter(Q(titel__icontains=w) | Q(nummer__iexact=w))

    def van_eigenaar(self, queryset, naam, waarde):
        return queryset.filter(eigenaar=self.request.user) if self.request else queryset.none()

    def op_herziening(self, queryset, naam, waarde):
        return queryset.filter(herzien_op__lt=timezone.localdate()).exclude(status=RisicoStatus.GESLOTEN)


class VolgorderunFilter(Filters):
    q = Zoekveld(label="Zoek op aanleiding")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(aanleiding__icontains=waarde.strip())
