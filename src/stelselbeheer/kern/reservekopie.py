"""Backup and restore of a whole installation (issue 15, operations): ``stelsel backup`` and ``stelsel restore``.

One archive (tar.gz, mode 0600) holds everything the system cannot rebuild:

- ``database/``: the database. PostgreSQL: ``pg_dump --format=custom`` of the configured database, taken in a
  snapshot exported from a read-only transaction, so the state recorded in the manifest (audit head, live lists,
  migrations) is exactly the state in the dump. SQLite: a copy through SQLite's online backup API.
- ``sleutels/``: the key that signs the lists and its certificate(s) (settings LIJST_SLEUTEL, LIJST_CERTIFICAAT and,
  when set, LIJST_VOLGEND_CERTIFICAAT), stored by role so a restore puts them where the restoring machine's settings
  say.
- ``bestanden/``: the uploaded files (MEDIA_ROOT: evidence of qualifications, attachments of decisions, meeting
  documents).
- ``lijstbestanden/``: the lists as static files for nginx, when the installation writes them (setting
  LIJST_BESTANDEN).
- ``manifest.json`` (last): format, time, versions (application, Django, Python, database server, pg_dump), the
  applied migrations, the audit head, the live version and SHA-256 of every list, and the size and SHA-256 of
  every other member.

With ``STELSEL_BACKUP_ONTVANGERS`` set (age public keys), the archive is encrypted to them with age (pyrage) and
named ``*.tar.gz.age``: the archive holds the signing key, and a copy off the host must not give it away. Only the
holder of a matching private key restores it (``--identiteit`` or ``STELSEL_BACKUP_IDENTITEIT``); the machine that
makes the backups needs only the public key.

A restore unpacks into a scratch directory and checks everything before it touches anything: the manifest, every
member's SHA-256, no member missing or extra, the kind of database, and that this code knows every migration the
backup has. It refuses a database that holds data (an audit trail or accounts) unless told to overwrite. It then
replaces the database (PostgreSQL: drops the tables, ``pg_restore`` in one transaction; SQLite: the backup API in
reverse), the keys and both directories; checks the restored audit chain and the live lists against the manifest,
byte for byte; runs the migrations this code adds; and records the restore in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import importlib.metadata
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing
from pathlib import Path

import django
import pyrage
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from stelselbeheer.lijsten.models import Snapshot

from .audit import NUL_HASH, vastleggen, verifieer
from .models import AuditEvent, AuditKop, Gebruiker

FORMAAT = 1
MANIFEST = "manifest.json"
DATABASE = {"postgresql": "database/stelselbeheer.pgdump", "sqlite": "database/stelselbeheer.sqlite3"}
_BLOK = 1 << 20


class BackupFout(Exception):
    """A backup or restore that cannot go on; the message (Dutch) says why and what to do."""


# ---- what goes into the archive ----

def sleutels() -> dict[str, Path]:
    """Role in the archive -> where this installation keeps it."""
    paden = {"lijst-sleutel.pem": settings.LIJST_SLEUTEL, "lijst-certificaat.pem": settings.LIJST_CERTIFICAAT}
    if settings.LIJST_VOLGEND_CERTIFICAAT:
        paden["lijst-volgend-certificaat.pem"] = settings.LIJST_VOLGEND_CERTIFICAAT
    return {rol: Path(pad) for rol, pad in paden.items()}


def mappen() -> dict[str, Path]:
    """Directory in the archive -> the installation's directory."""
    uit = {"bestanden": Path(settings.MEDIA_ROOT)}
    lijstbestanden = getattr(settings, "LIJST_BESTANDEN", None)  # only where the lists are written as files
    if lijstbestanden:
        uit["lijstbestanden"] = Path(lijstbestanden)
    return uit


def _soort() -> str:
    if connection.vendor not in DATABASE:
        raise BackupFout(f"Backup en herstel kennen PostgreSQL en SQLite, niet {connection.vendor}.")
    return connection.vendor


def _q(naam: str) -> str:
    return connection.ops.quote_name(naam)


