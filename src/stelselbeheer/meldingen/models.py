"""Meldingen: the front door for questions, complaints, disputes, incidents and calamities, with the decision
tree that sends what does not belong here to the right desk; triage and service levels; incidents with the
register entries they affect; complaints and disputes with mediation and the board; the knowledge base."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse


class Beslisboom(models.Model):
    """One version of the decision tree; the active one is used. Versions are kept: a melding names its version."""

    versie = models.PositiveIntegerField("versie", unique=True)
    boom = models.JSONField("boom")
    actief = models.BooleanField("actief", default=False)
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "beslisboom"
        verbose_name_plural = "beslisbomen"
        ordering = ["-versie"]
        constraints = [models.UniqueConstraint(fields=["actief"], condition=models.Q(actief=True),
                                               name="een_actieve_beslisboom")]

    def __str__(self):
        return f"Beslisboom versie {self.versie}{' (actief)' if self.actief else ''}"


class Soort(models.TextChoices):
    VRAAG = "vraag", "Vraag"
    KLACHT = "klacht", "Klacht"
    GESCHIL = "geschil", "Geschil"
    INCIDENT = "incident", "Incident"
    CALAMITEIT = "calamiteit", "Calamiteit"


class Niveau(models.TextChoices):
    REGIONAAL = "regionaal", "Regionaal"
    LANDELIJK = "landelijk", "Landelijk"


class Status(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    OPGELOST = "opgelost", "Opgelost"
    GESLOTEN = "gesloten", "Gesloten"


class Prioriteit(models.TextChoices):
    LAAG = "laag", "Laag"
    NORMAAL = "normaal", "Normaal"
    HOOG = "hoog", "Hoog"
    KRITIEK = "kritiek", "Kritiek"


class Ernst(models.TextChoices):
    """Severity of an incident or calamity."""

    BEPERKT = "beperkt", "Beperkt: enkele gebruikers, omweg beschikbaar"
    AANZIENLIJK = "aanzienlijk", "Aanzienlijk: een dienst of deelnemer verstoord"
    ERNSTIG = "ernstig", "Ernstig: meerdere deelnemers of gegevensdiensten"
    ZEER_ERNSTIG = "zeer_ernstig", "Zeer ernstig: gegevens van burgers in gevaar of stelselbreed"


class Fase(models.TextChoices):
    """The path of a complaint or dispute: the uitvoeringsorganisatie mediates first, then the board."""

    BEMIDDELING = "bemiddeling", "Bemiddeling door de uitvoeringsorganisatie"
    BESTUUR = "bestuur", "Voorgelegd aan het bestuur"


#: the longest description the front door takes (MEL-MISBRUIK); the other public fields are capped by max_length
OMSCHRIJVING_MAX = 10_000


class Melding(models.Model):
    nummer = models.CharField("referentie", max_length=20, unique=True, editable=False)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    onderwerp = models.CharField("onderwerp", max_length=200)
    omschrijving = models.TextField("omschrijving", validators=[MaxLengthValidator(OMSCHRIJVING_MAX)])
    melder_naam = models.CharField("naam", max_length=200)
    melder_email = models.EmailField("e-mailadres")
    melder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="meldingen", verbose_name="melder (account)")
    regio = models.ForeignKey("organisaties.Regio", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="meldingen", verbose_name="regio")
    niveau = models.CharField("niveau", max_length=20, choices=Niveau.choices, default=Niveau.LANDELIJK,
                              db_index=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True)
    beslisboom = models.ForeignKey(Beslisboom, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="beslisboom (versie)")
    uitkomst = models.CharField("uitkomst van de beslisboom", max_length=20, blank=True)
    token_sha256 = models.CharField("SHA-256 van de statuscode", max_length=64, unique=True, editable=False)
    prioriteit = models.CharField("prioriteit", max_length=10, choices=Prioriteit.choices,
                                  default=Prioriteit.NORMAAL)
    team = models.CharField("team", max_length=100, blank=True)
    toegewezen_aan = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="toegewezen aan")
    reactie_voor = models.DateTimeField("reactie uiterlijk", null=True, blank=True)
    oplossing_voor = models.DateTimeField("opgelost uiterlijk", null=True, blank=True, db_index=True)
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    eerste_reactie_op = models.DateTimeField("eerste reactie op", null=True, blank=True)
    opgelost_op = models.DateTimeField("opgelost op", null=True, blank=True)
    # incidents and calamities
    ernst = models.CharField("ernst", max_length=20, choices=Ernst.choices, blank=True)
    betrokken_deelnemers = models.ManyToManyField("deelnemers.Deelnemer", blank=True, related_name="+",
                                                  verbose_name="getroffen deelnemers")
    betrokken_aanbieders = models.ManyToManyField("register.Aanbieder", blank=True, related_name="+",
                                                  verbose_name="getroffen zorgaanbieders")
    betrokken_gegevensdiensten = models.ManyToManyField("register.Gegevensdienst", blank=True, related_name="+",
                                                        verbose_name="getroffen gegevensdiensten")
    evaluatie = models.TextField("evaluatie na het incident", blank=True,
                                 help_text="Oorzaak, verloop, genomen en nog te nemen maatregelen.")
    evaluatie_op = models.DateTimeField("evaluatie vastgelegd op", null=True, blank=True)
    constatering = models.ForeignKey("naleving.Constatering", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="meldingen", verbose_name="constatering (naleving)")
    # complaints and disputes
    fase = models.CharField("fase", max_length=20, choices=Fase.choices, blank=True)
    partijen = models.ManyToManyField("deelnemers.Deelnemer", blank=True, related_name="geschillen",
                                      verbose_name="partijen")
    uitspraak = models.TextField("uitspraak van het bestuur", blank=True)
    uitspraak_op = models.DateTimeField("uitspraak op", null=True, blank=True)
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="meldingen", verbose_name="besluit van het bestuur")

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-ingediend_op", "-id"]

    def __str__(self):
        return f"{self.nummer}: {self.onderwerp}"

    def get_absolute_url(self):
        return reverse("melding-detail", args=[self.nummer])


class Zichtbaar(models.TextChoices):
    """Who sees an event on the timeline besides those who handle the melding (rule MEL-ZICHT)."""

    INTERN = "intern", "Alleen behandelaars"
    DEELNEMERS = "deelnemers", "Ook getroffen deelnemers en partijen"
    MELDER = "melder", "Ook de melder (statuspagina)"


class Meldinggebeurtenis(models.Model):
    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="gebeurtenissen",
                                verbose_name="melding")
    soort = models.CharField("soort", max_length=40)
    tekst = models.TextField("tekst", blank=True)
    zichtbaar = models.CharField("zichtbaar voor", max_length=20, choices=Zichtbaar.choices,
                                 default=Zichtbaar.INTERN)
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "meldinggebeurtenis"
        verbose_name_plural = "meldinggebeurtenissen"
        ordering = ["melding", "tijdstip", "id"]

    def __str__(self):
        return f"{self.melding.nummer}: {self.soort}"


class Doelgroep(models.TextChoices):
    OPENBAAR = "openbaar", "Iedereen"
    DEELNEMERS = "deelnemers", "Deelnemers en de beheerorganisatie"


class Kennisartikel(models.Model):
    """An answer kept for the next person (kennisborging, seed 004), searched by the front door before filing."""

    titel = models.CharField("titel", max_length=200)
    tekst = models.TextField("tekst")
    trefwoorden = models.CharField("trefwoorden", max_length=300, blank=True)
    doelgroep = models.CharField("doelgroep", max_length=20, choices=Doelgroep.choices, default=Doelgroep.OPENBAAR)
    gepubliceerd = models.BooleanField("gepubliceerd", default=True)
    melding = models.ForeignKey(Melding, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="kennisartikelen", verbose_name="uit melding")
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "kennisartikel"
        verbose_name_plural = "kennisartikelen"
        ordering = ["titel", "id"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("kennisartikel", args=[self.pk])
