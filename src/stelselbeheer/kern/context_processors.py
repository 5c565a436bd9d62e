from .rollen import Actie, kan, rol_van


def rechten(request):
    """Make ``mag.<actie>`` available to templates, so menus show only what the user may use."""
    user = getattr(request, "user", None)
    mag = {a.name.lower(): kan(user, a.value) for a in Actie}
    return {"mag": mag, "huidige_rol": rol_van(user)}
