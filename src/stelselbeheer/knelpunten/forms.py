from django import forms
from django.utils import timezone

from stelselbeheer.implementatie.models import Product
from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.organisaties.keuze import OrganisatiesVeld
from stelselbeheer.organisaties.models import Regio, Sector
from stelselbeheer.overleg.models import Vergadering, VergaderStatus
from stelselbeheer.register.models import Gegevensdienst
from stelselbeheer.wijzigingen.models import Ontwikkelagenda

from .models import Bouwblok, KnelpuntStatus, Uitkomstsoort
from .services import juiste_organen

JA_NEE = [("ja", "Binnen de invloedssfeer van het afsprakenstelsel"),
          ("nee", "Buiten de invloedssfeer: vraagt een bredere aanpak met andere partijen")]


class KnelpuntForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea, max_length=5000)
    bouwblok = forms.ModelChoiceField(Bouwblok.objects.all(), label="Bouwblok",
                                      help_text="Een van de acht bouwblokken van MedElkaar.")
    sector = forms.ChoiceField(label="Sector", choices=[("", "Sectoroverstijgend")] + list(Sector.choices),
                               required=False)
    regio = forms.ModelChoiceField(Regio.objects.all(), label="Regio", required=False, empty_label="Landelijk")
    binnen_invloed = forms.ChoiceField(label="Invloedssfeer", choices=JA_NEE, widget=forms.RadioSelect)
    eigenaar = OrganisatiesVeld(label="Eigenaar (één organisatie)")
    partners = OrganisatiesVeld(label="Partners", required=False)
    uitkomstsoort = forms.ChoiceField(label="Beoogde uitkomst", choices=Uitkomstsoort.choices)
    product = forms.ModelChoiceField(Product.objects.all(), label="Product", required=False,
                                     empty_label="Geen bepaald product")

    def clean_eigenaar(self):
        gekozen = self.cleaned_data["eigenaar"]
        if len(gekozen) != 1:
            raise forms.ValidationError("Kies precies één organisatie als eigenaar.")
        return gekozen[0]


class AgenderenForm(forms.Form):
    vergadering = forms.ModelChoiceField(Vergadering.objects.none(), label="Vergadering",
                                         help_text="Geplande vergaderingen van een orgaan dat over dit knelpunt gaat.")
    toelichting = forms.CharField(label="Toelichting bij het agendapunt", widget=forms.Textarea, required=False,
                                  max_length=2000)

    def __init__(self, *args, knelpunt, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vergadering"].queryset = (
            Vergadering.objects.filter(status=VergaderStatus.GEPLAND, begin__gte=timezone.now(),
                                       orgaan__soort__in=juiste_organen(knelpunt))
            .select_related("orgaan").order_by("begin"))
        self.fields["vergadering"].label_from_instance = lambda v: f"{v.orgaan.naam}, {v.begin:%d-%m-%Y %H:%M}"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status", choices=KnelpuntStatus.choices)
    oplossing = forms.CharField(label="Oplossing of reden", widget=forms.Textarea, required=False, max_length=5000,
                                help_text="Verplicht bij opgelost of vervallen.")


class NaarRfcForm(forms.Form):
    agenda = forms.ModelChoiceField(Ontwikkelagenda.objects.order_by("naam"), label="Ontwikkelagenda",
                                    empty_label="Kies de agenda",
                                    help_text="Per bronsysteem, per viewer of algemeen: de agenda bepaalt de route.")
    voorstel = forms.CharField(label="Voorgestelde wijziging van de afspraken",
                               widget=forms.Textarea(attrs={"rows": 5}),
                               validators=[valideer_xml_tekens],
                               help_text="Het probleem is de omschrijving van het knelpunt; schrijf hier de oplossing.")
    gegevensdiensten = forms.ModelMultipleChoiceField(
        Gegevensdienst.objects.order_by("naam"), required=False, label="Gegevensdiensten",
        help_text="Bepaalt de impactanalyse. Leeg: die van het product van het knelpunt.")
