"""Change requests on the agreements (RFCs) and the development agendas they are filed on.

Seed 004 names three national development agendas, each with its own route for change requests: one per source
system (XIS; the vendor's user group decides, the framework only forwards), one per viewer (the viewer's user
group, advice, then the board) and one general agenda for the framework (seed 000: the executive organisation
prepares, the board decides). The agendas are data (``Ontwikkelagenda``): who assesses, which body advises, who
decides, whether affected participants are consulted and whether its RFCs are public. The steps themselves are
declared in ``workflow.py``; an agenda's route is the subset of those steps it has.

Not to be confused with ``register.Wijzigingsverzoek``: a participant's request to change its own register entries.
An RFC (``Wijzigingsvoorstel``) asks to change the agreements of the framework themselves.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.kern.identificatie import valideer_xml_tekens
from stelselbeheer.kern.rollen import Actie, Rol, kan


class AgendaSoort(models.TextChoices):
    BRONSYSTEEM = "bronsysteem", "Per bronsysteem (XIS)"
    VIEWER = "viewer", "Per viewer"
    ALGEMEEN = "algemeen", "Algemeen (het afsprakenstelsel)"


class Beslisser(models.TextChoices):
    BESTUUR = "bestuur", "Het bestuur (via een besluitvoorstel)"
    EXTERN = "extern", "Buiten het stelsel (doorgezet)"


class Ontwikkelagenda(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=20, choices=AgendaSoort.choices)
    omschrijving = models.TextField("omschrijving", blank=True)
    beoordelaar = models.CharField("wie beoordeelt", max_length=200,
                                   help_text="Wie een nieuw wijzigingsverzoek beoordeelt en in behandeling neemt.")
    adviesorgaan = models.ForeignKey("overleg.Orgaan", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="wie adviseert",
                                     help_text="Leeg: deze route kent geen adviesstap.")
    met_consultatie = models.BooleanField("consultatie van de getroffen deelnemers", default=True)
    consultatie_werkdagen = models.PositiveSmallIntegerField("duur van de consultatie (werkdagen)", default=15)
    beslisser = models.CharField("wie beslist", max_length=20, choices=Beslisser.choices,
                                 default=Beslisser.BESTUUR)
    externe_beslisser = models.CharField("externe beslisser", max_length=200, blank=True,
                                         help_text="Bij een besluit buiten het stelsel: wie beslist, bijvoorbeeld "
                                                   "de gebruikersgroep van het XIS.")
    openbaar = models.BooleanField("openbaar", default=True,
                                   help_text="De wijzigingsverzoeken op deze agenda staan op de openbare pagina's "
                                             "zodra ze in behandeling zijn genomen.")

    class Meta:
        verbose_name = "ontwikkelagenda"
        verbose_name_plural = "ontwikkelagenda's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("rfc-agenda", args=[self.code])

    def route(self) -> tuple[str, ...]:
        """The states an RFC on this agenda passes on its way to a decision, in order (RFC-ROUTE)."""
        stappen = [Status.INGEDIEND, Status.IN_BEHANDELING]
        if self.beslisser == Beslisser.EXTERN:
            return (*stappen, Status.DOORGEZET)
        if self.met_consultatie:
            stappen.append(Status.IN_CONSULTATIE)
        if self.adviesorgaan_id:
            stappen.append(Status.BIJ_ADVIES)
        return (*stappen, Status.TER_BESLUITVORMING, Status.AANGENOMEN)

    def beslist_door(self) -> str:
        return self.externe_beslisser or "Extern" if self.beslisser == Beslisser.EXTERN else "Het bestuur"


class Status(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    IN_CONSULTATIE = "in_consultatie", "In consultatie"
    BIJ_ADVIES = "bij_advies", "Voor advies voorgelegd"
    TER_BESLUITVORMING = "ter_besluitvorming", "Ter besluitvorming bij het bestuur"
    AANGENOMEN = "aangenomen", "Aangenomen"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    DOORGEZET = "doorgezet", "Doorgezet naar de beslisser buiten het stelsel"
    NIET_IN_BEHANDELING = "niet_in_behandeling", "Niet in behandeling genomen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


#: states of an RFC that cannot go into a release (RFC-RELEASE)
NIET_IN_RELEASE = ("afgewezen", "doorgezet", "niet_in_behandeling", "ingetrokken")
AFGEROND = (Status.AANGENOMEN, Status.AFGEWEZEN, Status.DOORGEZET, Status.NIET_IN_BEHANDELING, Status.INGETROKKEN)
#: states in which an RFC on a public agenda is public (RFC-ZICHT): once taken in, and never a refused one
OPENBARE_STATUSSEN = tuple(s for s in Status.values if s not in (Status.INGEDIEND, Status.NIET_IN_BEHANDELING))


class Bron(models.TextChoices):
    PORTAAL = "portaal", "Deelnemer (portaal)"
    REGIO = "regio", "Regionale gebruikersgroep (via de RSO)"
    UITVOERING = "uitvoering", "Uitvoeringsorganisatie"
    PUBLIEK = "publiek", "Voordeur (publiek)"


class WijzigingsvoorstelQuerySet(models.QuerySet):
    def openbaar(self):
        return self.filter(agenda__openbaar=True, status__in=OPENBARE_STATUSSEN)

    def zichtbaar_voor(self, user):
        """RFC-ZICHT: staff, board and auditor see every RFC; a participant the public ones, its own and those
        whose consultation invited it; a regional user the public ones and its RSO's own; the public the public
        ones (on a public agenda, once taken in)."""
        if kan(user, Actie.RFC_LEZEN):
            return self
        filter_ = Q(agenda__openbaar=True, status__in=OPENBARE_STATUSSEN)
        rol = getattr(user, "rol", None) if getattr(user, "is_authenticated", False) else None
        if rol == Rol.DEELNEMER and user.deelnemer_id:
            filter_ |= Q(deelnemer_id=user.deelnemer_id) | Q(
                consultatie_analyse__getroffenen__deelnemer_id=user.deelnemer_id)
        elif rol == Rol.REGIO and user.rso_id:
            filter_ |= Q(rso_id=user.rso_id)
        return self.filter(pk__in=self.model.objects.filter(filter_).values("pk"))


class Wijzigingsvoorstel(models.Model):
    """A change request on the agreements (RFC): a problem, a proposal, on one development agenda."""

    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    agenda = models.ForeignKey(Ontwikkelagenda, on_delete=models.PROTECT, related_name="voorstellen",
                               verbose_name="ontwikkelagenda")
    titel = models.CharField("titel", max_length=200, validators=[valideer_xml_tekens])
    probleem = models.TextField("probleem", max_length=5000, validators=[valideer_xml_tekens])
    voorstel = models.TextField("voorgestelde wijziging", max_length=5000, validators=[valideer_xml_tekens])
    gegevensdiensten = models.ManyToManyField("register.Gegevensdienst", blank=True, related_name="+",
                                              verbose_name="betreft gegevensdiensten",
                                              help_text="Leeg: alle gegevensdiensten.")
    raakt_dva = models.BooleanField("raakt de rol DVA", default=True)
    raakt_dvp = models.BooleanField("raakt de rol DVP", default=True)
    status = models.CharField("status", max_length=30, choices=Status.choices, default=Status.INGEDIEND,
                              db_index=True)
    bron = models.CharField("ingediend via", max_length=20, choices=Bron.choices)
    indiener_naam = models.CharField("naam van de indiener", max_length=200, validators=[valideer_xml_tekens])
    indiener_email = models.EmailField("e-mailadres van de indiener")
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="account van de indiener")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="rfcs", verbose_name="namens deelnemer")
    rso = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="rfcs", verbose_name="namens RSO")
    ingediend_op = models.DateTimeField("ingediend op")
    consultatie_analyse = models.ForeignKey("Impactanalyse", null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+", verbose_name="impactanalyse van de consultatie")
    consultatie_van = models.DateField("consultatie geopend op", null=True, blank=True)
    consultatie_tot = models.DateField("consultatie sluit op (eind van de dag)", null=True, blank=True)
    advies = models.TextField("advies", blank=True)
    besluitvoorstel = models.ForeignKey("overleg.Besluitvoorstel", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="rfcs", verbose_name="besluitvoorstel")
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="rfcs", verbose_name="besluit")
    beslist_op = models.DateTimeField("beslist op", null=True, blank=True)
    toelichting = models.TextField("toelichting bij de laatste stap", blank=True)
    release = models.ForeignKey("afsprakenset.Release", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="rfcs", verbose_name="release",
                                help_text="De release van de afsprakenset waarin de wijziging komt (RFC-RELEASE).")

    objects = WijzigingsvoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = "wijzigingsverzoek op de afspraken (RFC)"
        verbose_name_plural = "wijzigingsverzoeken op de afspraken (RFC's)"
        ordering = ["-ingediend_op", "-id"]
        constraints = [models.CheckConstraint(
            name="rfc_aangenomen_met_besluit",
            condition=~Q(status="aangenomen") | Q(besluit__isnull=False, besluitvoorstel__isnull=False))]

    def __str__(self):
        return f"{self.nummer}: {self.titel}"

    def get_absolute_url(self):
        return reverse("rfc-detail", args=[self.nummer])

    @property
    def is_openbaar(self) -> bool:
        return self.agenda.openbaar and self.status in OPENBARE_STATUSSEN

    def rollen_display(self) -> str:
        rollen = [label for waar, label in ((self.raakt_dva, "DVA"), (self.raakt_dvp, "DVP")) if waar]
        return " en ".join(rollen) or "geen rol"


class Impactanalyse(models.Model):
    """A snapshot of who an RFC affects, computed from the register on one date (RFC-IMPACT): never typed in."""

    voorstel = models.ForeignKey(Wijzigingsvoorstel, on_delete=models.PROTECT, related_name="analyses",
                                 verbose_name="wijzigingsverzoek")
    berekend_op = models.DateTimeField("berekend op")
    peildatum = models.DateField("peildatum")
    gegevensdiensten = models.JSONField("gegevensdiensten (codes)", default=list)
    rollen = models.JSONField("rollen", default=list)
    aantal_aanbieders = models.PositiveIntegerField("aantal getroffen aanbieders")
    aanbieders_per_dienst = models.JSONField("aanbieders per gegevensdienst", default=dict)

    class Meta:
        verbose_name = "impactanalyse"
        verbose_name_plural = "impactanalyses"
        ordering = ["-berekend_op", "-id"]

    def __str__(self):
        return f"Impact {self.voorstel.nummer} op {self.peildatum:%d-%m-%Y}"


class Getroffene(models.Model):
    analyse = models.ForeignKey(Impactanalyse, on_delete=models.CASCADE, related_name="getroffenen",
                                verbose_name="impactanalyse")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="+",
                                  verbose_name="deelnemer")
    rol = models.CharField("rol", max_length=3, choices=RolSoort.choices)
    aantal_aanbieders = models.PositiveIntegerField("aantal aanbieders", default=0)
    gegevensdiensten = models.JSONField("gegevensdiensten (codes)", default=list)

    class Meta:
        verbose_name = "getroffen deelnemer"
        verbose_name_plural = "getroffen deelnemers"
        ordering = ["analyse", "rol", "deelnemer__organisatie__naam"]
        constraints = [models.UniqueConstraint(fields=["analyse", "deelnemer", "rol"], name="getroffene_uniek")]

    def __str__(self):
        return f"{self.deelnemer} ({self.get_rol_display()})"


class Standpunt(models.TextChoices):
    STEUN = "steun", "Steunt het voorstel"
    BEZWAAR = "bezwaar", "Heeft bezwaar"
    OPMERKING = "opmerking", "Heeft een opmerking"
    GEEN = "geen", "Geen reactie op de inhoud (kennisgenomen)"


class Reactie(models.Model):
    """An affected participant's reaction in the consultation round; changeable until the round closes."""

    voorstel = models.ForeignKey(Wijzigingsvoorstel, on_delete=models.PROTECT, related_name="reacties",
                                 verbose_name="wijzigingsverzoek")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="rfc_reacties",
                                  verbose_name="deelnemer")
    standpunt = models.CharField("standpunt", max_length=20, choices=Standpunt.choices)
    toelichting = models.TextField("toelichting", max_length=5000, blank=True, validators=[valideer_xml_tekens])
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")
    gegeven_op = models.DateTimeField("gegeven op")

    class Meta:
        verbose_name = "reactie in de consultatie"
        verbose_name_plural = "reacties in de consultatie"
        ordering = ["voorstel", "deelnemer__organisatie__naam"]
        constraints = [models.UniqueConstraint(fields=["voorstel", "deelnemer"], name="reactie_een_per_deelnemer")]

    def __str__(self):
        return f"{self.deelnemer}: {self.get_standpunt_display()}"


class Stap(models.Model):
    """The history of an RFC along its route (append-only in practice: only the services write it)."""

    voorstel = models.ForeignKey(Wijzigingsvoorstel, on_delete=models.PROTECT, related_name="stappen",
                                 verbose_name="wijzigingsverzoek")
    naam = models.CharField("stap", max_length=40)
    van = models.CharField("van", max_length=30, choices=Status.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Status.choices)
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")
    tijdstip = models.DateTimeField("tijdstip")

    class Meta:
        verbose_name = "stap van een RFC"
        verbose_name_plural = "stappen van RFC's"
        ordering = ["voorstel", "tijdstip", "id"]

    def __str__(self):
        return f"{self.voorstel.nummer}: {self.get_naar_display()}"
