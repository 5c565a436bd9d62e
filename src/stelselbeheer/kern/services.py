"""Shared mechanics of the service layer, and the account services.

Every state change in the project goes through a service function that runs in one transaction and
records an audit event in it. ``opslaan_nieuw`` and ``wijzigen`` are the two shapes almost every
service has: validate the model (its field validators carry the rules), save, record before/after.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .audit import momentopname, vastleggen
from .models import Gebruiker
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
