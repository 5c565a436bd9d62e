"""Demo data of the adoption monitor: a year of daily snapshots of every product, with a few vendors' customer
relations and typed-in statuses.

The demo generator runs before the first publication of the ZAL (``make demo`` publishes after it, and signing
needs the key it makes then), so there is no published ZAL to read yet. The history is therefore *recomputed*
(marked ``teruggerekend``): today's figures are derived from the register the way the ZAL would list it (a provider
offering a gegevensdienst through a DVA with a valid qualification for it), and each earlier day shows a
deterministic part of them, growing towards today. The history ends yesterday: today's snapshot is the real one,
derived from the published ZAL by ``stelsel adoptie_momentopname``, which ``make demo`` runs after publishing.

Products: the implementation monitor's demo makes them (demo/implementatie.py); when none exist, three minimal ones
are made here, so the module works with and without it."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from bisect import bisect_left
from collections import defaultdict

from django.utils import timezone

from stelselbeheer.adoptie.berekening import aanbieder_live, bereken, lees_register, product_gegevens
from stelselbeheer.adoptie.models import Adoptiestand, Bron, Momentopname
from stelselbeheer.adoptie.services import handmatige_status_vastleggen
from stelselbeheer.deelnemers.models import DeelnemerRol, Kwalificatie, RolSoort
from stelselbeheer.implementatie.models import Fase, Product
from stelselbeheer.organisaties.models import Organisatie, OrganisatieRelatie, RelatieSoort, Sector, Soort
from stelselbeheer.register.models import AanbiederGegevensdienst, Gegevensdienst

DAGEN = 365

EIGEN_PRODUCTEN = [  # (code, naam, fase, sectoren, gegevensdiensten)
    ("medicatieoverdracht", "Medicatieoverdracht", Fase.BREDE_IMPLEMENTATIE,
     [Sector.HUISARTSENZORG, Sector.FARMACIE, Sector.ZIEKENHUISZORG], ["48"]),
    ("geboortezorg-pgo", "Geboortezorg in de PGO", Fase.OPTIMALISATIE, [Sector.GEBOORTEZORG], ["64"]),
    ("zorgplan-langdurig", "Gedeeld zorgplan langdurige zorg", Fase.KOPLOPERS, [Sector.LANGDURIGE_ZORG], []),
]


def _producten() -> list[Product]:
    if not Product.objects.exists():
        diensten = {d.code: d for d in Gegevensdienst.objects.all()}
        for code, naam, fase, sectoren, codes in EIGEN_PRODUCTEN:
            p = Product.objects.create(code=code, naam=naam, fase=fase, sectoren=[s.value for s in sectoren],
                                       eigenaar="Landelijk programma Implementatie Gegevensuitwisseling")
            p.gegevensdiensten.set([diensten[c] for c in codes if c in diensten])
    return list(Product.objects.prefetch_related("gegevensdiensten"))


def _klantrelaties(rng) -> int:
    """Customers of the vendors that are no DVA participant (their readiness is typed in) and of a few DVAs:
    "klant van" relations for about a fifth of the care providers."""
    leveranciers = list(Organisatie.objects.filter(soort=Soort.LEVERANCIER).order_by("id"))
    if not leveranciers:
        return 0
    zorg = list(Organisatie.objects.filter(soort=Soort.ZORGAANBIEDER).order_by("id").values_list("id", flat=True))
    relaties = [OrganisatieRelatie(van_id=o, naar=rng.choice(leveranciers), soort=RelatieSoort.KLANT_VAN,
                                   sinds=timezone.localdate() - dt.timedelta(days=rng.randint(30, 2000)))
                for o in zorg if rng.random() < 0.2]
    OrganisatieRelatie.objects.bulk_create(relaties, ignore_conflicts=True)
    return len(relaties)


def _zoals_de_zal(moment) -> dict[str, frozenset[str]]:
    """Per aanbiedernaam the gegevensdiensten the ZAL would list it for: offered through a DVA that holds a valid
    qualification for the dienst."""
    geldig = set(Kwalificatie.objects.geldig_op(moment).filter(rol=RolSoort.DVA)
                 .values_list("deelnemer_id", "gegevensdienst__code"))
    uit: dict[str, set[str]] = defaultdict(set)
    for naam, dva, code in AanbiederGegevensdienst.objects.values_list("aanbieder__naam", "aanbieder__dva_id",
                                                                       "gegevensdienst__code").iterator():
        if (dva, code) in geldig:
            uit[naam].add(code)
    return {k: frozenset(v) for k, v in uit.items()}


def _drempel(sleutel: str) -> float:
    """A stable number in [0, 1) per provider or vendor: the moment in the year it went live."""
    return int(hashlib.sha256(sleutel.encode()).hexdigest()[:8], 16) / 0x100000000


def _aandeel(dag: int, fase: str) -> float:
    """The share of today's live providers that was live ``dag`` days ago: an S-curve, steeper the further the
    product is."""
    steil = {Fase.INTAKE: 2, Fase.KOPLOPERS: 4, Fase.OPTIMALISATIE: 6, Fase.BREDE_IMPLEMENTATIE: 8}.get(fase, 5)
    x = 1 - dag / DAGEN
    return 1 / (1 + math.exp(-steil * (x - 0.5))) if dag > 1 else 1.0


def adoptie_demo(*, peildatum: dt.date, rng) -> dict[str, int]:
    aantallen = {"klantrelaties": _klantrelaties(rng)}
    producten = _producten()
    moment = timezone.now()
    # a product without gegevensdiensten: the status of some vendors (no DVA) and providers is typed in
    dva = set(DeelnemerRol.objects.filter(rol=RolSoort.DVA).values_list("deelnemer__organisatie_id", flat=True))
    handmatig = 0
    for product in producten:
        if product.gegevensdiensten.exists():
            continue
        sectoren = product.sectoren or Sector.values
        leveranciers = (Organisatie.objects.filter(soort=Soort.LEVERANCIER, relaties_in__soort=RelatieSoort.KLANT_VAN,
                                                   relaties_in__van__sector__in=sectoren)
                        .exclude(pk__in=dva).distinct().order_by("id")[:3])
        zorg = Organisatie.objects.filter(soort=Soort.ZORGAANBIEDER, sector__in=sectoren,
                                          aanbieders__isnull=False).distinct().order_by("id")[:4]
        for org, bron in [(o, "opgave leverancier") for o in leveranciers] + [(o, "uitvraag RSO") for o in zorg]:
            handmatige_status_vastleggen(actor=None, product=product, organisatie=org, live=rng.random() < 0.6,
                                         bron=f"{bron}, {peildatum - dt.timedelta(days=14):%d-%m-%Y}")
            handmatig += 1
    stand = lees_register(moment)
    stand.zal = _zoals_de_zal(moment)
    aantallen["handmatige statussen"] = handmatig
    # per product: the thresholds (moment of going live) of today's live providers and ready vendors
    reeksen = []
    for product in producten:
        sectoren, diensten = product_gegevens(product)
        p = bereken(product_id=product.pk, sectoren=sectoren, diensten=diensten, stand=stand)
        typed = stand.handmatig.get(product.pk, {})
        live = sorted(_drempel(f"{product.code}:{r.naam}") for r in stand.aanbieders
                      if (not sectoren or r.sector in sectoren) and aanbieder_live(r, diensten, stand, typed)[0])
        gereed = sorted(_drempel(f"{product.code}:{lev}") for lev, info in p.leveranciers.items() if info["gereed"])
        reeksen.append((product, p, live, gereed))
    opnamen = Momentopname.objects.bulk_create([
        Momentopname(datum=peildatum - dt.timedelta(days=d), bron=Bron.TERUGGEREKEND,
                     gemaakt_op=moment - dt.timedelta(days=d)) for d in range(DAGEN, 0, -1)])
    standen = []
    for opname in opnamen:
        dag = (peildatum - opname.datum).days
        for product, p, live, gereed in reeksen:
            a = _aandeel(dag, product.fase)
            standen.append(Adoptiestand(
                momentopname=opname, product=product, aanbieders_live=bisect_left(live, a),
                aanbieders_totaal=p.aanbieders_totaal, leveranciers_gereed=bisect_left(gereed, a),
                leveranciers_relevant=p.leveranciers_relevant,
                handmatig=p.handmatig if dag == 1 else 0, detail=p.als_json() if dag == 1 else {}))
    Adoptiestand.objects.bulk_create(standen, batch_size=1000)
    aantallen["momentopnamen"] = len(opnamen)
    aantallen["adoptiestanden"] = len(standen)
    return aantallen
