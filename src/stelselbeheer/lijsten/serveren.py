"""Serving the lists to participants' software, which polls many times a day.

- ``/lijsten/<naam>.xml``: the live snapshot; strong ETag (the SHA-256), Last-Modified (the Tijdstempel),
  Cache-Control, conditional GET and HEAD (304), gzip when asked for (stored compressed at publication),
  exact Content-Length; ``?sinds=N`` answers 204 when nothing newer than Volgnummer N exists (N: 1 to 18 ASCII
  digits, else 400 problem+json; rule LST-SINDS, read by ``lees_sinds`` here and in the fast path).
- ``/lijsten/<naam>/<volgnummer>.xml``: every historical version, immutable.
- ``?api=<major>`` on each of these (and on the signatures) chooses the format (rule LST-FORMAAT, formaten.py):
  without it the list's oldest format; a major the list is not served in: 404 problem+json naming the ones it is.
- ``/MedMij_<Lijst>.xml`` (the framework's file names, e.g. ``/MedMij_Zorgaanbiederslijst.xml?api=3``): the same
  answers as ``/lijsten/<naam>.xml``.
- ``/lijsten/<naam>/versies.json``: index of versions; ``/lijsten/<naam>/wijzigingen.json?sinds=N``: the
  change feed with the list's ``seed``; ``/lijsten/gezondheid.json``: Volgnummer and age per list, whether it
  is older than its maximum age, and whether its latest publication failed (HTTP 503 when any list is stale,
  missing or failing, or when the live list's static file lags the database: ``bestanden.toestand``).

A cheap poll never loads the document: it reads four columns of the newest snapshot. When the database cannot be
reached these paths answer 503 with Retry-After as problem+json (``gezondheid.json``: its own JSON), not the HTML
page: their clients are systems. With ``STELSEL_LIJST_BESTANDEN`` nginx serves the documents from files
(bestanden.py) and these views answer what needs the database, and stand in when a file is missing.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import wraps

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Count, Min
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from stelselbeheer.api import probleem
from stelselbeheer.api.fouten import SOORTEN
from stelselbeheer.kern.storing import OPNIEUW_NA

from . import bestanden, formaten
from .models import Formaatversie, Lijst, LijstKop, MislukteBouw, Snapshot

log = logging.getLogger(__name__)

KOP_VELDEN = ("id", "lijst", "volgnummer", "sha256", "tijdstempel", "grootte")

#: LST-SINDS: a Volgnummer as a poll gives it. ASCII digits only: ``str.isdigit`` also takes superscripts
#: ('²', which int() then refuses) and ``int`` other scripts' digits; at most 18, which every Volgnummer fits
#: (the column holds 19) and which keeps int() away from its 4,300-digit limit. Both were a 500.
SINDS_PATROON = re.compile(r"[0-9]{1,18}")
SINDS_UITLEG = "sinds is een volgnummer: 1 tot en met 18 cijfers 0-9."


def lees_sinds(waarde: str) -> int | None:
    """The Volgnummer in ``?sinds=``, or None when it is not one (the caller answers 400). The Django views and
    the fast path (snelpad.py) both read it here, so they cannot disagree."""
    return int(waarde) if SINDS_PATROON.fullmatch(waarde) else None


def ongeldige_sinds() -> HttpResponse:
    return probleem(400, "Ongeldige parameter", SINDS_UITLEG,
                    [{"field": "sinds", "reason": SINDS_UITLEG, "code": "volgnummer"}], "ongeldige-parameter")


#: the errors of a database that cannot be reached (refused, lost, timed out), as kern.views.serverfout takes them
ONBEREIKBAAR = (OperationalError, InterfaceError)


def database_onbereikbaar() -> HttpResponse:
    """503 problem+json with Retry-After: the answer of the lists' paths (here and in the fast path) when the
    database cannot be reached."""
    titel, soort, detail = SOORTEN[503]
    antwoord = probleem(503, titel, detail, soort=soort)
    antwoord["Retry-After"] = str(OPNIEUW_NA)
    return antwoord


def _database_nodig(view=None, *, antwoord=database_onbereikbaar):
    """The view's answer, or ``antwoord()`` (and a warning in the log) when the database cannot be reached."""
    if view is None:
        return lambda v: _database_nodig(v, antwoord=antwoord)

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ONBEREIKBAAR as e:
            log.warning("%s: database onbereikbaar: %s", request.path, e)
            return antwoord()

    return omhulsel


def max_leeftijd(lijst: str) -> dt.timedelta:
    """How old a live list may be before health reports it stale (setting LIJST_MAX_LEEFTIJD, seconds)."""
    return dt.timedelta(seconds=settings.LIJST_MAX_LEEFTIJD)


