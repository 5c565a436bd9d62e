import re

from django.db.models import Q

from .models import Organisatie

_CIJFERS = re.compile(r"^\d{8}$|^\d{20}$")


def zoek_organisaties(q: str = "", *, soort: str = "", sector: str = "", regio: int | None = None):
    """By name fragment or place, or exactly by KvK, URA, AGB (8 digits) or OIN (20 digits)."""
    qs = Organisatie.objects.select_related("regio")
    q = (q or "").strip()
    if q:
        if _CIJFERS.match(q):
            qs = qs.filter(Q(kvk_nummer=q) | Q(ura=q) | Q(agb_code=q) | Q(oin=q))
        else:
            qs = qs.filter(Q(naam__icontains=q) | Q(plaats__iexact=q))
    if soort:
        qs = qs.filter(soort=soort)
    if sector:
        qs = qs.filter(sector=sector)
    if regio:
        qs = qs.filter(regio_id=regio)
    return qs.order_by("naam", "id")
