"""The responsibility table per phase (seed 003, §4.4 and §5.2) and "what is asked of me now": which tasks of which
products apply to one organisation, given each product's current phase.

A task applies to an organisation when it names that organisation, or names its party (``PARTIJ_SOORTEN``) without a
particular organisation and the product concerns the organisation's sector (a product without sectors concerns all).
In the frontrunner phase, a task of the institutions applies to the product's frontrunners only (IMP-KOPLOPERS:
the phase starts with a select group, §4.1.2).
"""

from __future__ import annotations

from django.db.models import Q

from .models import PARTIJ_SOORTEN, Fase, Koploper, Partij, Taak

#: the strategy's default table (§4.4, §5.2), offered when a product's table is still empty
STANDAARD: dict[str, dict[str, str]] = {
    Fase.KOPLOPERS: {
        Partij.PROGRAMMA: "Kennis, tools en hulpmiddelen overdragen aan brancheorganisaties en RSV's; koplopers "
                          "ondersteunen; de feedbackloop naar de realisatie verzorgen.",
        Partij.SECTORORGANISATIES: "Landelijke kaders vertalen naar sectorale kaders; vraagbundeling en "
                                   "vraagarticulatie richting leveranciers.",
        Partij.REGIOS: "Samen met programma en brancheorganisaties de koplopers in de regio ondersteunen.",
        Partij.LEVERANCIERS: "Het MVP beschikbaar maken bij de koplopers.",
        Partij.INSTELLINGEN: "Als koploper implementeren, knelpunten signaleren en opvolgers adviseren.",
    },
    Fase.OPTIMALISATIE: {
        Partij.SECTORORGANISATIES: "Kennis overdragen aan de RSV's; de vraagbundeling richting leveranciers "
                                   "voltooien; nieuwe sectorale vraagstukken oppakken.",
        Partij.REGIOS: "Implementatie uitbreiden naar een grotere groep aanbieders in de regio.",
        Partij.LEVERANCIERS: "Het MVP beschikbaar maken bij de top 5 leveranciers per sector.",
        Partij.INSTELLINGEN: "Implementeren in de eigen organisatie met ondersteuning vanuit de regio.",
    },
    Fase.BREDE_IMPLEMENTATIE: {
        Partij.REGIOS: "Implementatie-ondersteuning bieden aan alle aanbieders in de regio; voortgang bewaken en "
                       "knelpunten opschalen naar de implementatiegroep.",
        Partij.LEVERANCIERS: "Het product beschikbaar maken in alle relevante systemen (doel: 90%).",
        Partij.INSTELLINGEN: "Implementeren in de eigen organisatie en inbedden in de zorgpaden (doel: 80%).",
    },
}


def partijen_van(organisatie) -> list[str]:
    return [p for p, soorten in PARTIJ_SOORTEN.items() if organisatie.soort in soorten]


def past_bij_partij(organisatie, partij: str) -> bool:
    return organisatie.soort in PARTIJ_SOORTEN.get(partij, set())


def gevraagd_van(organisatie) -> list[Taak]:
    """IMP-TAKEN: the tasks of ``organisatie`` in each product's current phase, product by product."""
    partijen = partijen_van(organisatie)
    kandidaten = (Taak.objects.filter(Q(organisatie=organisatie) | Q(organisatie__isnull=True, partij__in=partijen))
                  .select_related("product", "organisatie").order_by("product__naam", "partij", "id"))
    koploper_van = set(Koploper.objects.filter(organisatie=organisatie).values_list("product_id", flat=True))
    uit = []
    for t in kandidaten:
        if t.fase != t.product.fase:
            continue
        if t.organisatie_id is None:
            if t.product.sectoren and organisatie.sector not in t.product.sectoren and t.partij != Partij.REGIOS:
                continue
            if (t.partij == Partij.INSTELLINGEN and t.fase == Fase.KOPLOPERS
                    and t.product_id not in koploper_van):
                continue
        uit.append(t)
    return uit