def stand(cursor) -> dict:
    """The state a backup promises: audit head, live version and SHA-256 per list, applied migrations. Plain SQL,
    so it reads a PostgreSQL snapshot and a bare SQLite copy alike."""
    cursor.execute(f"SELECT volgnummer, hash FROM {_q(AuditKop._meta.db_table)} WHERE id = 1")
    kop = cursor.fetchone()
    tabel = _q(Snapshot._meta.db_table)
    cursor.execute(f"SELECT lijst, volgnummer, sha256 FROM {tabel} WHERE (lijst, volgnummer) IN "
                   f"(SELECT lijst, MAX(volgnummer) FROM {tabel} GROUP BY lijst) ORDER BY lijst")
    lijsten = {lijst: {"volgnummer": nummer, "sha256": sha} for lijst, nummer, sha in cursor.fetchall()}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return {"audit": {"aantal": kop[0] if kop else 0, "kop": kop[1] if kop else NUL_HASH}, "lijsten": lijsten,
            "migraties": [f"{app}.{naam}" for app, naam in cursor.fetchall()]}


# ---- PostgreSQL's own tools ----

def _pg(programma: str, *args: str) -> str:
    pad = shutil.which(programma)
    if pad is None:
        raise BackupFout(f"{programma} niet gevonden. Installeer de PostgreSQL-client met dezelfde of een nieuwere "
                         f"hoofdversie dan de server (Debian: apt-get install postgresql-client).")
    instellingen = connection.settings_dict
    _, extra = connection.client.settings_to_cmd_args_env(instellingen, [])  # password, SSL: never in argv
    env = {**os.environ, **(extra or {})}
    for variabele, sleutel in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if instellingen.get(sleutel):
            env[variabele] = str(instellingen[sleutel])
    uit = subprocess.run([pad, *args], env=env, capture_output=True, text=True)
    if uit.returncode != 0:
        raise BackupFout(f"{programma} faalde (code {uit.returncode}): {uit.stderr.strip()[-3000:]}")
    return uit.stdout


def _pg_versie() -> str:
    return _pg("pg_dump", "--version").strip()


# ---- backup ----

class _HashendLezen:
    """A file read once: into the archive and through SHA-256 at the same time."""

    def __init__(self, f):
        self.f, self.hash = f, hashlib.sha256()

    def read(self, n=-1):
        data = self.f.read(n)
        self.hash.update(data)
        return data


def _toevoegen(tar: tarfile.TarFile, naam: str, pad: Path) -> dict:
    with open(pad, "rb") as f:
        st = os.fstat(f.fileno())
        info = tarfile.TarInfo(naam)
        info.size, info.mtime, info.mode = st.st_size, int(st.st_mtime), st.st_mode & 0o7777
        lezer = _HashendLezen(f)
        tar.addfile(info, lezer)
    return {"sha256": lezer.hash.hexdigest(), "grootte": info.size}


def _bestanden_in(map_: Path) -> list[Path]:
    return sorted(p for p in map_.rglob("*") if p.is_file() and not p.is_symlink()) if map_.is_dir() else []


def _database_dumpen(werk: Path) -> tuple[Path, dict, dict]:
    """(the dump, the state in it, versions of the database and its tools)."""
    if _soort() == "postgresql":
        dump = werk / "stelselbeheer.pgdump"
        versies = {"database": f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}",
                   "pg_dump": _pg_versie()}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            momentopname = cursor.fetchone()[0]
            toestand = stand(cursor)
            # pg_dump reads the very snapshot the state above was read in, while this transaction stays open
            _pg("pg_dump", "--format=custom", f"--snapshot={momentopname}", f"--file={dump}",
                f"--dbname={connection.settings_dict['NAME']}")
        return dump, toestand, versies
    dump = werk / "stelselbeheer.sqlite3"
    # a connection of its own: Django's may be inside a write transaction, which the backup would wait for forever
    with closing(sqlite3.connect(connection.settings_dict["NAME"], timeout=30)) as bron, \
            closing(sqlite3.connect(dump)) as kopie:
        bron.backup(kopie)
        toestand = stand(kopie.cursor())
    return dump, toestand, {"database": f"SQLite {sqlite3.sqlite_version}"}


VERSLEUTELD = ".age"


def _archiefnaam(nu: dt.datetime, versleuteld: bool) -> str:
    return f"stelselbeheer-{nu:%Y%m%dT%H%M%SZ}.tar.gz" + (VERSLEUTELD if versleuteld else "")


