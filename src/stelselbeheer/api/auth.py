from django.conf import settings
from django.core.exceptions import PermissionDenied
from ninja.security import SessionAuth

from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import kan


class Recht(SessionAuth):
    """Session login (the same account as the web pages; CSRF-protected for writing calls) plus the
    right to perform one action. Runs before the body is parsed, so a caller without the right gets
    401/403 and never learns anything from validation errors."""

    def __init__(self, actie: str):
        super().__init__()
        self.actie = actie

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not kan(user, self.actie):
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
