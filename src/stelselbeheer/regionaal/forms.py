import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone

from stelselbeheer.organisaties.models import Organisatie, OrganisatieRelatie, RelatieSoort, Soort
from stelselbeheer.overleg.models import AMSTERDAM

from .models import (
    Betaling,
    ChecklistSoort,
    Contactpersoon,
    Contactsoort,
    Dienst,
    Documentsoort,
    Levering,
    Ontbindingsgrond,
    Overlegniveau,
    Partij,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: the dates a term is computed for: a year far outside this range is a typing error, not a contract
VROEGST, LAATST = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


class Datum(forms.DateField):
    """A date field between VROEGST and LAATST (so the term computations never leave the calendar)."""

    widget = DATUM

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(VROEGST), MaxValueValidator(LAATST)])
        super().__init__(*args, **kwargs)
TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DienstForm(forms.ModelForm):
    class Meta:
        model = Dienst
        fields = ["thema", "omvat", "plaatsing", "levering"]
        widgets = {"omvat": forms.Textarea(attrs={"rows": 3})}


class TariefForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)
    bedrag = forms.DecimalField(label="Bedrag per jaar (EUR)", min_value=0, max_digits=10, decimal_places=2)


class OvereenkomstForm(forms.Form):
    vsv = forms.ModelChoiceField(Organisatie.objects.filter(soort=Soort.VSV).order_by("naam"), label="VSV")
    opzegtermijn_maanden = forms.TypedChoiceField(label="Opzegtermijn (art. 6.2)", coerce=int,
                                                  choices=[(3, "3 maanden"), (6, "6 maanden")])
    optionele_diensten = forms.ModelMultipleChoiceField(
        Dienst.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Gekozen optionele diensten (art. 2, bijlage 3)")

    def __init__(self, *args, rso, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["optionele_diensten"].queryset = rso.rso_diensten.filter(levering=Levering.OPTIONEEL)


class ContactpersoonForm(forms.ModelForm):
    class Meta:
        model = Contactpersoon
        fields = ["partij", "organisatie", "naam", "functie", "telefoon", "email"]


class OndertekenenForm(forms.Form):
    partij = forms.ChoiceField(label="Partij die tekent", choices=Partij.choices)
    naam = forms.CharField(label="Naam ondertekenaar", max_length=200)
    functie = forms.CharField(label="Functie", max_length=200)
    plaats = forms.CharField(label="Plaats", max_length=100, required=False)
    datum = Datum(label="Datum van ondertekening")


class OpzeggenForm(forms.Form):
    door = forms.ChoiceField(label="Opgezegd door", choices=Partij.choices)
    ontvangen_op = Datum(label="Aangetekende brief ontvangen op")
    einddatum = Datum(label="Gewenste einddatum", required=False,
                                help_text="Leeg: de vroegste datum die de opzegtermijn toelaat.")


class OntbindenForm(forms.Form):
    grond = forms.ChoiceField(label="Grond", choices=Ontbindingsgrond.choices)
    datum = Datum(label="Ontbonden per")
    overmacht_sinds = Datum(label="Overmacht ontstaan op", required=False,
                                      help_text="Alleen bij overmacht.")


class BetalingForm(forms.ModelForm):
    ontvangen_op = Datum(label="Ontvangen op")

    class Meta:
        model = Betaling
        fields = ["dienst", "ontvangen_op", "bedrag", "omschrijving"]

    def __init__(self, *args, rso, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dienst"].queryset = rso.rso_diensten.all()


class DeelnemersovereenkomstForm(forms.Form):
    deelnemer = forms.ModelChoiceField(Organisatie.objects.none(), label="Zorgaanbieder (lid van het VSV)")
    dienst = forms.ModelChoiceField(Dienst.objects.none(), label="Dienst (rechtstreeks, bijlage 4)")
    ingangsdatum = Datum(label="Ingangsdatum")
    verwerker = forms.CharField(label="Verwerker", max_length=200)
    verwerkersovereenkomst_tot = Datum(label="Verwerkersovereenkomst geldig tot en met")

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        leden = OrganisatieRelatie.objects.filter(naar=overeenkomst.vsv, soort=RelatieSoort.LID_VAN).values("van")
        self.fields["deelnemer"].queryset = Organisatie.objects.filter(pk__in=leden).order_by("naam")
        self.fields["dienst"].queryset = overeenkomst.rso.rso_diensten.filter(levering=Levering.RECHTSTREEKS)


class RegionaalOverlegForm(forms.Form):
    niveau = forms.ChoiceField(label="Niveau", choices=Overlegniveau.choices)
    naam = forms.CharField(label="Naam", max_length=200)
    code = forms.SlugField(label="Code", max_length=40, help_text="Korte naam in de adresbalk, bijvoorbeeld "
                                                                  "'gebruikersgroep-twente'.")
    vsv = forms.ModelChoiceField(Organisatie.objects.filter(soort=Soort.VSV).order_by("naam"), required=False,
                                 label="VSV (bij het operationele overleg)")


class VergaderingForm(forms.Form):
    datum = Datum(label="Datum")
    begintijd = forms.TimeField(label="Begintijd", widget=TIJD)
    eindtijd = forms.TimeField(label="Eindtijd", widget=TIJD)
    plaats = forms.CharField(label="Plaats", max_length=200, required=False)
    online_link = forms.URLField(label="Link voor online deelname", required=False, assume_scheme="https")

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {"begin": dt.datetime.combine(d["datum"], d["begintijd"], tzinfo=AMSTERDAM),
                "einde": dt.datetime.combine(d["datum"], d["eindtijd"], tzinfo=AMSTERDAM),
                "plaats": d.get("plaats", ""), "online_link": d.get("online_link", "")}


class TermenForm(forms.Form):
    """The what-if questions on an agreement's page (GET): never changes anything."""

    einde = Datum(label="Gewenste einddatum (laatste opzegdag berekenen)", required=False)
    overmacht = Datum(label="Overmacht ontstaan op (ontbinding berekenen)", required=False)
    tekortkoming = Datum(label="Datum van de tekortkoming (aansprakelijkheid berekenen)", required=False)
    uitkering = forms.DecimalField(label="Uitkering van de verzekeraar (EUR, leeg: keert niet uit)", min_value=0,
                                   max_digits=12, decimal_places=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vandaag = timezone.localdate()


class ChecklistForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=ChecklistSoort.choices)
    vsv = forms.ModelChoiceField(Organisatie.objects.filter(soort=Soort.VSV).order_by("naam"), label="VSV")
    zorgaanbieder = forms.ModelChoiceField(
        Organisatie.objects.filter(soort__in=[Soort.ZORGAANBIEDER, Soort.AANBIEDER_ZONDER_BEHANDELRELATIE])
        .order_by("naam"), required=False, label="Nieuwe zorgaanbieder (bij een aansluiting)")
    gestart_op = Datum(label="Gestart op")
    eigenaar = forms.CharField(label="Eigenaar van de stappen", max_length=200, required=False,
                               help_text="Per stap later aan te passen.")


class CheckstapForm(forms.Form):
    eigenaar = forms.CharField(label="Eigenaar", max_length=200, required=False)
    streefdatum = Datum(label="Streefdatum", required=False)
    gereed_op = Datum(label="Gereed op", required=False)


class ContactpuntForm(forms.Form):
    organisatie = forms.ModelChoiceField(Organisatie.objects.none(), label="Organisatie")
    soort = forms.ChoiceField(label="Soort", choices=Contactsoort.choices)
    naam = forms.CharField(label="Naam of functie", max_length=200)
    telefoon = forms.CharField(label="Telefoon", max_length=30, required=False)
    email = forms.EmailField(label="E-mail")

    def __init__(self, *args, rso, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            Q(pk=rso.pk) | Q(soort=Soort.VSV, regio=rso.regio_id)
            | Q(pk__in=rso.overeenkomsten_rso.values("vsv"))).order_by("soort", "naam")


class LeverancierscontractForm(forms.Form):
    leverancier = forms.ModelChoiceField(Organisatie.objects.filter(soort=Soort.LEVERANCIER).order_by("naam"),
                                         label="Leverancier")
    onderwerp = forms.CharField(label="Onderwerp", max_length=200, help_text="Bijvoorbeeld: viewer en ZNO.")
    ingangsdatum = Datum(label="Ingangsdatum")
    einddatum = Datum(label="Einddatum")
    opzegtermijn_maanden = forms.IntegerField(label="Opzegtermijn (maanden)", min_value=1, max_value=24)
    verwerkersovereenkomst = forms.BooleanField(label="Met verwerkersovereenkomst", required=False, initial=True)


class BeveiligingsdocumentForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=Documentsoort.choices)
    titel = forms.CharField(label="Titel", max_length=200)
    vastgesteld_op = Datum(label="Vastgesteld op")
    review_voor = Datum(label="Review uiterlijk")
