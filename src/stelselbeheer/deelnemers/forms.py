import copy

from django import forms

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.organisaties.models import Soort
from stelselbeheer.register.models import Gegevensdienst

from . import rules, workflow
from .models import Advies, Deelnemer, RolSoort, Testresultaat
from .services import vandaag


class DeelnemerForm(forms.ModelForm):
    class Meta:
        model = Deelnemer
        fields = ["overeenkomstversie", "ondertekend_op", "contact_email"]
        widgets = {"ondertekend_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

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
    bewijs = forms.FileField(label="Bewijs (testrapport)", required=False,
                             help_text="PDF, TXT, JSON, XML of ZIP, hooguit 20 MB.")

    def __init__(self, *args, deelnemer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deelnemer is not None:  # a qualification belongs to a role the participant has or applies for
            eigen = set(deelnemer.rollen.values_list("rol", flat=True))
            self.fields["rol"].choices = [(w, lab) for w, lab in RolSoort.choices if w in eigen] or RolSoort.choices

    def clean_bewijs(self):
        bewijs = self.cleaned_data.get("bewijs")
        if bewijs and (not bewijs.name.lower().endswith(BEWIJSSOORTEN) or bewijs.size > BEWIJS_MAX):
            raise forms.ValidationError("Het bewijs is een PDF-, TXT-, JSON-, XML- of ZIP-bestand van hooguit 20 MB.")
        return bewijs

    def clean(self):
        data = super().clean()
        testdatum, geldig_tot = data.get("testdatum"), data.get("geldig_tot")
        if testdatum and geldig_tot and not rules.geldigheid_toegestaan(testdatum, geldig_tot):
            self.add_error("geldig_tot", "NAL-365: een testresultaat is hooguit 365 dagen geldig; 'geldig tot en met' "
                                         f"ligt tussen {testdatum:%d-%m-%Y} en "
                                         f"{rules.uiterste_geldig_tot(testdatum):%d-%m-%Y}.")
        return data


#: what the test report of a qualification may be (the service checks the same)
BEWIJSSOORTEN = (".pdf", ".txt", ".json", ".xml", ".zip")
BEWIJS_MAX = 20 * 1024 * 1024


DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

#: the input field of each participant field a transition records (workflow.Overgang.velden)
STAPVELDEN = {
    "overeenkomstversie": lambda: forms.CharField(label="Versie deelnemersovereenkomst", max_length=20),
    "advies": lambda: forms.ChoiceField(label="Advies", choices=Advies.choices, widget=forms.RadioSelect),
    "advies_toelichting": lambda: forms.CharField(label="Toelichting bij het advies", widget=forms.Textarea(
        attrs={"rows": 4})),
    "ondertekend_op": lambda: forms.DateField(label="Overeenkomst ondertekend op", widget=DATUM),
    "opzegdatum": lambda: forms.DateField(label="Einddatum van de deelname", widget=DATUM),
    "gebruikers_geinformeerd_op": lambda: forms.DateField(label="Gebruikers geïnformeerd op", widget=DATUM),
}


class OvergangForm(forms.Form):
    """One step of the workflow: the fields it records, the decision it rests on, date and explanation."""

    def __init__(self, *args, stap, deelnemer, **kwargs):
        super().__init__(*args, **kwargs)
        self.stap, self.deelnemer = stap, deelnemer
        for veld in stap.velden:
            self.fields[veld] = STAPVELDEN[veld]()
            self.fields[veld].initial = getattr(deelnemer, veld)
        if stap.besluit:
            self.fields["besluit"] = forms.ModelChoiceField(
                Besluit.objects.filter(deelnemer=deelnemer, soort__in=stap.besluit), label="Besluit van het bestuur",
                help_text="Leg het besluit eerst vast in het besluitenregister.")
        self.fields["datum"] = forms.DateField(label="Datum", required=False, widget=DATUM,
                                               help_text="Leeg: vandaag.")
        self.fields["toelichting"] = forms.CharField(label="Toelichting", required=False,
                                                     widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        """The step's conditions too (workflow.weigeringen, as the service checks them), so every error shows in
        one round instead of the fields first and the conditions after."""
        data = super().clean()
        proef = copy.copy(self.deelnemer)
        for veld in self.stap.velden:
            if veld in data:
                setattr(proef, veld, data[veld])
        context = workflow.Context(data.get("datum") or vandaag(), data.get("besluit"), data.get("toelichting", ""))
        for veld, redenen in workflow.weigeringen(self.stap, proef, context).items():
            if veld not in self.errors:
                self.add_error(veld if veld in self.fields else None, redenen)
        return data


#: the longest explanation the public application takes (MEL-MISBRUIK)
TOELICHTING_MAX = 5_000


class AanvraagForm(forms.Form):
    naam = forms.CharField(label="Naam van de organisatie", max_length=200)
    kvk_nummer = forms.CharField(label="KvK-nummer", max_length=8)
    soort = forms.ChoiceField(label="Soort organisatie", choices=Soort.choices)
    plaats = forms.CharField(label="Vestigingsplaats", max_length=100, required=False)
    rollen = forms.MultipleChoiceField(label="Rollen", choices=RolSoort.choices, widget=forms.CheckboxSelectMultiple,
                                       help_text="DVP: dienstverlener persoon (PGO); DVA: dienstverlener aanbieder.")
    overeenkomstversie = forms.CharField(label="Versie van de deelnemersovereenkomst", max_length=20,
                                         initial="2.2")
    contact_email = forms.EmailField(label="E-mailadres voor berichten over de aanvraag", max_length=254)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  max_length=TOELICHTING_MAX)
