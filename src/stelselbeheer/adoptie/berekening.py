"""Adoption derived from the register (ADO-AFGELEID): who is live and which vendor systems are ready, per product.

- A care provider (``register.Aanbieder`` of kind zorgaanbieder, in one of the product's sectors) is **live** when
  the last published ZAL lists it for at least one of the product's gegevensdiensten (ADO-LIVE). The ZAL is read
  through the lists' public reading function (``lijsten.views.snapshot_op``), never rebuilt here: what counts is
  what was published, so a provider removed from the ZAL stops counting at the next publication.
- The **vendor systems** of a sector are the vendors (organisations of kind leverancier) with customers in that
  sector: "klant van" relations (organisaties.OrganisatieRelatie) and the DVA through which a provider is
  connected (ADO-LEVERANCIERS). A vendor system is **ready** for a product when the vendor, as a DVA participant,
  holds a valid qualification for one of the product's gegevensdiensten today (ADO-GEREED).
- Only what the register cannot tell is typed in (ADO-HANDMATIG): a provider's status for a product without
  gegevensdiensten, a vendor's that is no DVA participant. Such a status counts and is marked as typed in.

Everything is read in a few queries into plain Python structures (``lees_register``), then computed per product
(``bereken``), so the daily snapshot of 20 products over 50,000 providers stays a matter of seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from stelselbeheer.deelnemers.models import DeelnemerRol, Kwalificatie, RolSoort
from stelselbeheer.organisaties.models import Organisatie, OrganisatieRelatie, RelatieSoort, Soort
from stelselbeheer.register.models import Aanbieder, AanbiederSoort

from .models import HandmatigeStatus

#: how many of the largest vendor systems per sector a snapshot remembers (the thresholds ask for the top 5)
TOP_BEWAARD = 10


@dataclass(frozen=True)
class Aanbiederregel:
    id: int
    naam: str
    weergavenaam: str
    organisatie_id: int
    sector: str
    regio_id: int | None
    leverancier_id: int | None  # the organisation of the connecting DVA


@dataclass
class Registerstand:
    """The register as the monitor reads it at one moment."""

    moment: dt.datetime
    zal_volgnummer: int | None
    zal: dict[str, frozenset[str]]
    aanbieders: list[Aanbiederregel]
    #: vendor organisation id -> sector -> number of customer organisations in that sector
    klanten: dict[int, dict[str, int]]
    #: vendor organisation id -> codes of the gegevensdiensten it holds a valid DVA qualification for
    kwalificaties: dict[int, set[str]]
    #: organisations that are DVA participants (their readiness is read, never typed in)
    dva_organisaties: set[int]
    #: product id -> organisation id -> typed-in status
    handmatig: dict[int, dict[int, bool]]
    leveranciersnamen: dict[int, str] = field(default_factory=dict)
    _groepen: dict | None = field(default=None, repr=False)

    def groepen(self) -> dict[tuple[str, int | None, int | None], Counter]:
        """The providers grouped by (sector, region, connecting vendor), each group counting how many providers
        the ZAL lists for each combination of gegevensdiensten: computed once, then every product is counted per
        group instead of per provider (a few thousand groups instead of 50,000 providers)."""
        if self._groepen is None:
            groepen: dict[tuple, Counter] = defaultdict(Counter)
            leeg = frozenset()
            for r in self.aanbieders:
                groepen[(r.sector, r.regio_id, r.leverancier_id)][self.zal.get(r.naam, leeg)] += 1
            self._groepen = dict(groepen)
        return self._groepen


def zal_diensten(moment: dt.datetime) -> tuple[int | None, dict[str, frozenset[str]]]:
    """The published ZAL live at ``moment``: its version number and, per aanbiedernaam, the codes of the
    gegevensdiensten it is listed for. (None, {}) before the first publication."""
    # function-local: lijsten.views imports the pages' machinery, which imports the API routers, whose adoptie
    # router imports this module (a real cycle at start-up)
    from stelselbeheer.lijsten.views import snapshot_op

    snapshot = snapshot_op("zal", moment)
    if snapshot is None:
        return None, {}
    uit = {}
    for naam, entry in (snapshot.entries or {}).items():
        k = (entry or {}).get("k") or {}
        uit[naam] = frozenset(k) if isinstance(k, dict) else frozenset()
    return snapshot.volgnummer, uit


def lees_register(moment: dt.datetime | None = None) -> Registerstand:
    moment = moment or timezone.now()
    volgnummer, zal = zal_diensten(moment)
    rijen = (Aanbieder.objects.filter(soort=AanbiederSoort.ZORGAANBIEDER)
             .values_list("id", "naam", "weergavenaam", "organisatie_id", "organisatie__sector",
                          "organisatie__regio_id", "dva__organisatie_id", "dva__organisatie__soort"))
    aanbieders = []
    klantensets: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for id_, naam, weergavenaam, org, sector, regio, dva_org, dva_soort in rijen.iterator(chunk_size=5000):
        leverancier = dva_org if dva_soort == Soort.LEVERANCIER else None
        aanbieders.append(Aanbiederregel(id_, naam, weergavenaam, org, sector, regio, leverancier))
        if leverancier:
            klantensets[leverancier][sector].add(org)
    relaties = (OrganisatieRelatie.objects.filter(soort=RelatieSoort.KLANT_VAN, naar__soort=Soort.LEVERANCIER)
                .values_list("naar_id", "van__sector", "van_id"))
    for leverancier, sector, klant in relaties.iterator(chunk_size=5000):
        klantensets[leverancier][sector].add(klant)
    klanten = {lev: {s: len(k) for s, k in per.items()} for lev, per in klantensets.items()}
    kwalificaties: dict[int, set[str]] = defaultdict(set)
    for org, code in (Kwalificatie.objects.geldig_op(moment).filter(rol=RolSoort.DVA)
                      .values_list("deelnemer__organisatie_id", "gegevensdienst__code")):
        kwalificaties[org].add(code)
    dva_organisaties = set(DeelnemerRol.objects.filter(rol=RolSoort.DVA)
                           .values_list("deelnemer__organisatie_id", flat=True))
    handmatig: dict[int, dict[int, bool]] = defaultdict(dict)
    for product, org, live in HandmatigeStatus.objects.values_list("product_id", "organisatie_id", "live"):
        handmatig[product][org] = live
    namen = dict(Organisatie.objects.filter(pk__in=list(klanten)).values_list("id", "naam"))
    return Registerstand(moment=moment, zal_volgnummer=volgnummer, zal=zal, aanbieders=aanbieders, klanten=klanten,
                         kwalificaties=dict(kwalificaties), dva_organisaties=dva_organisaties,
                         handmatig=dict(handmatig), leveranciersnamen=namen)


@dataclass
class Productstand:
    """One product's adoption: totals and the breakdowns (each a [live, total] pair; keys are strings so the
    structure is stored as JSON unchanged)."""

    aanbieders_live: int = 0
    aanbieders_totaal: int = 0
    leveranciers_gereed: int = 0
    leveranciers_relevant: int = 0
    handmatig: int = 0
    sector: dict[str, list[int]] = field(default_factory=dict)
    regio: dict[str, list[int]] = field(default_factory=dict)
    sector_regio: dict[str, list[int]] = field(default_factory=dict)
    leverancier: dict[str, list[int]] = field(default_factory=dict)
    #: vendor id -> {"gereed": bool, "bron": "kwalificatie" | "handmatig" | "", "klanten": {sector: n}}
    leveranciers: dict[str, dict] = field(default_factory=dict)
    #: sector -> the largest vendor systems by customers in the sector, largest first
    top: dict[str, list[str]] = field(default_factory=dict)

    def als_json(self) -> dict:
        return {"sector": self.sector, "regio": self.regio, "sector_regio": self.sector_regio,
                "leverancier": self.leverancier, "leveranciers": self.leveranciers, "top": self.top}

    @classmethod
    def uit_model(cls, stand) -> Productstand:
        d = stand.detail or {}
        return cls(aanbieders_live=stand.aanbieders_live, aanbieders_totaal=stand.aanbieders_totaal,
                   leveranciers_gereed=stand.leveranciers_gereed, leveranciers_relevant=stand.leveranciers_relevant,
                   handmatig=stand.handmatig, sector=d.get("sector", {}), regio=d.get("regio", {}),
                   sector_regio=d.get("sector_regio", {}), leverancier=d.get("leverancier", {}),
                   leveranciers=d.get("leveranciers", {}), top=d.get("top", {}))


def _tel(teller: dict[str, list[int]], sleutel: str, live: int, aantal: int = 1) -> None:
    paar = teller.get(sleutel)
    if paar is None:
        paar = teller[sleutel] = [0, 0]
    paar[0] += live
    paar[1] += aantal


def aanbieder_live(regel: Aanbiederregel, diensten: frozenset[str], stand: Registerstand,
                   handmatig: dict[int, bool]) -> tuple[bool, str]:
    """(live, source) of one provider for a product with gegevensdiensten ``diensten``: the ZAL's word when the
    product has gegevensdiensten, else the typed-in status (source "handmatig"), else not live."""
    if diensten:
        return bool(stand.zal.get(regel.naam, frozenset()) & diensten), "zal"
    if regel.organisatie_id in handmatig:
        return handmatig[regel.organisatie_id], "handmatig"
    return False, ""


def leverancier_gereed(leverancier: int, diensten: frozenset[str], stand: Registerstand,
                       handmatig: dict[int, bool]) -> tuple[bool, str]:
    if diensten and leverancier in stand.dva_organisaties:
        return bool(stand.kwalificaties.get(leverancier, set()) & diensten), "kwalificatie"
    if leverancier in handmatig:
        return handmatig[leverancier], "handmatig"
    return False, ""


def bereken(*, product_id: int, sectoren: list[str], diensten: frozenset[str], stand: Registerstand
            ) -> Productstand:
    uit = Productstand()
    handmatig = stand.handmatig.get(product_id, {})
    doelgroep = set(sectoren)

    def tel(sector, regio_id, leverancier_id, live, aantal):
        uit.aanbieders_live += live
        uit.aanbieders_totaal += aantal
        regio = str(regio_id or "")
        _tel(uit.sector, sector, live, aantal)
        _tel(uit.regio, regio, live, aantal)
        _tel(uit.sector_regio, f"{sector}|{regio}", live, aantal)
        if leverancier_id:
            _tel(uit.leverancier, str(leverancier_id), live, aantal)

    if diensten:  # the ZAL decides: count per group of providers
        for (sector, regio_id, leverancier_id), combinaties in stand.groepen().items():
            if doelgroep and sector not in doelgroep:
                continue
            live = sum(n for combinatie, n in combinaties.items() if not combinatie.isdisjoint(diensten))
            tel(sector, regio_id, leverancier_id, live, sum(combinaties.values()))
    else:  # typed in per provider
        for regel in stand.aanbieders:
            if doelgroep and regel.sector not in doelgroep:
                continue
            live, bron = aanbieder_live(regel, diensten, stand, handmatig)
            uit.handmatig += live and bron == "handmatig"
            tel(regel.sector, regel.regio_id, regel.leverancier_id, int(live), 1)
    per_sector: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for leverancier, klanten in stand.klanten.items():
        relevant = {s: n for s, n in klanten.items() if (not doelgroep or s in doelgroep) and n}
        if not relevant:
            continue
        gereed, bron = leverancier_gereed(leverancier, diensten, stand, handmatig)
        uit.leveranciers[str(leverancier)] = {"gereed": gereed, "bron": bron, "klanten": relevant}
        uit.leveranciers_relevant += 1
        uit.leveranciers_gereed += gereed
        uit.handmatig += gereed and bron == "handmatig"
        for s, n in relevant.items():
            per_sector[s].append((-n, stand.leveranciersnamen.get(leverancier, ""), leverancier))
    uit.top = {s: [str(lev) for _, _, lev in sorted(rij)[:TOP_BEWAARD]] for s, rij in per_sector.items()}
    return uit


def product_gegevens(product) -> tuple[list[str], frozenset[str]]:
    return list(product.sectoren or []), frozenset(d.code for d in product.gegevensdiensten.all())


def bereken_product(product, stand: Registerstand | None = None) -> Productstand:
    sectoren, diensten = product_gegevens(product)
    return bereken(product_id=product.pk, sectoren=sectoren, diensten=diensten, stand=stand or lees_register())


def pct(live: int, totaal: int) -> float | None:
    return round(100 * live / totaal, 1) if totaal else None
