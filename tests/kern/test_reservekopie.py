"""`stelsel backup` and `stelsel restore` (issue 15, operations): one archive with the database, the lists' signing
key and certificate, the uploaded files and the list files; a restore checks the archive first, refuses a database
with data unless told to overwrite, and leaves the audit chain and the live lists byte for byte as they were.

Runs on whichever database the suite runs on (SQLite, and PostgreSQL with pg_dump/pg_restore in the second round of
`make test`); the tests are transactional because pg_dump and pg_restore use connections of their own."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from stelselbeheer.deelnemers.services import kwalificatie_vastleggen
from stelselbeheer.kern import reservekopie
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten.models import Lijst, Snapshot
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.organisaties.models import Organisatie

pytestmark = pytest.mark.django_db(transaction=True)


def _sha(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _bestanden(map_: Path) -> dict[str, str]:
    return {p.relative_to(map_).as_posix(): _sha(p) for p in sorted(map_.rglob("*")) if p.is_file()}


def _live_lijsten() -> dict[str, tuple[int, str]]:
    """Per list the live Volgnummer and the SHA-256 of the document's bytes, read from the database itself."""
    uit = {}
    for lijst in Lijst.values:
        s = Snapshot.objects.filter(lijst=lijst).order_by("-volgnummer").first()
        uit[lijst] = (s.volgnummer, hashlib.sha256(gzip.decompress(bytes(s.inhoud_gz))).hexdigest())
    return uit


def _toestand(settings) -> dict:
    verificatie = verifieer()
    assert verificatie.in_orde, verificatie.melding
    return {"audit": list(AuditEvent.objects.order_by("volgnummer").values_list("volgnummer", "hash")),
            "lijsten": _live_lijsten(), "bestanden": _bestanden(Path(settings.MEDIA_ROOT)),
            "lijstbestanden": _bestanden(Path(settings.LIJST_BESTANDEN)),
            "sleutels": [_sha(Path(settings.LIJST_SLEUTEL)), _sha(Path(settings.LIJST_CERTIFICAAT))]}


