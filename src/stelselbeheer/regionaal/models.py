"""The regional layer of seed 004 (Modelovereenkomst RSO-VSV): each RSO's service catalogue with yearly tariffs,
the agreements between an RSO and a VSV (parties, region, chosen optional services, contact persons, signing,
notice), the payments the liability cap is computed from, the members' own agreements for direct services with
their processing agreements, and the link between a regional meeting body (``overleg.Orgaan``) and its region.

The terms of an agreement (notice, force majeure, liability, disputes) are pure functions in ``regels.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.organisaties.models import Soort


class Plaatsing(models.TextChoices):
    """Where a theme is placed (seed 004, bijlage 3, column 'Waar belegd')."""

    LOKAAL = "lokaal", "Lokaal (binnen de zorgorganisatie)"
    REGIONAAL = "regionaal", "Regionaal (RSO)"
    LANDELIJK = "landelijk", "Landelijk (landelijk beheer)"


class Levering(models.TextChoices):
    """How the RSO provides a service: the three annexes of the model agreement."""

    PRIMAIR = "primair", "Primaire dienst aan het VSV (bijlage 2)"
    OPTIONEEL = "optioneel", "Optionele dienst aan het VSV (bijlage 3)"
    RECHTSTREEKS = "rechtstreeks", "Rechtstreeks aan de deelnemers (bijlage 4)"


class Dienst(models.Model):
    """One theme of an RSO's service catalogue."""

    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="rso_diensten",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    thema = models.CharField("thema", max_length=200, validators=[valideer_xml_tekens])
    omvat = models.TextField("omvat", validators=[valideer_xml_tekens])
    plaatsing = models.CharField("waar belegd", max_length=20, choices=Plaatsing.choices)
    levering = models.CharField("dienstverlening", max_length=20, choices=Levering.choices)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "dienst"
        verbose_name_plural = "diensten"
        ordering = ["rso", "levering", "thema"]
        constraints = [models.UniqueConstraint(fields=["rso", "thema"], name="dienst_thema_uniek_per_rso")]

    def __str__(self):
        return self.thema

    def get_absolute_url(self):
        return reverse("rso-detail", args=[self.rso_id])


