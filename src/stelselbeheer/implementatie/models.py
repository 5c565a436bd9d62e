"""The national implementation programme's portfolio (seed 003): products, services and frameworks, each in one of
the strategy's four phases. The monitor, the acceptance criteria, the ordering and the risks build on ``Product``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse

from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.organisaties.models import Sector


class Fase(models.TextChoices):
    """The strategy's four phases, in order (seed 003, "Implementatiefasen")."""

    INTAKE = "intake", "Intake"
    KOPLOPERS = "koplopers", "Koplopers"
    OPTIMALISATIE = "optimalisatie", "Optimalisatie"
    BREDE_IMPLEMENTATIE = "brede_implementatie", "Brede implementatie"


FASEVOLGORDE = [f.value for f in Fase]


class Productsoort(models.TextChoices):
    PRODUCT = "product", "Product"
    DIENST = "dienst", "Dienst"
    AFSPRAKENSTELSEL = "afsprakenstelsel", "Afsprakenstelsel"


def valideer_sectoren(waarde) -> None:
    if not isinstance(waarde, list) or any(s not in Sector.values for s in waarde):
        raise ValidationError("Kies sectoren uit de lijst.", code="ongeldige_sector")


class Product(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=200, unique=True, validators=[valideer_xml_tekens])
    soort = models.CharField("soort", max_length=20, choices=Productsoort.choices, default=Productsoort.PRODUCT)
    omschrijving = models.TextField("omschrijving", blank=True)
    eigenaar = models.CharField("eigenaar (programma)", max_length=200,
                                help_text="Het programma of de organisatie die het product beheert.")
    sectoren = models.JSONField("sectoren", default=list, blank=True, validators=[valideer_sectoren])
    gegevensdiensten = models.ManyToManyField("register.Gegevensdienst", blank=True, related_name="producten",
                                              verbose_name="gegevensdiensten")
    wettelijk_verplicht = models.BooleanField("wettelijk verplicht", default=False)
    voorwaarde_voor = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="vereist",
                                             verbose_name="voorwaarde voor")
    fase = models.CharField("fase", max_length=30, choices=Fase.choices, default=Fase.INTAKE, db_index=True)
    fase_sinds = models.DateField("in deze fase sinds", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "product"
        verbose_name_plural = "producten"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        try:
            return reverse("product-detail", args=[self.code])
        except NoReverseMatch:  # the portfolio pages come with the implementation monitor
            return ""

    def get_sectoren_display(self) -> str:
        return ", ".join(str(Sector(s).label) for s in self.sectoren)


# -- acceptance criteria (seed 003, §4.2, "Figuur 3. Acceptatiecriteria") -------------------------------------------

#: the phases a product can be moved into; intake is where every product starts
DOELFASEN = [Fase.KOPLOPERS, Fase.OPTIMALISATIE, Fase.BREDE_IMPLEMENTATIE]


def volgende_fase(fase: str) -> str | None:
    i = FASEVOLGORDE.index(fase)
    return FASEVOLGORDE[i + 1] if i + 1 < len(FASEVOLGORDE) else None


class Acceptatiecriterium(models.Model):
    """One of the strategy's six acceptance criteria. The rows and their expectations per phase are data (the
    migration that seeds them copies the strategy's table), so a sharpened table is a data change, not a code one."""

    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=100)
    omschrijving = models.TextField("omschrijving")
    volgorde = models.PositiveSmallIntegerField("volgorde")

    class Meta:
        verbose_name = "acceptatiecriterium"
        verbose_name_plural = "acceptatiecriteria"
        ordering = ["volgorde"]

    def __str__(self):
        return self.naam


