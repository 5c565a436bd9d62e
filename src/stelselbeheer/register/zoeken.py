"""Search in the register, shared by the public page, the staff page and the API."""

import re

from django.db.models import Prefetch, Q, QuerySet

from .models import Aanbieder, AanbiederGegevensdienst

_CIJFERS = re.compile(r"^\d{8}$")


def zoek_aanbieders(q: str = "", *, gegevensdienst: str = "", plaats: str = "", dva: int | None = None
                    ) -> QuerySet[Aanbieder]:
    """By identifier (aanbiedernaam, or a KvK/URA/AGB number of 8 digits) or by a fragment of name or place."""
    qs = Aanbieder.objects.all()
    q = (q or "").strip()
    if q:
        if "@" in q:
            qs = qs.filter(naam=q.lower())
        elif _CIJFERS.match(q):
            qs = qs.filter(Q(organisatie__kvk_nummer=q) | Q(organisatie__ura=q) | Q(organisatie__agb_code=q))
        else:
            qs = qs.filter(Q(weergavenaam__icontains=q) | Q(naam__startswith=q.lower().replace(" ", ""))
                           | Q(plaats__iexact=q))
    if gegevensdienst:
        qs = qs.filter(diensten__gegevensdienst__code=gegevensdienst)
    if plaats:
        qs = qs.filter(plaats__iexact=plaats.strip())
    if dva:
        qs = qs.filter(dva_id=dva)
    return qs.order_by("weergavenaam", "id")


def met_diensten(qs: QuerySet[Aanbieder]) -> QuerySet[Aanbieder]:
    return qs.prefetch_related(Prefetch("diensten", queryset=AanbiederGegevensdienst.objects
                                        .select_related("gegevensdienst").order_by("gegevensdienst__code")))
