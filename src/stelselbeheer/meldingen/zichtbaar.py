"""Who sees which meldingen and which of their events (rule MEL-ZICHT).

Handling: staff and board see all; a regional desk only its region's regional meldingen. Following: an account
holder follows what it filed; a participant user also the complaints and disputes its participant is party to
and the incidents it is affected by. On a timeline, handlers see every event; participants involved see the
events meant for them ("deelnemers") and for the reporter; the reporter (also through the status code) only the
latter."""

from django.db.models import Q

from stelselbeheer.kern.rollen import Rol, rol_van
from stelselbeheer.regionaal.dekking import bediende_regio_ids

from .models import Melding, Niveau, Zichtbaar


def zichtbare_meldingen(user):
    rol = rol_van(user)
    if rol in {Rol.UITVOERING, Rol.BESTUUR}:
        return Melding.objects.all()
    if rol == Rol.REGIO and user.rso_id:
        # RSO-DEKKING: its own region and the regions it serves under an agreement in force
        return Melding.objects.filter(niveau=Niveau.REGIONAAL, regio_id__in=bediende_regio_ids(user.rso))
    if user is not None and getattr(user, "is_authenticated", False):
        return Melding.objects.filter(melder=user)
    return Melding.objects.none()


def eigen_meldingen(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return Melding.objects.none()
    voorwaarde = Q(melder=user)
    if rol_van(user) == Rol.DEELNEMER and user.deelnemer_id:
        voorwaarde |= Q(soort__in=["klacht", "geschil"], partijen=user.deelnemer_id)
        voorwaarde |= Q(soort__in=["incident", "calamiteit"], betrokken_deelnemers=user.deelnemer_id)
    return Melding.objects.filter(pk__in=Melding.objects.filter(voorwaarde).values("pk"))


def zichtbare_gebeurtenissen(melding: Melding, user=None):
    """The timeline for ``user`` following ``melding`` (None: whoever holds the status code)."""
    niveaus = [Zichtbaar.MELDER]
    if user is not None and rol_van(user) == Rol.DEELNEMER and user.deelnemer_id and (
            melding.partijen.filter(pk=user.deelnemer_id).exists()
            or melding.betrokken_deelnemers.filter(pk=user.deelnemer_id).exists()):
        niveaus.append(Zichtbaar.DEELNEMERS)
    return melding.gebeurtenissen.filter(zichtbaar__in=niveaus)
