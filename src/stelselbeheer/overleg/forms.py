import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.meldingen.models import Soort as MeldingSoort
from stelselbeheer.naleving.models import Nalevingszaak
from stelselbeheer.organisaties.keuze import OrganisatiesVeld
from stelselbeheer.organisaties.models import Organisatie

from . import onderwerpen, stappen
from .models import (
    AMSTERDAM,
    Agendapunt,
    LidRol,
    Orgaan,
    OrgaanSoort,
    Vergadering,
    VergaderStatus,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _tekst(rijen=4):
    return forms.Textarea(attrs={"rows": rijen})


class OrgaanForm(forms.ModelForm):
    class Meta:
        model = Orgaan
        fields = ["code", "naam", "soort", "omschrijving", "openbaar"]
        widgets = {"omschrijving": _tekst(3)}


class OrgaanWijzigForm(forms.ModelForm):
    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=_tekst(2))

    class Meta:
        model = Orgaan
        fields = ["naam", "omschrijving", "openbaar"]
        widgets = {"omschrijving": _tekst(3)}


class LidForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=200, required=False,
                           help_text="Leeg laten om de naam van het gekozen account over te nemen.")
    rol = forms.ChoiceField(label="Rol in het orgaan", choices=LidRol.choices)
    gebruiker = forms.ModelChoiceField(
        Gebruiker.objects.filter(is_active=True).order_by("username"), required=False, label="Account",
        help_text="Alleen een lid met een account handelt in het systeem (bijvoorbeeld: een besluit vaststellen).")
    organisatie = forms.ModelChoiceField(Organisatie.objects.order_by("naam"), required=False,
                                         label="Namens organisatie")
    van = forms.DateField(label="Lid vanaf", widget=DATUM)
    tot = forms.DateField(label="Lid tot en met", required=False, widget=DATUM)

    def clean(self):
        data = super().clean()
        if not (data.get("naam") or "").strip() and not data.get("gebruiker"):
            self.add_error("naam", "Geef een naam of kies een account.")
        return data


class LidBeeindigenForm(forms.Form):
    tot = forms.DateField(label="Lid tot en met", widget=DATUM)
    reden = forms.CharField(label="Reden", required=False, widget=_tekst(2))


class VergaderingForm(forms.Form):
    """Date and times as the secretariat types them, read in Europe/Amsterdam."""

    datum = forms.DateField(label="Datum", widget=DATUM)
    begintijd = forms.TimeField(label="Begintijd", widget=TIJD)
    eindtijd = forms.TimeField(label="Eindtijd", widget=TIJD)
    plaats = forms.CharField(label="Plaats", max_length=200, required=False)
    online_link = forms.URLField(label="Link voor online deelname", required=False, assume_scheme="https")

    @classmethod
    def voor(cls, vergadering: Vergadering, data=None):
        begin, einde = vergadering.begin.astimezone(AMSTERDAM), vergadering.einde.astimezone(AMSTERDAM)
        return cls(data, initial={"datum": begin.date(), "begintijd": begin.time(), "eindtijd": einde.time(),
                                  "plaats": vergadering.plaats, "online_link": vergadering.online_link})

    def clean(self):
        data = super().clean()
        if data.get("datum") and data.get("begintijd") and data.get("eindtijd"):
            data["begin"] = dt.datetime.combine(data["datum"], data["begintijd"], tzinfo=AMSTERDAM)
            data["einde"] = dt.datetime.combine(data["datum"], data["eindtijd"], tzinfo=AMSTERDAM)
            if data["einde"] <= data["begin"]:
                self.add_error("eindtijd", "De vergadering eindigt na de begintijd.")
        return data

    def gegevens(self) -> dict:
        d = self.cleaned_data
        return {"begin": d["begin"], "einde": d["einde"], "plaats": d["plaats"], "online_link": d["online_link"]}


