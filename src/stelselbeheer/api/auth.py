from django.core.exceptions import PermissionDenied
from ninja.security import SessionAuth

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
    """For calls the anonymous public may make (its role's rights from the same table): no login asked, but
    a logged-in caller is checked by ``Recht`` first. CSRF does not apply: there is no session to abuse."""

    def __init__(self, actie: str):
        self.actie = actie

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None  # Recht decides for logged-in callers
        return True if kan(None, self.actie) else None


def verwijzing(model, pk, veld: str):
    """An object referred to from a request body: unknown ids are an input error on that field (422)."""
    from django.core.exceptions import ValidationError

    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({veld: f"Er bestaat geen {model._meta.verbose_name} met id {pk}."}, code="bestaat_niet")
    return obj
