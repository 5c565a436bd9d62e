from django import forms

from stelselbeheer.organisaties.models import Regio

from .models import Soort


class MeldingForm(forms.Form):
    soort = forms.ChoiceField(label="Soort melding", choices=Soort.choices)
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text="Wat gebeurde er, wanneer, en wat had u verwacht?")
    melder_naam = forms.CharField(label="Uw naam", max_length=200)
    melder_email = forms.EmailField(label="Uw e-mailadres")
    regio = forms.ModelChoiceField(Regio.objects.all(), label="Regio", required=False,
                                   help_text="Verplicht als het een regionaal probleem is.")
