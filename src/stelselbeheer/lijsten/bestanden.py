"""The published lists as static files, so that nginx (or a CDN) serves polls and downloads without Python or the
database, also while the application or the database is down.

Layout under ``settings.LIJST_BESTANDEN`` (it mirrors the site's paths: nginx serves it with ``root <dir>``):

- ``lijsten/<naam>.xml``, ``.xml.gz``, ``.xml.sig``: the live version: the document, the gzip member stored with the
  snapshot (nginx's ``gzip_static`` sends it to clients that accept gzip) and the detached signature;
- ``lijsten/<naam>/<volgnummer>.xml.gz`` and ``.xml.sig``: every version. Only the gzip: a ZAL of 50,000 aanbieders
  is 53 MB as XML and 1.4 MB compressed, and a version is written at every publication (nginx's ``gunzip``
  decompresses it for the rare client without gzip);
- ``lijsten/<naam>/versies.json``: the index of versions, the same bytes as the application's answer;
- ``lijsten/certificaten.json``: the certificate that signs the lists and an announced next one;
- ``lijsten/<naam>.api<N>.xml`` (``.gz``, ``.sig``) and ``lijsten/<naam>/<volgnummer>.api<N>.xml.gz`` (``.sig``): the
  same for each further format of a list (``formaten.py``, e.g. the ZAL in release 3: ``zal.api3.xml``); nginx
  serves them for the framework's addresses (``/MedMij_Zorgaanbiederslijst.xml?api=3``, deploy/nginx).

Every file is written atomically (``schrijf``): a temporary file in the same directory, fsync, its modification
time set to the publication moment (nginx's Last-Modified is then the list's Tijdstempel, as the application's
is), a rename over the old name, an fsync of the directory. A reader sees the old file or the new one, whole; a
crash before the rename leaves the old file and a temporary one, which the next ``alles_schrijven`` removes.
A publication writes its version's files first, then ``versies.json``, then the live files with the document
last. Writing starts after the publication's transaction commits (``na_publicatie``, registered with
``on_commit``) and holds a lock file, and the live files are always those of the version that is live in the
database at that moment: two publications that finish in either order leave the newest one live.

nginx's ETag for a file is its modification time and size in hexadecimal (``"6a1f0c2b-35a4e2f"``), not the
application's SHA-256: both are strong, each path answers 304 to its own. deploy/nginx routes a poll that
carries the application's ETag to the application (docs/productie.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from . import serveren  # a cycle (serveren's health check asks ``toestand``): module attributes, read when called
from .gzipdelen import Document
from .models import Formaatversie, Lijst, Snapshot
from .ondertekening import SleutelOntbreekt, certificaten_info

log = logging.getLogger(__name__)

_TIJDELIJK = ".tmp"  # suffix of a temporary file; its name starts with a dot (nginx serves no dot files)
#: seconds a live file may lag the database after a publication before the health check reports it (the write
#: follows the commit: ~0.5 s for a ZAL of 53 MB)
MARGE = 60


def map_() -> Path | None:
    """The directory of the files (``STELSEL_LIJST_BESTANDEN``), None when the lists are not written as files."""
    return settings.LIJST_BESTANDEN


def schrijf(pad: Path, inhoud: bytes | Iterable[bytes], moment: float) -> None:
    """Replace ``pad`` by ``inhoud`` (bytes, or the bytes in parts: a large document is never held whole)
    atomically, with modification time ``moment`` (seconds since the epoch)."""
    pad.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.", suffix=_TIJDELIJK)
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(inhoud, bytes):
                f.write(inhoud)
            else:
                for deel in inhoud:
                    f.write(deel)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tijdelijk, 0o644)  # mkstemp makes it 0600; nginx's worker runs as another user
        os.utime(tijdelijk, (moment, moment))
        os.replace(tijdelijk, pad)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk)
        raise
    _fsync_map(pad.parent)


def _fsync_map(map_: Path) -> None:
    """Make a rename in ``map_`` durable (the directory entry), as the data already is."""
    fd = os.open(map_, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _verwijder(pad: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        pad.unlink()
        _fsync_map(pad.parent)


@contextlib.contextmanager
def _slot(basis: Path):
    """One writer at a time on this machine (web, worker and a command may publish at once)."""
    basis.mkdir(parents=True, exist_ok=True, mode=0o755)
    with open(basis / ".schrijven.lock", "a") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _lijsten(basis: Path) -> Path:
    return basis / "lijsten"


def pad_live(basis: Path, lijst: str) -> Path:
    return _lijsten(basis) / f"{lijst}.xml"


def pad_versie(basis: Path, lijst: str, volgnummer: int) -> Path:
    return _lijsten(basis) / lijst / f"{volgnummer}.xml"


def pad_formaat_live(basis: Path, lijst: str, api: int) -> Path:
    return _lijsten(basis) / f"{lijst}.api{api}.xml"


def pad_formaat_versie(basis: Path, lijst: str, api: int, volgnummer: int) -> Path:
    return _lijsten(basis) / lijst / f"{volgnummer}.api{api}.xml"


def _uitgepakt(gz: bytes, sha256: str | None = None) -> Iterator[bytes]:
    """The bytes of a stored gzip member in parts of at most 16 MB; with ``sha256``, raises ``ValueError`` at the end
    when they do not match it (before the last part is handed over, so ``schrijf`` never renames such a file)."""
    ontpakker, controle, rest = zlib.decompressobj(16 + zlib.MAX_WBITS), hashlib.sha256(), gz
    vorige = None
    while True:
        deel = ontpakker.decompress(rest, 1 << 24)
        rest = ontpakker.unconsumed_tail
        if not deel and not rest:
            break
        controle.update(deel)
        if vorige is not None:
            yield vorige
        vorige = deel
    if sha256 is not None and controle.hexdigest() != sha256:
        raise ValueError("de opgeslagen gzip past niet bij de SHA-256")
    if vorige is not None:
        yield vorige


def _formaat_schrijven(basis: Path, versie: Formaatversie, document: Document | None = None) -> None:
    """The files of one further format of a version, and its live files when it is the live version's."""
    moment, gz = versie.tijdstempel.timestamp(), bytes(versie.inhoud_gz)
    pad = pad_formaat_versie(basis, versie.lijst, versie.api, versie.volgnummer)
    if versie.handtekening:
        schrijf(_plus(pad, ".sig"), versie.handtekening.encode(), moment)
    schrijf(_plus(pad, ".gz"), gz, moment)
    live = Snapshot.objects.filter(lijst=versie.lijst).order_by("-volgnummer").values_list("volgnummer",
                                                                                           flat=True).first()
    if live != versie.volgnummer:
        return
    pad = pad_formaat_live(basis, versie.lijst, versie.api)
    if versie.handtekening:
        schrijf(_plus(pad, ".sig"), versie.handtekening.encode(), moment)
    else:
        _verwijder(_plus(pad, ".sig"))
    schrijf(_plus(pad, ".gz"), gz, moment)
    schrijf(pad, document.stukken() if document is not None else _uitgepakt(gz), moment)


