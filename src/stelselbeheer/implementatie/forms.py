from django import forms

from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.organisaties.models import Organisatie, Sector
from stelselbeheer.overleg.models import OrgaanSoort, Vergadering, VergaderStatus
from stelselbeheer.register.models import Gegevensdienst

from .models import FIBONACCI_KEUZES, Oordeel, Partij, Product, Risico, Taak, verwachting_voor

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _tekst(rijen=3):
    return forms.Textarea(attrs={"rows": rijen})


class ProductForm(forms.ModelForm):
    sectoren = forms.MultipleChoiceField(label="Sectoren", choices=Sector.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    gegevensdiensten = forms.ModelMultipleChoiceField(Gegevensdienst.objects.order_by("naam"), required=False,
                                                      label="Gegevensdiensten", widget=forms.CheckboxSelectMultiple)
    voorwaarde_voor = forms.ModelMultipleChoiceField(Product.objects.order_by("naam"), required=False,
                                                     label="Voorwaarde voor", widget=forms.CheckboxSelectMultiple,
                                                     help_text="De producten die dit product nodig hebben.")

    class Meta:
        model = Product
        fields = ["code", "naam", "soort", "eigenaar", "omschrijving", "sectoren", "gegevensdiensten",
                  "wettelijk_verplicht", "voorwaarde_voor"]
        widgets = {"omschrijving": _tekst(4)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
            self.fields["voorwaarde_voor"].queryset = Product.objects.exclude(pk=self.instance.pk).order_by("naam")
            self.initial["sectoren"] = self.instance.sectoren

    def _post_clean(self):  # the service validates the model; the form only checks its own fields
        pass


class ProductWijzigForm(ProductForm):
    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=_tekst(2))


class BeoordelingForm(forms.Form):
    """One fieldset per criterion: score, findings and open issues towards ``fase``; field errors per criterion."""

    def __init__(self, *args, criteria=(), fase: str, bestaand=None, **kwargs):
        super().__init__(*args, **kwargs)
        bestaand = bestaand or {}
        self.criteria = list(criteria)
        for c in self.criteria:
            b = bestaand.get(c.pk)
            self.fields[f"criterium_{c.code}"] = forms.ChoiceField(
                label=f"{c.naam}: oordeel", choices=[("", "Nog niet beoordeeld")] + Oordeel.choices,
                required=False, initial=b.oordeel if b else "",
                help_text=f"Verwachting: {verwachting_voor(c, fase)}")
            self.fields[f"bevindingen_{c.code}"] = forms.CharField(
                label=f"{c.naam}: bevindingen", required=False, widget=_tekst(2), initial=b.bevindingen if b else "")
            self.fields[f"open_{c.code}"] = forms.CharField(
                label=f"{c.naam}: openstaande punten", required=False, widget=_tekst(2),
                initial=b.openstaande_punten if b else "")

    def oordelen(self) -> dict[str, dict]:
        d = self.cleaned_data
        return {c.code: {"oordeel": d[f"criterium_{c.code}"], "bevindingen": d[f"bevindingen_{c.code}"],
                         "openstaande_punten": d[f"open_{c.code}"]}
                for c in self.criteria if d.get(f"criterium_{c.code}") or d.get(f"bevindingen_{c.code}")}

    def groepen(self):
        return [(c, [self[f"criterium_{c.code}"], self[f"bevindingen_{c.code}"], self[f"open_{c.code}"]])
                for c in self.criteria]


class FasebesluitForm(forms.Form):
    vergadering = forms.ModelChoiceField(Vergadering.objects.none(), label="Vergadering van de implementatiegroep")
    toelichting = forms.CharField(label="Toelichting (besluittekst)", required=False, widget=_tekst(3))

    def __init__(self, *args, product: Product, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vergadering"].queryset = (
            Vergadering.objects.filter(orgaan__soort=OrgaanSoort.IMPLEMENTATIEGROEP,
                                       agendapunten__onderwerp_type__app_label="implementatie",
                                       agendapunten__onderwerp_type__model="product",
                                       agendapunten__onderwerp_id=product.pk)
            .exclude(status=VergaderStatus.GEANNULEERD).select_related("orgaan").distinct().order_by("-begin"))
        self.fields["vergadering"].help_text = "Alleen vergaderingen waar het product op de agenda staat."
        # hidden carriers of the per-criterion and other service errors, so they show at a named field
        for c in criteria:
            self.fields[f"criterium_{c.code}"] = forms.CharField(label=c.naam, required=False,
                                                                 widget=forms.HiddenInput)
        self.fields["naar_fase"] = forms.CharField(label="Naar fase", required=False, widget=forms.HiddenInput)
        self.fields["koplopers"] = forms.CharField(label="Koplopers", required=False, widget=forms.HiddenInput)


class KoploperForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        Organisatie.objects.filter(soort__in=["zorgaanbieder", "aanbieder_zonder_behandelrelatie", "leverancier",
                                              "rso", "vsv"]).order_by("naam"), label="Organisatie")
    toelichting = forms.CharField(label="Waarom deze koploper", required=False, widget=_tekst(2))


class TaakForm(forms.ModelForm):
    class Meta:
        model = Taak
        fields = ["fase", "partij", "organisatie", "omschrijving"]
        widgets = {"omschrijving": _tekst(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partij"].choices = Partij.choices
        self.fields["organisatie"].queryset = Organisatie.objects.order_by("naam")

    def _post_clean(self):
        pass


class WsjfForm(forms.Form):
    gebruikerswaarde = forms.TypedChoiceField(label="Waarde voor gebruikers", choices=FIBONACCI_KEUZES, coerce=int)
    tijdkritiek = forms.TypedChoiceField(label="Tijdkritiek", choices=FIBONACCI_KEUZES, coerce=int)
    risicoreductie = forms.TypedChoiceField(label="Risicoreductie", choices=FIBONACCI_KEUZES, coerce=int)
    omvang = forms.TypedChoiceField(label="Omvang (job size)", choices=FIBONACCI_KEUZES, coerce=int,
                                    help_text="Hoe groot de implementatie-inspanning is: groter is later.")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=_tekst(2))


class HerberekenForm(forms.Form):
    aanleiding = forms.CharField(label="Aanleiding", max_length=300)


class RisicoForm(forms.ModelForm):
    eigenaar = forms.ModelChoiceField(Gebruiker.objects.filter(is_active=True).exclude(rol="deelnemer")
                                      .order_by("username"), label="Eigenaar")

    class Meta:
        model = Risico
        fields = ["titel", "product", "kans", "impact", "mitigatie", "eigenaar", "herzien_op", "status"]
        widgets = {"mitigatie": _tekst(3), "herzien_op": DATUM, "titel": _tekst(2)}

    def __init__(self, *args, nieuw=False, **kwargs):
        super().__init__(*args, **kwargs)
        if nieuw:
            del self.fields["status"]

    def _post_clean(self):
        pass


class RisicoWijzigForm(RisicoForm):
    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=_tekst(2))


class OrganisatieKeuzeForm(forms.Form):
    organisatie = forms.ModelChoiceField(Organisatie.objects.order_by("naam"), label="Organisatie", required=False)


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden", widget=_tekst(2))
