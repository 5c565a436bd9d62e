"""The impact analysis of an RFC, derived from the register (RFC-IMPACT): never typed in.

An RFC concerns gegevensdiensten (none named: all in use) and the roles DVA and/or DVP. Affected are:

- for DVA: every active participant with the DVA role that offers one of those gegevensdiensten for an aanbieder,
  or holds a valid DVA qualification for one; and every aanbieder offered such a gegevensdienst by such a DVA;
- for DVP: every active participant with the DVP role that holds a valid DVP qualification for one of them.

Reads only aggregates (one grouped query per kind), so one analysis over 50,000 aanbieders stays well under half a
second (``bench/wijzigingen.py``). Computing writes nothing; ``services.impact_vastleggen`` stores the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, Kwalificatie, RolSoort
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Gegevensdienst


@dataclass
class Betrokkene:
    deelnemer_id: int
    rol: str
    aantal_aanbieders: int = 0
    gegevensdiensten: set[str] = field(default_factory=set)


@dataclass
class Uitkomst:
    peildatum: dt.date
    gegevensdiensten: list[str]
    rollen: list[str]
    aantal_aanbieders: int
    aanbieders_per_dienst: dict[str, int]
    getroffenen: list[Betrokkene]

    def deelnemers(self, rol: str | None = None) -> set[int]:
        return {b.deelnemer_id for b in self.getroffenen if rol is None or b.rol == rol}


def bereken(*, gegevensdiensten, raakt_dva: bool, raakt_dvp: bool, peildatum: dt.date) -> Uitkomst:
    diensten = list(gegevensdiensten) or list(Gegevensdienst.objects.filter(in_gebruik=True))
    codes = {d.pk: d.code for d in diensten}
    ids = list(codes)
    betrokken: dict[tuple[int, str], Betrokkene] = {}

    def betrokkene(deelnemer_id, rol):
        return betrokken.setdefault((deelnemer_id, rol), Betrokkene(deelnemer_id, rol))

    aantal, per_dienst = 0, {}
    geldig = Kwalificatie.objects.geldig_op(peildatum).filter(gegevensdienst_id__in=ids,
                                                             deelnemer__status=DeelnemerStatus.ACTIEF)
    if raakt_dva:
        # the eligible DVAs first (hundreds), so the grouped queries over the aanbieders' services join only the
        # aanbieder; with every gegevensdienst concerned, no filter on the service at all
        dvas = list(Deelnemer.objects.filter(status=DeelnemerStatus.ACTIEF, rollen__rol=RolSoort.DVA)
                    .values_list("pk", flat=True))
        diensten_filter = ({"gegevensdienst_id__in": ids} if gegevensdiensten
                           or Gegevensdienst.objects.filter(in_gebruik=False).exists() else {})
        rijen = AanbiederGegevensdienst.objects.filter(aanbieder__dva_id__in=dvas, **diensten_filter)
        for dva_id, dienst_id, n in (rijen.values_list("aanbieder__dva_id", "gegevensdienst_id")
                                     .annotate(n=Count("id")).order_by()):
            b = betrokkene(dva_id, RolSoort.DVA)
            b.gegevensdiensten.add(codes[dienst_id])
            per_dienst[codes[dienst_id]] = per_dienst.get(codes[dienst_id], 0) + n
        # aanbieders per DVA that offer at least one of them: a semi-join, cheaper than a distinct count
        aangeboden = Exists(AanbiederGegevensdienst.objects.filter(aanbieder_id=OuterRef("pk"), **diensten_filter))
        for dva_id, n in (Aanbieder.objects.filter(dva_id__in=dvas).filter(aangeboden).values_list("dva_id")
                          .annotate(n=Count("id")).order_by()):
            betrokkene(dva_id, RolSoort.DVA).aantal_aanbieders = n
            aantal += n
        for deelnemer_id, dienst_id in (geldig.filter(rol=RolSoort.DVA, deelnemer__rollen__rol=RolSoort.DVA)
                                        .values_list("deelnemer_id", "gegevensdienst_id").distinct()):
            betrokkene(deelnemer_id, RolSoort.DVA).gegevensdiensten.add(codes[dienst_id])
    if raakt_dvp:
        for deelnemer_id, dienst_id in (geldig.filter(rol=RolSoort.DVP, deelnemer__rollen__rol=RolSoort.DVP)
                                        .values_list("deelnemer_id", "gegevensdienst_id").distinct()):
            betrokkene(deelnemer_id, RolSoort.DVP).gegevensdiensten.add(codes[dienst_id])
    per_dienst_ = defaultdict(int, per_dienst)
    return Uitkomst(peildatum=peildatum, gegevensdiensten=sorted(codes.values()),
                    rollen=[r for r, waar in ((RolSoort.DVA, raakt_dva), (RolSoort.DVP, raakt_dvp)) if waar],
                    aantal_aanbieders=aantal, aanbieders_per_dienst={c: per_dienst_[c] for c in sorted(codes.values())},
                    getroffenen=sorted(betrokken.values(), key=lambda b: (b.rol, b.deelnemer_id)))