class Tarief(models.Model):
    """The yearly tariff of a service (art. 5.2: adjusted yearly). One row per year: the history is the rows."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="tarieven", verbose_name="dienst")
    jaar = models.PositiveSmallIntegerField("jaar", validators=[MinValueValidator(2000)])
    bedrag = models.DecimalField("bedrag per jaar (EUR)", max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    vastgesteld_op = models.DateTimeField("vastgesteld op", auto_now=True)

    class Meta:
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        ordering = ["dienst", "-jaar"]
        constraints = [models.UniqueConstraint(fields=["dienst", "jaar"], name="tarief_een_per_jaar")]

    def __str__(self):
        return f"{self.dienst}: {self.jaar} EUR {self.bedrag}"


class OvereenkomstStatus(models.TextChoices):
    CONCEPT = "concept", "Concept (door de RSO opgesteld)"
    ONDERTEKEND = "ondertekend", "Ondertekend door beide partijen"
    OPGEZEGD = "opgezegd", "Opgezegd (loopt tot de einddatum)"
    ONTBONDEN = "ontbonden", "Ontbonden"


class Partij(models.TextChoices):
    RSO = "rso", "RSO"
    VSV = "vsv", "VSV"


class Ontbindingsgrond(models.TextChoices):
    """Art. 6.3 a-c and the force-majeure article of the model."""

    TEKORTKOMING = "tekortkoming", "Tekortkoming na ingebrekestelling (art. 6.3 a)"
    FAILLISSEMENT = "faillissement", "Faillissement, surseance of ontbinding van een partij (art. 6.3 b)"
    RECHTERLIJKE_UITSPRAAK = "uitspraak", "Rechterlijke uitspraak verbiedt uitvoering (art. 6.3 c)"
    OVERMACHT = "overmacht", "Overmacht langer dan 15 werkdagen (art. 6.4)"


class Overeenkomst(models.Model):
    """An agreement between an RSO and a VSV after the model (seed 004). The RSO drafts it; each party's signing
    is recorded; it is in force from the date both have signed (art. 6.1)."""

    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="overeenkomsten_rso",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    vsv = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="overeenkomsten_vsv",
                            verbose_name="VSV", limit_choices_to={"soort": Soort.VSV})
    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="overeenkomsten",
                              verbose_name="regio")
    optionele_diensten = models.ManyToManyField(Dienst, blank=True, related_name="overeenkomsten",
                                                verbose_name="gekozen optionele diensten (bijlage 3)")
    opzegtermijn_maanden = models.PositiveSmallIntegerField("opzegtermijn", choices=[(3, "3 maanden"),
                                                                                      (6, "6 maanden")])
    status = models.CharField("status", max_length=20, choices=OvereenkomstStatus.choices,
                              default=OvereenkomstStatus.CONCEPT, db_index=True)
    rso_ondertekenaar = models.CharField("ondertekend namens de RSO door", max_length=200, blank=True,
                                         validators=[valideer_xml_tekens])
    rso_functie = models.CharField("functie (RSO)", max_length=200, blank=True, validators=[valideer_xml_tekens])
    rso_plaats = models.CharField("plaats (RSO)", max_length=100, blank=True, validators=[valideer_xml_tekens])
    rso_getekend_op = models.DateField("getekend door de RSO op", null=True, blank=True)
    vsv_ondertekenaar = models.CharField("ondertekend namens het VSV door", max_length=200, blank=True,
                                         validators=[valideer_xml_tekens])
    vsv_functie = models.CharField("functie (VSV)", max_length=200, blank=True, validators=[valideer_xml_tekens])
    vsv_plaats = models.CharField("plaats (VSV)", max_length=100, blank=True, validators=[valideer_xml_tekens])
    vsv_getekend_op = models.DateField("getekend door het VSV op", null=True, blank=True)
    ingangsdatum = models.DateField("van kracht per", null=True, blank=True)
    opgezegd_door = models.CharField("opgezegd door", max_length=10, choices=Partij.choices, blank=True)
    opzegging_ontvangen_op = models.DateField("opzegging (aangetekend) ontvangen op", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    ontbindingsgrond = models.CharField("grond van ontbinding", max_length=20, choices=Ontbindingsgrond.choices,
                                        blank=True)
    overmacht_sinds = models.DateField("overmacht ontstaan op", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="opgesteld door")
    aangemaakt_op = models.DateTimeField("opgesteld op", auto_now_add=True)

    class Meta:
        verbose_name = "overeenkomst RSO-VSV"
        verbose_name_plural = "overeenkomsten RSO-VSV"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self):
        return f"{self.nummer}: {self.rso} - {self.vsv}"

    def get_absolute_url(self):
        return reverse("overeenkomst-detail", args=[self.nummer])

    def is_actief_op(self, dag) -> bool:
        return (self.status in {OvereenkomstStatus.ONDERTEKEND, OvereenkomstStatus.OPGEZEGD}
                and self.ingangsdatum is not None and self.ingangsdatum <= dag
                and (self.einddatum is None or dag <= self.einddatum))


def actief_op(dag) -> Q:
    """The agreements in force on ``dag`` (as a filter on Overeenkomst)."""
    return (Q(status__in=[OvereenkomstStatus.ONDERTEKEND, OvereenkomstStatus.OPGEZEGD], ingangsdatum__lte=dag)
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag)))


class Contactpersoon(models.Model):
    """A contact person of a party (art. 4.1: the VSV's aanspreekpunt digitale gegevensuitwisseling)."""

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="contactpersonen",
                                     verbose_name="overeenkomst")
    partij = models.CharField("partij", max_length=10, choices=Partij.choices)
    organisatie = models.CharField("organisatie", max_length=200, validators=[valideer_xml_tekens])
    naam = models.CharField("naam", max_length=200, validators=[valideer_xml_tekens])
    functie = models.CharField("functie", max_length=200, validators=[valideer_xml_tekens])
    telefoon = models.CharField("telefoon", max_length=30, validators=[valideer_xml_tekens])
    email = models.EmailField("e-mail")

    class Meta:
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        ordering = ["overeenkomst", "partij", "naam"]

    def __str__(self):
        return f"{self.naam} ({self.get_partij_display()})"