def na_formaat_publicatie(*, versie: Formaatversie, document: Document) -> None:
    """As ``na_publicatie``, for a further format of the same publication (registered after it)."""
    basis = map_()
    if basis is None:
        return
    try:
        with _slot(basis):
            _formaat_schrijven(basis, versie, document)
    except Exception:  # noqa: BLE001 - as na_publicatie: the publication stands, the files are repaired later
        log.exception("Lijstbestanden van %s #%s (api %s) niet geschreven in %s", versie.lijst, versie.volgnummer,
                      versie.api, basis)


def _plus(pad: Path, achtervoegsel: str) -> Path:
    return pad.with_name(pad.name + achtervoegsel)


def _json(inhoud: dict) -> bytes:
    """The bytes Django's JsonResponse sends for ``inhoud``."""
    return json.dumps(inhoud, cls=DjangoJSONEncoder).encode()


def _versie_schrijven(basis: Path, lijst: str, volgnummer: int, tijdstempel: dt.datetime, gz: bytes,
                      handtekening: str) -> None:
    pad, moment = pad_versie(basis, lijst, volgnummer), tijdstempel.timestamp()
    if handtekening:
        schrijf(_plus(pad, ".sig"), handtekening.encode(), moment)
    schrijf(_plus(pad, ".gz"), gz, moment)


def _index_schrijven(basis: Path, lijst: str) -> None:
    inhoud = serveren.versies_inhoud(lijst)
    if inhoud["versies"]:
        moment = dt.datetime.fromisoformat(inhoud["versies"][0]["tijdstempel"]).timestamp()
        schrijf(_lijsten(basis) / lijst / "versies.json", _json(inhoud), moment)


def _certificaten_schrijven(basis: Path) -> None:
    pad = _lijsten(basis) / "certificaten.json"
    try:
        inhoud = _json(certificaten_info())
    except SleutelOntbreekt:  # the application answers 404; so does nginx without the file
        _verwijder(pad)
        return
    if not pad.exists() or pad.read_bytes() != inhoud:  # unchanged: keep its ETag
        schrijf(pad, inhoud, time.time())


