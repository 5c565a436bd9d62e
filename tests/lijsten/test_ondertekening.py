"""Detached signatures of the lists: verify, fail after a one-byte change, fail with another certificate,
announce a next certificate for a planned rollover; the command checks file and URL alike."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stelselbeheer.lijsten.models import MislukteBouw, Snapshot
from stelselbeheer.lijsten.ondertekening import HandtekeningOngeldig, sleutel_maken, verifieer
from stelselbeheer.lijsten.services import PublicatieMislukt, lijst_publiceren


@pytest.fixture
def gepubliceerd(register):
    return lijst_publiceren(actor=None, lijst="zal")


def test_handtekening_klopt(gepubliceerd, registersleutel):
    c = verifieer(bytes(gepubliceerd.inhoud), gepubliceerd.handtekening, [registersleutel[1].read_bytes()])
    assert (c.lijst, c.volgnummer, c.sha256) == ("zal", 1, gepubliceerd.sha256)
    assert c.audit_kop == gepubliceerd.kop_hash_audit and len(c.audit_kop) == 64


@pytest.mark.parametrize("positie", [0, 100, -10])
def test_een_gewijzigde_byte_wordt_gevonden(gepubliceerd, registersleutel, positie):
    xml = bytearray(bytes(gepubliceerd.inhoud))
    xml[positie] = ord(" ") if xml[positie] != ord(" ") else ord("\n")
    with pytest.raises(HandtekeningOngeldig):
        verifieer(bytes(xml), gepubliceerd.handtekening, [registersleutel[1].read_bytes()])


def test_ander_certificaat_wordt_geweigerd(gepubliceerd, tmp_path):
    _, ander = sleutel_maken(tmp_path)
    with pytest.raises(HandtekeningOngeldig, match="Handtekening klopt niet"):
        verifieer(bytes(gepubliceerd.inhoud), gepubliceerd.handtekening, [ander.read_bytes()])


def test_handtekening_naast_de_lijst_en_certificaten(client, gepubliceerd, registersleutel, settings, tmp_path):
    r = client.get("/lijsten/zal.xml.sig")
    assert r.status_code == 200 and r.content.decode() == gepubliceerd.handtekening
    assert client.get("/lijsten/zal/1.xml.sig").content == r.content
    assert client.get("/lijsten/zal/2.xml.sig").status_code == 404
    info = client.get("/lijsten/certificaten.json").json()
    assert info["huidig"] == registersleutel[1].read_text() and "volgend" not in info
    _, volgend = sleutel_maken(tmp_path)
    settings.LIJST_VOLGEND_CERTIFICAAT, settings.LIJST_WISSEL_OP = str(volgend), "2027-01-01"
    info = client.get("/lijsten/certificaten.json").json()
    assert info["volgend"] == volgend.read_text() and info["wissel_op"] == "2027-01-01"


def test_verifieer_commando(gepubliceerd, tmp_path, capsys):
    (tmp_path / "zal.xml").write_bytes(bytes(gepubliceerd.inhoud))
    (tmp_path / "zal.xml.sig").write_text(gepubliceerd.handtekening)
    call_command("lijsten", "verifieer", str(tmp_path / "zal.xml"))
    assert "GELDIG: zal volgnummer 1" in capsys.readouterr().out
    (tmp_path / "zal.xml").write_bytes(bytes(gepubliceerd.inhoud).replace(b"<Volgnummer>1", b"<Volgnummer>2"))
    with pytest.raises(CommandError, match="ONGELDIG"):
        call_command("lijsten", "verifieer", str(tmp_path / "zal.xml"))


def test_zonder_sleutel_wordt_niet_gepubliceerd(register, settings, tmp_path):
    settings.LIJST_SLEUTEL = str(tmp_path / "bestaat-niet.pem")
    with pytest.raises(PublicatieMislukt):
        lijst_publiceren(actor=None, lijst="gnl")
    assert not Snapshot.objects.exists()
    assert "Ondertekenen mislukt" in MislukteBouw.objects.get().fout