class Betaling(models.Model):
    """A payment the RSO received under an agreement for a service: the base of the liability cap (art. 7.1)."""

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="betalingen",
                                     verbose_name="overeenkomst")
    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="betalingen", verbose_name="dienst")
    ontvangen_op = models.DateField("ontvangen op")
    bedrag = models.DecimalField("bedrag (EUR)", max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True, validators=[valideer_xml_tekens])

    class Meta:
        verbose_name = "betaling"
        verbose_name_plural = "betalingen"
        ordering = ["overeenkomst", "-ontvangen_op", "-id"]

    def __str__(self):
        return f"{self.ontvangen_op}: EUR {self.bedrag} ({self.dienst})"


class Deelnemersovereenkomst(models.Model):
    """A member's own agreement for a service the RSO provides directly (art. 3.3), with the processing agreement
    (verwerkersovereenkomst) it needs: the member is controller and deals with the processor directly."""

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT,
                                     related_name="deelnemersovereenkomsten", verbose_name="overeenkomst RSO-VSV")
    deelnemer = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT,
                                  related_name="deelnemersovereenkomsten",
                                  verbose_name="zorgaanbieder (lid van het VSV)")
    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="deelnemersovereenkomsten",
                               verbose_name="dienst")
    ingangsdatum = models.DateField("ingangsdatum")
    verwerker = models.CharField("verwerker", max_length=200, validators=[valideer_xml_tekens],
                                 help_text="De partij die de gegevens verwerkt (de RSO of de door haar betrokken "
                                           "leverancier).")
    verwerkersovereenkomst_tot = models.DateField("verwerkersovereenkomst geldig tot en met")

    class Meta:
        verbose_name = "deelnemersovereenkomst"
        verbose_name_plural = "deelnemersovereenkomsten"
        ordering = ["verwerkersovereenkomst_tot", "id"]
        constraints = [models.UniqueConstraint(fields=["overeenkomst", "deelnemer", "dienst"],
                                               name="deelnemersovereenkomst_uniek")]

    def __str__(self):
        return f"{self.deelnemer}: {self.dienst}"

    def clean(self):
        super().clean()
        tot = self.verwerkersovereenkomst_tot
        if self.ingangsdatum and tot and tot < self.ingangsdatum:
            raise ValidationError({"verwerkersovereenkomst_tot": "De verwerkersovereenkomst loopt niet af vóór de "
                                                                 "ingangsdatum."})


class Overlegniveau(models.TextChoices):
    """The regional meeting structure of seed 004, bijlage 4, with the agreed frequency per year."""

    STRATEGISCH = "strategisch", "Strategisch: regionale stuurgroep"
    TACTISCH = "tactisch", "Tactisch: regionale gebruikersgroep"
    OPERATIONEEL = "operationeel", "Operationeel: overleg van het VSV"


class RegionaalOverleg(models.Model):
    """Ties a body of the overleg app to the region, RSO and (operational level) VSV it serves."""

    orgaan = models.OneToOneField("overleg.Orgaan", on_delete=models.PROTECT, related_name="regionaal",
                                  verbose_name="orgaan")
    niveau = models.CharField("niveau", max_length=20, choices=Overlegniveau.choices)
    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="regionale_overleggen",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    vsv = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+", verbose_name="VSV", limit_choices_to={"soort": Soort.VSV})
    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="regionale_overleggen",
                              verbose_name="regio")

    class Meta:
        verbose_name = "regionaal overleg"
        verbose_name_plural = "regionale overleggen"
        ordering = ["regio", "niveau"]

    def __str__(self):
        return str(self.orgaan)


class ChecklistSoort(models.TextChoices):
    STAPPENPLAN_VSV = "stappenplan_vsv", "Stappenplan VSV (inrichting regionaal beheer)"
    AANSLUITING = "aansluiting", "Aansluiting nieuwe zorgaanbieder in een bestaande samenwerking"


class Checklist(models.Model):
    """A VSV's step plan towards regional management (seed 004, bijlage 5), or the onboarding of a new provider into
    an existing cooperation (bijlage 2: a single connection in an existing situation), guided by the RSO."""

    soort = models.CharField("soort", max_length=20, choices=ChecklistSoort.choices)
    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="checklists",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    vsv = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+",
                            verbose_name="VSV", limit_choices_to={"soort": Soort.VSV})
    zorgaanbieder = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name="nieuwe zorgaanbieder")
    gestart_op = models.DateField("gestart op")

    class Meta:
        verbose_name = "checklist"
        verbose_name_plural = "checklists"
        ordering = ["-gestart_op", "-id"]

    def __str__(self):
        wie = self.zorgaanbieder or self.vsv
        return f"{self.get_soort_display()}: {wie}"

    def get_absolute_url(self):
        return reverse("checklist-detail", args=[self.pk])