class AnnulerenForm(forms.Form):
    reden = forms.CharField(label="Reden van de annulering", widget=_tekst(3))


class BevestigenForm(forms.Form):
    """A step without input: the button is the confirmation."""


class AgendapuntForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    toelichting = forms.CharField(label="Waar gaat het over?", required=False, widget=_tekst(3))
    onderwerp_soort = forms.ChoiceField(label="Betreft", required=False,
                                        help_text="Laat leeg voor een agendapunt met alleen tekst.")
    onderwerp_sleutel = forms.CharField(
        label="Nummer of naam", required=False, max_length=200,
        help_text="Deelnemer: naam van de organisatie; zaak, melding of besluit: het nummer (N-…, M-…, B-…).")

    def __init__(self, *args, volgorde: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp_soort"].choices = [("", "Geen: alleen tekst"), *onderwerpen.keuzes()]
        if volgorde:
            self.fields["volgorde"] = forms.IntegerField(label="Plaats op de agenda", min_value=1)

    @classmethod
    def voor(cls, punt: Agendapunt, data=None):
        initial = {"titel": punt.titel, "toelichting": punt.toelichting, "volgorde": punt.volgorde}
        obj = punt.onderwerp
        soort = onderwerpen.soort_van(obj) if obj is not None else None
        if soort:
            initial |= {"onderwerp_soort": soort.code, "onderwerp_sleutel": soort.sleutel_van(obj)}
        return cls(data, initial=initial, volgorde=True)

    def clean(self):
        data = super().clean()
        soort, sleutel = data.get("onderwerp_soort"), (data.get("onderwerp_sleutel") or "").strip()
        data["onderwerp"] = None
        if soort and not sleutel:
            self.add_error("onderwerp_sleutel", "Geef het nummer of de naam van waar het agendapunt over gaat.")
        elif soort:
            try:
                data["onderwerp"] = onderwerpen.zoek(soort, sleutel)
            except ValidationError as fout:
                for veld, lijst in fout.error_dict.items():
                    self.add_error(veld, lijst)
        return data

    def gegevens(self) -> dict:
        d = self.cleaned_data
        uit = {"titel": d["titel"], "toelichting": d["toelichting"], "onderwerp": d["onderwerp"]}
        if "volgorde" in d:
            uit["volgorde"] = d["volgorde"]
        return uit


class DocumentForm(forms.Form):
    bestand = forms.FileField(label="Bestand", help_text="PDF, ODT, DOCX, TXT, PNG of JPG; hooguit 10 MB.")
    naam = forms.CharField(label="Naam", max_length=200, required=False,
                           help_text="Leeg laten om de bestandsnaam te gebruiken.")
    agendapunt = forms.ModelChoiceField(Agendapunt.objects.none(), required=False, label="Bij agendapunt")
    vertrouwelijk = forms.BooleanField(label="Vertrouwelijk (alleen bestuur en uitvoeringsorganisatie)",
                                       required=False)

    def __init__(self, *args, vergadering: Vergadering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = vergadering.agendapunten.all()


class AdviesnotaForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=200)
    advies = forms.CharField(label="Advies van de uitvoeringsorganisatie", widget=_tekst(8))
    vertrouwelijk = forms.BooleanField(label="Vertrouwelijk (alleen bestuur en uitvoeringsorganisatie)",
                                       required=False, initial=True)


class NotulenForm(forms.Form):
    tekst = forms.CharField(label="Notulen", widget=_tekst(16))


class NotulenVaststellenForm(forms.Form):
    vastgesteld_in = forms.ModelChoiceField(Vergadering.objects.none(), label="Vastgesteld in de vergadering van",
                                            empty_label=None)

    def __init__(self, *args, vergadering: Vergadering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vastgesteld_in"].queryset = (
            Vergadering.objects.filter(orgaan=vergadering.orgaan, begin__gt=vergadering.begin)
            .exclude(status=VergaderStatus.GEANNULEERD).select_related("orgaan").order_by("begin"))


class VoorstelForm(forms.Form):
    orgaan = forms.ModelChoiceField(Orgaan.objects.filter(soort=OrgaanSoort.BESTUUR), label="Besluitvormend orgaan",
                                    empty_label=None)
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    tekst = forms.CharField(label="Tekst van het besluit", widget=_tekst(10))
    soort = forms.ChoiceField(label="Soort besluit", choices=BesluitSoort.choices)
    openbaar = forms.BooleanField(label="Openbaar besluit", required=False, initial=True,
                                  help_text="Een openbaar besluit komt na vaststelling op de besluitenpagina en in "
                                            "de feed.")
    deelnemer = forms.ModelChoiceField(Deelnemer.objects.select_related("organisatie"), required=False,
                                       label="Betrokken deelnemer")
    partijen = OrganisatiesVeld(label="Partijen", required=False)  # thousands of organisations: never a select
    stap = forms.ChoiceField(label="Maakt mogelijk (bestuursstap)", choices=stappen.KEUZES, required=False,
                             help_text="Alleen een vastgesteld besluit draagt een bestuursstap, en alleen de stap die "
                                       "hier staat, over deze deelnemer, zaak of melding (OVL-STAP).")
    zaak = forms.ModelChoiceField(Nalevingszaak.objects.select_related("deelnemer__organisatie").order_by("-nummer"),
                                  required=False, label="Nalevingszaak", help_text="Bij 'ontbinden'.")
    melding = forms.ModelChoiceField(Melding.objects.filter(soort__in=[MeldingSoort.KLACHT, MeldingSoort.GESCHIL])
                                     .order_by("-nummer"), required=False, label="Klacht of geschil",
                                     help_text="Bij 'uitspraak'.")
    agendapunt = forms.ModelChoiceField(Agendapunt.objects.none(), required=False, label="Agendapunt",
                                        help_text="Nodig om het voorstel aan het bestuur voor te leggen.")
    reden = forms.CharField(label="Reden van de wijziging", required=False, widget=_tekst(2))

    def __init__(self, *args, wijzigen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = (
            Agendapunt.objects.filter(vergadering__orgaan__soort=OrgaanSoort.BESTUUR)
            .exclude(vergadering__status=VergaderStatus.GEANNULEERD)
            .select_related("vergadering__orgaan").order_by("-vergadering__begin", "volgorde"))
        self.fields["agendapunt"].label_from_instance = lambda p: f"{p.vergadering}: {p}"
        self.fields["melding"].label_from_instance = lambda m: f"{m.nummer}: {m.onderwerp}"
        if not wijzigen:
            del self.fields["reden"]

    @classmethod
    def voor(cls, voorstel, data=None):
        return cls(data, wijzigen=True, initial={
            "orgaan": voorstel.orgaan_id, "onderwerp": voorstel.onderwerp, "tekst": voorstel.tekst,
            "soort": voorstel.soort, "openbaar": voorstel.openbaar, "deelnemer": voorstel.deelnemer_id,
            "partijen": list(voorstel.partijen.all()), "agendapunt": voorstel.agendapunt_id, "stap": voorstel.stap,
            "zaak": voorstel.zaak_id, "melding": voorstel.melding_id})


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=_tekst(3))

    def __init__(self, *args, verplicht: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toelichting"].required = verplicht


class BeslissenForm(forms.Form):
    """The board's decision: the button pressed (vaststellen, aanhouden, afwijzen) and the revision read."""

    beslissing = forms.ChoiceField(choices=[("vaststellen", "Vaststellen"), ("aanhouden", "Aanhouden"),
                                            ("afwijzen", "Afwijzen")])
    toelichting = forms.CharField(label="Toelichting (verplicht bij aanhouden of afwijzen)", required=False,
                                  widget=_tekst(3))
    revisie = forms.IntegerField(widget=forms.HiddenInput)

