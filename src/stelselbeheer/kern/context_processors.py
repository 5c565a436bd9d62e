from .navigatie import kruimels, menu_voor
from .rollen import Actie, kan, rol_van


def rechten(request):
    """Make ``mag.<actie>`` available to templates, so pages show only what the user may use; and the main menu
    for this user (grouped by task, the current section marked) with the breadcrumb trail above this page."""
    user = getattr(request, "user", None)
    mag = {a.name.lower(): kan(user, a.value) for a in Actie}
    menu = menu_voor(user, request.path)
    return {"mag": mag, "huidige_rol": rol_van(user), "menu": menu, "kruimels": kruimels(menu, request.path)}
