"""API tokens for participants' and regions' systems: the token's form, its hash, and the check on every call
(rules API-TOKEN and API-TOKEN-SCOPE). Creating and revoking are services (``kern.services``).

A token reads ``stb_<publiek id>_<geheim>``: the prefix makes a leaked token recognisable (secret scanners, logs),
the public id (10 hex characters) finds its row without comparing against every stored hash, and the secret
(32 random bytes, URL-safe base64) makes it unguessable. Only the SHA-256 of the whole token is stored; the token
itself is shown once, when it is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.utils import timezone

from .models import ApiToken
from .rollen import RECHTEN, Actie, Rol, kan

VOORVOEGSEL = "stb_"
_ID_LENGTE = 10
_GEHEIM_LENGTE = 43  # secrets.token_urlsafe(32)

#: actions a token never carries: managing accounts and tokens, and the Django admin, are for people on the pages
NIET_VIA_TOKEN = frozenset({Actie.API_TOKEN_BEHEREN, Actie.GEBRUIKERS_BEHEREN, Actie.BEHEER_LEZEN})

#: how long a recorded last use may lag behind: a busy client does not write a row on every call
GEBRUIK_INTERVAL = dt.timedelta(minutes=1)


def token_sha256(waarde: str) -> str:
    return hashlib.sha256(waarde.encode("utf-8")).hexdigest()


def nieuw_token() -> tuple[str, str]:
    """A fresh (public id, token)."""
    publiek_id = secrets.token_hex(_ID_LENGTE // 2)
    return publiek_id, f"{VOORVOEGSEL}{publiek_id}_{secrets.token_urlsafe(32)}"


def _publiek_id(waarde: str) -> str | None:
    if not waarde.startswith(VOORVOEGSEL):
        return None
    rest = waarde[len(VOORVOEGSEL):]
    if len(rest) != _ID_LENGTE + 1 + _GEHEIM_LENGTE or rest[_ID_LENGTE] != "_":
        return None
    return rest[:_ID_LENGTE]


def toegestane_acties(eigenaar) -> list[str]:
    """The actions a token of this account may carry: its role's, less those for people only (API-TOKEN-SCOPE)."""
    rechten = RECHTEN.get(eigenaar.rol, frozenset())
    return [a for a in Actie.values if a in rechten and a not in NIET_VIA_TOKEN]


@dataclass
class Controle:
    token: ApiToken | None
    reden: str = ""


def controleren(waarde: str, moment: dt.datetime | None = None) -> Controle:
    """The token a client presented, if it may be used now; otherwise the reason in Dutch. The reason says more
    than "unknown" only to a client that holds the secret (expired, revoked, account inactive or moved)."""
    moment = moment or timezone.now()
    publiek_id = _publiek_id(waarde)
    token = (ApiToken.objects.select_related("eigenaar").filter(publiek_id=publiek_id).first()
             if publiek_id else None)
    if token is None or not hmac.compare_digest(token.geheim_sha256, token_sha256(waarde)):
        return Controle(None, "Dit token is onbekend.")
    if token.ingetrokken_op is not None:
        return Controle(None, f"Dit token is ingetrokken op {timezone.localtime(token.ingetrokken_op):%d-%m-%Y %H:%M}.")
    if moment >= token.geldig_tot:
        return Controle(None, f"Dit token is verlopen op {timezone.localtime(token.geldig_tot):%d-%m-%Y %H:%M}; "
                              "maak een nieuw token aan.")
    eigenaar = token.eigenaar
    if not eigenaar.is_active:
        return Controle(None, "Het account van dit token is niet meer actief.")
    if eigenaar.deelnemer_id != token.deelnemer_id or eigenaar.rso_id != token.rso_id:
        return Controle(None, "Het account van dit token hoort niet meer bij de organisatie waarvoor het is gemaakt.")
    return Controle(token)


def gebruik_vastleggen(token: ApiToken, moment: dt.datetime | None = None) -> None:
    """Record the token's last use (at most once per GEBRUIK_INTERVAL, so a busy client does not write on every
    call). A plain UPDATE: the use of a credential, not a business change, so no audit event."""
    moment = moment or timezone.now()
    if token.laatst_gebruikt_op is None or token.laatst_gebruikt_op <= moment - GEBRUIK_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=moment)
        token.laatst_gebruikt_op = moment


def zichtbaar_voor(user):
    """The tokens ``user`` sees on the token pages: staff who manage accounts all of them, a participant's users
    their participant's, a region's users their RSO's."""
    qs = ApiToken.objects.select_related("eigenaar", "deelnemer__organisatie", "rso", "aangemaakt_door",
                                         "ingetrokken_door")
    if kan(user, Actie.GEBRUIKERS_BEHEREN):
        return qs
    if kan(user, Actie.API_TOKEN_BEHEREN) and user.rol == Rol.DEELNEMER:
        return qs.filter(deelnemer_id=user.deelnemer_id)
    if kan(user, Actie.API_TOKEN_BEHEREN) and user.rol == Rol.REGIO:
        return qs.filter(rso_id=user.rso_id)
    return qs.none()


def naam_in_audit(gebruiker) -> str:
    """How the audit trail names an account that acts: its username, and the token when it acted through one
    (API-TOKEN-AUDIT). The name is part of the event's hash, so it cannot be changed afterwards unnoticed."""
    token = getattr(gebruiker, "api_token", None)
    naam = gebruiker.get_username()
    return f"{naam} (API-token {VOORVOEGSEL}{token.publiek_id})" if token is not None else naam