class Checkstap(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="stappen",
                                  verbose_name="checklist")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    omschrijving = models.CharField("stap", max_length=300)
    eigenaar = models.CharField("eigenaar", max_length=200, blank=True, validators=[valideer_xml_tekens])
    streefdatum = models.DateField("streefdatum", null=True, blank=True)
    gereed_op = models.DateField("gereed op", null=True, blank=True)

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"
        ordering = ["checklist", "volgorde"]

    def __str__(self):
        return f"{self.volgorde}. {self.omschrijving}"


class Contactsoort(models.TextChoices):
    HELPDESK = "helpdesk", "Helpdesk"
    CONTRACT = "contract", "Contractbeheer"
    BEVEILIGING = "beveiliging", "Informatiebeveiliging"


class Contactpunt(models.Model):
    """Who to reach at an RSO or VSV for the helpdesk, the contracts and security (issue 14)."""

    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT,
                                    related_name="regionale_contactpunten", verbose_name="organisatie (RSO of VSV)")
    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+",
                            verbose_name="vastgelegd door RSO", limit_choices_to={"soort": Soort.RSO})
    soort = models.CharField("soort", max_length=20, choices=Contactsoort.choices)
    naam = models.CharField("naam of functie", max_length=200, validators=[valideer_xml_tekens])
    telefoon = models.CharField("telefoon", max_length=30, blank=True, validators=[valideer_xml_tekens])
    email = models.EmailField("e-mail")

    class Meta:
        verbose_name = "contactpunt"
        verbose_name_plural = "contactpunten"
        ordering = ["organisatie", "soort"]

    def __str__(self):
        return f"{self.organisatie}: {self.get_soort_display()}"


class Leverancierscontract(models.Model):
    """A contract of an RSO with a vendor (e.g. the viewer, ZNO), with its term and notice period."""

    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="leverancierscontracten",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    leverancier = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="+",
                                    verbose_name="leverancier", limit_choices_to={"soort": Soort.LEVERANCIER})
    onderwerp = models.CharField("onderwerp", max_length=200, validators=[valideer_xml_tekens])
    ingangsdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum")
    opzegtermijn_maanden = models.PositiveSmallIntegerField("opzegtermijn (maanden)",
                                                            validators=[MinValueValidator(1)])
    verwerkersovereenkomst = models.BooleanField("met verwerkersovereenkomst", default=True)

    class Meta:
        verbose_name = "leverancierscontract"
        verbose_name_plural = "leverancierscontracten"
        ordering = ["einddatum", "id"]

    def __str__(self):
        return f"{self.onderwerp} ({self.leverancier})"

    def clean(self):
        super().clean()
        if self.ingangsdatum and self.einddatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": "De einddatum ligt niet vóór de ingangsdatum."})


class Documentsoort(models.TextChoices):
    DPIA = "dpia", "DPIA"
    LOGGING = "logging", "Toegang tot de logging"
    RISICOANALYSE = "risicoanalyse", "Risicoanalyse"
    AUDIT = "audit", "Externe audit"


class Beveiligingsdocument(models.Model):
    """An information-security document of an RSO (seed 004: DPIA's, log access, risk analysis, audits) with the
    date by which it is to be reviewed."""

    rso = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="beveiligingsdocumenten",
                            verbose_name="RSO", limit_choices_to={"soort": Soort.RSO})
    soort = models.CharField("soort", max_length=20, choices=Documentsoort.choices)
    titel = models.CharField("titel", max_length=200, validators=[valideer_xml_tekens])
    vastgesteld_op = models.DateField("vastgesteld op")
    review_voor = models.DateField("review uiterlijk")

    class Meta:
        verbose_name = "beveiligingsdocument"
        verbose_name_plural = "beveiligingsdocumenten"
        ordering = ["review_voor", "id"]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        if self.vastgesteld_op and self.review_voor and self.review_voor < self.vastgesteld_op:
            raise ValidationError({"review_voor": "De review ligt niet vóór de vaststelling."})
