"""Automatic findings about the register (rule NAL-ERKENNING, seed 001 items 2 and 3): an entry registered for
the aanbiederslijst for a gegevensdienst in which the connecting DVA was never recognised (no passed test), and
an OAuth client registered while its DVP was never recognised as DVP. Such entries never reach the lists (the
list rules keep them off); the finding is about the registration itself. Expired recognition is NAL-VERLOPEN's.

One finding per participant and obligation while the earlier one is still being handled (no case yet, or an
open case); set-based queries, safe to run twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Exists, OuterRef

from stelselbeheer.deelnemers.models import DeelnemerStatus, Kwalificatie, RolSoort, Testresultaat
from stelselbeheer.register.models import AanbiederGegevensdienst, OAuthclient

from .models import Bron, Constatering, Nalevingszaak, ZaakStap


def _lopend() -> set[tuple[int, str]]:
    """(participant, obligation) of findings still being handled: without a case, or with an open one."""
    open_zaak = Nalevingszaak.objects.filter(constatering=OuterRef("pk")).exclude(stap=ZaakStap.GESLOTEN)
    enige_zaak = Nalevingszaak.objects.filter(constatering=OuterRef("pk"))
    return set(Constatering.objects.filter(Exists(open_zaak) | ~Exists(enige_zaak))
               .values_list("deelnemer_id", "verplichting"))


def erkenning_kandidaten(dag: dt.date) -> dict[tuple[int, str], Constatering]:
    """The findings the register gives today (unsaved), keyed by (participant, obligation)."""
    ooit_dva = Kwalificatie.objects.filter(deelnemer=OuterRef("aanbieder__dva"), rol=RolSoort.DVA,
                                           gegevensdienst=OuterRef("gegevensdienst"), resultaat=Testresultaat.GESLAAGD)
    zal = (AanbiederGegevensdienst.objects
           .filter(aanbieder__dva__status=DeelnemerStatus.ACTIEF, gegevensdienst__in_gebruik=True)
           .exclude(Exists(ooit_dva))
           .values_list("aanbieder__dva_id", "gegevensdienst__code").distinct())
    ooit_dvp = Kwalificatie.objects.filter(deelnemer=OuterRef("dvp"), rol=RolSoort.DVP,
                                           resultaat=Testresultaat.GESLAAGD)
    ocl = (OAuthclient.objects.filter(dvp__status=DeelnemerStatus.ACTIEF).exclude(Exists(ooit_dvp))
           .values_list("dvp_id", "hostname"))
    kandidaten: dict[tuple[int, str], Constatering] = {}
    for deelnemer_id, code in zal:
        verplichting = f"Entries alleen voor erkende rollen: DVA voor gegevensdienst {code}"
        kandidaten[(deelnemer_id, verplichting)] = Constatering(
            deelnemer_id=deelnemer_id, bron=Bron.ZAL_NIET_ERKEND, verplichting=verplichting, datum=dag,
            omstandigheden=f"Er zijn aanbieders aangemeld voor gegevensdienst {code}, maar de deelnemer heeft "
                           "voor die gegevensdienst nooit een geslaagde test als DVA gehad.")
    for deelnemer_id, host in ocl:
        verplichting = "Entries alleen voor erkende rollen: DVP (OAuthclientlist)"
        c = kandidaten.setdefault((deelnemer_id, verplichting), Constatering(
            deelnemer_id=deelnemer_id, bron=Bron.OCL_NIET_ERKEND, verplichting=verplichting, datum=dag,
            omstandigheden="OAuth-client(s) aangemeld zonder ooit een geslaagde test als DVP:"))
        c.omstandigheden += f" {host}"
    return kandidaten


def erkenning_constateringen(dag: dt.date) -> list[Constatering]:
    lopend = _lopend()
    return Constatering.objects.bulk_create([c for sleutel, c in erkenning_kandidaten(dag).items()
                                             if sleutel not in lopend])


#: further nightly sources of findings, registered by other apps from their AppConfig.ready (the afsprakenset's
#: rollout deadlines and outdated agreements): each takes the day, records its findings once and returns how many
NACHTELIJKE_BRONNEN: list[Callable[[dt.date], int]] = []


def bron_registreren(bron: Callable[[dt.date], int]) -> None:
    if bron not in NACHTELIJKE_BRONNEN:
        NACHTELIJKE_BRONNEN.append(bron)


def nachtelijke_bronnen(dag: dt.date) -> int:
    """Run every registered source (inside the nightly check's transaction); the number of new findings."""
    return sum(bron(dag) for bron in NACHTELIJKE_BRONNEN)