def _live_schrijven(basis: Path, lijst: str, bekend: dict | None = None) -> int | None:
    """Write the live files of ``lijst`` from the snapshot that is live in the database now; ``bekend`` holds
    the snapshot the caller has in memory (``pk``, ``document``, ``gz``, ``handtekening``). Returns the
    Volgnummer written, None before the first publication."""
    live = (Snapshot.objects.filter(lijst=lijst).order_by("-volgnummer")
            .values("pk", "volgnummer", "tijdstempel", "sha256").first())
    if live is None:
        return None
    if bekend and bekend["pk"] == live["pk"]:
        stukken, gz, handtekening = bekend["document"].stukken(), bekend["gz"], bekend["handtekening"]
    else:
        gz, handtekening = Snapshot.objects.filter(pk=live["pk"]).values_list("inhoud_gz", "handtekening").get()
        gz = bytes(gz)
        stukken = _uitgepakt(gz, live["sha256"])
    pad, moment = pad_live(basis, lijst), live["tijdstempel"].timestamp()
    if handtekening:
        schrijf(_plus(pad, ".sig"), handtekening.encode(), moment)
    else:  # a version from before signing: no signature, certainly not the previous version's
        _verwijder(_plus(pad, ".sig"))
    schrijf(_plus(pad, ".gz"), gz, moment)
    try:
        schrijf(pad, stukken, moment)  # last: the live document
    except ValueError as e:
        raise ValueError(f"{lijst} #{live['volgnummer']}: {e}") from e
    return live["volgnummer"]


def na_publicatie(*, pk: int, lijst: str, volgnummer: int, tijdstempel: dt.datetime, document: Document,
                  gz: bytes, handtekening: str) -> None:
    """After a publication committed: its version's files, the index, and the live files. A failure is logged,
    not raised: the publication stands, nginx keeps serving the previous files, the health check reports the
    lag (``toestand``) and ``stelsel lijsten bestanden-schrijven`` repairs it."""
    basis = map_()
    if basis is None:
        return
    try:
        with _slot(basis):
            _versie_schrijven(basis, lijst, volgnummer, tijdstempel, gz, handtekening)
            _index_schrijven(basis, lijst)
            _certificaten_schrijven(basis)
            _live_schrijven(basis, lijst, {"pk": pk, "document": document, "gz": gz, "handtekening": handtekening})
    except Exception:  # noqa: BLE001 - disk full, permissions: the publication itself is committed
        log.exception("Lijstbestanden van %s #%s niet geschreven in %s", lijst, volgnummer, basis)


def alles_schrijven(uit=None) -> dict[str, int]:
    """(Re)write every file from the database: recovery, and a new web node. Returns versions written per
    list. Leftover temporary files of an interrupted write are removed first."""
    basis = map_()
    if basis is None:
        raise RuntimeError("STELSEL_LIJST_BESTANDEN is niet gezet")
    geschreven = {}
    with _slot(basis):
        if _lijsten(basis).exists():
            for rest in _lijsten(basis).rglob(f".*{_TIJDELIJK}"):
                rest.unlink()
        _certificaten_schrijven(basis)
        for lijst in Lijst.values:
            n = 0
            for pk in Snapshot.objects.filter(lijst=lijst).order_by("volgnummer").values_list("pk", flat=True):
                volgnummer, tijdstempel, gz, handtekening = Snapshot.objects.filter(pk=pk).values_list(
                    "volgnummer", "tijdstempel", "inhoud_gz", "handtekening").get()
                _versie_schrijven(basis, lijst, volgnummer, tijdstempel, bytes(gz), handtekening)
                n += 1
            _index_schrijven(basis, lijst)
            live = _live_schrijven(basis, lijst)
            for pk in Formaatversie.objects.filter(lijst=lijst).order_by("volgnummer").values_list("pk", flat=True):
                _formaat_schrijven(basis, Formaatversie.objects.get(pk=pk))
            geschreven[lijst] = n
            if uit:
                uit(f"{lijst}: {n} versies" + (f", live volgnummer {live}" if live else ", nog niet gepubliceerd"))
    return geschreven


#: the Volgnummer in the head of a list document (every list starts with Tijdstempel and Volgnummer)
_VOLGNUMMER = re.compile(rb"<(?:[\w.-]+:)?Volgnummer>([0-9]+)<")
_KOP = 4096  # bytes of a document's head that hold its Volgnummer


def _volgnummer_in(kop: bytes) -> int | None:
    gevonden = _VOLGNUMMER.search(kop)
    return int(gevonden.group(1)) if gevonden else None


def toestand(kop) -> str | None:
    """Whether the live files of the list whose live snapshot is ``kop`` are that snapshot: ACTUEEL, VEROUDERD
    or ONTBREEKT; None when no files are written. Reads the sizes and the head of the document and of its gzip
    (the Volgnummer: two versions can share a size and a second), never the whole file."""
    basis = map_()
    if basis is None:
        return None
    pad = pad_live(basis, kop.lijst)
    try:
        with open(pad, "rb") as xml, open(_plus(pad, ".gz"), "rb") as gz:
            grootte = os.fstat(xml.fileno()).st_size
            in_xml = _volgnummer_in(xml.read(_KOP))
            in_gz = _volgnummer_in(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(gz.read(_KOP), _KOP))
    except FileNotFoundError:
        return "ONTBREEKT"
    except (OSError, zlib.error):
        return "VEROUDERD"
    return "ACTUEEL" if grootte == kop.grootte and in_xml == in_gz == kop.volgnummer else "VEROUDERD"