@pytest.fixture
def installatie(settings, tmp_path, registersleutel, wereld):
    """An installation with data, published lists, an uploaded file, list files on disk and its own copy of the
    signing key (the session's key is shared with other tests and must survive the wipe)."""
    sleutels = tmp_path / "sleutels"
    sleutels.mkdir()
    for bron in registersleutel:
        shutil.copy2(bron, sleutels / Path(bron).name)
    settings.LIJST_SLEUTEL = str(sleutels / Path(registersleutel[0]).name)
    settings.LIJST_CERTIFICAAT = str(sleutels / Path(registersleutel[1]).name)
    settings.LIJST_BESTANDEN = str(tmp_path / "lijstbestanden")
    kwalificatie_vastleggen(actor=None, deelnemer=wereld["dva"], rol="dva", gegevensdienst=wereld["dienst"],
                            testdatum=wereld["dva"].status_sinds, resultaat="geslaagd",
                            bewijs=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 testrapport"))
    alle_lijsten_publiceren(actor=None)
    lijstbestanden = Path(settings.LIJST_BESTANDEN)
    (lijstbestanden / "zal").mkdir(parents=True)
    for lijst, (volgnummer, _) in _live_lijsten().items():  # as the static list files would hold them
        s = Snapshot.objects.get(lijst=lijst, volgnummer=volgnummer)
        (lijstbestanden / f"{lijst}.xml.gz").write_bytes(bytes(s.inhoud_gz))
    (lijstbestanden / "zal" / "1.xml.gz").write_bytes(bytes(Snapshot.objects.get(lijst="zal", volgnummer=1).inhoud_gz))
    return tmp_path


def _wissen(settings) -> None:
    """Everything gone: no tables at all, no uploaded files, no keys, no list files."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        naam = Path(connection.settings_dict["NAME"])
        connection.close()
        for pad in (naam, Path(f"{naam}-wal"), Path(f"{naam}-shm")):
            if pad.exists():
                pad.write_bytes(b"")
    assert connection.introspection.table_names() == []
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.LIJST_BESTANDEN)
    Path(settings.LIJST_SLEUTEL).unlink()
    Path(settings.LIJST_CERTIFICAAT).unlink()


def _manifest_controleren(archief: Path) -> None:
    """The manifest names the versions and a SHA-256 for every other member, and the state in the dump."""
    with tarfile.open(archief) as tar:
        namen = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        for naam, gegevens in manifest["bestanden"].items():
            assert hashlib.sha256(tar.extractfile(naam).read()).hexdigest() == gegevens["sha256"]
    assert set(namen) == set(manifest["bestanden"]) | {"manifest.json"}
    assert manifest["database"]["soort"] == connection.vendor
    assert {"stelselbeheer", "django", "python", "database"} <= set(manifest["versies"])
    assert ("pg_dump" in manifest["versies"]) == (connection.vendor == "postgresql")
    assert {"sleutels/lijst-sleutel.pem", "sleutels/lijst-certificaat.pem"} <= set(namen)
    assert any(n.startswith("bestanden/") and n.endswith(".pdf") for n in namen)
    assert {"lijstbestanden/zal.xml.gz", "lijstbestanden/zal/1.xml.gz"} <= set(namen)
    assert manifest["audit"] == {"aantal": AuditEvent.objects.count(),
                                 "kop": AuditEvent.objects.order_by("-volgnummer").first().hash}
    assert {k: v["volgnummer"] for k, v in manifest["lijsten"].items()} == {
        k: v[0] for k, v in _live_lijsten().items()}


def test_backup_wissen_terugzetten_geeft_dezelfde_audittrail_en_lijsten(installatie, settings):
    voor = _toestand(settings)
    assert voor["bestanden"] and voor["lijstbestanden"]
    call_command("backup", str(installatie / "backups"))
    archief, = (installatie / "backups").glob("stelselbeheer-*.tar.gz")
    assert archief.stat().st_mode & 0o077 == 0  # holds the signing key: for its owner only
    _manifest_controleren(archief)

    _wissen(settings)
    call_command("restore", str(archief))  # an empty database: no --overschrijven needed

    call_command("audit", "verify")
    na = _toestand(settings)
    assert na["lijsten"] == voor["lijsten"]
    assert na["bestanden"] == voor["bestanden"]
    assert na["lijstbestanden"] == voor["lijstbestanden"]
    assert na["sleutels"] == voor["sleutels"]
    # the restored chain is the old one, with the restore recorded after it
    assert na["audit"][:-1] == voor["audit"]
    laatste = AuditEvent.objects.order_by("-volgnummer").first()
    assert laatste.actie == "reservekopie.teruggezet" and laatste.na["archief"] == archief.name


def test_database_met_gegevens_alleen_met_overschrijven(installatie, settings):
    archief = installatie / "b.tar.gz"
    call_command("backup", str(archief))
    voor = _toestand(settings)
    Organisatie.objects.create(naam="Na de backup B.V.", soort="leverancier", kvk_nummer="87654321")
    with pytest.raises(CommandError, match="--overschrijven"):
        call_command("restore", str(archief))
    assert Organisatie.objects.filter(naam="Na de backup B.V.").exists()  # refused: nothing changed

    call_command("restore", str(archief), "--overschrijven")
    assert not Organisatie.objects.filter(naam="Na de backup B.V.").exists()
    na = _toestand(settings)
    assert na["lijsten"] == voor["lijsten"] and na["audit"][:-1] == voor["audit"]


def _herschrijven(bron: Path, doel: Path, wijzig) -> None:
    """A copy of archive ``bron`` with ``wijzig(naam, data)`` applied to each member (None drops the member)."""
    with tarfile.open(bron) as oud, tarfile.open(doel, "w:gz") as nieuw:
        for lid in oud.getmembers():
            data = wijzig(lid.name, oud.extractfile(lid).read())
            if data is not None:
                lid.size = len(data)
                nieuw.addfile(lid, io.BytesIO(data))


def _vervalst(naam, data):
    return data.replace(b"testrapport", b"vervalst!!!") if naam.startswith("bestanden/") else data


def _zonder_bestanden(naam, data):
    return None if naam.startswith("bestanden/") else data


def _uit_de_toekomst(naam, data):
    if naam != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["migraties"].append("kern.9999_uit_de_toekomst")
    return json.dumps(manifest).encode()


def test_een_slecht_archief_wordt_geweigerd_voordat_er_iets_verandert(installatie, settings, capsys):
    archief = installatie / "b.tar.gz"
    call_command("backup", str(archief))
    Organisatie.objects.create(naam="Blijft staan B.V.", soort="leverancier", kvk_nummer="87654322")
    voor = _toestand(settings)
    afgekapt = installatie / "afgekapt.tar.gz"
    afgekapt.write_bytes(archief.read_bytes()[:-2000])
    gevallen = [(afgekapt, "geen leesbaar archief")]
    for wijzig, melding in ((_vervalst, "beschadigd.*SHA-256"), (_zonder_bestanden, "onderdelen ontbreken"),
                            (_uit_de_toekomst, "nieuwere versie.*kern.9999_uit_de_toekomst")):
        slecht = installatie / f"{wijzig.__name__}.tar.gz"
        _herschrijven(archief, slecht, wijzig)
        gevallen.append((slecht, melding))
    for slecht, melding in gevallen:
        with pytest.raises(CommandError, match=melding):
            call_command("restore", str(slecht), "--overschrijven")
        assert _toestand(settings) == voor, slecht.name
    call_command("restore", str(archief), "--alleen-controleren")
    assert "Archief in orde" in capsys.readouterr().out
    assert _toestand(settings) == voor
    assert Organisatie.objects.filter(naam="Blijft staan B.V.").exists()


def test_een_sleutel_die_niet_terug_kan_wordt_vooraf_gemeld(installatie, settings, monkeypatch):
    """Keys in a directory the service account may not write (/etc/stelselbeheer/sleutels): refused before the
    database is touched, so the operator can put them back as root and run restore again."""
    archief = installatie / "b.tar.gz"
    call_command("backup", str(archief))
    Path(settings.LIJST_SLEUTEL).write_text("een andere sleutel")
    Organisatie.objects.create(naam="Blijft staan B.V.", soort="leverancier", kvk_nummer="87654324")
    sleutelmap = Path(settings.LIJST_SLEUTEL).parent
    echt = reservekopie.os.access
    monkeypatch.setattr(reservekopie.os, "access", lambda pad, modus: Path(pad) != sleutelmap and echt(pad, modus))
    with pytest.raises(CommandError, match="lijst-sleutel.pem.*niet schrijfbaar.*niets veranderd"):
        call_command("restore", str(archief), "--overschrijven")
    assert Organisatie.objects.filter(naam="Blijft staan B.V.").exists()


def test_bewaren_houdt_de_nieuwste_archieven(installatie, settings):
    map_ = installatie / "backups"
    map_.mkdir()
    for oud in ("stelselbeheer-20260101T010000Z.tar.gz", "stelselbeheer-20260102T010000Z.tar.gz",
                "stelselbeheer-20260103T010000Z.tar.gz"):
        (map_ / oud).write_bytes(b"oud")
    (map_ / "iets-anders.tar.gz").write_bytes(b"niet van ons")
    call_command("backup", str(map_), "--bewaren", "2")
    over = sorted(p.name for p in map_.iterdir())
    assert len(over) == 3 and over[0] == "iets-anders.tar.gz"
    assert over[1] == "stelselbeheer-20260103T010000Z.tar.gz" and over[2] > over[1]


def test_versleutelde_backup_alleen_met_de_privesleutel_terug(installatie, settings, tmp_path, capsys):
    """With STELSEL_BACKUP_ONTVANGERS the archive is age-encrypted (it holds the signing key): it names itself
    *.tar.gz.age, is no readable tar without the private key, refuses a wrong key, and restores with the right one."""
    call_command("backup-sleutel", str(tmp_path / "sleutel.txt"))
    publiek = capsys.readouterr().out.split("STELSEL_BACKUP_ONTVANGERS=")[1].split()[0]
    assert (tmp_path / "sleutel.txt").stat().st_mode & 0o077 == 0
    settings.BACKUP_ONTVANGERS = [publiek]
    voor = _toestand(settings)
    call_command("backup", str(installatie / "backups"), "--bewaren", "3")
    archief, = (installatie / "backups").glob("stelselbeheer-*.tar.gz.age")
    assert archief.stat().st_mode & 0o077 == 0 and not list((installatie / "backups").glob("*.tar.gz"))
    with pytest.raises(tarfile.TarError):
        tarfile.open(archief)  # no readable archive without the key
    sleutel = (tmp_path / "sleutel.txt").read_text()
    assert sleutel.count("AGE-SECRET-KEY-") == 1 and not any(sleutel in p.read_text(errors="ignore")
                                                              for p in (installatie / "backups").iterdir())
    call_command("backup-sleutel", str(tmp_path / "ander.txt"))
    with pytest.raises(CommandError, match="niet te ontsleutelen"):
        call_command("restore", str(archief), "--alleen-controleren", "--identiteit", str(tmp_path / "ander.txt"))
    with pytest.raises(CommandError, match="privésleutel"):
        call_command("restore", str(archief), "--alleen-controleren")

    _wissen(settings)
    settings.BACKUP_IDENTITEIT = str(tmp_path / "sleutel.txt")
    call_command("restore", str(archief))
    na = _toestand(settings)
    assert na["lijsten"] == voor["lijsten"] and na["sleutels"] == voor["sleutels"]
    assert na["audit"][:-1] == voor["audit"]
    assert not list(Path(settings.VAR_DIR).glob(".herstel-*"))  # nothing decrypted left behind


def test_een_ongeldige_ontvanger_wordt_genoemd(installatie, settings):
    settings.BACKUP_ONTVANGERS = ["age1geensleutel"]
    with pytest.raises(CommandError, match="geen publieke age-sleutel"):
        call_command("backup", str(installatie / "backups"))
    assert not list((installatie / "backups").glob("*"))  # nothing written (no directory, or an empty one)
