"""The fast path for polls of the live lists, as WSGI middleware in front of Django.

Participants' software polls ``/lijsten/<naam>.xml`` many times a day; nearly every poll is answered "nothing
new": 304 to a conditional GET or HEAD, or 204 to ``?sinds=N``. Those answers need only the live
Volgnummer, SHA-256 and Tijdstempel of the list, so this middleware answers them from a small table of the
lists' heads kept in memory and read again from the database when it is older than ``LIJST_KOP_TTL``
seconds (default 1; 0 reads it on every poll). Everything else (a full document, a version, an invalid
``sinds``, an unknown list) goes to Django unchanged. The headers are the ones the Django view sends
(``serveren.koppen``), so the two paths cannot drift apart.

The price of the table is that a new version may be answered with "nothing new" for up to the TTL after its
publication; a poll never gets a mix of two versions, and the document itself always comes from Django.

When the database cannot be reached the fast path answers 503 problem+json with Retry-After (``serveren.
database_onbereikbaar``, the same answer as the views) and logs it, instead of letting the error escape to the WSGI
server as a bare 500; for a second it then answers so without trying again, so that hundreds of polls do not each
wait for a connection that will not come.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import parse_qs

from django.conf import settings
from django.db import close_old_connections

from stelselbeheer.kern.beveiligingskoppen import beveiligingskoppen

from . import formaten, serveren
from .models import Lijst

_PREFIX = "/lijsten/"
#: the framework's file names (``/MedMij_Zorgaanbiederslijst.xml``) -> the list
_MEDMIJ = {f"/{bestand}": lijst for bestand, lijst in formaten.LIJST_VAN_BESTANDSNAAM.items()}
#: seconds after a failed read of the heads during which polls get 503 without another attempt
WACHT_NA_FOUT = 1.0
#: the lists' names, looked up on every poll (``Lijst.values`` builds a new list each time)
_LIJSTEN = frozenset(Lijst.values)

log = logging.getLogger(__name__)


class _Onbereikbaar(Exception):
    pass


class Snelpad:
    def __init__(self, app):
        self.app = app
        self._koppen: dict[str, object] = {}
        self._gelezen = float("-inf")
        self._fout_tot = float("-inf")
        self._slot = threading.Lock()

    def _kop(self, naam: str):
        nu = time.monotonic()
        if nu - self._gelezen >= settings.LIJST_KOP_TTL:
            with self._slot:
                if nu < self._fout_tot:
                    raise _Onbereikbaar
                if nu - self._gelezen >= settings.LIJST_KOP_TTL:
                    close_old_connections()  # as Django does at the start of a request (CONN_MAX_AGE)
                    try:
                        self._koppen = {lijst: serveren.live_kop(lijst) for lijst in Lijst.values}
                    except serveren.ONBEREIKBAAR as e:
                        log.warning("Snelpad lijsten: database onbereikbaar: %s", e)
                        self._fout_tot = time.monotonic() + WACHT_NA_FOUT
                        raise _Onbereikbaar from e
                    self._gelezen = time.monotonic()
        return self._koppen.get(naam)

    def _antwoord(self, environ) -> tuple[str, dict[str, str]] | None:
        """(status, headers) of a 304 or 204, or None when Django should answer."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        pad = environ.get("PATH_INFO", "")
        if pad in _MEDMIJ:
            naam = _MEDMIJ[pad]
        elif pad.startswith(_PREFIX) and pad.endswith(".xml"):
            naam = pad[len(_PREFIX):-4]
        else:
            return None
        if naam not in _LIJSTEN:
            return None
        kop = self._kop(naam)
        if kop is None:
            return None
        query = environ.get("QUERY_STRING", "")
        if query:
            vraag = parse_qs(query, keep_blank_values=True)
            if "api" in vraag:  # another format (or an unknown one: 404): Django answers (LST-FORMAAT)
                return None
            waarden = vraag.get("sinds")
            sinds = serveren.lees_sinds(waarden[0]) if waarden and len(waarden) == 1 else None
            if sinds is None:  # Django answers it (400 for an invalid sinds, LST-SINDS)
                return None
            if kop.volgnummer <= sinds:
                return "204 No Content", serveren.koppen_niets_nieuws(kop)
        gz = serveren.wil_gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
        kopregels = serveren.koppen(kop, gz, onveranderlijk=False)
        if serveren.niet_gewijzigd(environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE"),
                                   kopregels["ETag"], kop.tijdstempel):
            return "304 Not Modified", kopregels
        return None

    def __call__(self, environ, start_response):
        try:
            antwoord = self._antwoord(environ)
        except _Onbereikbaar:
            fout = serveren.database_onbereikbaar()
            start_response("503 Service Unavailable", [*fout.items(), ("Content-Length", str(len(fout.content))),
                                                       ("X-Content-Type-Options", "nosniff")])
            return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else fout.content]
        if antwoord is None:
            return self.app(environ, start_response)
        status, kopregels = antwoord
        start_response(status, [*kopregels.items(), *beveiligingskoppen(environ)])
        return [b""]