class Criteriumverwachting(models.Model):
    """What a criterion asks for entry into one phase; empty where the strategy's table leaves the cell empty (the
    expectation of the previous phase then still holds, see ``verwachting_voor``)."""

    criterium = models.ForeignKey(Acceptatiecriterium, on_delete=models.CASCADE, related_name="verwachtingen",
                                  verbose_name="criterium")
    fase = models.CharField("fase", max_length=30, choices=[(f.value, f.label) for f in DOELFASEN])
    verwachting = models.TextField("verwachting", blank=True)

    class Meta:
        verbose_name = "verwachting per fase"
        verbose_name_plural = "verwachtingen per fase"
        constraints = [models.UniqueConstraint(fields=["criterium", "fase"], name="verwachting_uniek_per_fase")]

    def __str__(self):
        return f"{self.criterium} ({self.get_fase_display()})"


def verwachting_voor(criterium: Acceptatiecriterium, fase: str) -> str:
    """IMP-VERWACHTING: the expectation for ``fase``; where the table is empty, the nearest earlier one, marked."""
    per_fase = {v.fase: v.verwachting for v in criterium.verwachtingen.all()}
    eigen = per_fase.get(fase, "").strip()
    if eigen:
        return eigen
    for eerder in reversed(DOELFASEN[:DOELFASEN.index(fase)] if fase in DOELFASEN else []):
        if per_fase.get(eerder, "").strip():
            return (f"{per_fase[eerder].strip()} (geen aangescherpte verwachting voor {Fase(fase).label.lower()}; "
                    f"die van {Fase(eerder).label.lower()} blijft gelden)")
    return criterium.omschrijving


class Oordeel(models.TextChoices):
    VOLDAAN = "voldaan", "Voldaan"
    DEELS = "deels", "Gedeeltelijk voldaan"
    NIET = "niet_voldaan", "Niet voldaan"


class Beoordeling(models.Model):
    """The hand-over conversation's outcome for one criterion of one product, towards one phase: the score, the
    findings and the open issues. Re-scoring overwrites the row; the audit trail keeps every earlier score and a
    phase decision keeps the scores it rested on."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="beoordelingen",
                                verbose_name="product")
    fase = models.CharField("naar fase", max_length=30, choices=Fase.choices)
    criterium = models.ForeignKey(Acceptatiecriterium, on_delete=models.PROTECT, related_name="beoordelingen",
                                  verbose_name="criterium")
    oordeel = models.CharField("oordeel", max_length=20, choices=Oordeel.choices)
    bevindingen = models.TextField("bevindingen", validators=[valideer_xml_tekens])
    openstaande_punten = models.TextField("openstaande punten", blank=True, validators=[valideer_xml_tekens])
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="beoordeeld door")
    beoordeeld_op = models.DateTimeField("beoordeeld op")

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        ordering = ["product", "fase", "criterium__volgorde"]
        constraints = [models.UniqueConstraint(fields=["product", "fase", "criterium"],
                                               name="beoordeling_uniek")]

    def __str__(self):
        return f"{self.product}: {self.criterium} → {self.get_fase_display()} ({self.get_oordeel_display()})"


class Fasebesluit(models.Model):
    """A phase change: the implementation group's decision (IMP-BESLUIT), taken in or after one of its meetings where
    the product was on the agenda; the scores it rested on are kept with it."""

    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="fasebesluiten",
                                verbose_name="product")
    van_fase = models.CharField("van fase", max_length=30, choices=Fase.choices)
    naar_fase = models.CharField("naar fase", max_length=30, choices=Fase.choices)
    vergadering = models.ForeignKey("overleg.Vergadering", on_delete=models.PROTECT, related_name="fasebesluiten",
                                    verbose_name="vergadering")
    besloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name="besloten door (stemgerechtigd lid)")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="vastgelegd door")
    vastgelegd_op = models.DateTimeField("vastgelegd op")
    toelichting = models.TextField("toelichting", blank=True, validators=[valideer_xml_tekens])
    criteria = models.JSONField("beoordelingen bij het besluit", default=list)

    class Meta:
        verbose_name = "fasebesluit"
        verbose_name_plural = "fasebesluiten"
        ordering = ["-vastgelegd_op", "-id"]

    def __str__(self):
        return f"{self.nummer}: {self.product} naar {self.get_naar_fase_display().lower()}"


class Koploper(models.Model):
    """A frontrunner (seed 003, §4.1.2) chosen for a product: an organisation that starts first."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="koplopers", verbose_name="product")
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT, related_name="koploperschap",
                                    verbose_name="organisatie")
    toelichting = models.TextField("toelichting", blank=True, validators=[valideer_xml_tekens])
    geselecteerd_op = models.DateField("geselecteerd op")

    class Meta:
        verbose_name = "koploper"
        verbose_name_plural = "koplopers"
        ordering = ["product", "organisatie__naam"]
        constraints = [models.UniqueConstraint(fields=["product", "organisatie"], name="koploper_uniek")]

    def __str__(self):
        return f"{self.organisatie} (koploper {self.product})"


