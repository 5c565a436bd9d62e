"""Who sees which meldingen (rule MEL-ZICHT): staff and board all; a regional user only its region's
regional meldingen; a participant or other account holder only what it filed itself."""

from stelselbeheer.kern.rollen import Rol, rol_van

from .models import Melding, Niveau


def zichtbare_meldingen(user):
    rol = rol_van(user)
    if rol in {Rol.UITVOERING, Rol.BESTUUR}:
        return Melding.objects.all()
    if rol == Rol.REGIO and user.rso_id:
        return Melding.objects.filter(niveau=Niveau.REGIONAAL, regio_id=user.rso.regio_id)
    if user is not None and getattr(user, "is_authenticated", False):
        return Melding.objects.filter(melder=user)
    return Melding.objects.none()
