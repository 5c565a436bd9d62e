from django import forms

from stelselbeheer.besluiten.models import Besluit

from .models import CRITERIA

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ZaakForm(forms.Form):
    verplichting = forms.CharField(label="Verplichting", max_length=200,
                                   help_text="Welke verplichting uit het afsprakenstelsel niet wordt nageleefd.")
    omstandigheden = forms.CharField(label="Concrete omstandigheden", widget=forms.Textarea(attrs={"rows": 4}))


class StapForm(forms.Form):
    def __init__(self, *args, stap, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        if "beoordeling" in stap.velden:
            self.fields["beoordeling"] = forms.CharField(
                label="Beoordeling", widget=forms.Textarea(attrs={"rows": 5}), initial=zaak.beoordeling,
                help_text="Passen de maatregelen en het tijdbestek bij de aard en ernst van de verplichting?")
        if "criteria" in stap.velden:
            for sleutel, naam in CRITERIA.items():
                self.fields[f"score_{sleutel}"] = forms.TypedChoiceField(
                    label=f"{naam}: score", coerce=int, choices=[(i, str(i)) for i in range(1, 6)])
                self.fields[f"motivering_{sleutel}"] = forms.CharField(label=f"{naam}: motivering",
                                                                       widget=forms.Textarea(attrs={"rows": 2}))
        if "vervolgcontrole_op" in stap.velden:
            self.fields["vervolgcontrole_op"] = forms.DateField(label="Vervolgcontrole op", widget=DATUM)
        if stap.termijn:
            eenheid, standaard, _ = stap.termijn
            self.fields["termijn"] = forms.IntegerField(label=f"Termijn ({eenheid})", initial=standaard, min_value=1,
                                                        max_value=365)
        if stap.besluit:
            self.fields["besluit"] = forms.ModelChoiceField(
                Besluit.objects.filter(deelnemer=zaak.deelnemer, soort__in=stap.besluit),
                label="Besluit van het bestuur")
        from .brieven import BIJ_STAP
        from .models import Kanaal

        if stap.naam in BIJ_STAP:
            soort, standaard = BIJ_STAP[stap.naam]
            self.fields["kanaal"] = forms.ChoiceField(label=f"Verzenden ({soort.label.lower()}, als PDF) per",
                                                      choices=Kanaal.choices, initial=standaard)
        self.fields["datum"] = forms.DateField(label="Datum", required=False, widget=DATUM, help_text="Leeg: vandaag.")
        self.fields["toelichting"] = forms.CharField(label="Toelichting", required=False,
                                                     widget=forms.Textarea(attrs={"rows": 3}))

    def gegevens(self, stap) -> dict:
        d = self.cleaned_data
        uit = {v: d[v] for v in stap.velden if v in d}
        if "criteria" in stap.velden:
            uit["criteria"] = {k: {"score": d.get(f"score_{k}"), "motivering": d.get(f"motivering_{k}", "")}
                               for k in CRITERIA}
        return uit


class ToelichtingForm(forms.Form):
    maatregelen = forms.CharField(label="Welke maatregelen treft u?", widget=forms.Textarea(attrs={"rows": 5}))
    maatregelen_termijn = forms.DateField(label="Gereed op", widget=DATUM)


class OpschortenForm(forms.Form):
    def __init__(self, *args, deelnemer, **kwargs):
        from .models import Nalevingszaak, Niveau, ZaakStap

        super().__init__(*args, **kwargs)
        self.fields["niveau"] = forms.TypedChoiceField(label="Niveau", coerce=int, choices=Niveau.choices,
                                                       widget=forms.RadioSelect)
        self.fields["besluit"] = forms.ModelChoiceField(
            Besluit.objects.filter(deelnemer=deelnemer, soort__in=["opschorting", "beeindiging"]),
            label="Besluit van het bestuur", help_text="Niveau 1-3: een besluit tot opschorting; niveau 4: tot "
                                                       "beëindiging.")
        self.fields["zaak"] = forms.ModelChoiceField(
            Nalevingszaak.objects.filter(deelnemer=deelnemer).exclude(stap=ZaakStap.GESLOTEN), required=False,
            label="Nalevingszaak")
        self.fields["datum"] = forms.DateField(label="Ingangsdatum", required=False, widget=DATUM,
                                               help_text="Leeg: vandaag.")
        self.fields["gepland_tot"] = forms.DateField(
            label="Gepland tot en met", required=False, widget=DATUM,
            help_text="Niveau 1-3: het geplande einde volgens het besluit (leeg: niveau 1 één dag, niveau 2 een week; "
                      "niveau 3 vraagt een datum). Niveau 4 is definitief: leeg laten.")
        self.fields["toelichting"] = forms.CharField(label="Toelichting", required=False,
                                                     widget=forms.Textarea(attrs={"rows": 2}))


class VerlengenForm(forms.Form):
    def __init__(self, *args, deelnemer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluit"] = forms.ModelChoiceField(
            Besluit.objects.filter(deelnemer=deelnemer, soort="opschorting"), label="Besluit van het bestuur",
            help_text="Een nieuw (openbaar) besluit tot opschorting dat de verlenging draagt.")
        self.fields["gepland_tot"] = forms.DateField(label="Nieuwe geplande einddatum (tot en met)", widget=DATUM)
        self.fields["datum"] = forms.DateField(label="Datum", required=False, widget=DATUM, help_text="Leeg: vandaag.")
        self.fields["toelichting"] = forms.CharField(label="Toelichting", required=False,
                                                     widget=forms.Textarea(attrs={"rows": 2}))


class OpheffenForm(forms.Form):
    def __init__(self, *args, deelnemer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluit"] = forms.ModelChoiceField(
            Besluit.objects.filter(deelnemer=deelnemer, soort="opheffing"), label="Besluit tot opheffing")


class GeinformeerdForm(forms.Form):
    datum = forms.DateField(label="Gebruikers geïnformeerd op", widget=DATUM)
