"""The knowledge base (rule MEL-KENNIS): who reads which articles, and the search the front door runs before
anything is filed."""

from __future__ import annotations

import re

from django.db.models import Q

from stelselbeheer.kern.rollen import Rol, rol_van

from .models import Doelgroep, Kennisartikel

#: roles that read the articles written for participants
DEELNEMERSROLLEN = {Rol.DEELNEMER, Rol.UITVOERING, Rol.BESTUUR}


def zichtbare_artikelen(user):
    qs = Kennisartikel.objects.filter(gepubliceerd=True)
    if rol_van(user) in DEELNEMERSROLLEN:
        return qs
    return qs.filter(doelgroep=Doelgroep.OPENBAAR)


def woorden(vraag: str) -> list[str]:
    return [w for w in re.findall(r"\w+", (vraag or "").lower()) if len(w) >= 3][:8]


def zoeken(user, vraag: str, aantal: int = 10) -> list[Kennisartikel]:
    """Articles containing any word of the question, those matching most words (title counting double) first."""
    ws = woorden(vraag)
    if not ws:
        return []
    voorwaarde = Q()
    for w in ws:
        voorwaarde |= Q(titel__icontains=w) | Q(trefwoorden__icontains=w) | Q(tekst__icontains=w)
    kandidaten = list(zichtbare_artikelen(user).filter(voorwaarde)[:200])

    def score(a):
        titel, rest = a.titel.lower(), f"{a.trefwoorden} {a.tekst}".lower()
        return sum(2 * (w in titel) + (w in rest) for w in ws)

    return sorted(kandidaten, key=lambda a: (-score(a), a.titel))[:aantal]