def ontvangers() -> list:
    """The age recipients of STELSEL_BACKUP_ONTVANGERS, or BackupFout naming the one that is not an age key."""
    uit = []
    for tekst in settings.BACKUP_ONTVANGERS:
        try:
            uit.append(pyrage.x25519.Recipient.from_str(tekst))
        except pyrage.RecipientError as e:
            raise BackupFout(f"STELSEL_BACKUP_ONTVANGERS: '{tekst[:20]}…' is geen publieke age-sleutel (age1…): "
                             f"{e}.") from e
    return uit


def sleutelpaar_maken(bestand: Path | str) -> str:
    """Write a new age private key to ``bestand`` (mode 0600, not overwritten) and return its public key, the value
    for STELSEL_BACKUP_ONTVANGERS."""
    identiteit = pyrage.x25519.Identity.generate()
    publiek = str(identiteit.to_public())
    try:
        fd = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as e:
        raise BackupFout(f"{bestand} bestaat al; kies een nieuw bestand.") from e
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"# publieke sleutel: {publiek}\n{identiteit}\n")
    return publiek


def _identiteiten(bestand: Path | str | None) -> list:
    bestand = bestand or settings.BACKUP_IDENTITEIT
    if not bestand:
        raise BackupFout("Het archief is versleuteld: geef het bestand met de privésleutel (--identiteit of "
                         "STELSEL_BACKUP_IDENTITEIT).")
    try:
        regels = Path(bestand).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise BackupFout(f"De privésleutel {bestand} is niet te lezen: {e}.") from e
    try:
        uit = [pyrage.x25519.Identity.from_str(r.strip()) for r in regels if r.strip().startswith("AGE-SECRET-KEY-")]
    except pyrage.IdentityError as e:
        raise BackupFout(f"{bestand} bevat een onleesbare age-privésleutel: {e}.") from e
    if not uit:
        raise BackupFout(f"{bestand} bevat geen age-privésleutel (AGE-SECRET-KEY-…).")
    return uit


