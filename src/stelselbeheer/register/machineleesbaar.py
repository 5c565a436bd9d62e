"""The public aanbiedersregister as one machine-readable JSON document (rule REG-OPENBAAR-JSON, docs/register.md).

``GET /api/aanbiedersregister``: every aanbieder of a current participant (the public list of participants,
DLN-OPENBAAR: active, suspended or leaving; not one that applies, was refused or has ended) with only what the public
register shows or the public lists already carry: names, soort, Aanbiedertype, plaats, the identifying numbers of
the Zorgaanbiederskoppellijst (AGB, URA, OIN and KvK of the organisation, HRN), the gegevensdiensten with display
name and interface versions, the connecting participant with its public status, and the aanbieder's own public
status. Never endpoints, internal ids, or a suspension of level 1 or 2 (NAL-OPSCHORTING: those stay internal).

One document, streamed: the aanbieders are read in pages of ``BLOK`` by aanbiedernaam (keyset on its unique
index), each page with two queries, and written as they are read, gzip-compressed on the way when the client
accepts it. Memory stays at one page whatever the size of the register (bench/register.py measures 50,000).

Caching: every change of state goes through a service that writes an audit event in the same transaction, so
the head of the audit chain is a version of everything the document is made of. The ETag is derived from it
(and from the format version and the encoding); Last-Modified is the moment of that event. A change recorded while
a document streams may already be in it: the next request then sees a new head and downloads again, so a client
never keeps an older document than the one it has. The price: any change (also one outside the register) gives a
new ETag.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.http import HttpResponseNotModified, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from ninja import Field, Router, Schema

from stelselbeheer.deelnemers import openbaar
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.models import AuditEvent, AuditKop
from stelselbeheer.naleving.opschorting import lopende

from .models import STANDAARD_AANBIEDERTYPE, Aanbieder, AanbiederGegevensdienst, Aanbiedertype, Gegevensdienst

#: the version of the document's format; a change that breaks a reader raises it (and the ETag changes with it)
FORMAAT = 1
#: aanbieders per page read from the database
BLOK = 2000
MEDIATYPE = "application/json"

router = Router(tags=["register"])


# --- the schema (documentation in the OpenAPI document; the document itself is written by ``regels`` below) ----

class RegisterIdentificatie(Schema):
    agb: str | None = Field(..., description="AGB-code van de organisatie (8 cijfers), of null")
    ura: str | None = Field(..., description="URA-nummer van de organisatie (8 cijfers), of null")
    oin: str | None = Field(..., description="OIN van de organisatie (20 cijfers), of null")
    hrn: str | None = Field(..., description="HRN van de aanbieder, of null")
    kvk: str | None = Field(..., description="KvK-nummer van de organisatie (8 cijfers), of null")


class RegisterGegevensdienst(Schema):
    code: str = Field(..., description="Gegevensdienst-id, zoals op de lijsten")
    naam: str = Field(..., description="Weergavenaam van de gegevensdienst (de gegevensdienstnamenlijst)")
    interfaceversies: list[str] = Field(..., description="Interfaceversies waarin de aanbieder de dienst aanbiedt, "
                                                         "oplopend")


class RegisterAanbiedertype(Schema):
    code: str = Field(..., description="ZA, BAZB, APD, …; ZA als er geen is vastgelegd")
    naam: str


class RegisterDeelnemer(Schema):
    rol: str = Field(..., description="De rol waarin de deelnemer achter de aanbieder staat: DVA (de aansluitende "
                                      "dienstverlener aanbieder)")
    naam: str = Field(..., description="Naam van de organisatie van de deelnemer")
    kvk: str = Field(..., description="KvK-nummer van die organisatie")
    status: str = Field(..., description="Openbare status, zoals op de deelnemerspagina: actief, "
                                         "'actief, in uittreding' of 'inactief (opgeschort)'")
    url: str = Field(..., description="Openbare deelnemerpagina (pad)")


class RegisterAanbieder(Schema):
    naam: str = Field(..., description="Aanbiedernaam (…@medmij); de documentvolgorde")
    weergavenaam: str
    soort: str = Field(..., description="zorgaanbieder of zonder_behandelrelatie")
    aanbiedertype: RegisterAanbiedertype
    plaats: str = Field(..., description="Vestigingsplaats; leeg als die niet is vastgelegd")
    status: str = Field(..., description="actief, of inactief als de aansluitende deelnemer openbaar inactief is "
                                         "(opgeschort vanaf niveau 3)")
    identificatie: RegisterIdentificatie
    gegevensdiensten: list[RegisterGegevensdienst]
    deelnemers: list[RegisterDeelnemer]
    url: str = Field(..., description="Pagina van de aanbieder in het openbare register (pad)")


class Aanbiedersregister(Schema):
    formaat: int = Field(..., description=f"Versie van het documentformaat (nu {FORMAAT})")
    gemaakt_op: dt.datetime = Field(..., description="Moment waarop het document is samengesteld")
    auditvolgnummer: int = Field(..., description="Volgnummer van de laatste gebeurtenis in de audittrail waarop "
                                                  "het document rust (ook de basis van de ETag)")
    aanbieders: list[RegisterAanbieder] = Field(..., description="Op aanbiedernaam")
    aantal: int = Field(..., description="Aantal aanbieders in het document (staat na de lijst: het document wordt "
                                         "gestreamd)")


# --- reading -------------------------------------------------------------------------------------------------

def _versie_sleutel(versie: str) -> tuple:
    return tuple(int(d) if d.isdigit() else 0 for d in versie.split("."))


def _rijen(qs) -> list[tuple]:
    """The rows of a ``values_list`` straight from the cursor: Django's converters (a JSON decode per row for the
    interface versions) cost more than the query on a large register (bench/register.py)."""
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # an IN over no participants
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def deelnemers() -> dict[int, dict]:
    """id -> the public description of each current participant (DLN-OPENBAAR), with its public status."""
    rijen = list(Deelnemer.objects.filter(status__in=openbaar.HUIDIG).select_related("organisatie"))
    opschortingen = lopende([d.pk for d in rijen])
    return {d.pk: {"rol": "DVA", "naam": d.organisatie.naam, "kvk": d.organisatie.kvk_nummer,
                   "status": openbaar.openbare_status(d, opschortingen.get(d.pk)),
                   "url": reverse("publiek-deelnemer", args=[d.pk])} for d in rijen}


def regels(deelnemer_info: dict[int, dict] | None = None, blok: int = BLOK) -> Iterator[dict]:
    """Every aanbieder of the document in order of aanbiedernaam, as the dict that is written for it."""
    info = deelnemers() if deelnemer_info is None else deelnemer_info
    typen = {t.pk: {"code": t.code, "naam": t.naam} for t in Aanbiedertype.objects.all()}
    standaard = next((t for t in typen.values() if t["code"] == STANDAARD_AANBIEDERTYPE),
                     {"code": STANDAARD_AANBIEDERTYPE, "naam": "Zorgaanbieder"})
    gegevensdiensten = {pk: (code, naam) for pk, code, naam in Gegevensdienst.objects.values_list("pk", "code", "naam")}
    # (gegevensdienst, interface versions as stored) -> the entry written for it: a register has few distinct ones,
    # so each is decoded and sorted once (and the same dict is written for every aanbieder that offers it)
    dienstregels: dict[tuple, dict] = {}
    register_url = reverse("publiek-register")
    velden = ("pk", "naam", "weergavenaam", "soort", "aanbiedertype_id", "plaats", "hrn", "dva_id",
              "organisatie__agb_code", "organisatie__ura", "organisatie__oin", "organisatie__kvk_nummer")
    qs = Aanbieder.objects.filter(dva_id__in=list(info)).order_by("naam").values_list(*velden)
    laatste = None
    while True:
        pagina = _rijen((qs.filter(naam__gt=laatste) if laatste is not None else qs)[:blok])
        if not pagina:
            return
        per_aanbieder: dict[int, list] = {}
        # the page's gegevensdiensten by the same range of names (an IN over 2,000 ids cost more to build than to
        # run); rows of aanbieders left out of the page (another participant's) are simply not looked up
        bereik = AanbiederGegevensdienst.objects.filter(aanbieder__naam__lte=pagina[-1][1]).order_by()
        if laatste is not None:
            bereik = bereik.filter(aanbieder__naam__gt=laatste)
        for aanbieder_id, gd_id, versies in _rijen(bereik.values_list("aanbieder_id", "gegevensdienst_id",
                                                                      "interfaceversies")):
            sleutel = (gd_id, versies if isinstance(versies, str) else json.dumps(versies))
            regel = dienstregels.get(sleutel)
            if regel is None:
                lijst = json.loads(versies) if isinstance(versies, str) else versies
                code, naam = gegevensdiensten[gd_id]
                regel = dienstregels[sleutel] = {"code": code, "naam": naam,
                                                 "interfaceversies": sorted(lijst or [], key=_versie_sleutel)}
            per_aanbieder.setdefault(aanbieder_id, []).append(regel)
        for pk, naam, weergavenaam, soort, type_id, plaats, hrn, dva_id, agb, ura, oin, kvk in pagina:
            deelnemer = info[dva_id]
            diensten = per_aanbieder.get(pk, [])
            if len(diensten) > 1:
                diensten.sort(key=lambda d: d["code"])
            yield {
                "naam": naam, "weergavenaam": weergavenaam, "soort": soort,
                "aanbiedertype": typen.get(type_id, standaard), "plaats": plaats,
                "status": "inactief" if deelnemer["status"].startswith("inactief") else "actief",
                "identificatie": {"agb": agb or None, "ura": ura or None, "oin": oin or None, "hrn": hrn or None,
                                  "kvk": kvk or None},
                "gegevensdiensten": diensten,
                "deelnemers": [deelnemer],
                "url": f"{register_url}{naam}/",
            }
        laatste = pagina[-1][1]


def stukken(kop: dict, deelnemer_info: dict[int, dict] | None = None) -> Iterator[bytes]:
    """The document as UTF-8 pieces of about one page each."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    begin = dumps(kop)
    yield (begin[:-1] + ',"aanbieders":[').encode()
    aantal = 0
    buffer: list[str] = []
    for regel in regels(deelnemer_info):
        buffer.append(("," if aantal else "") + dumps(regel))
        aantal += 1
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer = []
    buffer.append(f'],"aantal":{aantal}}}')
    yield "".join(buffer).encode()