# -- roles and tasks per phase (seed 003, §4.4 and §5.2) --------------------------------------------------------

class Partij(models.TextChoices):
    PROGRAMMA = "programma", "Landelijk programma"
    LEVERANCIERS = "leveranciers", "ICT-leveranciers"
    SECTORORGANISATIES = "sectororganisaties", "Brancheorganisaties"
    REGIOS = "regios", "Regionale samenwerkingsverbanden"
    INSTELLINGEN = "instellingen", "Zorg- en welzijnsorganisaties"


#: which kinds of organisation each party is made of (organisaties.Soort values)
PARTIJ_SOORTEN = {
    Partij.PROGRAMMA: {"landelijk_programma", "beheerorganisatie"},
    Partij.LEVERANCIERS: {"leverancier"},
    Partij.SECTORORGANISATIES: {"sectororganisatie"},
    Partij.REGIOS: {"rso", "vsv"},
    Partij.INSTELLINGEN: {"zorgaanbieder", "aanbieder_zonder_behandelrelatie"},
}


class Taak(models.Model):
    """One row of a product's responsibility table: what a party (or one named organisation) does in a phase."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="taken", verbose_name="product")
    fase = models.CharField("fase", max_length=30, choices=Fase.choices)
    partij = models.CharField("partij", max_length=30, choices=Partij.choices)
    organisatie = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="implementatietaken", verbose_name="alleen deze organisatie",
                                    help_text="Leeg: alle organisaties van deze partij waarop het product betrekking "
                                              "heeft.")
    omschrijving = models.TextField("taak", validators=[valideer_xml_tekens])

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["product", "fase", "partij", "id"]

    def __str__(self):
        return f"{self.product}, {self.get_fase_display()}: {self.get_partij_display()}"


# -- WSJF ordering (seed 003, §4.3 and footnote 6) ---------------------------------------------------------------

FIBONACCI = [1, 2, 3, 5, 8, 13, 20]
FIBONACCI_KEUZES = [(n, str(n)) for n in FIBONACCI]


class WsjfInvoer(models.Model):
    """What the implementation group estimates for a product; legal obligation and being a precondition are derived
    from the product itself (``wsjf.py``)."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="wsjf", verbose_name="product")
    gebruikerswaarde = models.PositiveSmallIntegerField("waarde voor gebruikers", choices=FIBONACCI_KEUZES)
    tijdkritiek = models.PositiveSmallIntegerField("tijdkritiek", choices=FIBONACCI_KEUZES)
    risicoreductie = models.PositiveSmallIntegerField("risicoreductie", choices=FIBONACCI_KEUZES)
    omvang = models.PositiveSmallIntegerField("omvang (job size)", choices=FIBONACCI_KEUZES)
    toelichting = models.TextField("toelichting", blank=True, validators=[valideer_xml_tekens])
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "WSJF-invoer"
        verbose_name_plural = "WSJF-invoer"

    def __str__(self):
        return f"WSJF-invoer {self.product}"


