"""Who calls the API: the session of the web pages (CSRF-protected), an API token (``Authorization: Bearer``), or
the anonymous public; and whether that caller may perform the operation's action (``kern.rollen.RECHTEN``).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from ninja.security import SessionAuth

from stelselbeheer.api import probleem, te_vaak
from stelselbeheer.kern import limieten, tokens
from stelselbeheer.kern.rollen import Actie, kan

API_PREFIX = "/api/"


class TokenMiddleware:
    """An API call with ``Authorization: Bearer <token>`` acts as the token's account (API-TOKEN): ``request.user``
    is that account, carrying the token (``user.api_token``), so every right checked for it (``kern.rollen.kan``) is
    narrowed to the token's scope and every audit event names the token; ``request.api_token`` marks the call as a
    token call, which needs no CSRF token (``Recht``). Applies under /api/ only; the pages know sessions only.

    A token that is unknown, expired, revoked, or whose account is inactive or moved answers 401 problem+json with
    ``WWW-Authenticate: Bearer``, also on public operations: a client that sends a token learns that it does not
    work instead of silently being served as the public. Failed attempts count per client address (limit
    ``token``); once that limit is reached every token call from the address gets 429 until the window ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            soort, _, waarde = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
            if soort.lower() == "bearer":
                geweigerd = self._aanmelden(request, waarde.strip())
                if geweigerd is not None:
                    return geweigerd
        return self.get_response(request)

    def _aanmelden(self, request, waarde: str):
        try:
            limieten.controleren(request, limieten.TOKEN)
        except limieten.TeVaak as fout:
            return te_vaak(fout)
        controle = tokens.controleren(waarde)
        if controle.token is None:
            try:
                limieten.tellen(request, limieten.TOKEN)
            except limieten.TeVaak as fout:
                return te_vaak(fout)
            antwoord = probleem(401, "Ongeldig API-token", controle.reden, soort="ongeldig-token")
            antwoord["WWW-Authenticate"] = 'Bearer realm="stelselbeheer", error="invalid_token"'
            return antwoord
        token = controle.token
        gebruiker = token.eigenaar
        gebruiker.api_token = token
        request.user = request._cached_user = gebruiker
        request.api_token = token
        tokens.gebruik_vastleggen(token)
        return None


class Recht(SessionAuth):
    """Session login (the same account as the web pages; CSRF-protected for writing calls) or an API token, plus
    the right to perform one action. Runs before the body is parsed, so a caller without the right gets
    401/403 and never learns anything from validation errors.

    CSRF is checked only for a call that carries the session cookie: a cross-site form can make a browser send the
    cookie, never an Authorization header, so a token call needs no CSRF token (API-TOKEN-CSRF), and a call with
    neither is simply not logged in (401)."""

    def __init__(self, actie: str):
        super().__init__()
        self.actie = actie

    def __call__(self, request):
        if getattr(request, "api_token", None) is not None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.authenticate(request, None)
        return super().__call__(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not kan(user, self.actie):
            token = getattr(user, "api_token", None)
            if token is not None and self.actie not in token.acties:
                raise PermissionDenied(f"Dit API-token mag dit niet: {Actie(self.actie).label.lower()} valt buiten "
                                       "zijn acties.")
            raise PermissionDenied("Uw rol geeft geen toegang tot deze gegevens.")
        return user


class Openbaar:
    """For calls the anonymous public may make (its role's rights from the same table): the front door is open to
    any client, so a client without a session needs no login and no CSRF token (it acts in no one's name).

    A request that carries the session cookie is a browser acting for its user: it is checked as ``Recht`` checks
    it, CSRF included, so a cross-site form cannot write in a logged-in user's name (403 problem+json). A session
    cookie that no longer logs anyone in, with a valid token, counts as the public.

    ``limiet`` names a rate limit (kern/limieten.py) counted here, before the body is read, so that invalid and
    oversized bodies count too (429 problem+json with Retry-After)."""

    def __init__(self, actie: str, limiet: str | None = None):
        self.actie = actie
        self.limiet = limiet
        self.recht = Recht(actie)

    def __call__(self, request):
        user = getattr(request, "user", None)
        toegelaten = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or (user is not None and user.is_authenticated):
            toegelaten = self.recht(request)  # CSRF check for writing calls, then the role's right
        if toegelaten is None and not (user is not None and user.is_authenticated) and kan(None, self.actie):
            toegelaten = True
        if toegelaten is not None and self.limiet:
            limieten.tellen(request, self.limiet)
        return toegelaten


def verwijzing(model, pk, veld: str):
    """An object referred to from a request body: unknown ids are an input error on that field (422)."""
    from django.core.exceptions import ValidationError

    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({veld: f"Er bestaat geen {model._meta.verbose_name} met id {pk}."}, code="bestaat_niet")
    return obj
