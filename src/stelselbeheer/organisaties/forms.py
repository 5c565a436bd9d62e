from django import forms

from .models import Organisatie, OrganisatieRelatie


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


class RelatieForm(forms.ModelForm):
    class Meta:
        model = OrganisatieRelatie
        fields = ["soort", "naar", "sinds"]
        widgets = {"sinds": forms.DateInput(attrs={"type": "date"})}
