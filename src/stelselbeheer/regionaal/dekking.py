"""Helpdesk coverage (RSO-DEKKING): which RSO actually serves a region, and which regions no RSO serves.

A region is served by the RSO of an agreement with one of its VSV's that is in force; failing that, by the RSO
registered in the region itself (its own region, where it acts even before an agreement is signed). A region with
neither has no regional desk: its regional meldingen go to the national desk, with that reason (seed 004: "Voor
een aantal regio's zijn zulke afspraken er (nog) niet"). ``meldingen.services.melding_indienen`` and
``meldingen.zichtbaar`` ask this module; it imports nothing of meldingen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from stelselbeheer.organisaties.models import Organisatie, Regio, Soort

from .models import Overeenkomst, actief_op


def _dag(dag: dt.date | None) -> dt.date:
    return dag or timezone.localdate()


def bedienende_rso(regio: Regio, dag: dt.date | None = None) -> Organisatie | None:
    """The RSO whose desk takes ``regio``'s regional meldingen on ``dag``; None: no RSO, the national desk does."""
    ovk = (Overeenkomst.objects.filter(actief_op(_dag(dag)), regio=regio).select_related("rso")
           .order_by("ingangsdatum", "id").first())
    if ovk is not None:
        return ovk.rso
    return Organisatie.objects.filter(soort=Soort.RSO, regio=regio).order_by("id").first()


def bediende_regio_ids(rso: Organisatie, dag: dt.date | None = None) -> set[int]:
    """The regions whose regional meldingen ``rso``'s desk handles: its own and those of its agreements in force."""
    ids = set(Overeenkomst.objects.filter(actief_op(_dag(dag)), rso=rso).values_list("regio_id", flat=True))
    if rso.regio_id:
        ids.add(rso.regio_id)
    return ids


class Dekkingsstatus:
    GEDEKT = "gedekt"
    ZONDER_OVEREENKOMST = "zonder_overeenkomst"
    ONGEDEKT = "ongedekt"
    LABELS = {GEDEKT: "Gedekt: RSO met overeenkomst in werking",
              ZONDER_OVEREENKOMST: "RSO aanwezig, geen overeenkomst in werking",
              ONGEDEKT: "Geen RSO: meldingen gaan naar de landelijke desk"}


@dataclass
class Dekking:
    regio: Regio
    rso_in_regio: list[Organisatie] = field(default_factory=list)
    overeenkomsten: list[Overeenkomst] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.overeenkomsten:
            return Dekkingsstatus.GEDEKT
        return Dekkingsstatus.ZONDER_OVEREENKOMST if self.rso_in_regio else Dekkingsstatus.ONGEDEKT

    @property
    def status_label(self) -> str:
        return Dekkingsstatus.LABELS[self.status]

    @property
    def bedienende_rso(self) -> Organisatie | None:
        if self.overeenkomsten:
            return self.overeenkomsten[0].rso
        return self.rso_in_regio[0] if self.rso_in_regio else None


def dekking(dag: dt.date | None = None, regio_ids: set[int] | None = None) -> list[Dekking]:
    """Every region (or those in ``regio_ids``) with its RSO's and agreements in force: three queries."""
    regios = Regio.objects.order_by("naam")
    if regio_ids is not None:
        regios = regios.filter(pk__in=regio_ids)
    rijen = {r.pk: Dekking(r) for r in regios}
    for rso in Organisatie.objects.filter(soort=Soort.RSO, regio_id__in=rijen).order_by("naam"):
        rijen[rso.regio_id].rso_in_regio.append(rso)
    for ovk in (Overeenkomst.objects.filter(actief_op(_dag(dag)), regio_id__in=rijen)
                .select_related("rso", "vsv").order_by("ingangsdatum", "id")):
        rijen[ovk.regio_id].overeenkomsten.append(ovk)
    return list(rijen.values())
