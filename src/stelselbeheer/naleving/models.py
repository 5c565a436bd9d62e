"""Compliance (Nalevingsbeleid, seed 001). For now the findings (constateringen) that the nightly check of
qualifications records; the case handling in five steps builds on them (issue 5)."""

import datetime as dt

from django.db import models


class Bron(models.TextChoices):
    KWALIFICATIE_VERLOPEN = "kwalificatie_verlopen", "Kwalificatie verlopen (NAL-365)"
    ZAL_NIET_ERKEND = "zal_niet_erkend", "Aanbiederslijst-entry zonder erkenning als DVA"
    OCL_NIET_ERKEND = "ocl_niet_erkend", "OAuthclientlist-entry zonder erkenning als DVP"
    HANDMATIG = "handmatig", "Vastgelegd door een medewerker"
    MELDING = "melding", "Incident of calamiteit (melding)"
    # afsprakenset (issue 12)
    UITROL_TERMIJN = "uitrol_termijn", "Implementatietermijn van een release verstreken"
    OVEREENKOMST_VEROUDERD = "overeenkomst_verouderd", "Deelnemersovereenkomst van een verouderde release"


class Constatering(models.Model):
    """Step 1 of the policy: the finding, which obligation, and the concrete circumstances."""

    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="constateringen",
                                  verbose_name="deelnemer")
    bron = models.CharField("bron", max_length=30, choices=Bron.choices)
    verplichting = models.CharField("verplichting", max_length=200)
    omstandigheden = models.TextField("omstandigheden")
    datum = models.DateField("datum van constatering")
    kwalificatie = models.ForeignKey("deelnemers.Kwalificatie", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="constateringen", verbose_name="kwalificatie")
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "constatering"
        verbose_name_plural = "constateringen"
        ordering = ["-datum", "-id"]
        constraints = [models.UniqueConstraint(fields=["kwalificatie", "bron"], name="constatering_eenmaal",
                                               condition=models.Q(kwalificatie__isnull=False))]

    def __str__(self):
        return f"{self.deelnemer}: {self.verplichting} ({self.datum})"


class ZaakStap(models.TextChoices):
    """The five steps of the Nalevingsbeleid, and closed."""

    CONSTATERING = "constatering", "1. Constatering en vastlegging"
    VERIFICATIE = "verificatie", "2. Verificatie en verzoek om toelichting"
    BEOORDELING = "beoordeling", "3. Beoordeling en besluit"
    INGEBREKESTELLING = "ingebrekestelling", "4. Formele ingebrekestelling"
    ONTBINDING = "ontbinding", "5. Ontbinding"
    GESLOTEN = "gesloten", "Gesloten"


class Afsluiting(models.TextChoices):
    GEEN_NIET_NALEVING = "geen_niet_naleving", "Geen niet-naleving (meer)"
    VOLDOENDE_ZICHT = "voldoende_zicht", "Voldoende zicht op naleving (vinger aan de pols)"
    ONTBONDEN = "ontbonden", "Deelnemersovereenkomst ontbonden"


#: the criteria of the policy for a reasonable term (seed 001, "Formele ingebrekestelling")
CRITERIA = {
    "vertrouwen": "De kans dat het vertrouwen in het merk wordt geschaad",
    "imago_merk": "De kans dat de niet-naleving (imago)schade voor het merk oplevert",
    "imago_deelnemers": "De kans dat de niet-naleving (imago)schade voor de overige deelnemers oplevert",
    "beveiliging": "De kans dat het afsprakenstelsel als geheel beveiligingsrisico's loopt",
    "doorlooptijd": "De gangbare doorlooptijd voor de actie",
    "afspraken": "Welke (inter)nationale afspraken gelden voor de invoering van de actie",
}


