from django import forms

from stelselbeheer.register.models import Gegevensdienst

from .models import Deelnemer, DeelnemerStatus, RolSoort, Testresultaat


class DeelnemerZoekForm(forms.Form):
    q = forms.CharField(label="Zoek op naam, plaats of KvK-nummer", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Alle statussen"),
                                                                         *DeelnemerStatus.choices])
    rol = forms.ChoiceField(label="Rol", required=False, choices=[("", "Alle rollen"), *RolSoort.choices])


class DeelnemerForm(forms.ModelForm):
    class Meta:
        model = Deelnemer
        fields = ["overeenkomstversie", "ondertekend_op", "status", "status_sinds"]
        widgets = {"ondertekend_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "status_sinds": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class KwalificatieForm(forms.Form):
    rol = forms.ChoiceField(label="Rol", choices=RolSoort.choices)
    gegevensdienst = forms.ModelChoiceField(label="Gegevensdienst", queryset=Gegevensdienst.objects.all())
    testdatum = forms.DateField(label="Testdatum", widget=forms.DateInput(attrs={"type": "date"}))
    resultaat = forms.ChoiceField(label="Resultaat", choices=Testresultaat.choices)
    geldig_tot = forms.DateField(label="Geldig tot en met", required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="Leeg laten: 365 dagen na de testdatum (NAL-365).")
    opmerking = forms.CharField(label="Opmerking", required=False, widget=forms.Textarea(attrs={"rows": 2}))
