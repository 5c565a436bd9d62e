"""Search in the register, shared by the public page, the staff page and the API.

A name-fragment search looks in one column, ``Aanbieder.zoektekst``: the display name, place and
aanbiedernaam folded to lowercase without accents. One indexed column lets the database scan a covering
index (and stop early when ordering by it), where an OR over three columns forced a full table scan:
measured on 50,000 aanbieders in SQLite, 88 ms against 7 ms (bench/run.py). Identifiers (8 or 20
digits) are looked up exactly through the organisation's indexed columns.
"""

import re
import unicodedata

from django.db import connection, transaction
from django.db.models import Count, Prefetch, Q, QuerySet, Window

from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.openbaar import HUIDIG
from stelselbeheer.kern.antwoordcache import per_stand
from stelselbeheer.organisaties.models import Organisatie

from .models import STANDAARD_AANBIEDERTYPE, Aanbieder, AanbiederGegevensdienst

_CIJFERS = re.compile(r"^\d{8}$")

#: the public search's kept answers (kern/antwoordcache.py): the page's and the API's names in keys and metrics, and
#: their paths, which kern.antwoordcache.BewaardeAntwoorden serves from memory before Django: path -> (name, whether
#: only for an anonymous visitor), the same as the views' @bewaard
ZOEKPAGINA, ZOEK_API = "aanbiedersregister", "api-aanbieders"
BEWAARDE_ROUTES = {"/aanbiedersregister/": (ZOEKPAGINA, True), "/api/aanbieders": (ZOEK_API, False)}


def vouw(tekst: str) -> str:
    """Lowercase, accents removed, whitespace collapsed: 'Diëtist  Ëde' -> 'dietist ede'."""
    plat = unicodedata.normalize("NFKD", tekst or "").encode("ascii", "ignore").decode()
    return " ".join(plat.lower().split())


def zoektekst(*, weergavenaam: str, plaats: str, naam: str) -> str:
    """The value of ``Aanbieder.zoektekst``; services keep it up to date on every change."""
    return f"{vouw(weergavenaam)} | {vouw(plaats)} | {naam.split('@')[0]}"[:320]


def openbare_aanbieders() -> QuerySet[Aanbieder]:
    """The aanbieders the public register shows (REG-OPENBAAR): those of a current participant (active, suspended or
    leaving, DLN-OPENBAAR), as the machine-readable register and the lists have them; not those of a participant that
    has not been admitted or has left. Excluded by the few ids of such participants, so the search's index scans stay
    as they are."""
    anders = per_stand("deelnemers-niet-huidig", lambda: list(
        Deelnemer.objects.exclude(status__in=HUIDIG).values_list("id", flat=True)))
    return Aanbieder.objects.exclude(dva_id__in=anders) if anders else Aanbieder.objects.all()


def zoek_aanbieders(q: str = "", *, gegevensdienst: str = "", plaats: str = "", dva: int | None = None,
                    openbaar: bool = False) -> QuerySet[Aanbieder]:
    """By identifier (aanbiedernaam, or a KvK/URA/AGB number of 8 digits) or by a fragment of name or place;
    ``openbaar``: only what the public register shows."""
    qs = openbare_aanbieders() if openbaar else Aanbieder.objects.all()
    q = (q or "").strip()
    volgorde = ("zoektekst", "id")
    if q:
        if "@" in q:
            qs = qs.filter(naam=q.lower())
        elif _CIJFERS.match(q):
            # resolved first, so the planner sees literal ids (PostgreSQL misjudged the subquery: 200 ms)
            organisaties = list(Organisatie.objects.filter(Q(kvk_nummer=q) | Q(ura=q) | Q(agb_code=q))
                                .values_list("id", flat=True)[:1000])
            qs = qs.filter(organisatie_id__in=organisaties)
        else:
            qs = qs.filter(zoektekst__contains=vouw(q))
    if gegevensdienst:
        qs = qs.filter(diensten__gegevensdienst__code=gegevensdienst)
    if plaats:
        qs = qs.filter(plaats__iexact=plaats.strip())
    if dva:
        qs = qs.filter(dva_id=dva)
    return qs.order_by(*volgorde)


