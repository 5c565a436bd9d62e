"""Shared mechanics of the service layer, and the account services.

Every state change in the project goes through a service function that runs in one transaction and
records an audit event in it. ``opslaan_nieuw`` and ``wijzigen`` are the two shapes almost every
service has: validate the model (its field validators carry the rules), save, record before/after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import tokens
from .audit import momentopname, vastleggen
from .models import ApiToken, Gebruiker, Inschrijfcode
from .rollen import Actie, Rol, kan, vereist_recht

log = logging.getLogger(__name__)


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
def gebruiker_aanmaken(*, actor, gebruikersnaam: str, wachtwoord: str | None = None, rol: str, email: str = "",
                       volledige_naam: str = "", deelnemer=None, rso=None, reden: str = "") -> Gebruiker:
    """Create an account with a role; staff, board and auditor accounts get access to the admin views. Without
    ``wachtwoord`` the account has no usable password until its holder sets one through the invitation
    (``uitnodiging_versturen``, TOE-ACCOUNT): nobody but the holder ever knows it."""
    gebruiker = Gebruiker(username=gebruikersnaam, rol=rol, email=email, first_name=volledige_naam,
                          deelnemer=deelnemer, rso=rso,
                          is_staff=rol in {Rol.UITVOERING, Rol.BESTUUR, Rol.AUDITOR})
    if wachtwoord is None:
        gebruiker.set_unusable_password()
    else:
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


def wachtwoordlink(gebruiker: Gebruiker, adres: str) -> str:
    """The one-time link on which ``gebruiker`` sets a password: valid until it is used (the token depends on the
    password hash and last login) or PASSWORD_RESET_TIMEOUT has passed. ``adres``: the site, e.g. https://host."""
    uid = urlsafe_base64_encode(force_bytes(gebruiker.pk))
    token = default_token_generator.make_token(gebruiker)
    return adres.rstrip("/") + reverse("wachtwoord-instellen", args=[uid, token])


@transaction.atomic
@vereist_recht(Actie.GEBRUIKERS_BEHEREN)
def uitnodiging_versturen(*, actor, gebruiker: Gebruiker, adres: str) -> Gebruiker:
    """TOE-ACCOUNT: e-mail the account's holder a link to set the password (after the commit). Also for an account
    whose holder lost the first mail; it does not touch a password that is set (that holder uses "wachtwoord
    vergeten")."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if not gebruiker.is_active:
        raise ValidationError({"gebruiker": "Dit account is niet actief; activeer het eerst."})
    if not gebruiker.email:
        raise ValidationError({"email": "Dit account heeft geen e-mailadres; de uitnodiging kan nergens heen."})
    if gebruiker.has_usable_password():
        raise ValidationError({"gebruiker": "De houder heeft al een wachtwoord ingesteld. Is het kwijt, dan vraagt "
                                            "hij zelf een nieuw aan via 'Wachtwoord vergeten?' op de inlogpagina."})
    link = wachtwoordlink(gebruiker, adres)
    dagen = settings.PASSWORD_RESET_TIMEOUT // 86400
    onderwerp = "Uw account voor Stelselbeheer"
    tekst = (f"Beste {gebruiker.get_full_name() or gebruiker.username},\n\n"
             f"Er is een account voor u aangemaakt in Stelselbeheer, met de rol {gebruiker.get_rol_display().lower()}"
             f". Uw gebruikersnaam is: {gebruiker.username}\n\nStel uw wachtwoord in via deze link (eenmalig, "
             f"{dagen} dagen geldig):\n{link}\n\n"
             + ("Daarna stelt u bij de eerste keer inloggen een tweede factor in met de inschrijfcode die u van een "
                "collega krijgt.\n\n" if gebruiker.rol in settings.TWEEFACTOR_ROLLEN else "")
             + "Verwachtte u dit bericht niet, dan kunt u het negeren.")
    adres_houder = gebruiker.email

    def versturen():
        try:
            send_mail(onderwerp, tekst, None, [adres_houder])
        except Exception:  # noqa: BLE001 - any transport error: logged; staff can send the invitation again
            log.exception("Uitnodiging voor account %s niet verstuurd", gebruiker.pk)

    transaction.on_commit(versturen)
    vastleggen(actor=actor, actie="gebruiker.uitgenodigd", obj=gebruiker, na={"email": gebruiker.email})
    return gebruiker


@transaction.atomic
@vereist_recht(Actie.GEBRUIKERS_BEHEREN)
def gebruiker_activeren(*, actor, gebruiker: Gebruiker, actief: bool, reden: str) -> Gebruiker:
    """Deactivate an account (it can no longer log in, its sessions and API tokens stop working at their next
    request) or activate it again; never one's own account, always with a reason (TOE-ACCOUNT)."""
    if actor is not None and actor.pk == gebruiker.pk:
        raise PermissionDenied("U kunt uw eigen account niet (de)activeren; vraag een collega.")
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden."})
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if gebruiker.is_active == actief:
        raise ValidationError({"gebruiker": f"Het account is al {'actief' if actief else 'gedeactiveerd'}."})
    gebruiker.is_active = actief
    gebruiker.save(update_fields=["is_active"])
    vastleggen(actor=actor, actie="gebruiker.geactiveerd" if actief else "gebruiker.gedeactiveerd", obj=gebruiker,
               voor={"is_active": not actief}, na={"is_active": actief}, reden=reden)
    return gebruiker


