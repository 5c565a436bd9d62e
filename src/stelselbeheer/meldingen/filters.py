"""The filter bars of the meldingen: the queue of handlers, the reporter's own list and the knowledge base."""

from django.db.models import Q
from django.utils import timezone

from stelselbeheer.kern.filters import Filters, Keuze, ReeksFilter, Zoekveld

from .models import Fase, Niveau, Soort, Status

#: "open": not solved and not closed (the queue's default)
AFGEROND = (Status.OPGELOST, Status.GESLOTEN)


def _status(queryset, naam, waarde):
    if waarde == "open":
        return queryset.exclude(status__in=AFGEROND)
    return queryset.filter(status=waarde)


class MeldingFilter(Filters):
    """MEL-WERKVOORRAAD: by status (open by default), type, phase, level, breach of the norm and text."""

    q = Zoekveld(label="Zoek op referentie of onderwerp")
    status = Keuze(label="Status", choices=[("open", "Open"), *Status.choices], leeg="Alle statussen",
                   method="filter_status")
    soort = Keuze(label="Soort", choices=Soort.choices, leeg="Alle soorten")
    fase = Keuze(label="Fase", choices=Fase.choices, leeg="Alle fasen")
    niveau = Keuze(label="Niveau", choices=Niveau.choices, leeg="Alle niveaus")
    verstreken = Keuze(label="Servicenorm", leeg="Alle meldingen", method="filter_verstreken",
                       choices=[("1", "Oplostermijn verstreken"), ("reactie", "Reactietermijn verstreken")])

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(nummer__iexact=waarde.strip()) | Q(onderwerp__icontains=waarde.strip()))

    def filter_status(self, queryset, naam, waarde):
        return _status(queryset, naam, waarde)

    def filter_verstreken(self, queryset, naam, waarde):
        nu = timezone.now()
        if waarde == "reactie":
            return queryset.filter(reactie_voor__lt=nu, eerste_reactie_op__isnull=True).exclude(status__in=AFGEROND)
        return queryset.filter(oplossing_voor__lt=nu).exclude(status__in=AFGEROND)


class EigenMeldingFilter(Filters):
    q = Zoekveld(label="Zoek op referentie of onderwerp")
    status = Keuze(label="Status", choices=[("open", "Open"), *Status.choices], leeg="Alle statussen",
                   method="filter_status")
    soort = Keuze(label="Soort", choices=Soort.choices, leeg="Alle soorten")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(nummer__iexact=waarde.strip()) | Q(onderwerp__icontains=waarde.strip()))

    def filter_status(self, queryset, naam, waarde):
        return _status(queryset, naam, waarde)


class KennisbankFilter(ReeksFilter):
    """The articles are ranked in Python (``kennisbank.zoeken``); the view passes the ranked list, this only keeps
    the form and parameters of the search box."""

    q = Zoekveld(label="Zoeken in de kennisbank")

    def filter_reeks(self, rijen, data):
        return rijen