class Nalevingszaak(models.Model):
    """A compliance case (rules NAL-ZAAK, NAL-EEN-ZAAK). Confidential: staff, board and the participant."""

    nummer = models.CharField("zaaknummer", max_length=20, unique=True, editable=False)
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="nalevingszaken",
                                  verbose_name="deelnemer")
    verplichting = models.CharField("verplichting", max_length=200)
    omstandigheden = models.TextField("concrete omstandigheden")
    constatering = models.ForeignKey(Constatering, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="zaken", verbose_name="constatering")
    stap = models.CharField("stap", max_length=20, choices=ZaakStap.choices, default=ZaakStap.CONSTATERING,
                            db_index=True)
    geopend_op = models.DateField("geopend op")
    termijn_tot = models.DateField("termijn tot en met", null=True, blank=True, db_index=True)
    termijn_basis = models.CharField("basis van de termijn", max_length=300, blank=True)
    maatregelen = models.TextField("maatregelen van de deelnemer", blank=True)
    maatregelen_termijn = models.DateField("maatregelen gereed op", null=True, blank=True)
    toelichting_ontvangen_op = models.DateField("toelichting ontvangen op", null=True, blank=True)
    beoordeling = models.TextField("beoordeling", blank=True)
    criteria = models.JSONField("criteria redelijke termijn", default=dict, blank=True,
                                help_text="per criterium: {score: 1-5, motivering}")
    afsluiting = models.CharField("afsluiting", max_length=30, choices=Afsluiting.choices, blank=True)
    gesloten_op = models.DateField("gesloten op", null=True, blank=True)
    vervolgcontrole_op = models.DateField("vervolgcontrole op", null=True, blank=True)

    class Meta:
        verbose_name = "nalevingszaak"
        verbose_name_plural = "nalevingszaken"
        ordering = ["-geopend_op", "-id"]
        constraints = [models.UniqueConstraint(fields=["deelnemer", "verplichting"], name="een_open_zaak",
                                               condition=~models.Q(stap="gesloten"))]

    def __str__(self):
        return f"{self.nummer}: {self.verplichting} ({self.deelnemer})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("zaak-detail", args=[self.nummer])


class Zaakgebeurtenis(models.Model):
    """One step or event of a case, for its timeline (append-only by the services)."""

    zaak = models.ForeignKey(Nalevingszaak, on_delete=models.PROTECT, related_name="gebeurtenissen",
                             verbose_name="zaak")
    soort = models.CharField("soort", max_length=40)
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20, blank=True)
    datum = models.DateField("datum")
    tijdstip = models.DateTimeField("vastgelegd op", auto_now_add=True)
    tekst = models.TextField("tekst", blank=True)
    door = models.ForeignKey("kern.Gebruiker", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="door")
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="zaakgebeurtenissen", verbose_name="besluit")

    class Meta:
        verbose_name = "zaakgebeurtenis"
        verbose_name_plural = "zaakgebeurtenissen"
        ordering = ["zaak", "tijdstip", "id"]
        # BES-EENMAAL: a decision carries one step of one case (dissolution: the same decision also carries the
        # termination in the participant's workflow, one adoption with two linked effects)
        constraints = [models.UniqueConstraint(fields=["besluit"], condition=models.Q(besluit__isnull=False),
                                               name="besluit_draagt_een_zaakstap")]

    def __str__(self):
        return f"{self.zaak.nummer} {self.datum}: {self.soort_label}"

    #: events that are no step of the workflow, in words
    SOORTEN = {"geopend": "Zaak geopend", "toelichting": "Toelichting van de deelnemer ontvangen"}

    @property
    def soort_label(self) -> str:
        """What happened, in words: the step's label ("Verzoek om toelichting versturen"), never its code."""
        from .workflow import PER_NAAM  # the workflow imports these models

        stap = PER_NAAM.get(self.soort)
        return stap.label if stap else self.SOORTEN.get(self.soort, self.soort.replace("_", " ").capitalize())

    @property
    def naar_label(self) -> str:
        return ZaakStap(self.naar).label if self.naar in ZaakStap.values else self.naar


class Niveau(models.IntegerChoices):
    """Suspension levels of the Nalevingsbeleid (seed 001), with their communication."""

    EEN = 1, "1: circa 1 dag (entries uit de lijsten; deelnemers intern geïnformeerd)"
    TWEE = 2, "2: tot circa één week (als 1, en de deelnemer informeert zijn gebruikers)"
    DRIE = 3, "3: vanaf circa één week (als 2, en op de openbare pagina inactief)"
    VIER = 4, "4: definitief (deelnemerschap beëindigd, van de openbare pagina verwijderd)"


