import json
import re

from django import forms

from stelselbeheer.organisaties.models import Regio

from .models import OMSCHRIJVING_MAX, Doelgroep, Ernst, Niveau, Prioriteit, Soort, Zichtbaar


class MeldingForm(forms.Form):
    soort = forms.ChoiceField(label="Soort melding", choices=Soort.choices)
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 6}),
                                   max_length=OMSCHRIJVING_MAX,
                                   help_text=f"Wat gebeurde er, wanneer, en wat had u verwacht? Hooguit "
                                             f"{OMSCHRIJVING_MAX:_} tekens.".replace("_", "."))
    melder_naam = forms.CharField(label="Uw naam", max_length=200)
    melder_email = forms.EmailField(label="Uw e-mailadres", max_length=254)
    regio = forms.ModelChoiceField(Regio.objects.all(), label="Regio", required=False,
                                   help_text="Verplicht als het een regionaal probleem is.")

    def __init__(self, *args, uitkomst: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if uitkomst == "rso":  # the regional desk picks it up: the region is asked with the other fields, not after
            self.fields["regio"].required = True
            self.fields["regio"].error_messages["required"] = "Kies uw regio: de regionale desk pakt dit op."
            self.fields["regio"].help_text = "De regionale desk van uw regio behandelt dit."


class TriageForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        from stelselbeheer.kern.models import Gebruiker
        from stelselbeheer.kern.rollen import Rol

        super().__init__(*args, **kwargs)
        self.fields["soort"] = forms.ChoiceField(label="Soort", choices=Soort.choices)
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


class UpdateForm(forms.Form):
    tekst = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 3}))
    zichtbaar = forms.ChoiceField(label="Zichtbaar voor", choices=Zichtbaar.choices, initial=Zichtbaar.INTERN)


def _deelnemers():
    from stelselbeheer.deelnemers.models import Deelnemer

    return Deelnemer.objects.select_related("organisatie").order_by("organisatie__naam")


class IncidentForm(forms.Form):
    ernst = forms.ChoiceField(label="Ernst", choices=[("", "---------"), *Ernst.choices])
    gegevensdiensten = forms.ModelMultipleChoiceField(queryset=None, label="Getroffen gegevensdiensten",
                                                      required=False)
    aanbieders = forms.CharField(label="Getroffen zorgaanbieders", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="Aanbiedernamen zoals in de ZAL (bijv. huisartsdelinde@medmij), één per "
                                           "regel of gescheiden door komma's. Hun DVA telt als getroffen deelnemer.")
    deelnemers = forms.ModelMultipleChoiceField(queryset=None, label="Andere getroffen deelnemers", required=False)

    def __init__(self, *args, **kwargs):
        from stelselbeheer.register.models import Gegevensdienst

        super().__init__(*args, **kwargs)
        self.fields["gegevensdiensten"].queryset = Gegevensdienst.objects.order_by("code")
        self.fields["deelnemers"].queryset = _deelnemers()

    def clean_aanbieders(self):
        from stelselbeheer.register.models import Aanbieder

        namen = [n for n in re.split(r"[\s,;]+", self.cleaned_data["aanbieders"]) if n]
        gevonden = {a.naam: a for a in Aanbieder.objects.filter(naam__in=namen)}
        onbekend = [n for n in namen if n not in gevonden]
        if onbekend:
            raise forms.ValidationError(f"Onbekende zorgaanbieder(s): {', '.join(onbekend[:10])}.")
        return list(gevonden.values())


class BerichtForm(forms.Form):
    tekst = forms.CharField(label="Bericht aan de getroffen deelnemers", widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="Gaat per e-mail naar hun contactadres en gebruikers, en staat op hun "
                                      "meldingpagina.")


class EvaluatieForm(forms.Form):
    evaluatie = forms.CharField(label="Evaluatie na het incident", widget=forms.Textarea(attrs={"rows": 5}),
                                help_text="Oorzaak, verloop, genomen en nog te nemen maatregelen.")


class NalevingForm(forms.Form):
    deelnemer = forms.ModelChoiceField(queryset=None, label="Deelnemer")
    verplichting = forms.CharField(label="Verplichting uit het afsprakenstelsel", max_length=200)

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemer"].queryset = melding.betrokken_deelnemers.select_related("organisatie")


class PartijenForm(forms.Form):
    partijen = forms.ModelMultipleChoiceField(queryset=None, label="Partijen", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partijen"].queryset = _deelnemers()


class BestuurForm(forms.Form):
    reden = forms.CharField(label="Waarom de bemiddeling niet tot een oplossing leidde",
                            widget=forms.Textarea(attrs={"rows": 3}))


class UitspraakForm(forms.Form):
    uitspraak = forms.CharField(label="Uitspraak van het bestuur", widget=forms.Textarea(attrs={"rows": 4}))
    besluit = forms.ModelChoiceField(queryset=None, label="Besluit (optioneel)", required=False)

    def __init__(self, *args, **kwargs):
        from stelselbeheer.besluiten.models import Besluit

        super().__init__(*args, **kwargs)
        self.fields["besluit"].queryset = Besluit.objects.order_by("-datum", "-nummer")


class ReactieForm(forms.Form):
    tekst = forms.CharField(label="Uw reactie", widget=forms.Textarea(attrs={"rows": 4}))


class ArtikelForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    tekst = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 8}))
    trefwoorden = forms.CharField(label="Trefwoorden", max_length=300, required=False)
    doelgroep = forms.ChoiceField(label="Doelgroep", choices=Doelgroep.choices)
    gepubliceerd = forms.BooleanField(label="Gepubliceerd", required=False, initial=True)


class BoomForm(forms.Form):
    boom = forms.CharField(label="Beslisboom (JSON)", widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
                           help_text='{"start": knoop, "knopen": {naam: {"vraag": tekst, "opties": [{"label": tekst, '
                                     '"naar": knoop}]} of {"uitkomst": eigen_ict|leverancier|rso|landelijk, '
                                     '"tekst": tekst}}}')

    def clean_boom(self):
        try:
            boom = json.loads(self.cleaned_data["boom"])
        except json.JSONDecodeError as e:
            raise forms.ValidationError(f"Geen geldige JSON: {e.msg} (regel {e.lineno}, kolom {e.colno}).") from e
        return boom
