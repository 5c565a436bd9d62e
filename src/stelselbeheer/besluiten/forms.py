from django import forms

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.organisaties.models import Organisatie

from .models import Besluit


class MeerdereBestanden(forms.ClearableFileInput):
    allow_multiple_selected = True


class BijlagenVeld(forms.FileField):
    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)] if data else []


class BesluitForm(forms.ModelForm):
    deelnemer = forms.ModelChoiceField(Deelnemer.objects.select_related("organisatie"), required=False,
                                       label="Betrokken deelnemer")
    partijen = forms.ModelMultipleChoiceField(Organisatie.objects.all(), required=False, label="Partijen",
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
    bijlagen = BijlagenVeld(required=False, label="Bijlagen", widget=MeerdereBestanden(),
                            help_text="PDF, ODT, DOCX, TXT, PNG of JPG; hooguit 10 MB per bestand.")

    class Meta:
        model = Besluit
        fields = ["datum", "soort", "onderwerp", "tekst", "openbaar", "deelnemer", "partijen"]
        widgets = {"datum": forms.DateInput(attrs={"type": "date"}), "tekst": forms.Textarea(attrs={"rows": 8})}