def _lijst(naam: str) -> str:
    if naam not in Lijst.values:
        raise Http404("Onbekende lijst")
    return naam


def _etag(snapshot, gzip: bool) -> str:
    return f'"{snapshot.sha256}{"-gz" if gzip else ""}"'


def wil_gzip(accept_encoding: str) -> bool:
    return "gzip" in accept_encoding.lower()


def niet_gewijzigd(if_none_match: str | None, if_modified_since: str | None, etag: str,
                   laatst: dt.datetime) -> bool:
    """Conditional GET (RFC 9110 13.1): If-None-Match wins over If-Modified-Since."""
    if if_none_match is not None:
        kandidaten = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return etag in kandidaten or "*" in kandidaten
    sinds = parse_http_date_safe(if_modified_since or "")
    return sinds is not None and int(laatst.timestamp()) <= sinds


def koppen(kop, gz: bool, *, onveranderlijk: bool) -> dict[str, str]:
    """The caching headers of a list document, the same on 200, 304 and HEAD (also in ``snelpad``)."""
    return {"ETag": _etag(kop, gz), "Last-Modified": http_date(kop.tijdstempel.timestamp()),
            "Cache-Control": "public, max-age=31536000, immutable" if onveranderlijk
            else "public, max-age=60, must-revalidate",
            "Vary": "Accept-Encoding", "X-Volgnummer": str(kop.volgnummer)}


def koppen_niets_nieuws(kop) -> dict[str, str]:
    """Headers of the 204 answer to ``?sinds=N`` when nothing newer than N exists."""
    return {"X-Volgnummer": str(kop.volgnummer), "Cache-Control": "public, max-age=60, must-revalidate"}


def _document(request, snapshot_kop, *, onveranderlijk: bool) -> HttpResponse:
    gz = wil_gzip(request.headers.get("Accept-Encoding", ""))
    kopregels = koppen(snapshot_kop, gz, onveranderlijk=onveranderlijk)
    if niet_gewijzigd(request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"),
                      kopregels["ETag"], snapshot_kop.tijdstempel):
        antwoord = HttpResponseNotModified()
        for k, v in kopregels.items():
            antwoord[k] = v
        return antwoord
    if gz:  # a Snapshot or a Formaatversie: both keep their document as ``inhoud_gz`` and ``inhoud``
        inhoud = bytes(type(snapshot_kop).objects.filter(pk=snapshot_kop.pk).values_list("inhoud_gz", flat=True).get())
    else:
        inhoud = snapshot_kop.inhoud
    antwoord = HttpResponse(b"" if request.method == "HEAD" else inhoud, content_type="application/xml; charset=utf-8")
    for k, v in kopregels.items():
        antwoord[k] = v
    if gz:
        antwoord["Content-Encoding"] = "gzip"
    antwoord["Content-Length"] = str(len(inhoud))
    return antwoord


def live_kop(lijst: str):
    return Snapshot.objects.filter(lijst=lijst).order_by("-volgnummer").only(*KOP_VELDEN).first()


class OnbekendeApi(Exception):
    """``?api=`` names a major the list is not served in; ``antwoord`` is the 404 problem+json."""

    def __init__(self, antwoord: HttpResponse):
        super().__init__("onbekende api")
        self.antwoord = antwoord


def kies_api(lijst: str, waarde: str | None) -> int:
    """LST-FORMAAT: the major ``?api=`` asks for; none given: the list's oldest. Raises ``OnbekendeApi``."""
    if waarde is None:
        return formaten.eerste(lijst)
    if SINDS_PATROON.fullmatch(waarde) and int(waarde) in formaten.FORMATEN[lijst]:
        return int(waarde)
    geserveerd = ", ".join(str(m) for m in formaten.majors(lijst))
    uitleg = (f"De {Lijst(lijst).label} wordt gepubliceerd met api {geserveerd}; "
              f"'{waarde[:20]}' is daar niet een van.")
    raise OnbekendeApi(probleem(404, "Onbekende interfaceversie", uitleg,
                                [{"field": "api", "reason": uitleg, "code": "onbekende_api",
                                  "served": formaten.majors(lijst)}], "onbekende-api"))


def _api(request, lijst: str) -> int:
    waarden = request.GET.getlist("api")
    if len(waarden) > 1:
        raise OnbekendeApi(probleem(404, "Onbekende interfaceversie", "Geef api hooguit één keer.",
                                    [{"field": "api", "reason": "Geef api hooguit één keer.", "code": "onbekende_api",
                                      "served": formaten.majors(lijst)}], "onbekende-api"))
    return kies_api(lijst, waarden[0] if waarden else None)


