"""Forms of the RFC pages; every value is checked again by the services."""

from django import forms

from stelselbeheer.afsprakenset.models import Release, ReleaseStatus
from stelselbeheer.overleg.models import Besluitvoorstel
from stelselbeheer.register.models import Gegevensdienst

from .models import Ontwikkelagenda, Standpunt, Wijzigingsvoorstel


class RfcForm(forms.ModelForm):
    agenda = forms.ModelChoiceField(
        Ontwikkelagenda.objects.all(), label="Ontwikkelagenda", empty_label=None,
        help_text="Wensen voor uw eigen systeem (XIS) horen op de agenda per bronsysteem; voor de viewer op die van "
                  "de viewer; voor de afspraken van het stelsel op de algemene agenda.")
    gegevensdiensten = forms.ModelMultipleChoiceField(
        Gegevensdienst.objects.filter(in_gebruik=True), required=False, widget=forms.CheckboxSelectMultiple,
        label="Betreft gegevensdiensten", help_text="Geen keuze: de wijziging raakt alle gegevensdiensten.")

    class Meta:
        model = Wijzigingsvoorstel
        fields = ["agenda", "titel", "probleem", "voorstel", "gegevensdiensten", "raakt_dva", "raakt_dvp",
                  "indiener_naam", "indiener_email"]
        labels = {"indiener_naam": "Uw naam", "indiener_email": "Uw e-mailadres"}
        help_texts = {"probleem": "Wat gaat er nu mis of ontbreekt in de afspraken?",
                      "voorstel": "Wat zou er moeten veranderen?"}

    def clean(self):
        data = super().clean()
        if not (data.get("raakt_dva") or data.get("raakt_dvp")):
            self.add_error("raakt_dva", "Kies ten minste één rol die de wijziging raakt (DVA of DVP).")
        return data


class StapForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Verplicht bij niet in behandeling nemen en intrekken.")


class AdviesForm(StapForm):
    advies = forms.CharField(label="Advies van het adviesorgaan", widget=forms.Textarea(attrs={"rows": 4}),
                             required=False)


class VoorleggenForm(AdviesForm):
    besluitvoorstel = forms.CharField(label="Nummer van het besluitvoorstel", max_length=20,
                                      help_text="Het besluitvoorstel van het bestuur, bijvoorbeeld BV-2026-0001.")

    def clean_besluitvoorstel(self):
        nummer = self.cleaned_data["besluitvoorstel"].strip()
        bv = Besluitvoorstel.objects.select_related("orgaan").filter(nummer__iexact=nummer).first()
        if bv is None:
            raise forms.ValidationError(f"Geen besluitvoorstel met nummer '{nummer}'.")
        return bv


class ReactieForm(forms.Form):
    standpunt = forms.ChoiceField(label="Uw standpunt", choices=[("", "Kies uw standpunt"), *Standpunt.choices])
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))


class ReleaseForm(forms.Form):
    release = forms.ModelChoiceField(
        Release.objects.filter(status__in=(ReleaseStatus.CONCEPT, ReleaseStatus.CONSULTATIE)), required=False,
        label="Release", empty_label="Geen release (uit de release halen)",
        help_text="Alleen een release in concept of in consultatie: na goedkeuring ligt de inhoud vast.")


class AgendaForm(forms.ModelForm):
    reden = forms.CharField(label="Reden van de wijziging", required=False, max_length=500,
                            help_text="Komt in de audittrail.")

    class Meta:
        model = Ontwikkelagenda
        fields = ["naam", "omschrijving", "beoordelaar", "adviesorgaan", "met_consultatie", "consultatie_werkdagen",
                  "beslisser", "externe_beslisser", "openbaar"]

    def clean(self):
        data = super().clean()
        if data.get("beslisser") == "extern" and not (data.get("externe_beslisser") or "").strip():
            self.add_error("externe_beslisser", "Noem wie buiten het stelsel beslist.")
        return data
