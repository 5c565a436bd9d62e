"""What waits for the board in the meetings' decision-making, for the work overview (kern.werkoverzicht): the
proposals put before it, in one query."""

from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import Besluitvoorstel, VoorstelStatus


def voorgelegd(titel: str = "Besluitvoorstellen die op uw besluit wachten") -> Taak:
    """OVL-SCHEIDING: the proposals staff put before the board, the oldest first, with the meeting they are on."""
    voorstellen = list(Besluitvoorstel.objects.filter(status=VoorstelStatus.VOORGELEGD)
                       .select_related("agendapunt__vergadering").order_by("opgesteld_op", "id")[:EERSTE + 1])
    regels = [Regel(f"{v.nummer}: {v.onderwerp}", v.get_absolute_url(),
                    f"vergadering {v.agendapunt.vergadering.begin:%d-%m-%Y}" if v.agendapunt_id else "nog niet op de "
                    "agenda") for v in voorstellen[:EERSTE]]
    aantal = len(voorstellen) if len(voorstellen) <= EERSTE else Besluitvoorstel.objects.filter(
        status=VoorstelStatus.VOORGELEGD).count()
    url = f"{reverse('besluitvoorstel-lijst')}?{urlencode({'status': VoorstelStatus.VOORGELEGD})}"
    return Taak(titel, aantal, url, regels)