def kop_van(lijst: str, api: int, volgnummer: int | None = None):
    """The head (``KOP_VELDEN``) of version ``volgnummer`` (None: the live one) of ``lijst`` in format ``api``: a
    Snapshot for the list's first format, else its Formaatversie; None when there is none (not published, or
    published before the format existed)."""
    snapshots = Snapshot.objects.filter(lijst=lijst)
    snapshot = (snapshots.order_by("-volgnummer") if volgnummer is None
                else snapshots.filter(volgnummer=volgnummer)).only(*KOP_VELDEN).first()
    if snapshot is None or api == formaten.eerste(lijst):
        return snapshot
    return Formaatversie.objects.filter(lijst=lijst, api=api, volgnummer=snapshot.volgnummer).only(
        *KOP_VELDEN).first()


def _met_api(view):
    """The view's answer, or the 404 problem+json of an unknown ``?api=``."""
    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OnbekendeApi as e:
            return e.antwoord

    return omhulsel


@require_safe
@_database_nodig
@_met_api
def lijst_live(request, naam: str):
    lijst = _lijst(naam)
    api = _api(request, lijst)
    kop = kop_van(lijst, api)
    if kop is None:
        raise Http404("Deze lijst is nog niet gepubliceerd" if api == formaten.eerste(lijst)
                      else "Deze lijst is nog niet in dit formaat gepubliceerd")
    if "sinds" in request.GET:
        sinds = lees_sinds(request.GET["sinds"])
        if sinds is None:
            return ongeldige_sinds()
        if kop.volgnummer <= sinds:
            antwoord = HttpResponse(status=204)
            for k, v in koppen_niets_nieuws(kop).items():
                antwoord[k] = v
            return antwoord
    return _document(request, kop, onveranderlijk=False)


@require_safe
@_database_nodig
def medmij_lijst(request, bestandsnaam: str):
    """The framework's file names (``/MedMij_Zorgaanbiederslijst.xml?api=3``): the same answers as ``lijst_live``."""
    if bestandsnaam not in formaten.LIJST_VAN_BESTANDSNAAM:
        raise Http404("Onbekende lijst")
    return lijst_live(request, formaten.LIJST_VAN_BESTANDSNAAM[bestandsnaam])


@require_safe
@_database_nodig
@_met_api
def lijst_versie(request, naam: str, volgnummer: int):
    lijst = _lijst(naam)
    kop = kop_van(lijst, _api(request, lijst), volgnummer)
    if kop is None:
        raise Http404("Deze versie bestaat niet")
    return _document(request, kop, onveranderlijk=True)


def versies_inhoud(lijst: str) -> dict:
    """The index of a list's versions, newest first (also written as a file: bestanden.py)."""
    versies = [{"volgnummer": v, "tijdstempel": t.isoformat(), "sha256": h, "grootte": g, "aantal": a,
                "url": f"/lijsten/{lijst}/{v}.xml"}
               for v, t, h, g, a in Snapshot.objects.filter(lijst=lijst).order_by("-volgnummer")
               .values_list("volgnummer", "tijdstempel", "sha256", "grootte", "aantal")]
    return {"lijst": lijst, "versies": versies}


@require_safe
@_database_nodig
def lijst_versies(request, naam: str):
    return JsonResponse(versies_inhoud(_lijst(naam)))


@require_safe
@_database_nodig
def lijst_wijzigingen(request, naam: str):
    """Entries added, removed and changed since Volgnummer ``sinds`` (default 0: everything)."""
    lijst = _lijst(naam)
    sinds = lees_sinds(request.GET.get("sinds", "0"))
    if sinds is None:
        return ongeldige_sinds()
    kop = LijstKop.objects.filter(lijst=lijst).first()
    nieuwste = live_kop(lijst)
    if kop is None or nieuwste is None:
        raise Http404("Deze lijst is nog niet gepubliceerd")
    basis = Snapshot.objects.filter(lijst=lijst, volgnummer=sinds).only("entries").first() if sinds else None
    if sinds and basis is None:
        return JsonResponse({"fout": f"volgnummer {sinds} bestaat niet", "seed": kop.seed}, status=404)
    if sinds >= nieuwste.volgnummer:
        return JsonResponse({"lijst": lijst, "seed": kop.seed, "van": sinds, "tot": nieuwste.volgnummer,
                             "toegevoegd": [], "verwijderd": [], "gewijzigd": []})
    laatste = Snapshot.objects.filter(pk=nieuwste.pk).only("entries").get()
    from .services import _verschil

    toegevoegd, verwijderd, gewijzigd = _verschil(basis.entries if basis else None, laatste.entries)
    return JsonResponse({"lijst": lijst, "seed": kop.seed, "van": sinds, "tot": nieuwste.volgnummer,
                         "toegevoegd": toegevoegd, "verwijderd": verwijderd, "gewijzigd": gewijzigd})


