"""Bodies (organen), their members and meetings; agendas, documents, advice notes and minutes; decision proposals.

The board and the other bodies of the framework (steering group, implementation group, working groups, regional
meetings) meet; the executive organisation's staff prepare the meetings (agenda, documents, advice notes, draft
minutes) and the decisions (a ``Besluitvoorstel``); only a voting member of the board adopts a proposal, in or
after the meeting it is on the agenda of, and only then does it become a ``Besluit`` in the decisions register
(rule OVL-SCHEIDING; the transitions are declared in ``workflow.py``).

An agenda item says what it is about through a generic pointer (``onderwerp``) to a domain object of another app
(a participant in admission, a compliance case, a dispute, a decision, later a change request or a release); the
kinds that may be pointed at, and how they are looked up, shown and linked, are data in ``onderwerpen.py``.
"""

import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.kern.models import AlleenToevoegen
from stelselbeheer.kern.rollen import Actie, kan

from . import stappen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class OrgaanSoort(models.TextChoices):
    BESTUUR = "bestuur", "Bestuur"
    STUURGROEP = "stuurgroep", "Stuurgroep"
    IMPLEMENTATIEGROEP = "implementatiegroep", "Implementatiegroep"
    WERKGROEP = "werkgroep", "Werkgroep"
    REGIONAAL_OVERLEG = "regionaal_overleg", "Regionaal overleg"


#: path segments under /overleg/ that are not a body's code
GERESERVEERD = {"nieuw", "leden", "vergaderingen", "agendapunten", "stukken", "voorstellen"}


def valideer_code(code: str) -> None:
    if code in GERESERVEERD:
        raise ValidationError(f"'{code}' is gereserveerd; kies een andere code.", code="gereserveerd")


class OrgaanQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """OVL-OPENBAAR: whoever may read the meetings sees every body; everyone else only the public ones."""
        return self if kan(user, Actie.OVERLEG_LEZEN) else self.filter(openbaar=True)


class Orgaan(models.Model):
    code = models.SlugField("code", max_length=40, unique=True, validators=[valideer_code],
                            help_text="Korte naam in de adresbalk, bijvoorbeeld 'bestuur' of 'werkgroep-architectuur'.")
    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=30, choices=OrgaanSoort.choices)
    omschrijving = models.TextField("omschrijving", blank=True)
    openbaar = models.BooleanField(
        "openbaar", default=False,
        help_text="Van een openbaar orgaan staan naam, omschrijving en vergaderplanning op de openbare pagina's "
                  "en in de openbare agenda (iCalendar); agenda's, stukken en notulen nooit.")
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    objects = OrgaanQuerySet.as_manager()

    class Meta:
        verbose_name = "orgaan"
        verbose_name_plural = "organen"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("orgaan-detail", args=[self.code])


class LidRol(models.TextChoices):
    VOORZITTER = "voorzitter", "Voorzitter"
    SECRETARIS = "secretaris", "Secretaris"
    LID = "lid", "Lid"
    ADVISEUR = "adviseur", "Adviseur (zonder stem)"


#: roles in a body that take part in its decisions (an adviser advises, and has no vote)
STEMGERECHTIGD = (LidRol.VOORZITTER, LidRol.SECRETARIS, LidRol.LID)


class LidmaatschapQuerySet(models.QuerySet):
    def actief_op(self, datum):
        return self.filter(van__lte=datum).filter(Q(tot__isnull=True) | Q(tot__gte=datum))


