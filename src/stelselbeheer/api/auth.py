from django.core.exceptions import PermissionDenied
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from stelselbeheer.kern.rollen import kan


class Sessie(SessionAuth):
    """Session login (the same account as the web pages); CSRF-protected for writing calls."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


sessie = Sessie()


def eis(request, actie: str) -> None:
    """Raise 401 for the anonymous public and 403 for a role that may not perform ``actie``."""
    user = getattr(request, "user", None)
    if kan(user, actie):
        return
    if user is None or not user.is_authenticated:
        raise AuthenticationError()
    raise PermissionDenied("Uw rol geeft geen toegang tot deze gegevens.")


def verwijzing(model, pk, veld: str):
    """An object referred to from a request body: unknown ids are an input error on that field (422)."""
    from django.core.exceptions import ValidationError

    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({veld: f"Er bestaat geen {model._meta.verbose_name} met id {pk}."}, code="bestaat_niet")
    return obj
