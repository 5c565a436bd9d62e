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


class TriageForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        from stelselbeheer.kern.models import Gebruiker
        from stelselbeheer.kern.rollen import Rol

        from .models import Niveau, Prioriteit

        super().__init__(*args, **kwargs)
        self.fields["prioriteit"] = forms.ChoiceField(label="Prioriteit", choices=Prioriteit.choices)
        self.fields["niveau"] = forms.ChoiceField(label="Niveau", choices=Niveau.choices)
        self.fields["regio"] = forms.ModelChoiceField(Regio.objects.all(), label="Regio", required=False)
        self.fields["team"] = forms.CharField(label="Team", max_length=100, required=False)
        collega = Gebruiker.objects.filter(rol__in=[Rol.UITVOERING, Rol.REGIO], is_active=True)
        if getattr(user, "rso_id", None):
            collega = collega.filter(rso_id=user.rso_id)
        self.fields["toegewezen_aan"] = forms.ModelChoiceField(collega, label="Toegewezen aan", required=False)


class EscalatieForm(forms.Form):
    reden = forms.CharField(label="Reden van de escalatie", widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status", choices=[("opgelost", "Opgelost"), ("gesloten", "Gesloten"),
                                                               ("in_behandeling", "Weer in behandeling")])
    toelichting = forms.CharField(label="Toelichting voor de melder", widget=forms.Textarea(attrs={"rows": 3}))