class Lidmaatschap(models.Model):
    """A person's seat in a body, with a role and a period; linked to an account where the person has one
    (which is what lets them act in the system) and/or to the organisation they sit for."""

    orgaan = models.ForeignKey(Orgaan, on_delete=models.PROTECT, related_name="leden", verbose_name="orgaan")
    naam = models.CharField("naam", max_length=200)
    rol = models.CharField("rol", max_length=20, choices=LidRol.choices)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="lidmaatschappen", verbose_name="account")
    organisatie = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="lidmaatschappen", verbose_name="namens organisatie")
    van = models.DateField("lid vanaf")
    tot = models.DateField("lid tot en met", null=True, blank=True)

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["orgaan", "rol", "naam"]
        constraints = [models.CheckConstraint(name="lidmaatschap_tot_na_van",
                                              condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")))]

    def __str__(self):
        return f"{self.naam} ({self.get_rol_display().lower()}, {self.orgaan})"

    def clean(self):
        super().clean()
        if self.van and self.tot and self.tot < self.van:
            raise ValidationError({"tot": "De einddatum ligt niet vóór de begindatum."})

    def is_actief_op(self, datum) -> bool:
        return self.van <= datum and (self.tot is None or self.tot >= datum)


class VergaderStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    GEHOUDEN = "gehouden", "Gehouden"
    GEANNULEERD = "geannuleerd", "Geannuleerd"


class Vergadering(models.Model):
    orgaan = models.ForeignKey(Orgaan, on_delete=models.PROTECT, related_name="vergaderingen", verbose_name="orgaan")
    begin = models.DateTimeField("begin", db_index=True)
    einde = models.DateTimeField("einde")
    plaats = models.CharField("plaats", max_length=200, blank=True)
    online_link = models.URLField("link voor online deelname", blank=True)
    status = models.CharField("status", max_length=20, choices=VergaderStatus.choices, default=VergaderStatus.GEPLAND)
    annuleringsreden = models.TextField("reden van annulering", blank=True)
    #: stable identity in calendars (iCalendar UID); never changes, also not when the meeting moves
    uid = models.UUIDField("kalender-id", default=uuid.uuid4, unique=True, editable=False)
    #: iCalendar SEQUENCE: raised by every change a calendar must pick up (time, place, cancellation)
    revisie = models.PositiveIntegerField("revisie", default=0)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"
        ordering = ["begin", "id"]
        constraints = [models.CheckConstraint(name="vergadering_einde_na_begin",
                                              condition=Q(einde__gt=models.F("begin")))]

    def __str__(self):
        return f"{self.orgaan.naam}, {self.begin.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("vergadering-detail", args=[self.pk])

    def clean(self):
        super().clean()
        fouten = {}
        if self.begin and self.einde and self.einde <= self.begin:
            fouten["einde"] = "De vergadering eindigt na het begin."
        if not (self.plaats.strip() or self.online_link.strip()):
            fouten["plaats"] = "Geef een plaats of een link voor online deelname."
        if fouten:
            raise ValidationError(fouten)

    def is_begonnen(self, moment) -> bool:
        return self.begin <= moment


class Agendapunt(models.Model):
    """One item of a meeting's agenda: a title, free text, and optionally the domain object it is about."""

    vergadering = models.ForeignKey(Vergadering, on_delete=models.PROTECT, related_name="agendapunten",
                                    verbose_name="vergadering")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    titel = models.CharField("titel", max_length=200)
    toelichting = models.TextField("toelichting", blank=True)
    onderwerp_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="soort onderwerp")
    onderwerp_id = models.PositiveBigIntegerField("onderwerp-id", null=True, blank=True)
    onderwerp = GenericForeignKey("onderwerp_type", "onderwerp_id")

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["vergadering", "volgorde", "id"]
        indexes = [models.Index(fields=["onderwerp_type", "onderwerp_id"])]
        constraints = [models.CheckConstraint(
            name="agendapunt_onderwerp_heel",
            condition=Q(onderwerp_type__isnull=True, onderwerp_id__isnull=True)
            | Q(onderwerp_type__isnull=False, onderwerp_id__isnull=False))]

    def __str__(self):
        return f"{self.volgorde}. {self.titel}"

    def get_absolute_url(self):
        return f"{self.vergadering.get_absolute_url()}#agendapunt-{self.pk}"


class Document(models.Model):
    """A meeting document (vergaderstuk), stored like decision attachments: under MEDIA_ROOT, served only through
    a view that checks who may see it; a confidential one only to the board and staff (OVL-VERTROUWELIJK)."""

    vergadering = models.ForeignKey(Vergadering, on_delete=models.PROTECT, related_name="documenten",
                                    verbose_name="vergadering")
    agendapunt = models.ForeignKey(Agendapunt, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="documenten", verbose_name="agendapunt")
    naam = models.CharField("naam", max_length=200)
    bestand = models.FileField("bestand", upload_to="overleg/%Y/")
    grootte = models.PositiveIntegerField("grootte (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    vertrouwelijk = models.BooleanField("vertrouwelijk", default=False,
                                        help_text="Alleen voor het bestuur en de uitvoeringsorganisatie.")
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="toegevoegd door")
    toegevoegd_op = models.DateTimeField("toegevoegd op", auto_now_add=True)

    class Meta:
        verbose_name = "vergaderstuk"
        verbose_name_plural = "vergaderstukken"
        ordering = ["vergadering", "agendapunt__volgorde", "id"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("document-download", args=[self.pk])


class Adviesnota(models.Model):
    """The executive organisation's advice to the body on one agenda item."""

    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.PROTECT, related_name="adviesnotas",
                                   verbose_name="agendapunt")
    titel = models.CharField("titel", max_length=200)
    advies = models.TextField("advies")
    vertrouwelijk = models.BooleanField("vertrouwelijk", default=True,
                                        help_text="Alleen voor het bestuur en de uitvoeringsorganisatie.")
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="opgesteld door")
    opgesteld_op = models.DateTimeField("opgesteld op", auto_now_add=True)

    class Meta:
        verbose_name = "adviesnota"
        verbose_name_plural = "adviesnota's"
        ordering = ["agendapunt", "id"]

    def __str__(self):
        return self.titel


class NotulenStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Notulen(models.Model):
    """The minutes of one meeting: drafted by staff, adopted by the body at or after a later meeting, and from
    then on never changed (OVL-NOTULEN)."""

    vergadering = models.OneToOneField(Vergadering, on_delete=models.PROTECT, related_name="notulen",
                                       verbose_name="vergadering")
    tekst = models.TextField("tekst")
    status = models.CharField("status", max_length=20, choices=NotulenStatus.choices, default=NotulenStatus.CONCEPT)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="opgesteld door")
    bijgewerkt_op = models.DateTimeField("bijgewerkt op")
    vastgesteld_in = models.ForeignKey(Vergadering, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="vastgestelde_notulen", verbose_name="vastgesteld in")
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name="vastgesteld door")
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)
    sha256 = models.CharField("SHA-256 van de vastgestelde tekst", max_length=64, blank=True)

    class Meta:
        verbose_name = "notulen"
        verbose_name_plural = "notulen"
        constraints = [models.CheckConstraint(
            name="notulen_vastgesteld_heel",
            condition=Q(status=NotulenStatus.CONCEPT, vastgesteld_op__isnull=True)
            | Q(status=NotulenStatus.VASTGESTELD, vastgesteld_op__isnull=False, vastgesteld_in__isnull=False))]

    def __str__(self):
        return f"Notulen {self.vergadering}"

    def save(self, *args, **kwargs):
        # OVL-NOTULEN, the backstop under the services: a stored adopted text is never written again
        if self.pk and Notulen.objects.filter(pk=self.pk, status=NotulenStatus.VASTGESTELD).exists():
            raise TypeError("Vastgestelde notulen zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Notulen worden niet verwijderd.")


class VoorstelStatus(models.TextChoices):
    CONCEPT = "concept", "In voorbereiding"
    VOORGELEGD = "voorgelegd", "Voorgelegd"
    VASTGESTELD = "vastgesteld", "Vastgesteld"
    AANGEHOUDEN = "aangehouden", "Aangehouden"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class BesluitvoorstelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """OVL-VERTROUWELIJK: board and staff see every proposal; other readers (the auditor) the public ones."""
        if kan(user, Actie.OVERLEG_VERTROUWELIJK_LEZEN):
            return self
        if kan(user, Actie.OVERLEG_LEZEN):
            return self.filter(openbaar=True)
        return self.none()


