import re

from django.db.models import Q

from .models import Organisatie

_CIJFERS = re.compile(r"^\d{8}$|^\d{20}$")


def zoek_in(qs, q: str):
    """Organisations of ``qs`` by name fragment or place, or exactly by KvK, URA, AGB (8 digits) or OIN (20 digits)."""
    q = (q or "").strip()
    if not q:
        return qs
    if _CIJFERS.match(q):
        return qs.filter(Q(kvk_nummer=q) | Q(ura=q) | Q(agb_code=q) | Q(oin=q))
    return qs.filter(Q(naam__icontains=q) | Q(plaats__iexact=q))


def organisatie_keuzetekst(organisatie: Organisatie) -> str:
    """How a search field that picks an organisation shows one, and reads it back: the KvK number first."""
    plaats = f", {organisatie.plaats}" if organisatie.plaats else ""
    return f"{organisatie.kvk_nummer} {organisatie.naam}{plaats}"


def zoek_organisaties(q: str = "", *, soort: str = "", sector: str = "", regio: int | None = None):
    """By name fragment or place, or exactly by KvK, URA, AGB (8 digits) or OIN (20 digits)."""
    qs = zoek_in(Organisatie.objects.select_related("regio"), q)
    if soort:
        qs = qs.filter(soort=soort)
    if sector:
        qs = qs.filter(sector=sector)
    if regio:
        qs = qs.filter(regio_id=regio)
    return qs.order_by("naam", "id")
