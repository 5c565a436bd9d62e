from django import forms

from .models import Aanbieder, Gegevensdienst


class AanbiederZoekForm(forms.Form):
    q = forms.CharField(label="Zoek op naam, plaats, aanbiedernaam of KvK/URA/AGB", required=False, max_length=100)
    gegevensdienst = forms.ModelChoiceField(label="Gegevensdienst", required=False, to_field_name="code",
                                            queryset=Gegevensdienst.objects.filter(in_gebruik=True),
                                            empty_label="Alle gegevensdiensten")
    plaats = forms.CharField(label="Plaats", required=False, max_length=100)


class AanbiederForm(forms.ModelForm):
    class Meta:
        model = Aanbieder
        fields = ["weergavenaam", "soort", "plaats"]

    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    bestand = forms.FileField(label="CSV-bestand (UTF-8)", help_text="Eén regel per aanbieder en gegevensdienst; "
                                                                      "zie de kolommen hieronder.")
    reden = forms.CharField(label="Reden", required=False, max_length=500)

    MAX_GROOTTE = 20 * 1024 * 1024

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > self.MAX_GROOTTE:
            raise forms.ValidationError("Het bestand is groter dan 20 MB; splits het in delen.")
        try:
            return bestand.read().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise forms.ValidationError("Het bestand is geen UTF-8-tekst; sla het op als CSV (UTF-8).") from e


class DienstForm(forms.Form):
    """Endpoints and system roles of one gegevensdienst of an aanbieder. System roles as lines 'CODE=https://…'."""

    gegevensdienst = forms.ModelChoiceField(label="Gegevensdienst", queryset=Gegevensdienst.objects.all())
    authorization_endpoint = forms.CharField(label="Authorization endpoint", max_length=500,
                                             help_text="https://, hostnaam in kleine letters, geen poort.")
    token_endpoint = forms.CharField(label="Token endpoint", max_length=500)
    systeemrollen = forms.CharField(label="Systeemrollen", widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text="Eén per regel: SYSTEEMROLCODE=https://resource-endpoint")
    reden = forms.CharField(label="Reden", required=False, max_length=500)

    def clean_systeemrollen(self):
        rollen = {}
        for nummer, regel in enumerate(self.cleaned_data["systeemrollen"].splitlines(), start=1):
            if not regel.strip():
                continue
            code, scheiding, url = regel.partition("=")
            if not scheiding or not code.strip() or not url.strip():
                raise forms.ValidationError(f"Regel {nummer} is geen paar CODE=https://…")
            if code.strip() in rollen:
                raise forms.ValidationError(f"Systeemrol {code.strip()} staat er twee keer in.")
            rollen[code.strip()] = url.strip()
        return rollen
