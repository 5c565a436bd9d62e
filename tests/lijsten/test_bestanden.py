"""LST-BESTANDEN: every publication also writes the list documents as static files for nginx, atomically, after the
commit; the live files are always the newest version; `stelsel lijsten bestanden-schrijven` rewrites them all."""

import gzip
import hashlib
import json
import os
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from stelselbeheer.lijsten import bestanden
from stelselbeheer.lijsten.models import Lijst, Snapshot
from stelselbeheer.lijsten.services import lijst_publiceren, lijst_terugdraaien

MOMENT = 1_795_000_000.0  # a publication moment, as seconds since the epoch


@pytest.fixture
def map_(settings, tmp_path):
    settings.LIJST_BESTANDEN = tmp_path / "openbaar"
    return settings.LIJST_BESTANDEN


@pytest.fixture
def publiceer(register, map_, django_capture_on_commit_callbacks):
    """Publish a list and run what waits for the commit (the files), as in production."""

    def publiceer_(lijst="zal"):
        with django_capture_on_commit_callbacks(execute=True):
            return lijst_publiceren(actor=None, lijst=lijst)

    return publiceer_


def _tijdelijk(map_):
    return [p for p in map_.rglob("*") if p.name.endswith(".tmp")]


def test_lst_bestanden_schrijf_vervangt_atomair(tmp_path):
    pad = tmp_path / "lijsten" / "zal.xml"
    bestanden.schrijf(pad, b"oud", MOMENT)
    bestanden.schrijf(pad, b"nieuw", MOMENT + 60)
    assert pad.read_bytes() == b"nieuw"
    assert pad.stat().st_mtime == MOMENT + 60  # nginx's Last-Modified: the publication moment
    assert stat.S_IMODE(pad.stat().st_mode) == 0o644  # readable for nginx's worker
    assert _tijdelijk(tmp_path) == []


def test_lst_bestanden_fout_voor_de_rename_laat_het_oude_bestand_heel(tmp_path, monkeypatch):
    pad = tmp_path / "zal.xml"
    bestanden.schrijf(pad, b"oud", MOMENT)

    def mislukt(*a):
        raise OSError("schijf vol")

    monkeypatch.setattr(bestanden.os, "replace", mislukt)
    with pytest.raises(OSError, match="schijf vol"):
        bestanden.schrijf(pad, b"nieuw", MOMENT + 60)
    assert pad.read_bytes() == b"oud" and pad.stat().st_mtime == MOMENT
    assert _tijdelijk(tmp_path) == []


