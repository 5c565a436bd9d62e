"""The filter bars of the publication pages: a list's history and the entries of one version's difference."""

from django import forms

from stelselbeheer.kern.filters import Filters, Keuze, ReeksFilter, Zoekveld

from .models import Trigger

#: the three parts of the difference between a version and the one before it
VERSCHILLEN = {"toegevoegd": "Toegevoegd", "verwijderd": "Verwijderd", "gewijzigd": "Gewijzigd"}


class GeschiedenisFilter(Filters):
    aanleiding = Keuze(label="Aanleiding", choices=Trigger.choices, leeg="Alle aanleidingen", field_name="trigger")
    volgnummer = Zoekveld(label="Volgnummer", method="zoek", widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def zoek(self, queryset, naam, waarde):
        waarde = waarde.strip()
        return queryset.filter(volgnummer=int(waarde)) if waarde.isdigit() and len(waarde) <= 18 else queryset.none()


class SleutelFilter(ReeksFilter):
    """The keys of a version's difference (aanbiedernamen, host names, gegevensdienst ids), searched as text."""

    q = Zoekveld(label="Zoek een entry")

    def filter_reeks(self, rijen, data):
        tekst = (data.get("q") or "").strip().lower()
        return [r for r in rijen if tekst in str(r[0] if isinstance(r, tuple) else r).lower()] if tekst else rijen


class VerwijderingFilter(SleutelFilter):
    """The entries a held publication removes, as (key, explanation or None): unexplained ones by default (those
    are why it is held)."""

    verklaring = Keuze(label="Verklaring", choices=[("onverklaard", "Zonder verklaring"), ("verklaard", "Verklaard")],
                       leeg="Alle verwijderingen")

    def filter_reeks(self, rijen, data):
        rijen = super().filter_reeks(rijen, data)
        if data.get("verklaring") == "onverklaard":
            return [r for r in rijen if r[1] is None]
        if data.get("verklaring") == "verklaard":
            return [r for r in rijen if r[1] is not None]
        return rijen