@transaction.atomic
def wachtwoord_instellen(*, gebruiker: Gebruiker, wachtwoord: str) -> Gebruiker:
    """The holder sets a password through the link of an invitation or of "wachtwoord vergeten": the valid link is
    the permission (the view checks it). Validated by the password rules; recorded."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    try:
        validate_password(wachtwoord, user=gebruiker)
    except ValidationError as e:
        raise ValidationError({"new_password1": e.messages}) from e
    eerste = not gebruiker.has_usable_password()
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    vastleggen(actor=gebruiker, actie="gebruiker.wachtwoord_ingesteld", obj=gebruiker,
               na={"eerste_keer": eerste})
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


#: the roles whose accounts staff may issue a token for: the participants' and regions' systems. A staff member
#: never holds a secret that acts as a board member or another staff member (OVL-SCHEIDING, TOE-2FA).
_TOKEN_DOOR_STAF = {Rol.DEELNEMER, Rol.REGIO}


@transaction.atomic
@vereist_recht(een_van=(Actie.API_TOKEN_BEHEREN, Actie.GEBRUIKERS_BEHEREN))
def api_token_aanmaken(*, actor, eigenaar: Gebruiker, naam: str, acties: list[str],
                       geldig_tot: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """An API token that acts as ``eigenaar`` with the actions in ``acties`` (API-TOKEN, API-TOKEN-SCOPE). Returns
    the token itself once; only its SHA-256 is kept.

    A participant's or region's user makes tokens for their own account; staff who manage accounts make them for
    the account of any participant's or region's user; the server's command line (``actor=None``) for any account.
    The actions are a subset of what the account's role may do, never the management of accounts or tokens; the
    expiry is at most ``API_TOKEN_MAX_DAGEN`` days ahead (default ``API_TOKEN_GELDIG_DAGEN``)."""
    if actor is not None:
        if getattr(actor, "api_token", None) is not None:
            raise PermissionDenied("Een API-token maakt geen nieuwe tokens; dat doet een mens in het portaal.")
        if actor.pk == eigenaar.pk:
            if not kan(actor, Actie.API_TOKEN_BEHEREN):
                raise PermissionDenied(f"Uw rol mag dit niet: {Actie.API_TOKEN_BEHEREN.label.lower()}.")
        elif not kan(actor, Actie.GEBRUIKERS_BEHEREN) or eigenaar.rol not in _TOKEN_DOOR_STAF:
            raise PermissionDenied("Een token voor een ander account geeft alleen een medewerker uit, en alleen voor "
                                   "het account van een deelnemer of regionale organisatie.")
    nu = timezone.now()
    fouten = {}
    naam = (naam or "").strip()
    if not naam:
        fouten["naam"] = "Geef het token een naam, bijvoorbeeld het systeem dat het gebruikt."
    elif len(naam) > 100:
        fouten["naam"] = "Hooguit 100 tekens."
    if not eigenaar.is_active:
        fouten["eigenaar"] = "Dit account is niet actief."
    toegestaan = tokens.toegestane_acties(eigenaar)
    acties = list(dict.fromkeys(acties or []))
    if not acties:
        fouten["acties"] = "Kies ten minste één actie die het token mag uitvoeren."
    elif buiten := [a for a in acties if a not in toegestaan]:
        fouten["acties"] = (f"Dit token kan niet meer dan het account mag: {', '.join(buiten)} hoort niet bij de "
                            f"rol {eigenaar.get_rol_display().lower()} of is alleen voor mensen in het portaal.")
    maximum = nu + dt.timedelta(days=settings.API_TOKEN_MAX_DAGEN)
    if geldig_tot is None:
        geldig_tot = min(nu + dt.timedelta(days=settings.API_TOKEN_GELDIG_DAGEN), maximum)
    elif geldig_tot <= nu:
        fouten["geldig_tot"] = "Kies een moment in de toekomst."
    elif geldig_tot > maximum:
        fouten["geldig_tot"] = f"Een token is hooguit {settings.API_TOKEN_MAX_DAGEN} dagen geldig."
    if fouten:
        raise ValidationError(fouten)
    publiek_id, waarde = tokens.nieuw_token()
    token = ApiToken.objects.create(
        publiek_id=publiek_id, geheim_sha256=tokens.token_sha256(waarde), naam=naam, eigenaar=eigenaar,
        deelnemer_id=eigenaar.deelnemer_id, rso_id=eigenaar.rso_id, acties=sorted(acties), aangemaakt_door=actor,
        aangemaakt_op=nu, geldig_tot=geldig_tot)
    vastleggen(actor=actor, actie="api_token.aangemaakt", obj=token,
               na=momentopname(token, ["publiek_id", "naam", "eigenaar", "deelnemer", "rso", "acties", "geldig_tot"]))
    return token, waarde


@transaction.atomic
@vereist_recht(een_van=(Actie.API_TOKEN_BEHEREN, Actie.GEBRUIKERS_BEHEREN))
def api_token_intrekken(*, actor, token: ApiToken, reden: str = "") -> ApiToken:
    """Revoke a token at once (API-TOKEN): staff who manage accounts any token, a participant's or region's user the
    tokens of their own organisation (also a colleague's), the command line any."""
    if actor is not None and not tokens.zichtbaar_voor(actor).filter(pk=token.pk).exists():
        raise PermissionDenied("Dit token hoort niet bij uw organisatie.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.ingetrokken_op is not None:
        raise ValidationError({"token": "Dit token is al ingetrokken."})
    token.ingetrokken_op = timezone.now()
    token.ingetrokken_door = actor
    token.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    vastleggen(actor=actor, actie="api_token.ingetrokken", obj=token,
               voor={"ingetrokken_op": None}, na={"ingetrokken_op": token.ingetrokken_op}, reden=reden)
    return token