def test_lst_bestanden_crash_tussen_schrijven_en_rename(tmp_path):
    """A process killed after writing the temporary file and before the rename: the old file is whole, and the
    leftover is a hidden temporary file (nginx serves no dot files) that the next full write removes."""
    pad = tmp_path / "lijsten" / "zal.xml"
    bestanden.schrijf(pad, b"oud", MOMENT)
    kind = os.fork()
    if kind == 0:  # the child dies at the moment of the rename, as a killed process does
        bestanden.os.replace = lambda *a: os._exit(0)
        try:
            bestanden.schrijf(pad, b"nieuw" * 1000, MOMENT + 60)
        finally:
            os._exit(1)
    _, status = os.waitpid(kind, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pad.read_bytes() == b"oud"
    resten = _tijdelijk(tmp_path)
    assert len(resten) == 1 and resten[0].name.startswith(".zal.xml.")
    assert resten[0].read_bytes() == b"nieuw" * 1000  # it was written in full, just never renamed


def test_lst_bestanden_publicatie_schrijft_de_lijst_als_bestanden(publiceer, map_):
    s = publiceer()
    xml = (map_ / "lijsten" / "zal.xml").read_bytes()
    assert xml == s.inhoud and hashlib.sha256(xml).hexdigest() == s.sha256
    assert (map_ / "lijsten" / "zal.xml.gz").read_bytes() == bytes(s.inhoud_gz)  # the stored gzip member itself
    assert (map_ / "lijsten" / "zal.xml.sig").read_text() == s.handtekening
    assert (map_ / "lijsten" / "zal" / "1.xml.gz").read_bytes() == bytes(s.inhoud_gz)
    assert (map_ / "lijsten" / "zal" / "1.xml.sig").read_text() == s.handtekening
    assert not (map_ / "lijsten" / "zal" / "1.xml").exists()  # versions: only the gzip
    for pad in ("zal.xml", "zal.xml.gz", "zal/1.xml.gz"):
        assert int((map_ / "lijsten" / pad).stat().st_mtime) == int(s.tijdstempel.timestamp())
    client = Client()
    assert (map_ / "lijsten" / "zal" / "versies.json").read_bytes() == client.get("/lijsten/zal/versies.json").content
    assert (map_ / "lijsten" / "certificaten.json").read_bytes() == client.get("/lijsten/certificaten.json").content
    assert _tijdelijk(map_) == []


def test_lst_bestanden_volgende_publicatie_en_terugdraaien(publiceer, map_, register,
                                                           django_capture_on_commit_callbacks):
    eerste = publiceer()
    tweede = publiceer()
    with django_capture_on_commit_callbacks(execute=True):
        derde = lijst_terugdraaien(actor=None, lijst="zal", volgnummer=1, reden="test")
    assert (map_ / "lijsten" / "zal.xml").read_bytes() == derde.inhoud != tweede.inhoud
    assert gzip.decompress((map_ / "lijsten" / "zal.xml.gz").read_bytes()) == derde.inhoud
    for s in (eerste, tweede, derde):
        assert gzip.decompress((map_ / "lijsten" / "zal" / f"{s.volgnummer}.xml.gz").read_bytes()) == s.inhoud
    index = json.loads((map_ / "lijsten" / "zal" / "versies.json").read_bytes())
    assert [v["volgnummer"] for v in index["versies"]] == [3, 2, 1]


def test_lst_bestanden_een_late_oudere_publicatie_maakt_zich_niet_weer_live(register, map_,
                                                                              django_capture_on_commit_callbacks):
    """Two publications whose writes run in the other order (two processes): the newest stays live."""
    with django_capture_on_commit_callbacks() as eerste:
        oud = lijst_publiceren(actor=None, lijst="zal")
    with django_capture_on_commit_callbacks() as tweede:
        nieuw = lijst_publiceren(actor=None, lijst="zal")
    for callback in (*tweede, *eerste):
        callback()
    assert (map_ / "lijsten" / "zal.xml").read_bytes() == nieuw.inhoud != oud.inhoud
    assert (map_ / "lijsten" / "zal" / "1.xml.gz").exists()


def test_lst_bestanden_schrijffout_laat_de_publicatie_staan_en_de_gezondheid_ziet_het(
        publiceer, map_, monkeypatch, caplog):
    publiceer()

    def vol(*a, **k):
        raise OSError("schijf vol")

    monkeypatch.setattr(bestanden, "schrijf", vol)
    nieuw = publiceer()
    assert Snapshot.objects.filter(lijst="zal", volgnummer=2).exists()
    assert "Lijstbestanden van zal #2 niet geschreven" in caplog.text
    assert (map_ / "lijsten" / "zal.xml").read_bytes() != nieuw.inhoud  # nginx keeps serving version 1
    r = Client().get("/lijsten/gezondheid.json")
    assert r.json()["lijsten"]["zal"]["bestand"] == "VEROUDERD"
    monkeypatch.setattr(bestanden, "MARGE", -1)  # past the margin for the write after the commit
    r = Client().get("/lijsten/gezondheid.json")
    assert r.status_code == 503 and r.json()["lijsten"]["zal"]["status"] == "BESTAND_VEROUDERD"


def test_lst_bestanden_gezondheid_met_actuele_bestanden(publiceer, map_, monkeypatch):
    for lijst in Lijst.values:
        publiceer(lijst)
    monkeypatch.setattr(bestanden, "MARGE", -1)
    r = Client().get("/lijsten/gezondheid.json")
    assert r.status_code == 200, r.json()
    assert {v["bestand"] for v in r.json()["lijsten"].values()} == {"ACTUEEL"}


def test_lst_bestanden_commando_schrijft_alles_uit_de_database(register, settings, tmp_path, capsys):
    settings.LIJST_BESTANDEN = None  # published without files, e.g. before the setting or on another node
    eerste = lijst_publiceren(actor=None, lijst="zal")
    tweede = lijst_publiceren(actor=None, lijst="zal")
    gnl = lijst_publiceren(actor=None, lijst="gnl")
    settings.LIJST_BESTANDEN = tmp_path / "nieuw"
    rest = tmp_path / "nieuw" / "lijsten" / ".zal.xml.abc123.tmp"  # left by an interrupted write
    rest.parent.mkdir(parents=True)
    rest.write_bytes(b"half")
    call_command("lijsten", "bestanden-schrijven")
    lijsten = tmp_path / "nieuw" / "lijsten"
    assert (lijsten / "zal.xml").read_bytes() == tweede.inhoud
    assert hashlib.sha256((lijsten / "zal.xml").read_bytes()).hexdigest() == tweede.sha256
    assert (lijsten / "zal.xml.gz").read_bytes() == bytes(tweede.inhoud_gz)
    assert (lijsten / "zal" / "1.xml.gz").read_bytes() == bytes(eerste.inhoud_gz)
    assert (lijsten / "zal" / "2.xml.sig").read_text() == tweede.handtekening
    assert (lijsten / "gnl.xml").read_bytes() == gnl.inhoud
    assert not (lijsten / "ocl.xml").exists()  # never published
    assert not rest.exists()
    assert "zal: 2 versies, live volgnummer 2" in capsys.readouterr().out


def test_lst_bestanden_commando_zonder_map(db, settings):
    with pytest.raises(CommandError, match="STELSEL_LIJST_BESTANDEN"):
        call_command("lijsten", "bestanden-schrijven")