def open_storingen() -> dict[str, MislukteBouw]:
    """LST-ALARM: per list whose latest publication attempt failed with no later success, its latest failure,
    with ``pogingen`` (failed attempts since the last success) and ``sinds`` (the first of them)."""
    open_ = MislukteBouw.objects.filter(afgehandeld=False)
    tellingen = {lijst: (n, sinds) for lijst, n, sinds in open_.order_by().values("lijst")
                 .annotate(n=Count("id"), sinds=Min("tijdstip")).values_list("lijst", "n", "sinds")}
    storingen = {}
    for lijst, (n, sinds) in tellingen.items():
        laatste = open_.filter(lijst=lijst).order_by("-tijdstip", "-id").first()
        laatste.pogingen, laatste.sinds = n, sinds
        storingen[lijst] = laatste
    return storingen


def _gezondheid_zonder_database() -> JsonResponse:
    antwoord = JsonResponse({"status": "DOWN", "database": "onbereikbaar"}, status=503)
    antwoord["Retry-After"] = str(OPNIEUW_NA)
    return antwoord


@require_safe
@_database_nodig(antwoord=_gezondheid_zonder_database)
def gezondheid(request):
    """Per list: UP, VEROUDERD (older than its maximum age), ONTBREEKT (never published), MISLUKT (the latest
    attempt failed and no later one succeeded, LST-ALARM) or BESTAND_VEROUDERD (the static file nginx serves is
    not the live version, ``MARGE`` seconds after it was published, or is missing: LST-BESTANDEN); 503 unless
    every list is UP, and when the database cannot be reached. A failure is reported by its kind and times; its
    text, which may quote register data or internals, is for staff only."""
    nu = timezone.now()
    lijsten, in_orde = {}, True
    storingen = open_storingen()
    for lijst in Lijst.values:
        kop = live_kop(lijst)
        storing = storingen.get(lijst)
        if kop is None:
            lijsten[lijst] = {"status": "ONTBREEKT"}
            in_orde = False
        else:
            leeftijd = nu - kop.tijdstempel
            verouderd = leeftijd > max_leeftijd(lijst)
            bestand = bestanden.toestand(kop)
            achter = bestand not in (None, "ACTUEEL") and leeftijd.total_seconds() > bestanden.MARGE
            in_orde &= not verouderd and storing is None and not achter
            lijsten[lijst] = {"status": "MISLUKT" if storing else "VEROUDERD" if verouderd
                              else "BESTAND_VEROUDERD" if achter else "UP",
                              "volgnummer": kop.volgnummer, "tijdstempel": kop.tijdstempel.isoformat(),
                              "leeftijd_seconden": int(leeftijd.total_seconds()),
                              "max_leeftijd_seconden": int(max_leeftijd(lijst).total_seconds())}
            if bestand is not None:
                lijsten[lijst]["bestand"] = bestand
        if storing:
            lijsten[lijst]["mislukt"] = {"reden": storing.get_soort_display(), "pogingen": storing.pogingen,
                                         "sinds": storing.sinds.isoformat(),
                                         "laatste_poging": storing.tijdstip.isoformat()}
    return JsonResponse({"status": "UP" if in_orde else "DOWN", "lijsten": lijsten}, status=200 if in_orde else 503)


def _handtekening(snapshot_kop) -> HttpResponse:
    tekst = type(snapshot_kop).objects.filter(pk=snapshot_kop.pk).values_list("handtekening", flat=True).get()
    if not tekst:
        raise Http404("Deze versie heeft geen handtekening")
    antwoord = HttpResponse(tekst.encode(), content_type="application/xml; charset=utf-8")
    antwoord["ETag"] = f'"{snapshot_kop.sha256}-sig"'
    antwoord["X-Volgnummer"] = str(snapshot_kop.volgnummer)
    antwoord["Cache-Control"] = "public, max-age=60, must-revalidate"
    return antwoord


@require_safe
@_database_nodig
@_met_api
def handtekening_live(request, naam: str):
    lijst = _lijst(naam)
    kop = kop_van(lijst, _api(request, lijst))
    if kop is None:
        raise Http404("Deze lijst is nog niet gepubliceerd")
    return _handtekening(kop)


@require_safe
@_database_nodig
@_met_api
def handtekening_versie(request, naam: str, volgnummer: int):
    lijst = _lijst(naam)
    kop = kop_van(lijst, _api(request, lijst), volgnummer)
    if kop is None:
        raise Http404("Deze versie bestaat niet")
    return _handtekening(kop)


@require_safe
@_database_nodig
def certificaten(request):
    """The certificate that signs the lists and, during a planned rollover, the announced next one."""
    from .ondertekening import SleutelOntbreekt, certificaten_info

    try:
        return JsonResponse(certificaten_info())
    except SleutelOntbreekt:
        raise Http404("Er is geen certificaat ingesteld") from None
