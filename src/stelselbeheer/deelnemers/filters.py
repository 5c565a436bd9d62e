"""The filter bars of the participant lists: staff's list, the public list and the participant's own aanbieders."""

import re

from django.db.models import Q

from stelselbeheer.kern.filters import Filters, Keuze, Zoekveld
from stelselbeheer.register.zoeken import vouw

from .models import DeelnemerStatus, RolSoort
from .openbaar import HUIDIG

_KVK = re.compile(r"^\d{8}$")


def zoek_deelnemer(queryset, waarde: str):
    """By name fragment or place of the organisation, or exactly by its KvK number."""
    waarde = (waarde or "").strip()
    if not waarde:
        return queryset
    if _KVK.match(waarde):
        return queryset.filter(organisatie__kvk_nummer=waarde)
    return queryset.filter(Q(organisatie__naam__icontains=waarde) | Q(organisatie__plaats__iexact=waarde))


class DeelnemerFilter(Filters):
    q = Zoekveld(label="Zoek op naam, plaats of KvK-nummer")
    status = Keuze(label="Status", choices=DeelnemerStatus.choices, leeg="Alle statussen")
    rol = Keuze(label="Rol", choices=RolSoort.choices, leeg="Alle rollen", field_name="rollen__rol", distinct=True)

    def zoek(self, queryset, naam, waarde):
        return zoek_deelnemer(queryset, waarde)


class OpenbareDeelnemerFilter(Filters):
    """The public list: current participants by default, former ones on request (DLN-OPENBAAR)."""

    q = Zoekveld(label="Zoek op naam, plaats of KvK-nummer")
    rol = Keuze(label="Rol", choices=RolSoort.choices, leeg="Alle rollen", field_name="rollen__rol", distinct=True)
    deelname = Keuze(label="Deelname", leeg="Huidige en voormalige", method="filter_deelname",
                     choices=[("huidig", "Huidige deelnemers"), ("voormalig", "Voormalige deelnemers")])

    def zoek(self, queryset, naam, waarde):
        return zoek_deelnemer(queryset, waarde)

    def filter_deelname(self, queryset, naam, waarde):
        if waarde == "huidig":
            return queryset.filter(status__in=HUIDIG)
        if waarde == "voormalig":
            return queryset.filter(status=DeelnemerStatus.BEEINDIGD)
        return queryset


class EigenAanbiederFilter(Filters):
    """Mijn deelname: the participant's own aanbieders, so a newly approved one is found by name."""

    q = Zoekveld(label="Zoek op naam, aanbiedernaam of plaats")

    def zoek(self, queryset, naam, waarde):
        waarde = (waarde or "").strip()
        if "@" in waarde:
            return queryset.filter(naam=waarde.lower())
        return queryset.filter(zoektekst__contains=vouw(waarde)) if waarde else queryset
