from django import forms

from stelselbeheer.organisaties.keuze import OrganisatiesVeld

LIVE_KEUZES = [("ja", "Live / gereed"), ("nee", "Niet live / niet gereed")]


class HandmatigForm(forms.Form):
    organisatie = OrganisatiesVeld(label="Organisatie (zorgaanbieder of ICT-leverancier)")
    live = forms.ChoiceField(label="Status", choices=LIVE_KEUZES, widget=forms.RadioSelect)
    bron = forms.CharField(label="Bron", max_length=200,
                           help_text="Waar de status vandaan komt, bijvoorbeeld 'opgave leverancier, 12-11-2026'.")
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=2000, widget=forms.Textarea)

    def clean_organisatie(self):
        gekozen = self.cleaned_data["organisatie"]
        if len(gekozen) != 1:
            raise forms.ValidationError("Kies precies één organisatie.")
        return gekozen[0]
