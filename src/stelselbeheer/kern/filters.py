"""The filter bars of the list pages: django-filter FilterSets over the GET parameters, so a filtered list is a link
that can be bookmarked, sent and opened again. ``kern.views.lijst`` binds one to the request and pages its result.

``Zoekveld`` is the free-text search of a list; ``ReeksFilter`` filters a sequence held in memory (the keys of a
published list version, the removals of a held publication) with the same form and parameters."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .auditweergave import actielabel, objectsoort
from .models import AuditEvent
from .rollen import Rol

#: the label of the empty choice of every filter ("all")
ALLE = "Alle"


class Zoekveld(django_filters.CharFilter):
    """The search box of a list; ``method`` names the FilterSet method that searches (``zoek(qs, naam, waarde)``)."""

    def __init__(self, label="Zoeken", method="zoek", **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        kwargs.setdefault("max_length", 200)
        super().__init__(label=label, method=method, **kwargs)


class Keuze(django_filters.ChoiceFilter):
    """A choice filter whose empty choice reads "Alle …" instead of dashes."""

    def __init__(self, *args, leeg=ALLE, **kwargs):
        kwargs.setdefault("empty_label", leeg)
        super().__init__(*args, **kwargs)


class Keuzelijst(forms.Select):
    """A select whose options are written in Python, with the markup of Django's own templates (select.html,
    select_option.html): for a busy page, where rendering every option through two templates cost more than the
    rest of its filter bar (the public register search)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        delen = []
        for groep, opties, _ in widget["optgroups"]:
            regels = format_html_join("", '\n  <option value="{}"{}>{}</option>',
                                      ((o["value"], flatatt(o["attrs"]), o["label"]) for o in opties))
            delen.append(format_html('\n  <optgroup label="{}">{}\n  </optgroup>', groep, regels) if groep else regels)
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], flatatt(widget["attrs"]),
                           format_html_join("", "{}", ((d,) for d in delen)))


class Filters(django_filters.FilterSet):
    """The base of the project's filter sets: a search field is stripped; nothing else."""

    def zoek(self, queryset, naam, waarde):  # pragma: no cover - every searching filter set overrides this
        raise NotImplementedError


class _Reeks(list):
    """A list that answers the two questions a FilterSet asks its queryset."""

    model = None

    def all(self):
        return self


class ReeksFilter(Filters):
    """Filters over a sequence in memory; ``filter_reeks(rijen, cleaned_data)`` returns the rows that match."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, _Reeks(queryset or ()), request=request, prefix=prefix)

    def filter_queryset(self, queryset):
        return self.filter_reeks(list(queryset), self.form.cleaned_data)

    def filter_reeks(self, rijen: list, data: dict) -> list:  # pragma: no cover - every subclass overrides this
        raise NotImplementedError


class AuditFilter(Filters):
    """The audit trail: by kind of action, object, actor, period and text."""

    q = Zoekveld(label="Zoek in object en reden")
    actie = Keuze(label="Handeling", leeg="Alle handelingen", method="filter_actie", choices=lambda: _acties())
    object_type = Keuze(label="Soort object", leeg="Alle soorten", choices=lambda: _objectsoorten())
    actor = django_filters.CharFilter(label="Door (gebruikersnaam)", field_name="actor_naam", lookup_expr="iexact",
                                      max_length=150)
    van = django_filters.DateFilter(label="Vanaf", field_name="tijdstip", lookup_expr="date__gte",
                                    widget=forms.DateInput(attrs={"type": "date"}))
    tot = django_filters.DateFilter(label="Tot en met", field_name="tijdstip", lookup_expr="date__lte",
                                    widget=forms.DateInput(attrs={"type": "date"}))

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(object_omschrijving__icontains=waarde) | Q(object_id=waarde)
                               | Q(reden__icontains=waarde))

    def filter_actie(self, queryset, naam, waarde):
        # a group ("melding.") or one action ("melding.triage")
        return queryset.filter(actie__startswith=waarde) if waarde.endswith(".") else queryset.filter(actie=waarde)


def _acties():
    acties = sorted(AuditEvent.objects.order_by().values_list("actie", flat=True).distinct())
    groepen = sorted({a.partition(".")[0] for a in acties})
    return [(f"{g}.", f"Alles over {GROEPEN.get(g, g)}") for g in groepen] + [(a, actielabel(a)) for a in acties]


def _objectsoorten():
    soorten = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((t, objectsoort(t).capitalize()) for t in soorten), key=lambda p: p[1])


#: the first part of an action, in words
GROEPEN = {"organisatie": "organisaties", "deelnemer": "deelnemers", "kwalificatie": "kwalificaties",
           "kwalificaties": "de kwalificatiecontrole", "gegevensdienst": "gegevensdiensten", "aanbieder": "aanbieders",
           "aanbieders": "de import", "oauthclient": "OAuth-clients", "verzoek": "wijzigingsverzoeken",
           "lijst": "de lijsten", "besluit": "besluiten", "zaak": "nalevingszaken", "opschorting": "opschortingen",
           "melding": "meldingen", "beslisboom": "de beslisboom", "kennisartikel": "kennisartikelen",
           "gebruiker": "accounts", "demo": "de demodata"}


STANDEN = [("geldig", "Geldig"), ("verlopen", "Verlopen"), ("ingetrokken", "Ingetrokken")]


class ApiTokenFilter(Filters):
    q = Zoekveld(label="Naam, begin van het token of account")
    stand = Keuze(label="Stand", choices=STANDEN, leeg="Alle", method="op_stand")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip().removeprefix("stb_").split("_")[0]
        return queryset.filter(Q(naam__icontains=waarde) | Q(publiek_id__istartswith=waarde)
                               | Q(eigenaar__username__icontains=waarde))

    def op_stand(self, queryset, naam, waarde):
        nu = timezone.now()
        if waarde == "ingetrokken":
            return queryset.filter(ingetrokken_op__isnull=False)
        geldig = queryset.filter(ingetrokken_op__isnull=True)
        return geldig.filter(geldig_tot__gt=nu) if waarde == "geldig" else geldig.filter(geldig_tot__lte=nu)


class AccountFilter(Filters):
    q = Zoekveld(label="Gebruikersnaam, naam of e-mail")
    rol = Keuze(label="Rol", choices=Rol.choices, leeg="Alle rollen")

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(Q(username__icontains=waarde) | Q(first_name__icontains=waarde)
                               | Q(last_name__icontains=waarde) | Q(email__icontains=waarde))
