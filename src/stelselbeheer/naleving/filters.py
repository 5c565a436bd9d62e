"""The filter bars of compliance: the work queue of cases and the findings."""

import datetime as dt

from django.db.models import Q

from stelselbeheer.deelnemers.filters import zoek_deelnemer
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld

from .models import Bron, ZaakStap

#: the deadline filter of the work queue (NAL-WERKVOORRAAD): overdue, due this week (today up to seven days on)
TERMIJNEN = [("verstreken", "Termijn verstreken"), ("deze_week", "Termijn binnen 7 dagen"),
             ("later", "Termijn later"), ("geen", "Geen termijn")]


class ZaakFilter(Filters):
    """Open cases by default; each step, the closed ones, those with a follow-up check."""

    q = Zoekveld(label="Zoek op zaaknummer, deelnemer of verplichting")
    stap = Keuze(label="Stap", leeg="Alle zaken", method="filter_stap",
                 choices=[("open", "Open zaken"), *ZaakStap.choices])
    termijn = Keuze(label="Termijn", choices=TERMIJNEN, leeg="Alle termijnen", method="filter_termijn")
    vervolgcontrole = Keuze(label="Vervolgcontrole", leeg="Met of zonder", method="filter_vervolg",
                            choices=[("gepland", "Vervolgcontrole gepland"),
                                     ("aan_de_orde", "Vervolgcontrole aan de orde")])

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(nummer__iexact=waarde) | Q(verplichting__icontains=waarde)
                               | Q(deelnemer__in=zoek_deelnemer(Deelnemer.objects.all(), waarde)))

    def filter_stap(self, queryset, naam, waarde):
        if waarde == "open":
            return queryset.exclude(stap=ZaakStap.GESLOTEN)
        return queryset.filter(stap=waarde)

    def filter_termijn(self, queryset, naam, waarde):
        dag = vandaag()
        if waarde == "verstreken":
            return queryset.filter(termijn_tot__lt=dag)
        if waarde == "deze_week":
            return queryset.filter(termijn_tot__gte=dag, termijn_tot__lte=dag + dt.timedelta(days=7))
        if waarde == "later":
            return queryset.filter(termijn_tot__gt=dag + dt.timedelta(days=7))
        return queryset.filter(termijn_tot__isnull=True)

    def filter_vervolg(self, queryset, naam, waarde):
        queryset = queryset.filter(vervolgcontrole_op__isnull=False)
        return queryset.filter(vervolgcontrole_op__lte=vandaag()) if waarde == "aan_de_orde" else queryset


class ConstateringFilter(Filters):
    q = Zoekveld(label="Zoek op deelnemer of verplichting")
    bron = Keuze(label="Bron", choices=Bron.choices, leeg="Alle bronnen")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(verplichting__icontains=waarde)
                               | Q(deelnemer__in=zoek_deelnemer(Deelnemer.objects.all(), waarde)))


class EigenZaakFilter(Filters):
    stap = Keuze(label="Stap", leeg="Alle zaken", method="filter_stap",
                 choices=[("open", "Lopende zaken"), (ZaakStap.GESLOTEN, ZaakStap.GESLOTEN.label)])

    def filter_stap(self, queryset, naam, waarde):
        return queryset.exclude(stap=ZaakStap.GESLOTEN) if waarde == "open" else queryset.filter(stap=waarde)
