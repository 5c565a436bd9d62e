from django import forms

from stelselbeheer.besluiten.models import Besluit, BesluitSoort
from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.register.models import Gegevensdienst

from .models import Impact, Release, ReleaseStatus, UitrolStatus


def _tekst(rijen: int = 4):
    return forms.Textarea(attrs={"rows": rijen})


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["nummer", "titel", "samenvatting", "gepland_kwartaal", "ingangsdatum", "overgangsdatum"]
        widgets = {"samenvatting": _tekst(), "ingangsdatum": DatumInvoer(), "overgangsdatum": DatumInvoer()}


class ReleaseWijzigForm(ReleaseForm):
    reden = forms.CharField(label="Reden van de wijziging", required=False, max_length=500)


class DocumentForm(forms.Form):
    bestand = forms.FileField(label="Bestand", help_text="PDF, ODT, DOCX, TXT, PNG of JPG; hooguit 10 MB.")
    naam = forms.CharField(label="Naam", max_length=200, required=False,
                           help_text="Leeg laten om de bestandsnaam te gebruiken.")


class StandaardForm(forms.Form):
    naam = forms.CharField(label="Naam van de standaard", max_length=200)
    versie = forms.CharField(label="Versie", max_length=40)
    eigenaar = forms.CharField(label="Eigenaar (organisatie)", max_length=200)
    url = forms.URLField(label="Vindplaats (adres)", required=False, assume_scheme="https")


class WijzigingForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=_tekst())
    impact_dvp = forms.ChoiceField(label="Impact voor een DVP", choices=Impact.choices)
    impact_dva = forms.ChoiceField(label="Impact voor een DVA", choices=Impact.choices)
    gegevensdiensten = forms.ModelMultipleChoiceField(Gegevensdienst.objects.all(), required=False,
                                                      label="Gegevensdiensten",
                                                      widget=forms.CheckboxSelectMultiple)


class TermijnForm(forms.Form):
    rol = forms.ChoiceField(label="Rol", choices=RolSoort.choices)
    uiterlijk = forms.DateField(label="Live uiterlijk op", widget=DatumInvoer())


class OvergangForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=_tekst(3))


class GoedkeurenForm(OvergangForm):
    besluit = forms.ModelChoiceField(
        Besluit.objects.none(), label="Besluit van het bestuur",
        help_text="Alleen een besluit van de soort ‘goedkeuring van een release’ uit een vastgesteld "
                  "besluitvoorstel (AFS-GOEDKEURING).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluit"].queryset = Besluit.objects.filter(soort=BesluitSoort.RELEASE, release__isnull=True)


class UitrolForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=UitrolStatus.choices)
    testdatum = forms.DateField(label="Datum kwalificatietest", required=False, widget=DatumInvoer())
    testresultaat = forms.ChoiceField(label="Resultaat kwalificatietest", required=False,
                                      choices=[("", "(niet gewijzigd)"), ("geslaagd", "Geslaagd"),
                                               ("gezakt", "Niet geslaagd")])
    toelichting = forms.CharField(label="Toelichting", required=False, widget=_tekst(3))


class OvereenkomstForm(forms.Form):
    release = forms.ModelChoiceField(
        Release.objects.filter(status__in=[ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING]),
        label="Release van de getekende overeenkomst")
    ondertekend_op = forms.DateField(label="Ondertekend op", widget=DatumInvoer())
