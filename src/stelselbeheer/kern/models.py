"""Accounts and the audit trail."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from .rollen import Rol


class Gebruiker(AbstractUser):
    """An account. Its role decides what it may do (``kern.rollen.RECHTEN``); a participant user is bound
    to one participant, a regional user to one RSO."""

    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    deelnemer = models.ForeignKey(
        "deelnemers.Deelnemer", verbose_name="deelnemer", null=True, blank=True, on_delete=models.PROTECT,
        related_name="gebruikers")
    rso = models.ForeignKey(
        "organisaties.Organisatie", verbose_name="RSO", null=True, blank=True, on_delete=models.PROTECT,
        related_name="regiogebruikers")

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        constraints = [
            models.CheckConstraint(
                name="gebruiker_deelnemer_alleen_bij_deelnemerrol",
                condition=(models.Q(rol=Rol.DEELNEMER, deelnemer__isnull=False)
                           | (~models.Q(rol=Rol.DEELNEMER) & models.Q(deelnemer__isnull=True))),
            ),
            models.CheckConstraint(
                name="gebruiker_rso_alleen_bij_regiorol",
                condition=(models.Q(rol=Rol.REGIO, rso__isnull=False)
                           | (~models.Q(rol=Rol.REGIO) & models.Q(rso__isnull=True))),
            ),
        ]

    def clean(self):
        super().clean()
        if self.rol == Rol.DEELNEMER and not self.deelnemer_id:
            raise ValidationError({"deelnemer": "Een deelnemergebruiker hoort bij precies één deelnemer."})
        if self.rol == Rol.REGIO and not self.rso_id:
            raise ValidationError({"rso": "Een regionale gebruiker hoort bij precies één RSO."})


class AlleenToevoegenQuerySet(models.QuerySet):
    """Rows of an append-only table are never updated or deleted in bulk either."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model._meta.verbose_name_plural} zijn onveranderlijk.")

    def delete(self):
        raise TypeError(f"{self.model._meta.verbose_name_plural} worden nooit verwijderd.")


class AlleenToevoegen(models.Model):
    """An append-only record: inserted once, never saved again, never deleted (audit events, snapshots)."""

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(f"{self._meta.verbose_name_plural} zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{self._meta.verbose_name_plural} worden nooit verwijderd.")


class AuditEvent(AlleenToevoegen):
    """One append-only, hash-chained event: who did what to which object, before and after, and why.

    ``hash = sha256(vorige_hash + canonical JSON of the event)``; see ``kern.audit``.
    """

    volgnummer = models.PositiveBigIntegerField("volgnummer", unique=True)
    tijdstip = models.DateTimeField("tijdstip")
    actor = models.ForeignKey(Gebruiker, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="actor")
    actor_naam = models.CharField("actor", max_length=200)
    actie = models.CharField("actie", max_length=100, db_index=True)
    object_type = models.CharField("objecttype", max_length=100, db_index=True)
    object_id = models.CharField("object-id", max_length=100, db_index=True)
    object_omschrijving = models.CharField("object", max_length=300)
    voor = models.JSONField("voor", null=True, blank=True)
    na = models.JSONField("na", null=True, blank=True)
    reden = models.TextField("reden", blank=True)
    vorige_hash = models.CharField("vorige hash", max_length=64)
    hash = models.CharField("hash", max_length=64, unique=True)

    class Meta:
        verbose_name = "audit-event"
        verbose_name_plural = "audit-events"
        ordering = ["-volgnummer"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"#{self.volgnummer} {self.actie} {self.object_omschrijving}"


class AuditKop(models.Model):
    """The head of the chain: one row, locked by every writer so that events are numbered without forks,
    and holding the last number and hash so that a removed tail is detected too."""

    volgnummer = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "audit-kop"
        verbose_name_plural = "audit-kop"

    def __str__(self):
        return f"kop #{self.volgnummer}"


class Inschrijfcode(models.Model):
    """A one-time code with which an account that must use a second factor sets up its authenticator app (rule
    TOE-2FA-INSCHRIJVING): issued for this account by another staff member or from the server's command line,
    stored only as SHA-256, used once, and expiring. A newer code withdraws the open ones."""

    gebruiker = models.ForeignKey(Gebruiker, on_delete=models.CASCADE, related_name="inschrijfcodes",
                                  verbose_name="gebruiker")
    code_sha256 = models.CharField("SHA-256 van de code", max_length=64, unique=True)
    uitgegeven_door = models.ForeignKey(Gebruiker, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                        verbose_name="uitgegeven door")
    uitgegeven_op = models.DateTimeField("uitgegeven op")
    geldig_tot = models.DateTimeField("geldig tot")
    gebruikt_op = models.DateTimeField("gebruikt op", null=True, blank=True)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        verbose_name = "inschrijfcode"
        verbose_name_plural = "inschrijfcodes"
        ordering = ["-uitgegeven_op"]

    def __str__(self):
        return f"inschrijfcode voor {self.gebruiker} (tot {self.geldig_tot:%d-%m-%Y %H:%M})"

    def open_op(self, moment) -> bool:
        return self.gebruikt_op is None and self.ingetrokken_op is None and moment < self.geldig_tot


class ApiToken(models.Model):
    """A credential with which a participant's or region's system calls the API in the name of one account (rules
    API-TOKEN, API-TOKEN-SCOPE). The token itself (``stb_<publiek_id>_<geheim>``) is shown once; only its SHA-256 is
    kept, and ``publiek_id`` finds the row without comparing against every hash. It acts as its ``eigenaar`` with
    that account's object scope (own participant, own region), and may do only the ``acties`` named here that the
    account's role still allows. It stops working when it expires, is revoked, the account is deactivated, or the
    account no longer belongs to the participant or RSO the token was made for."""

    publiek_id = models.CharField("publiek id", max_length=16, unique=True)
    geheim_sha256 = models.CharField("SHA-256 van het token", max_length=64, unique=True)
    naam = models.CharField("naam", max_length=100, help_text="Waarvoor het token dient, bijvoorbeeld het systeem "
                                                               "dat het gebruikt.")
    eigenaar = models.ForeignKey(Gebruiker, on_delete=models.CASCADE, related_name="api_tokens",
                                 verbose_name="account")
    deelnemer = models.ForeignKey("deelnemers.Deelnemer", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="api_tokens", verbose_name="deelnemer")
    rso = models.ForeignKey("organisaties.Organisatie", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="api_tokens", verbose_name="RSO")
    acties = models.JSONField("acties", default=list)
    aangemaakt_door = models.ForeignKey(Gebruiker, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                        verbose_name="aangemaakt door")
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    geldig_tot = models.DateTimeField("geldig tot")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_door = models.ForeignKey(Gebruiker, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name="ingetrokken door")
    laatst_gebruikt_op = models.DateTimeField("laatst gebruikt op", null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"API-token {self.publiek_id} ({self.naam})"

    def open_op(self, moment) -> bool:
        return self.ingetrokken_op is None and moment < self.geldig_tot

    def stand(self, moment) -> str:
        if self.ingetrokken_op is not None:
            return "ingetrokken"
        return "geldig" if moment < self.geldig_tot else "verlopen"
