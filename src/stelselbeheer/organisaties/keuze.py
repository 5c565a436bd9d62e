"""Choosing organisations where there are thousands (the parties of a decision): a text field with one organisation
per line, by KvK number (with the name after it) or by exact name. Without JavaScript that is the whole field; with
it, ``organisaties/organisatie-kiezen.js`` adds a search box whose suggestions (a datalist, filled from
``/beheer/organisaties/suggesties.json``) add the chosen organisation's line. Never a select of 2,000 options."""

import re

from django import forms
from django.urls import reverse_lazy

from .models import Organisatie
from .zoeken import organisatie_keuzetekst

_REGEL = re.compile(r"^\s*(\d{8})\b\s*(.*)$")


class OrganisatiesVeld(forms.Field):
    """Organisations, one per line: "12345678 Naam, Plaats" (as the suggestions write them), "12345678", or a name."""

    widget = forms.Textarea

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "Eén organisatie per regel: het KvK-nummer, eventueel met de naam erachter, of "
                                       "de volledige naam. Met het zoekveld kiest u uit suggesties.")
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {"rows": 4, "data-suggesties": reverse_lazy("organisatie-suggesties"),
                                               "spellcheck": "false"}

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return "\n".join(organisatie_keuzetekst(o) if isinstance(o, Organisatie) else str(o) for o in value or ())

    def to_python(self, value):
        return [r.strip() for r in (value or "").splitlines() if r.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        regels = self.to_python(value)
        self.validate(regels)
        gekozen, fouten = [], []
        for regel in regels[:200]:
            organisatie, fout = self._zoek(regel)
            if fout:
                fouten.append(fout)
            elif organisatie not in gekozen:
                gekozen.append(organisatie)
        if len(regels) > 200:
            fouten.append("Hooguit 200 organisaties.")
        if fouten:
            raise forms.ValidationError(fouten)
        return gekozen

    @staticmethod
    def _zoek(regel: str):
        treffer = _REGEL.match(regel)
        if treffer:
            kvk, rest = treffer.groups()
            kandidaten = list(Organisatie.objects.filter(kvk_nummer=kvk)[:20])
            naam = rest.split(",")[0].strip().lower()
            if len(kandidaten) > 1 and naam:
                kandidaten = [o for o in kandidaten if o.naam.lower() == naam] or kandidaten
            if len(kandidaten) == 1:
                return kandidaten[0], None
            if not kandidaten:
                return None, f"Regel '{regel}': geen organisatie met KvK-nummer {kvk}."
            return None, (f"Regel '{regel}': KvK-nummer {kvk} hoort bij {len(kandidaten)} organisaties ("
                          + "; ".join(o.naam for o in kandidaten[:5]) + "); zet de volledige naam erachter.")
        kandidaten = list(Organisatie.objects.filter(naam__iexact=regel)[:5])
        if len(kandidaten) == 1:
            return kandidaten[0], None
        if not kandidaten:
            return None, (f"Regel '{regel}': geen organisatie met deze naam; kies uit de suggesties of gebruik het "
                          "KvK-nummer.")
        return None, f"Regel '{regel}': meerdere organisaties heten zo; gebruik het KvK-nummer."