VERWACHTE_DUUR = {1: "circa 1 dag", 2: "tot circa één week", 3: "vanaf circa één week", 4: "definitief"}
#: the planned end when none is given, in days after the start (level 3 names its own end; level 4 has none)
STANDAARD_DAGEN = {1: 1, 2: 7}


class Opschorting(models.Model):
    """A suspension measure (rule NAL-OPSCHORTING), resting on a board decision, with its planned end
    (NAL-OPSCHORTING-EINDE). Running while not lifted; level 4 is definitive and never lifted."""

    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="opschortingen",
                                  verbose_name="deelnemer")
    zaak = models.ForeignKey(Nalevingszaak, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="opschortingen", verbose_name="nalevingszaak")
    niveau = models.PositiveSmallIntegerField("niveau", choices=Niveau.choices)
    besluit = models.ForeignKey("besluiten.Besluit", on_delete=models.PROTECT, related_name="+",
                                verbose_name="besluit")
    ingegaan_op = models.DateField("ingegaan op")
    gepland_tot = models.DateField("gepland tot en met", null=True, blank=True,
                                   help_text="Het geplande einde (niveau 1-3); daarna: opheffen of verlengen.")
    einde_gesignaleerd_op = models.DateField(
        "einde verstreken, gesignaleerd op", null=True, blank=True,
        help_text="De nachtelijke controle zag het geplande einde verstreken: een taak (opheffen of verlengen).")
    scope = models.JSONField("getroffen aanbieders, gegevensdiensten en clients", default=dict)
    gebruikers_geinformeerd_op = models.DateField("gebruikers geïnformeerd op", null=True, blank=True)
    opgeheven_op = models.DateField("opgeheven op", null=True, blank=True)
    opheffingsbesluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", verbose_name="besluit tot opheffing")

    class Meta:
        verbose_name = "opschorting"
        verbose_name_plural = "opschortingen"
        ordering = ["-ingegaan_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["deelnemer"], condition=models.Q(opgeheven_op__isnull=True),
                                    name="een_lopende_opschorting"),
            # BES-EENMAAL: a decision carries one suspension, and one lifting
            models.UniqueConstraint(fields=["besluit"], name="besluit_draagt_een_opschorting"),
            models.UniqueConstraint(fields=["opheffingsbesluit"], condition=models.Q(opheffingsbesluit__isnull=False),
                                    name="besluit_draagt_een_opheffing"),
        ]

    def __str__(self):
        return f"Opschorting niveau {self.niveau} van {self.deelnemer} ({self.ingegaan_op})"

    @property
    def verwachte_duur(self) -> str:
        return VERWACHTE_DUUR[self.niveau]

    def einde_verstreken(self, dag: dt.date) -> bool:
        """Running (levels 1-3) and past its planned end on ``dag`` (or without one, or so found by the nightly
        check): a staff task, lift or extend it."""
        if self.opgeheven_op is not None or self.niveau == 4:
            return False
        return self.einde_gesignaleerd_op is not None or self.gepland_tot is None or self.gepland_tot < dag


class BriefSoort(models.TextChoices):
    VERZOEK_TOELICHTING = "verzoek_toelichting", "Verzoek om toelichting"
    BEOORDELING = "beoordeling", "Beoordeling en besluit"
    INGEBREKESTELLING = "ingebrekestelling", "Formele ingebrekestelling"
    ONTBINDING = "ontbinding", "Ontbinding van de deelnemersovereenkomst"


class Kanaal(models.TextChoices):
    AANGETEKEND = "aangetekend", "Aangetekende brief"
    EMAIL = "email", "E-mail"


class Brief(models.Model):
    """A letter of a case (rule NAL-BRIEF): made as PDF from a Dutch template at the step it belongs to."""

    zaak = models.ForeignKey(Nalevingszaak, on_delete=models.PROTECT, related_name="brieven", verbose_name="zaak")
    soort = models.CharField("soort", max_length=30, choices=BriefSoort.choices)
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256", max_length=64)
    verzonden_op = models.DateField("verzonden op")
    kanaal = models.CharField("kanaal", max_length=20, choices=Kanaal.choices)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "brief"
        verbose_name_plural = "brieven"
        ordering = ["zaak", "verzonden_op", "id"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.zaak.nummer} ({self.verzonden_op})"
