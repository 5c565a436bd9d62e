from django import forms

from .models import Organisatie, OrganisatieRelatie, Regio, Sector, Soort


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "kvk_nummer", "ura", "agb_code", "oin", "sector", "plaats", "regio", "website"]
        widgets = {"kvk_nummer": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                   "ura": forms.TextInput(attrs={"inputmode": "numeric"}),
                   "agb_code": forms.TextInput(attrs={"inputmode": "numeric"}),
                   "oin": forms.TextInput(attrs={"inputmode": "numeric"})}

    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OrganisatieZoekForm(forms.Form):
    q = forms.CharField(label="Zoek op naam, plaats of KvK/URA/AGB/OIN", required=False)
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle soorten"), *Soort.choices])
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Alle sectoren"), *Sector.choices])
    regio = forms.ModelChoiceField(label="Regio", required=False, queryset=Regio.objects.all(),
                                   empty_label="Alle regio's")


class RelatieForm(forms.ModelForm):
    class Meta:
        model = OrganisatieRelatie
        fields = ["soort", "naar", "sinds"]
        widgets = {"sinds": forms.DateInput(attrs={"type": "date"})}
