"""Participants (who signed the deelnemersovereenkomst), their roles and their qualifications."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from stelselbeheer.kern.models import AlleenToevoegen

from . import rules


class DeelnemerStatus(models.TextChoices):
    """The states of toe- and uittreding; the transitions between them are declared in ``workflow.py``."""

    AANGEMELD = "aangemeld", "Aanvraag ingediend"
    INTAKE = "intake", "Intake"
    KWALIFICATIE = "kwalificatie", "Kwalificatie"
    ADVIES = "advies", "Advies uitgebracht"
    TOEGELATEN = "toegelaten", "Toegelaten (wacht op ondertekening)"
    ACTIEF = "actief", "Actief"
    OPGESCHORT = "opgeschort", "Opgeschort"
    IN_UITTREDING = "in_uittreding", "In uittreding"
    BEEINDIGD = "beeindigd", "Beëindigd"
    AFGEWEZEN = "afgewezen", "Aanvraag afgewezen"
    INGETROKKEN = "ingetrokken", "Aanvraag ingetrokken"


class Advies(models.TextChoices):
    POSITIEF = "positief", "Positief"
    NEGATIEF = "negatief", "Negatief"


class UittredingSoort(models.TextChoices):
    VERZOEK = "verzoek", "Op verzoek van de deelnemer (opzegging)"
    BEEINDIGING = "beeindiging", "Beëindiging door het bestuur"


class RolSoort(models.TextChoices):
    DVP = "dvp", "Dienstverlener persoon (DVP)"
    DVA = "dva", "Dienstverlener aanbieder (DVA)"


class DeelnemerQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(status=DeelnemerStatus.ACTIEF)

    def met_rol(self, rol):
        return self.filter(rollen__rol=rol).distinct()


class Deelnemer(models.Model):
    organisatie = models.OneToOneField("organisaties.Organisatie", on_delete=models.PROTECT,
                                       related_name="deelnemer", verbose_name="organisatie")
    overeenkomstversie = models.CharField("versie deelnemersovereenkomst", max_length=20)
    #: AFS-OVEREENKOMST (afsprakenset): the release whose agreement the participant signed; set from the version
    #: above where a release with that number exists (afsprakenset.services.overeenkomst_koppelen)
    overeenkomst_release = models.ForeignKey("afsprakenset.Release", null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="ondertekenaars",
                                             verbose_name="release van de deelnemersovereenkomst")
    ondertekend_op = models.DateField("ondertekend op", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=DeelnemerStatus.choices,
                              default=DeelnemerStatus.AANGEMELD, db_index=True)
    status_sinds = models.DateField("status sinds")
    contact_email = models.EmailField("e-mailadres voor berichten", blank=True,
                                      help_text="Herinneringen en berichten over de deelname gaan hierheen.")
    aanvraag_toelichting = models.TextField("toelichting bij de aanvraag", blank=True)
    advies = models.CharField("advies van de uitvoeringsorganisatie", max_length=10, choices=Advies.choices,
                              blank=True)
    advies_toelichting = models.TextField("toelichting bij het advies", blank=True)
    opzegdatum = models.DateField("einddatum deelname", null=True, blank=True,
                                  help_text="Bij uittreding: de datum waarop de deelname eindigt.")
    uittreding_soort = models.CharField("soort uittreding", max_length=20, choices=UittredingSoort.choices,
                                        blank=True)
    gebruikers_geinformeerd_op = models.DateField("gebruikers geïnformeerd op", null=True, blank=True)

    objects = DeelnemerQuerySet.as_manager()

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        ordering = ["organisatie__naam"]

    def get_absolute_url(self):
        return reverse("deelnemer-detail", args=[self.pk])

    def __str__(self):
        return self.organisatie.naam

    def clean(self):
        super().clean()
        if self.status == DeelnemerStatus.ACTIEF and not self.ondertekend_op:
            raise ValidationError({"ondertekend_op": "Een actieve deelnemer heeft de deelnemersovereenkomst "
                                                     "ondertekend: vul de datum van ondertekening in."})

    def heeft_rol(self, rol) -> bool:
        return self.rollen.filter(rol=rol).exists()


class DeelnemerRol(models.Model):
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="rollen",
                                  verbose_name="deelnemer")
    rol = models.CharField("rol", max_length=3, choices=RolSoort.choices)
    sinds = models.DateField("sinds")

    class Meta:
        verbose_name = "rol van deelnemer"
        verbose_name_plural = "rollen van deelnemers"
        constraints = [models.UniqueConstraint(fields=["deelnemer", "rol"], name="deelnemerrol_uniek")]

    def __str__(self):
        return f"{self.deelnemer}: {self.get_rol_display()}"


class Testresultaat(models.TextChoices):
    GESLAAGD = "geslaagd", "Geslaagd"
    NIET_GESLAAGD = "niet_geslaagd", "Niet geslaagd"


class KwalificatieQuerySet(models.QuerySet):
    def geldig_op(self, moment: dt.datetime | dt.date):
        """NAL-365 as a query: passed, tested on or before the day, valid through that day (Amsterdam)."""
        dag = rules.datum_in_amsterdam(moment)
        return self.filter(resultaat=Testresultaat.GESLAAGD, testdatum__lte=dag, geldig_tot__gte=dag)


class Kwalificatie(models.Model):
    """A participant passed (or failed) the tests for one gegevensdienst in one role."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="kwalificaties",
                                  verbose_name="deelnemer")
    rol = models.CharField("rol", max_length=3, choices=RolSoort.choices)
    gegevensdienst = models.ForeignKey("register.Gegevensdienst", on_delete=models.PROTECT,
                                       related_name="kwalificaties", verbose_name="gegevensdienst")
    testdatum = models.DateField("testdatum")
    resultaat = models.CharField("resultaat", max_length=20, choices=Testresultaat.choices)
    geldig_tot = models.DateField("geldig tot en met", db_index=True)
    opmerking = models.TextField("opmerking", blank=True)
    bewijs = models.FileField("bewijs (testrapport)", upload_to="kwalificaties/%Y/", blank=True,
                              help_text="Het testrapport; te downloaden door medewerkers, bestuur en de deelnemer.")

    objects = KwalificatieQuerySet.as_manager()

    class Meta:
        verbose_name = "kwalificatie"
        verbose_name_plural = "kwalificaties"
        ordering = ["-testdatum"]
        indexes = [models.Index(fields=["deelnemer", "rol", "gegevensdienst", "geldig_tot"])]

    def __str__(self):
        return f"{self.deelnemer} {self.get_rol_display()} {self.gegevensdienst} ({self.testdatum})"

    def clean(self):
        super().clean()
        if self.testdatum and self.geldig_tot and not rules.geldigheid_toegestaan(self.testdatum,
                                                                                  self.geldig_tot):
            raise ValidationError({"geldig_tot": (
                "NAL-365: een testresultaat is hooguit 365 dagen geldig; 'geldig tot en met' ligt tussen "
                f"{self.testdatum:%d-%m-%Y} en {rules.uiterste_geldig_tot(self.testdatum):%d-%m-%Y}.")})

    def is_geldig_op(self, moment) -> bool:
        return rules.is_geldig_op(geslaagd=self.resultaat == Testresultaat.GESLAAGD,
                                  testdatum=self.testdatum, geldig_tot=self.geldig_tot, moment=moment)