class Volgorderun(models.Model):
    """One recorded WSJF ordering: its moment, why it ran, and its rows with their arithmetic."""

    uitgevoerd_op = models.DateTimeField("uitgevoerd op", db_index=True)
    uitgevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="uitgevoerd door")
    aanleiding = models.CharField("aanleiding", max_length=300)
    vingerafdruk = models.CharField("vingerafdruk van de invoer", max_length=64)

    class Meta:
        verbose_name = "WSJF-volgorde"
        verbose_name_plural = "WSJF-volgordes"
        ordering = ["-uitgevoerd_op", "-id"]

    def __str__(self):
        return f"WSJF-volgorde van {self.uitgevoerd_op:%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("wsjf-run", args=[self.pk])


class Volgorderegel(models.Model):
    run = models.ForeignKey(Volgorderun, on_delete=models.CASCADE, related_name="regels", verbose_name="volgorde")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+", verbose_name="product")
    rang = models.PositiveSmallIntegerField("rang")
    gebruikerswaarde = models.PositiveSmallIntegerField("waarde voor gebruikers")
    tijdkritiek = models.PositiveSmallIntegerField("tijdkritiek")
    risicoreductie = models.PositiveSmallIntegerField("risicoreductie")
    wettelijk = models.PositiveSmallIntegerField("wettelijke verplichting")
    randvoorwaarde = models.PositiveSmallIntegerField("randvoorwaardelijkheid")
    vertragingskosten = models.PositiveSmallIntegerField("kosten van uitstel")
    omvang = models.PositiveSmallIntegerField("omvang")
    score = models.DecimalField("WSJF", max_digits=8, decimal_places=3)
    berekening = models.CharField("berekening", max_length=300)

    class Meta:
        verbose_name = "regel van een WSJF-volgorde"
        verbose_name_plural = "regels van WSJF-volgordes"
        ordering = ["run", "rang"]

    def __str__(self):
        return f"{self.rang}. {self.product} ({self.score})"


# -- risks (seed 003, §5.7) ----------------------------------------------------------------------------------------

class Niveau(models.TextChoices):
    LAAG = "L", "Laag"
    MIDDEL = "M", "Middel"
    HOOG = "H", "Hoog"


NIVEAUWAARDE = {Niveau.LAAG: 1, Niveau.MIDDEL: 2, Niveau.HOOG: 3}


def prioriteit(kans: str, impact: str) -> str:
    """IMP-RISICOPRIO: likelihood x impact (1-3 each): up to 2 low, up to 6 middle, 9 high; the strategy's own
    register (§5.7) follows this (L x H = M, M x M = M, M x H = M, H x H = H)."""
    product = NIVEAUWAARDE[Niveau(kans)] * NIVEAUWAARDE[Niveau(impact)]
    return Niveau.LAAG if product <= 2 else Niveau.MIDDEL if product <= 6 else Niveau.HOOG


class RisicoStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEHEERST = "beheerst", "Beheerst"
    GESLOTEN = "gesloten", "Gesloten"


class Risico(models.Model):
    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    titel = models.CharField("risico", max_length=300, validators=[valideer_xml_tekens])
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT, related_name="risicos",
                                verbose_name="product", help_text="Leeg: een risico van de hele implementatie.")
    kans = models.CharField("kans", max_length=1, choices=Niveau.choices)
    impact = models.CharField("impact", max_length=1, choices=Niveau.choices)
    prioriteit = models.CharField("prioriteit", max_length=1, choices=Niveau.choices, editable=False)
    mitigatie = models.TextField("mitigerende maatregel", blank=True, validators=[valideer_xml_tekens])
    eigenaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risicos",
                                 verbose_name="eigenaar")
    herzien_op = models.DateField("herzien uiterlijk op")
    status = models.CharField("status", max_length=20, choices=RisicoStatus.choices, default=RisicoStatus.OPEN)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "risico"
        verbose_name_plural = "risico's"
        ordering = ["status", "herzien_op", "nummer"]

    def __str__(self):
        return f"{self.nummer}: {self.titel}"

    def save(self, *args, **kwargs):
        self.prioriteit = prioriteit(self.kans, self.impact)
        super().save(*args, **kwargs)
