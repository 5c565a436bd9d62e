"""The filter bars of the register's lists: aanbieders (public and staff), gegevensdiensten and change requests."""

import django_filters
from django.db.models import Q

from stelselbeheer.deelnemers.filters import zoek_deelnemer
from stelselbeheer.deelnemers.models import Deelnemer, RolSoort
from stelselbeheer.kern.antwoordcache import per_stand
from stelselbeheer.kern.filters import Filters, Keuze, Keuzelijst, Zoekveld

from .models import Gegevensdienst, VerzoekSoort, VerzoekStatus
from .zoeken import zoeken


class AanbiederFilter(Filters):
    """The register search. Its result comes from ``register.zoeken.zoeken`` (one ordered index scan, measured in
    bench/run.py), not from filtering a queryset field by field."""

    q = Zoekveld(label="Zoek op naam, plaats, aanbiedernaam of KvK/URA/AGB")
    # A choice of codes read once per request as plain values, and options rendered without a template each: a
    # ModelChoiceFilter read the gegevensdiensten through a server-side cursor (three round trips on PostgreSQL)
    # and rendered every option through two templates, ~15% of a search page's time (bench/productie.py).
    gegevensdienst = Keuze(label="Gegevensdienst", leeg="Alle gegevensdiensten", widget=Keuzelijst,
                           choices=lambda: per_stand("gegevensdiensten-keuze", lambda: [
                               (code, f"{code} {naam}") for code, naam in Gegevensdienst.objects.filter(
                                   in_gebruik=True).order_by("code").values_list("code", "naam")]))
    plaats = django_filters.CharFilter(label="Plaats", max_length=100)
    #: the public register shows the aanbieders of current participants only (REG-OPENBAAR); staff see every one
    openbaar = True

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
            dva = data.get("dva")
            self._qs = zoeken(data.get("q") or "", gegevensdienst=data.get("gegevensdienst") or "",
                              plaats=data.get("plaats") or "", dva=dva.pk if dva else None, openbaar=self.openbaar)
        return self._qs


class BeheerAanbiederFilter(AanbiederFilter):
    """Staff also filter by the connecting DVA participant (the link from a participant's page)."""

    openbaar = False

    dva = django_filters.ModelChoiceFilter(
        label="Aansluitende DVA", empty_label="Alle deelnemers",
        queryset=Deelnemer.objects.filter(rollen__rol=RolSoort.DVA).select_related("organisatie")
        .order_by("organisatie__naam").distinct())


class GegevensdienstFilter(Filters):
    q = Zoekveld(label="Zoek op id of naam")
    in_gebruik = django_filters.BooleanFilter(
        label="In gebruik", widget=django_filters.widgets.BooleanWidget(),
        field_name="in_gebruik")

    def zoek(self, queryset, naam, waarde):
        return queryset.filter(Q(code__iexact=waarde.strip()) | Q(naam__icontains=waarde.strip()))


class VerzoekFilter(Filters):
    q = Zoekveld(label="Zoek op nummer of deelnemer")
    status = Keuze(label="Status", choices=VerzoekStatus.choices, leeg="Alle statussen")
    soort = Keuze(label="Soort", choices=VerzoekSoort.choices, leeg="Alle soorten")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip().lstrip("#")
        if waarde.isdigit() and len(waarde) < 8:
            return queryset.filter(pk=int(waarde))
        return queryset.filter(deelnemer__in=zoek_deelnemer(Deelnemer.objects.all(), waarde))


class EigenVerzoekFilter(Filters):
    status = Keuze(label="Status", choices=VerzoekStatus.choices, leeg="Alle statussen")
    soort = Keuze(label="Soort", choices=VerzoekSoort.choices, leeg="Alle soorten")

