from django import forms

from stelselbeheer.kern.identificatie import valideer_interfaceversies

from .models import Aanbieder, Aanbiedertype, Gegevensdienst


def interfaceversies_uit_tekst(tekst: str) -> list[str]:
    """'1.3.0, 1.4.0' (commas, spaces or lines) as a list, checked by the model's validator (REG-INTERFACEVERSIE)."""
    versies = [v for v in tekst.replace(",", " ").split() if v]
    valideer_interfaceversies(versies)
    return versies


class AanbiederForm(forms.ModelForm):
    class Meta:
        model = Aanbieder
        fields = ["weergavenaam", "soort", "aanbiedertype", "hrn", "plaats"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbiedertype"].queryset = Aanbiedertype.objects.filter(in_gebruik=True)

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
    interfaceversies = forms.CharField(label="Interfaceversies", max_length=200, required=False,
                                       help_text="Eén of meer, gescheiden door komma's, zoals 1.3.0, 1.4.0. Leeg: "
                                                 "ongewijzigd (bij een nieuwe gegevensdienst 1.4.0).")
    abonneren_maximale_duur = forms.IntegerField(label="Abonneren: maximale duur (dagen)", required=False,
                                                 help_text="Alleen als de aanbieder abonneren ondersteunt.")
    abonneren_endpoint = forms.CharField(label="Abonneren: subscription endpoint", max_length=500, required=False)
    reden = forms.CharField(label="Reden", required=False, max_length=500)

    def clean_interfaceversies(self):
        tekst = self.cleaned_data["interfaceversies"]
        return interfaceversies_uit_tekst(tekst) if tekst.strip() else None

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


class VerzoekAanbiederForm(forms.Form):
    naam = forms.CharField(label="Aanbiedernaam", max_length=57, help_text="Kleine letters gevolgd door @medmij.")
    weergavenaam = forms.CharField(label="Weergavenaam", max_length=100)
    plaats = forms.CharField(label="Plaats", max_length=100, required=False)
    organisatie_kvk = forms.CharField(label="KvK-nummer van de zorgaanbieder", max_length=8)
    aanbiedertype = forms.CharField(label="Aanbiedertype", required=False, max_length=10,
                                    help_text="De code, zoals ZA (zorgaanbieder), BAZB of APD; leeg: ZA.")
    hrn = forms.CharField(label="HRN", max_length=20, required=False)
    toelichting = forms.CharField(label="Toelichting voor de uitvoeringsorganisatie", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class VerzoekDienstForm(DienstForm):
    """The staff form for endpoints, for one of the participant's own aanbieders, as a request."""

    aanbieder = forms.ChoiceField(label="Aanbieder")
    toelichting = forms.CharField(label="Toelichting voor de uitvoeringsorganisatie", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["aanbieder", "gegevensdienst", "authorization_endpoint", "token_endpoint", "systeemrollen",
                   "interfaceversies", "abonneren_maximale_duur", "abonneren_endpoint"]

    def __init__(self, *args, deelnemer, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reden"]
        self.fields["aanbieder"].choices = [(n, f"{w} ({n})") for n, w in deelnemer.aanbieders.order_by("weergavenaam")
                                            .values_list("naam", "weergavenaam")[:2000]]

    def clean_gegevensdienst(self):
        return self.cleaned_data["gegevensdienst"].code


class VerzoekClientForm(forms.Form):
    hostname = forms.CharField(label="Hostnaam", max_length=253)
    organisatienaam = forms.CharField(label="Organisatienaam", max_length=50)
    toelichting = forms.CharField(label="Toelichting voor de uitvoeringsorganisatie", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(label="Beoordeling", choices=[("goedkeuren", "Goedkeuren en doorvoeren"),
                                                              ("afwijzen", "Afwijzen")], widget=forms.RadioSelect)
    reden = forms.CharField(label="Reden", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Verplicht bij afwijzen; de deelnemer ziet de reden.")
