"""Change requests that wait for staff's review, for the work overview (kern.werkoverzicht)."""

from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import VerzoekStatus, Wijzigingsverzoek


def verzoeken_ingediend(deelnemer=None) -> Taak:
    """Submitted requests not yet reviewed, the oldest first: all of them for staff, or one participant's own."""
    qs = Wijzigingsverzoek.objects.filter(status=VerzoekStatus.INGEDIEND)
    if deelnemer is not None:
        qs = qs.filter(deelnemer=deelnemer)
    aantal = qs.count()
    eersten = (list(qs.select_related("deelnemer__organisatie").order_by("ingediend_op", "id")[:EERSTE])
               if aantal else [])
    if deelnemer is None:
        url = f"{reverse('verzoek-lijst')}?{urlencode({'status': VerzoekStatus.INGEDIEND})}"
        return Taak("Wijzigingsverzoeken om te beoordelen", aantal, url, [
            Regel(f"#{v.pk} {v.get_soort_display()}", v.get_absolute_url(),
                  f"{v.deelnemer}, ingediend {v.ingediend_op:%d-%m-%Y}") for v in eersten])
    url = reverse("mijn-overzicht")
    return Taak("Uw wijzigingsverzoeken in behandeling", aantal, url, [
        Regel(f"#{v.pk} {v.get_soort_display()}", url, f"ingediend {v.ingediend_op:%d-%m-%Y}") for v in eersten])