class Besluitvoorstel(models.Model):
    """A decision prepared by staff for the board. Only a voting board member adopts it (OVL-SCHEIDING); adoption
    records the ``Besluit`` through the decisions register's own service, and freezes the proposal."""

    nummer = models.CharField("nummer", max_length=20, unique=True, editable=False)
    orgaan = models.ForeignKey(Orgaan, on_delete=models.PROTECT, related_name="besluitvoorstellen",
                               verbose_name="besluitvormend orgaan")
    onderwerp = models.CharField("onderwerp", max_length=200)
    tekst = models.TextField("tekst van het besluit")
    soort = models.CharField("soort besluit", max_length=20, choices=BesluitSoort.choices)
    openbaar = models.BooleanField("openbaar", default=True,
                                   help_text="Het besluit komt op de openbare besluitenpagina en in de feed.")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="besluitvoorstellen", verbose_name="betrokken deelnemer")
    partijen = models.ManyToManyField("organisaties.Organisatie", blank=True, related_name="besluitvoorstellen",
                                      verbose_name="partijen")
    #: OVL-STAP: the board step the adopted decision enables, and what it is about (participant, case, melding)
    stap = models.CharField("maakt mogelijk", max_length=40, choices=stappen.KEUZES, blank=True,
                            help_text="De bestuursstap die het vastgestelde besluit draagt; alleen die stap, over "
                                      "deze deelnemer, nalevingszaak of melding.")
    zaak = models.ForeignKey("naleving.Nalevingszaak", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="besluitvoorstellen", verbose_name="nalevingszaak")
    melding = models.ForeignKey("meldingen.Melding", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="besluitvoorstellen", verbose_name="melding (klacht of geschil)")
    agendapunt = models.ForeignKey(Agendapunt, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="besluitvoorstellen", verbose_name="agendapunt")
    status = models.CharField("status", max_length=20, choices=VoorstelStatus.choices, default=VoorstelStatus.CONCEPT,
                              db_index=True)
    #: raised by every change of the content; an adoption names the revision it adopted
    revisie = models.PositiveIntegerField("revisie", default=1)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="opgesteld door")
    opgesteld_op = models.DateTimeField("opgesteld op")
    besluit = models.OneToOneField("besluiten.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="voorstel", verbose_name="besluit")
    beslist_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="beslist door")
    beslist_op = models.DateTimeField("beslist op", null=True, blank=True)
    beslist_in = models.ForeignKey(Vergadering, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="beslist in vergadering")
    toelichting_beslissing = models.TextField("toelichting bij de beslissing", blank=True)

    objects = BesluitvoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = "besluitvoorstel"
        verbose_name_plural = "besluitvoorstellen"
        ordering = ["-opgesteld_op", "-id"]
        constraints = [models.CheckConstraint(
            name="besluitvoorstel_besluit_alleen_vastgesteld",
            condition=Q(status=VoorstelStatus.VASTGESTELD, besluit__isnull=False)
            | (~Q(status=VoorstelStatus.VASTGESTELD) & Q(besluit__isnull=True)))]

    def __str__(self):
        return f"{self.nummer}: {self.onderwerp}"

    def get_absolute_url(self):
        return reverse("besluitvoorstel-detail", args=[self.nummer])

    def clean(self):
        super().clean()
        if self.orgaan_id and self.orgaan.soort != OrgaanSoort.BESTUUR:
            raise ValidationError({"orgaan": "OVL-BESTUUR: een besluit voor het besluitenregister neemt het "
                                             "bestuur; kies een orgaan van de soort bestuur."})
        self._stap_past()

    def _stap_past(self):
        """OVL-STAP: the step fits the kind of decision, and the subject the step is about is named (a case's
        participant is the proposal's participant)."""
        fouten = {}
        if self.zaak_id and self.deelnemer_id is None:
            self.deelnemer_id = self.zaak.deelnemer_id
        if bezwaar := stappen.soort_bezwaar(self.stap, self.soort):
            fouten["stap"] = bezwaar
        stap = stappen.PER_NAAM.get(self.stap)
        nodig = stap.onderwerp if stap else ""
        if nodig == "deelnemer" and self.deelnemer_id is None:
            fouten["deelnemer"] = f"OVL-STAP: '{stap.label}' gaat over een deelnemer; kies de betrokken deelnemer."
        if nodig == "zaak" and self.zaak_id is None:
            fouten["zaak"] = f"OVL-STAP: '{stap.label}' gaat over een nalevingszaak; kies de zaak."
        if nodig == "melding" and self.melding_id is None:
            fouten["melding"] = f"OVL-STAP: '{stap.label}' gaat over een klacht of geschil; kies de melding."
        if self.zaak_id and nodig != "zaak":
            fouten["zaak"] = "Een nalevingszaak hoort alleen bij de stap 'ontbinden'."
        elif self.zaak_id and self.zaak.deelnemer_id != self.deelnemer_id:
            fouten["zaak"] = "Deze nalevingszaak gaat over een andere deelnemer dan het voorstel."
        if self.melding_id and nodig != "melding":
            fouten["melding"] = "Een melding hoort alleen bij de stap 'uitspraak'."
        if fouten:
            raise ValidationError(fouten)


class Voorstelgebeurtenis(AlleenToevoegen):
    """The history of a proposal (append-only): prepared, changed (with its revision), put forward, decided."""

    voorstel = models.ForeignKey(Besluitvoorstel, on_delete=models.PROTECT, related_name="gebeurtenissen",
                                 verbose_name="besluitvoorstel")
    soort = models.CharField("soort", max_length=30)
    van = models.CharField("van", max_length=20, choices=VoorstelStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=20, choices=VoorstelStatus.choices, blank=True)
    revisie = models.PositiveIntegerField("revisie")
    vergadering = models.ForeignKey(Vergadering, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="vergadering")
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")
    tijdstip = models.DateTimeField("tijdstip")

    class Meta:
        verbose_name = "gebeurtenis bij een besluitvoorstel"
        verbose_name_plural = "gebeurtenissen bij besluitvoorstellen"
        ordering = ["voorstel", "tijdstip", "id"]

    def __str__(self):
        return f"{self.voorstel.nummer}: {self.soort}"

    #: how the kinds of events read on the page (the workflow's steps carry their own label)
    LABELS = {"opgesteld": "Opgesteld", "gewijzigd": "Gewijzigd", "voorleggen": "Voorgelegd aan het bestuur",
              "vaststellen": "Vastgesteld", "aanhouden": "Aangehouden", "afwijzen": "Afgewezen",
              "intrekken": "Ingetrokken"}

    def get_soort_display(self) -> str:
        return self.LABELS.get(self.soort, self.soort)
