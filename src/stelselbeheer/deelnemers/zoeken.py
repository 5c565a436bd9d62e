import re

from django.db.models import Q

from .models import Deelnemer

_CIJFERS = re.compile(r"^\d{8}$")


def zoek_deelnemers(q: str = "", *, status: str = "", rol: str = ""):
    qs = Deelnemer.objects.select_related("organisatie")
    q = (q or "").strip()
    if q:
        if _CIJFERS.match(q):
            qs = qs.filter(organisatie__kvk_nummer=q)
        else:
            qs = qs.filter(Q(organisatie__naam__icontains=q) | Q(organisatie__plaats__iexact=q))
    if status:
        qs = qs.filter(status=status)
    if rol:
        qs = qs.filter(rollen__rol=rol)
    return qs.order_by("organisatie__naam", "id").distinct()
