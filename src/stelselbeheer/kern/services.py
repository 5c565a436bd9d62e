"""Shared mechanics of the service layer, and the account services.

Every state change in the project goes through a service function that runs in one transaction and
records an audit event in it. ``opslaan_nieuw`` and ``wijzigen`` are the two shapes almost every
service has: validate the model (its field validators carry the rules), save, record before/after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import momentopname, vastleggen
from .models import Gebruiker, Inschrijfcode
from .rollen import Actie, Rol, vereist_recht


def opslaan_nieuw(*, actor, obj: models.Model, actie: str, reden: str = "") -> models.Model:
    """Validate and insert ``obj``; record ``actie`` with the new state. Call inside a transaction."""
    obj.full_clean()
    obj.save()
    vastleggen(actor=actor, actie=actie, obj=obj, na=momentopname(obj), reden=reden)
    return obj


def wijzigen(*, actor, obj: models.Model, wijzigingen: dict, toegestaan: set[str], actie: str,
             reden: str = "") -> models.Model:
    """Apply ``wijzigingen`` (only fields in ``toegestaan``), validate, save, record before and after.

    A change that changes nothing writes nothing and records nothing."""
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    voor = momentopname(obj)
    for veld, waarde in wijzigingen.items():
        setattr(obj, veld, waarde)
    obj.full_clean()
    na = momentopname(obj)
    if na == voor:
        return obj
    obj.save()
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    vastleggen(actor=actor, actie=actie, obj=obj,
               voor={k: voor.get(k) for k in gewijzigd}, na={k: na[k] for k in gewijzigd}, reden=reden)
    return obj


def volgend_jaarnummer(model, voorvoegsel: str, jaar: int) -> str:
    """``<voorvoegsel>-<jaar>-NNNN``, gap-free per year: the next after the highest, read with a row lock. Call
    inside the transaction that inserts it (the unique field is the backstop)."""
    begin = f"{voorvoegsel}-{jaar}-"
    laatste = (model.objects.select_for_update().filter(nummer__startswith=begin).order_by("-nummer")
               .values_list("nummer", flat=True).first())
    return f"{begin}{(int(laatste.rsplit('-', 1)[1]) + 1) if laatste else 1:04d}"


@transaction.atomic
@vereist_recht(Actie.GEBRUIKERS_BEHEREN)
def gebruiker_aanmaken(*, actor, gebruikersnaam: str, wachtwoord: str, rol: str, email: str = "",
                       volledige_naam: str = "", deelnemer=None, rso=None, reden: str = "") -> Gebruiker:
    """Create an account with a role; staff, board and auditor accounts get access to the admin views."""
    gebruiker = Gebruiker(username=gebruikersnaam, rol=rol, email=email, first_name=volledige_naam,
                          deelnemer=deelnemer, rso=rso,
                          is_staff=rol in {Rol.UITVOERING, Rol.BESTUUR, Rol.AUDITOR})
    try:
        validate_password(wachtwoord, user=gebruiker)
    except ValidationError as e:
        raise ValidationError({"wachtwoord": e.messages}) from e
    gebruiker.set_password(wachtwoord)
    gebruiker.full_clean()
    gebruiker.save()
    vastleggen(actor=actor, actie="gebruiker.aangemaakt", obj=gebruiker,
               na=momentopname(gebruiker, ["id", "username", "rol", "deelnemer", "rso", "email", "is_staff"]),
               reden=reden)
    return gebruiker


#: the characters of an enrolment code: no 0/O, 1/I/L, so that it can be read out and typed
_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _normaal(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


def _code_sha256(code: str) -> str:
    return hashlib.sha256(_normaal(code).encode()).hexdigest()


@transaction.atomic
@vereist_recht(Actie.GEBRUIKERS_BEHEREN)
def inschrijfcode_uitgeven(*, actor, gebruiker: Gebruiker) -> tuple[Inschrijfcode, str]:
    """A one-time enrolment code for ``gebruiker``'s second factor (TOE-2FA-INSCHRIJVING), issued by another
    staff member (``actor``) or from the command line (``actor=None``). Returns the code itself once; only its
    SHA-256 is kept. It expires after ``TWEEFACTOR_INSCHRIJVING_UREN`` hours; a newer code withdraws open ones."""
    if actor is not None and actor.pk == gebruiker.pk:
        raise PermissionDenied("U kunt geen inschrijfcode voor uw eigen account uitgeven; vraag een collega.")
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if not gebruiker.is_active:
        raise ValidationError({"gebruiker": "Dit account is niet actief."})
    if gebruiker.rol not in settings.TWEEFACTOR_ROLLEN:
        raise ValidationError({"gebruiker": f"De rol {gebruiker.get_rol_display().lower()} logt niet in met een "
                                            "tweede factor; een inschrijfcode is niet nodig."})
    if TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists():
        raise ValidationError({"gebruiker": "Dit account heeft al een tweede factor. Is die kwijt, dan herstelt een "
                                            "beheerder met toegang tot de server hem eerst (stelsel tweefactor "
                                            "herstel)."})
    nu = timezone.now()
    Inschrijfcode.objects.filter(gebruiker=gebruiker, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
                                 ).update(ingetrokken_op=nu)
    code = "-".join("".join(secrets.choice(_TEKENS) for _ in range(4)) for _ in range(4))  # 16 x 5 bits
    inschrijving = Inschrijfcode.objects.create(
        gebruiker=gebruiker, code_sha256=_code_sha256(code), uitgegeven_door=actor, uitgegeven_op=nu,
        geldig_tot=nu + dt.timedelta(hours=settings.TWEEFACTOR_INSCHRIJVING_UREN))
    vastleggen(actor=actor, actie="gebruiker.inschrijfcode_uitgegeven", obj=gebruiker,
               na={"inschrijfcode": inschrijving.pk, "geldig_tot": inschrijving.geldig_tot.isoformat()})
    return inschrijving, code


@transaction.atomic
def inschrijfcode_gebruiken(*, gebruiker: Gebruiker, code: str) -> TOTPDevice | None:
    """The account itself, logged in with its password, hands in its enrolment code: an open code for this account
    is used up and gives a fresh, unconfirmed authenticator device, whose secret the second-factor page then shows
    in this session only. A wrong, used, withdrawn or expired code gives None and uses nothing."""
    inschrijving = (Inschrijfcode.objects.select_for_update()
                    .filter(gebruiker=gebruiker, code_sha256=_code_sha256(code)).first())
    nu = timezone.now()
    if inschrijving is None or not inschrijving.open_op(nu):
        return None
    inschrijving.gebruikt_op = nu
    inschrijving.save(update_fields=["gebruikt_op"])
    TOTPDevice.objects.filter(user=gebruiker, confirmed=False).delete()
    apparaat = TOTPDevice.objects.create(user=gebruiker, name="authenticator", confirmed=False)
    vastleggen(actor=gebruiker, actie="gebruiker.inschrijfcode_gebruikt", obj=gebruiker,
               na={"inschrijfcode": inschrijving.pk, "apparaat": apparaat.pk})
    return apparaat