class Statuswijziging(AlleenToevoegen):
    """One step of a participant through toe- and uittreding (append-only): the public timeline and the
    answer to "what was this participant's status at time T" are read from here."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.PROTECT, related_name="statuswijzigingen",
                                  verbose_name="deelnemer")
    overgang = models.CharField("overgang", max_length=40)
    van = models.CharField("van", max_length=20, choices=DeelnemerStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=20, choices=DeelnemerStatus.choices)
    datum = models.DateField("datum")
    tijdstip = models.DateTimeField("vastgelegd op", auto_now_add=True)
    besluit = models.ForeignKey("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="statuswijzigingen", verbose_name="besluit")
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["deelnemer", "tijdstip", "id"]
        # BES-EENMAAL: a board decision carries the step it was adopted for, once
        constraints = [models.UniqueConstraint(fields=["besluit"], condition=models.Q(besluit__isnull=False),
                                               name="besluit_draagt_een_statuswijziging")]

    def __str__(self):
        return f"{self.deelnemer}: {self.get_van_display() or '–'} → {self.get_naar_display()} ({self.datum})"


class Herinnering(models.Model):
    """A reminder that a qualification expires, sent once per threshold (60, 30, 7 days)."""

    kwalificatie = models.ForeignKey(Kwalificatie, on_delete=models.PROTECT, related_name="herinneringen",
                                     verbose_name="kwalificatie")
    dagen_voor = models.PositiveSmallIntegerField("dagen voor het verlopen")
    verzonden_op = models.DateTimeField("verzonden op", auto_now_add=True)
    ronde = models.UUIDField("controleronde")

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        constraints = [models.UniqueConstraint(fields=["kwalificatie", "dagen_voor"], name="herinnering_eenmaal")]

    def __str__(self):
        return f"{self.kwalificatie}: {self.dagen_voor} dagen"