def gzip_stukken(stukken_: Iterator[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # 16+: a gzip header and trailer
    for stuk in stukken_:
        uit = compressor.compress(stuk)
        if uit:
            yield uit
    yield compressor.flush()


# --- serving -------------------------------------------------------------------------------------------------

def versie() -> tuple[int, str, dt.datetime]:
    """(volgnummer, hash, moment) of the head of the audit chain: the version of the document."""
    kop = AuditKop.objects.filter(pk=1).values_list("volgnummer", "hash").first() or (0, "0" * 64)
    moment = (AuditEvent.objects.filter(volgnummer=kop[0]).values_list("tijdstip", flat=True).first()
              or dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    return kop[0], kop[1], moment


def etag(hash_: str, gz: bool) -> str:
    return f'"r{FORMAAT}-{hash_[:32]}{"-gz" if gz else ""}"'


def niet_gewijzigd(request, tag: str, moment: dt.datetime) -> bool:
    """Conditional GET (RFC 9110 13.1.1/13.1.3): If-None-Match wins over If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        kandidaten = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return tag in kandidaten or "*" in kandidaten
    sinds = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return sinds is not None and int(moment.timestamp()) <= sinds


@router.get(
    "/aanbiedersregister",
    response={200: Aanbiedersregister, 304: None},
    summary="Het openbare aanbiedersregister als één JSON-document",
    description=(
        "Alle aanbieders van huidige deelnemers met hun openbare gegevens, op aanbiedernaam, als één gestreamd "
        "document (de mensleesbare versie is /aanbiedersregister/). Met Accept-Encoding: gzip gecomprimeerd. "
        "Peilen met If-None-Match (de ETag) of If-Modified-Since: 304 als er sinds die versie niets is veranderd. "
        "Het document noemt geen endpoints en geen interne nummers; aanbieders van een deelnemer die nog niet is "
        "toegelaten of die is beëindigd staan er niet in."),
    openapi_extra={"responses": {
        200: {"description": "Het document",
              "headers": {"ETag": {"description": "Versie van het document (per codering)",
                                   "schema": {"type": "string"}},
                          "Last-Modified": {"description": "Moment van de laatste wijziging waarop het rust",
                                            "schema": {"type": "string"}},
                          "Content-Encoding": {"description": "gzip als de client dat accepteert",
                                               "schema": {"type": "string"}}}},
        304: {"description": "Niet gewijzigd sinds de meegestuurde ETag of datum",
              "headers": {"ETag": {"description": "Versie van het document", "schema": {"type": "string"}}}},
    }},
)
def aanbiedersregister(request):
    volgnummer, hash_, moment = versie()
    gz = "gzip" in request.headers.get("Accept-Encoding", "").lower()
    kopregels = {"ETag": etag(hash_, gz), "Last-Modified": http_date(moment.timestamp()),
                 "Cache-Control": "public, max-age=60, must-revalidate", "Vary": "Accept-Encoding"}
    if niet_gewijzigd(request, kopregels["ETag"], moment):
        antwoord = HttpResponseNotModified()
    else:
        # the participants are read before the stream starts, so a database error is a problem+json answer
        info = deelnemers()
        kop = {"formaat": FORMAAT, "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
               "auditvolgnummer": volgnummer}
        inhoud = stukken(kop, info)
        antwoord = StreamingHttpResponse(gzip_stukken(inhoud) if gz else inhoud,
                                         content_type=f"{MEDIATYPE}; charset=utf-8")
        if gz:
            antwoord["Content-Encoding"] = "gzip"
    for k, v in kopregels.items():
        antwoord[k] = v
    return antwoord