class Zoekresultaat:
    """A search result that pages with as few scans as the data allows.

    It first takes at most ``VOORRAAD + 1`` matching ids in display order from the covering index on
    ``zoektekst``. A fragment that matches few rows is then counted and paged from that one scan; a broad
    fragment stops the ordered scan early and is counted with one COUNT. The naive pair (COUNT, then
    ORDER BY ... LIMIT) scans twice for rare fragments; fetching all ids ships thousands of rows for broad
    ones (measured in bench/run.py). On PostgreSQL a name fragment is found through the trigram index, which
    yields every match before the sort anyway: there the first scan counts them too (``COUNT(*) OVER ()``), so a
    broad fragment costs one query instead of that scan plus a COUNT (for "apotheek", 10,073 of 50,000: 28 ms
    instead of 19 + 29 ms). Works with Django's Paginator and the API's paging (count, slicing).
    """

    VOORRAAD = 500

    def __init__(self, qs: QuerySet[Aanbieder], fragment: bool = False, voorraad: bool = True):
        self.qs = qs
        self._aantal = None
        self.ids: list[int] = []
        self.volledig = False
        if not voorraad:  # the whole ordered table: counted and sliced by the database
            return
        if fragment and connection.vendor == "postgresql":
            # With statistics PostgreSQL prefers walking the ordered B-tree and filtering, which is slow for a
            # fragment that matches late in the order (55 ms for "zorggroep" on 50,000 aanbieders); the trigram
            # index and a sort take 6-21 ms for any fragment of 3+ characters (bench/run.py). Only this query.
            eerste = qs.annotate(_totaal=Window(Count("id"))).values_list("id", "_totaal")[:self.VOORRAAD + 1]
            rijen = _zonder_geordende_scan(eerste)
            self.ids = [i for i, _ in rijen]
            self._aantal = rijen[0][1] if rijen else 0
        else:
            self.ids = list(qs.values_list("id", flat=True)[:self.VOORRAAD + 1])
        self.volledig = len(self.ids) <= self.VOORRAAD
        if self.volledig:
            self._aantal = len(self.ids)

    def count(self) -> int:
        if self._aantal is None:
            self._aantal = self.qs.count()
        return self._aantal

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, deel: slice) -> list[dict]:
        if self.volledig or (deel.stop is not None and deel.stop <= len(self.ids)):
            ids = self.ids[deel]
        else:
            ids = list(self.qs.values_list("id", flat=True)[deel])
        return rijen(ids)


_PLAN = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; "


def _zonder_geordende_scan(qs: QuerySet) -> list[tuple]:
    """The rows of ``qs`` with sequential and plain index scans off for this query only (PostgreSQL).

    One round trip: the two settings and the query as one simple-protocol string, which PostgreSQL runs as one
    implicit transaction, so SET LOCAL ends with it (psycopg's client-side binding, Django's default). With
    server-side binding, or inside a transaction, the settings go first in a transaction (a savepoint) of their own,
    as four round trips: under load each round trip waits for a core (0.4-0.7 ms here on loopback), where a fragment's
    whole search is 3-4 ms."""
    if connection.in_atomic_block or connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_PLAN)
            return list(qs)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_PLAN + sql, params)
        cursor.nextset()  # the two SETs' results, then the query's
        cursor.nextset()
        return cursor.fetchall()


def zoeken(q: str = "", *, openbaar: bool = False, **filters) -> Zoekresultaat:
    """What the pages and the API page through: a one-scan result when there is something to search for,
    the ordered table, counted and sliced by the database, when there is not; its pages are ``rijen``."""
    qs = zoek_aanbieders(q, openbaar=openbaar, **filters)
    q = (q or "").strip()
    if q or any(filters.values()):
        fragment = "@" not in q and not _CIJFERS.match(q) and len(vouw(q)) >= 3  # pg_trgm needs 3 characters
        return Zoekresultaat(qs, fragment=fragment)
    return Zoekresultaat(qs, voorraad=False)


def rijen(ids: list[int]) -> list[dict]:
    """The aanbieders ``ids``, in that order, as the register's lists and the public API show them: a dict with
    id, naam, weergavenaam, soort, plaats, aanbiedertype (its code) and gegevensdiensten (code, naam and
    interfaceversies of each, by code). One query, the gegevensdiensten joined in; model instances with their
    gegevensdiensten prefetched took three queries and some 140 instances for a page of 25 (3.8 against 0.8 ms
    of the page's 13 ms, measured in process on 50,000 aanbieders)."""
    if not ids:
        return []
    per_id: dict[int, dict] = {}
    kolommen = ("id", "naam", "weergavenaam", "soort", "plaats", "aanbiedertype__code",
                "diensten__gegevensdienst__code", "diensten__gegevensdienst__naam", "diensten__interfaceversies")
    for pk, naam, weergavenaam, soort, plaats, soortcode, code, dienstnaam, versies in (
            Aanbieder.objects.filter(pk__in=ids).order_by("id", "diensten__gegevensdienst__code")
            .values_list(*kolommen)):
        rij = per_id.get(pk)
        if rij is None:
            rij = per_id[pk] = {"id": pk, "naam": naam, "weergavenaam": weergavenaam, "soort": soort,
                                "plaats": plaats, "aanbiedertype": soortcode or STANDAARD_AANBIEDERTYPE,
                                "gegevensdiensten": []}
        if code is not None:
            rij["gegevensdiensten"].append({"code": code, "naam": dienstnaam, "interfaceversies": versies})
    return [per_id[i] for i in ids]


def met_diensten(qs: QuerySet[Aanbieder]) -> QuerySet[Aanbieder]:
    diensten = AanbiederGegevensdienst.objects.select_related("gegevensdienst").order_by("gegevensdienst__code")
    return qs.select_related("aanbiedertype").prefetch_related(Prefetch("diensten", queryset=diensten))