def backup_maken(doel: Path | str | None = None, *, bewaren: int | None = None) -> tuple[Path, dict]:
    """Write one archive; ``doel`` a directory (a dated name in it) or a ``.tar.gz`` file. With ``bewaren``, only
    that many of the dated archives in the directory are kept (the newest). Returns the archive and its manifest."""
    doel = Path(doel or settings.BACKUP_MAP)
    nu = dt.datetime.now(dt.UTC)
    aan = ontvangers()
    if doel.name.endswith((".tar.gz", ".tar.gz" + VERSLEUTELD)):
        if doel.name.endswith(VERSLEUTELD) != bool(aan):
            raise BackupFout(f"{doel.name}: een versleuteld archief heet *.tar.gz.age, een onversleuteld *.tar.gz "
                             f"(STELSEL_BACKUP_ONTVANGERS is {'gezet' if aan else 'niet gezet'}).")
        archief = doel
    else:
        archief = doel / _archiefnaam(nu, bool(aan))
    if archief.exists():
        raise BackupFout(f"{archief} bestaat al.")
    archief.parent.mkdir(parents=True, exist_ok=True)
    bezig = archief.with_name(f".{archief.name}.{os.getpid()}.bezig")
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=archief.parent) as werk:
            dump, toestand, versies = _database_dumpen(Path(werk))
            soort = _soort()
            onderdelen = [(DATABASE[soort], dump)]
            onderdelen += [(f"sleutels/{rol}", pad) for rol, pad in sleutels().items() if pad.is_file()]
            for naam, map_ in mappen().items():
                onderdelen += [(f"{naam}/{p.relative_to(map_).as_posix()}", p) for p in _bestanden_in(map_)]
            fd = os.open(bezig, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as ruw:
                with tarfile.open(fileobj=ruw, mode="w:gz", compresslevel=6) as tar:
                    bestanden = {naam: _toevoegen(tar, naam, pad) for naam, pad in onderdelen}
                    manifest = {
                        "formaat": FORMAAT,
                        "gemaakt_op": nu.isoformat(timespec="seconds"),
                        "versies": {"stelselbeheer": importlib.metadata.version("stelselbeheer"),
                                    "django": django.get_version(), "python": platform.python_version(), **versies},
                        "database": {"soort": soort, "bestand": DATABASE[soort]},
                        "sleutels": sorted(naam.removeprefix("sleutels/") for naam in bestanden
                                           if naam.startswith("sleutels/")),
                        "mappen": sorted(mappen()),
                        **toestand,
                        "bestanden": bestanden,
                    }
                    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(nu.timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                ruw.flush()
                os.fsync(ruw.fileno())
            if aan:  # the plain archive stays in the 0600 scratch file on this machine, which holds the key anyway
                versleuteld = bezig.with_name(bezig.name + VERSLEUTELD)
                try:
                    os.close(os.open(versleuteld, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                    pyrage.encrypt_file(str(bezig), str(versleuteld), aan)
                    os.replace(versleuteld, bezig)
                finally:
                    versleuteld.unlink(missing_ok=True)
        os.replace(bezig, archief)
    finally:
        bezig.unlink(missing_ok=True)
    if bewaren and archief.parent == doel:
        oud = sorted(doel.glob("stelselbeheer-*.tar.gz" + (VERSLEUTELD if aan else "")))[:-bewaren]
        for pad in oud:
            pad.unlink()
    return archief, manifest


# ---- restore ----

def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with open(pad, "rb") as f:
        while blok := f.read(_BLOK):
            h.update(blok)
    return h.hexdigest()


def uitpakken_en_controleren(archief: Path, werk: Path, identiteit: Path | str | None = None) -> dict:
    """Unpack ``archief`` into ``werk`` and check it completely; the manifest, or BackupFout naming the problem. An
    encrypted archive (*.age) is first decrypted into ``werk`` with the private key in ``identiteit``."""
    if archief.name.endswith(VERSLEUTELD):
        if not archief.is_file():
            raise BackupFout(f"{archief} bestaat niet.")
        ontsleuteld = werk.with_name(werk.name + ".tar.gz")  # beside werk, whose contents are checked exactly
        try:
            os.close(os.open(ontsleuteld, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            try:
                pyrage.decrypt_file(str(archief), str(ontsleuteld), _identiteiten(identiteit))
            except pyrage.DecryptError as e:
                raise BackupFout(f"{archief} is niet te ontsleutelen met deze privésleutel: {e}.") from e
            return uitpakken_en_controleren(ontsleuteld, werk)
        finally:
            ontsleuteld.unlink(missing_ok=True)
    try:
        with tarfile.open(archief, "r:gz") as tar:
            tar.extractall(werk, filter="data")  # no absolute paths, no "..", no links out of werk
    except FileNotFoundError as e:
        raise BackupFout(f"{archief} bestaat niet.") from e
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise BackupFout(f"{archief} is geen leesbaar archief: {e}") from e
    try:
        manifest = json.loads((werk / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BackupFout(f"{archief}: het manifest ontbreekt of is onleesbaar ({e}).") from e
    if manifest.get("formaat") != FORMAAT:
        raise BackupFout(f"{archief}: onbekend formaat {manifest.get('formaat')!r} (deze versie kent {FORMAAT}).")
    verwacht = manifest.get("bestanden", {})
    aanwezig = {p.relative_to(werk).as_posix() for p in werk.rglob("*") if p.is_file()} - {MANIFEST}
    if ontbreekt := sorted(set(verwacht) - aanwezig):
        raise BackupFout(f"{archief}: onderdelen ontbreken: {', '.join(ontbreekt[:5])}.")
    if extra := sorted(aanwezig - set(verwacht)):
        raise BackupFout(f"{archief}: onderdelen die niet in het manifest staan: {', '.join(extra[:5])}.")
    for naam, gegevens in verwacht.items():
        if _sha256(werk / naam) != gegevens["sha256"]:
            raise BackupFout(f"{archief}: {naam} is beschadigd of gewijzigd (SHA-256 klopt niet met het manifest).")
    soort = manifest["database"]["soort"]
    if soort != _soort():
        raise BackupFout(f"Het archief bevat een {soort}-database, maar DATABASE_URL wijst naar {_soort()}.")
    bekend = {f"{app}.{naam}" for app, naam in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    if onbekend := sorted(set(manifest["migraties"]) - bekend):
        raise BackupFout(f"De reservekopie is gemaakt met een nieuwere versie van Stelselbeheer: deze code kent de "
                         f"migratie(s) {', '.join(onbekend[:5])} niet. Installeer eerst die versie.")
    if soort == "postgresql":
        _pg("pg_restore", "--list", str(werk / manifest["database"]["bestand"]))  # this client reads the dump
    return manifest


def heeft_gegevens() -> bool:
    """The database holds an installation's data: an audit trail or accounts (a freshly migrated one has neither)."""
    tabellen = set(connection.introspection.table_names())
    return any(model._meta.db_table in tabellen and model.objects.exists() for model in (AuditEvent, Gebruiker))


def _database_terugzetten(dump: Path) -> None:
    if _soort() == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                tabellen = connection.introspection.table_names(cursor)
                if tabellen:
                    cursor.execute(f"DROP TABLE {', '.join(_q(t) for t in tabellen)} CASCADE")
                cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'S' AND pg_table_is_visible(oid)")
                reeksen = [r[0] for r in cursor.fetchall()]
                if reeksen:
                    cursor.execute(f"DROP SEQUENCE {', '.join(_q(r) for r in reeksen)} CASCADE")
        except DatabaseError as e:
            raise BackupFout(f"De bestaande tabellen konden niet weg ({e}). Herstel als eigenaar van de database "
                             f"(de gebruiker in DATABASE_URL); er is niets veranderd.") from e
        connection.close()
        _pg("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}", str(dump))
    else:
        naam = connection.settings_dict["NAME"]
        connection.close()
        with closing(sqlite3.connect(dump)) as bron, closing(sqlite3.connect(naam, timeout=30)) as doel:
            bron.backup(doel)
    connection.close()
    ContentType.objects.clear_cache()


def _plaatsen(bron: Path, doel: Path, modus: int | None = None) -> None:
    """Put a copy of ``bron`` at ``doel`` in one step: written next to it, then renamed over it."""
    doel.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.herstel")
    shutil.copyfile(bron, tijdelijk)
    if modus is not None:
        os.chmod(tijdelijk, modus)
    os.replace(tijdelijk, doel)


def _schrijfbaar(pad: Path) -> bool:
    """``_plaatsen`` can put a file at ``pad``: its nearest existing directory is writable (a rename over an
    existing file needs the directory, not the file)."""
    map_ = pad.parent
    while not map_.exists() and map_ != map_.parent:
        map_ = map_.parent
    return os.access(map_, os.W_OK)


def _map_terugzetten(bron: Path, doel: Path) -> int:
    """Make ``doel`` hold exactly the files under ``bron``."""
    nieuw = {p.relative_to(bron) for p in _bestanden_in(bron)}
    doel.mkdir(parents=True, exist_ok=True)
    for pad in _bestanden_in(doel):
        if pad.relative_to(doel) not in nieuw:
            pad.unlink()
    for relatief in sorted(nieuw):
        _plaatsen(bron / relatief, doel / relatief, (bron / relatief).stat().st_mode & 0o777)
    for map_ in sorted((p for p in doel.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(map_.iterdir()):
            map_.rmdir()
    return len(nieuw)


def levende_lijsten() -> dict[str, dict]:
    """Per list the live version's Volgnummer, recorded SHA-256 and the SHA-256 of its bytes as stored now (read
    from the database, not from the per-process cache of documents)."""
    uit = {}
    with connection.cursor() as cursor:
        for lijst, gegevens in stand(cursor)["lijsten"].items():
            inhoud = gzip.decompress(bytes(Snapshot.objects.filter(lijst=lijst, volgnummer=gegevens["volgnummer"])
                                           .values_list("inhoud_gz", flat=True).get()))
            uit[lijst] = {**gegevens, "inhoud_sha256": hashlib.sha256(inhoud).hexdigest()}
    return uit


def _nacontrole(manifest: dict) -> None:
    verificatie = verifieer()
    if not verificatie.in_orde:
        raise BackupFout(f"Na het terugzetten klopt de audittrail niet: {verificatie.melding}")
    with connection.cursor() as cursor:
        hersteld = stand(cursor)
    if hersteld["audit"] != manifest["audit"]:
        raise BackupFout(f"Na het terugzetten wijkt de audittrail af van het manifest: {hersteld['audit']} in "
                         f"plaats van {manifest['audit']}.")
    lijsten = levende_lijsten()
    if set(lijsten) != set(manifest["lijsten"]):
        raise BackupFout(f"Na het terugzetten zijn de live lijsten {sorted(lijsten)}, het manifest noemt "
                         f"{sorted(manifest['lijsten'])}.")
    for lijst, gegevens in lijsten.items():
        verwacht = manifest["lijsten"][lijst]
        if (gegevens["volgnummer"], gegevens["sha256"], gegevens["inhoud_sha256"]) != (
                verwacht["volgnummer"], verwacht["sha256"], verwacht["sha256"]):
            raise BackupFout(f"Na het terugzetten wijkt de live {lijst} af van het manifest.")


@transaction.atomic
def terugzetting_vastleggen(*, manifest: dict, archief: str) -> AuditEvent:
    """The restore in the audit trail, at the end of the restored chain (system only: run by `stelsel restore`)."""
    return vastleggen(actor=None, actie="reservekopie.teruggezet", object_type="kern.reservekopie",
                      object_id=manifest["gemaakt_op"], omschrijving=f"Reservekopie van {manifest['gemaakt_op']}",
                      na={"archief": archief, "gemaakt_op": manifest["gemaakt_op"], "audit": manifest["audit"],
                          "lijsten": manifest["lijsten"], "versies": manifest["versies"]})


def _openstaande_migraties() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def herstellen(archief: Path | str, *, overschrijven: bool = False, alleen_controleren: bool = False,
               melden=lambda tekst: None, identiteit: Path | str | None = None) -> dict:
    """Check ``archief`` and, unless ``alleen_controleren``, restore it (see the module docstring). The manifest."""
    archief = Path(archief)
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".herstel-", dir=settings.VAR_DIR) as werk:
        werk = Path(werk)
        manifest = uitpakken_en_controleren(archief, werk, identiteit)
        melden(f"Archief in orde: {len(manifest['bestanden'])} onderdelen, gemaakt op {manifest['gemaakt_op']} "
               f"met Stelselbeheer {manifest['versies']['stelselbeheer']}.")
        if alleen_controleren:
            return manifest
        if heeft_gegevens() and not overschrijven:
            raise BackupFout("De database bevat al gegevens (een audittrail of accounts). Terugzetten vervangt ze "
                             "door die uit de reservekopie: geef dan --overschrijven mee.")
        nieuwe_sleutels = {rol: pad for rol, pad in sleutels().items() if (werk / "sleutels" / rol).is_file()
                           and not (pad.is_file() and _sha256(pad) == _sha256(werk / "sleutels" / rol))}
        for rol, pad in nieuwe_sleutels.items():  # before anything changes: a key that cannot be put in place
            if not _schrijfbaar(pad):
                raise BackupFout(f"De sleutel {rol} moet naar {pad}, maar die map is niet schrijfbaar voor deze "
                                 f"gebruiker. Zet hem daar zelf neer (tar xzf ARCHIEF sleutels/{rol}) en herhaal "
                                 f"het terugzetten; er is niets veranderd.")
        _database_terugzetten(werk / manifest["database"]["bestand"])
        melden("Database teruggezet.")
        for rol, pad in nieuwe_sleutels.items():
            _plaatsen(werk / "sleutels" / rol, pad, (werk / "sleutels" / rol).stat().st_mode & 0o777)
        doelen = mappen()
        for naam in manifest["mappen"]:
            if naam in doelen:
                aantal = _map_terugzetten(werk / naam, doelen[naam])
                melden(f"{naam}: {aantal} bestanden teruggezet in {doelen[naam]}.")
            else:
                melden(f"Let op: {naam} staat in het archief, maar deze installatie heeft er geen map voor "
                       f"(instelling); niet teruggezet.")
        _nacontrole(manifest)
        melden(f"Gecontroleerd: audittrail ({manifest['audit']['aantal']} events) en de live lijsten "
               f"({', '.join(sorted(manifest['lijsten'])) or 'geen'}) gelijk aan het manifest.")
    if _openstaande_migraties():
        melden("Deze versie heeft migraties die de reservekopie nog niet had: stelsel migrate.")
        call_command("migrate", verbosity=0)
    terugzetting_vastleggen(manifest=manifest, archief=archief.name)
    return manifest
