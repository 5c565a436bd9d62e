"""Rollout progress in totals per role and status (the public sees only these; AFS-UITROL-OPENBAAR)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from stelselbeheer.deelnemers.models import RolSoort

from .models import Release, Uitrol, UitrolStatus


def per_rol(release: Release, dag: dt.date) -> list[dict]:
    rijen = {r["rol"]: r for r in Uitrol.objects.filter(release=release).values("rol").annotate(
        totaal=Count("id"),
        te_laat=Count("id", filter=Q(uiterlijk__lt=dag) & ~Q(status=UitrolStatus.LIVE)),
        **{s.value: Count("id", filter=Q(status=s.value)) for s in UitrolStatus})}
    termijnen = dict(release.termijnen.values_list("rol", "uiterlijk"))
    uit = []
    for rol in RolSoort:
        if rol.value not in termijnen and rol.value not in rijen:
            continue
        r = rijen.get(rol.value, {"totaal": 0, "te_laat": 0} | {s.value: 0 for s in UitrolStatus})
        uit.append({"rol": rol.value, "rol_label": rol.label, "uiterlijk": termijnen.get(rol.value),
                    "totaal": r["totaal"], "te_laat": r["te_laat"],
                    "statussen": [(s.label, r[s.value]) for s in UitrolStatus],
                    "live_procent": round(100 * r[UitrolStatus.LIVE] / r["totaal"]) if r["totaal"] else 0})
    return uit
