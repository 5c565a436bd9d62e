from django import forms
from django.utils import timezone

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.organisaties.keuze import OrganisatiesVeld

from .models import Besluit
from .services import bijlagen_bezwaren


class MeerdereBestanden(forms.ClearableFileInput):
    allow_multiple_selected = True


class BijlagenVeld(forms.FileField):
    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            bestanden = [enkel(d, initial) for d in data]
        else:
            bestanden = [enkel(data, initial)] if data else []
        if fouten := bijlagen_bezwaren(bestanden):
            raise forms.ValidationError(fouten)
        return bestanden


class BesluitForm(forms.ModelForm):
    deelnemer = forms.ModelChoiceField(Deelnemer.objects.select_related("organisatie"), required=False,
                                       label="Betrokken deelnemer")
    partijen = OrganisatiesVeld(required=False, label="Partijen")
    bijlagen = BijlagenVeld(required=False, label="Bijlagen", widget=MeerdereBestanden(),
                            help_text="PDF, ODT, DOCX, TXT, PNG of JPG; hooguit 10 MB per bestand.")

    class Meta:
        model = Besluit
        fields = ["datum", "soort", "onderwerp", "tekst", "openbaar", "deelnemer", "partijen"]
        widgets = {"datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "tekst": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate  # a decision is mostly recorded on the day it is taken
