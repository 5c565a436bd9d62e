"""The public aanbiedersregister as one JSON document (rule REG-OPENBAAR-JSON): the same for everyone, equal to
the public register for current participants, nothing non-public, conditional GET and gzip, in the OpenAPI."""

import datetime as dt
import gzip
import json

import pytest

from stelselbeheer.deelnemers.models import DeelnemerStatus, RolSoort
from stelselbeheer.register import machineleesbaar
from stelselbeheer.register import services as reg_services
from stelselbeheer.register.models import Aanbiedertype
from tests import stappen

PAD = "/api/aanbiedersregister"
VELDEN = {"naam", "weergavenaam", "soort", "aanbiedertype", "plaats", "status", "identificatie", "gegevensdiensten",
          "deelnemers", "url"}


def _document(client, **koppen):
    r = client.get(PAD, **koppen)
    assert r.status_code == 200, r.status_code
    assert r.streaming and r["Content-Type"] == "application/json; charset=utf-8"
    inhoud = b"".join(r.streaming_content)
    if r.get("Content-Encoding") == "gzip":
        inhoud = gzip.decompress(inhoud)
    return r, json.loads(inhoud)


@pytest.fixture
def register(wereld, maak):
    """Besides the world's aanbieder: one with an identifying number and two versions, one behind a participant that
    has ended, one behind a participant that has only applied."""
    reg_services.aanbieder_wijzigen(actor=None, aanbieder=wereld["aanbieder"],
                                    wijzigingen={"hrn": "HRN42", "aanbiedertype": "BAZB"})
    maak.aanbieder(wereld["dva"], naam="apotheekzwolle@medmij", weergavenaam="Apotheek Zwolle", plaats="Zwolle")
    oud = maak.deelnemer("Vroeger ICT B.V.", rollen=[RolSoort.DVA])
    maak.aanbieder(oud, naam="vroegerzorg@medmij", weergavenaam="Vroeger Zorg", plaats="Ede")
    stappen.zet_status(oud, DeelnemerStatus.BEEINDIGD)
    nieuw = maak.deelnemer("Nieuw ICT B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.AANGEMELD)
    maak.aanbieder(nieuw, naam="nieuwezorg@medmij", weergavenaam="Nieuwe Zorg", plaats="Ede")
    return wereld


@pytest.mark.parametrize("rol", [None, "bestuur", "uitvoering", "auditor", "deelnemer", "regio"])
def test_iedereen_krijgt_hetzelfde_openbare_document(client, register, rol):
    _, anoniem = _document(client)
    if rol:
        client.force_login(register["gebruikers"][rol])
    _, data = _document(client)
    anoniem.pop("gemaakt_op"), data.pop("gemaakt_op")
    assert data == anoniem
    assert [a["naam"] for a in data["aanbieders"]] == ["apotheekzwolle@medmij", "huisartsdelinde@medmij"]
    assert data["aantal"] == 2 and data["formaat"] == machineleesbaar.FORMAAT


def test_inhoud_gelijk_aan_het_openbare_register(client, register):
    _, data = _document(client)
    api = client.get("/api/aanbieders", {"per_pagina": 100}).json()["resultaten"]
    assert [(a["naam"], a["weergavenaam"], a["soort"], a["plaats"], a["aanbiedertype"]["code"], a["gegevensdiensten"])
            for a in data["aanbieders"]] == [
        (a["naam"], a["weergavenaam"], a["soort"], a["plaats"], a["aanbiedertype"], a["gegevensdiensten"])
        for a in api if a["naam"] in {"apotheekzwolle@medmij", "huisartsdelinde@medmij"}]
    linde = data["aanbieders"][1]
    org = register["aanbieder"].organisatie
    assert linde["aanbiedertype"] == {"code": "BAZB", "naam": Aanbiedertype.objects.get(code="BAZB").naam}
    assert linde["identificatie"] == {"agb": org.agb_code or None, "ura": org.ura or None, "oin": org.oin or None,
                                      "hrn": "HRN42", "kvk": org.kvk_nummer}
    assert linde["gegevensdiensten"] == [{"code": "48", "naam": "Medicatiegegevens", "interfaceversies": ["1.4.0"]}]
    dva = register["dva"]
    assert linde["deelnemers"] == [{"rol": "DVA", "naam": "Zorg-ICT Noord B.V.", "kvk": dva.organisatie.kvk_nummer,
                                    "status": "actief", "url": f"/deelnemers/{dva.pk}/"}]
    assert linde["status"] == "actief" and linde["url"] == "/aanbiedersregister/huisartsdelinde@medmij/"
    assert client.get(linde["url"]).status_code == 200
    assert client.get(linde["deelnemers"][0]["url"]).status_code == 200


def test_niets_wat_niet_openbaar_is(client, register):
    r, data = _document(client)
    tekst = json.dumps(data)
    assert {a["naam"] for a in data["aanbieders"]}.isdisjoint({"vroegerzorg@medmij", "nieuwezorg@medmij"})
    assert "Vroeger" not in tekst and "Nieuw ICT" not in tekst
    assert "endpoint" not in tekst and "zorgictnoord.nl" not in tekst  # endpoints are not in the public register
    for aanbieder in data["aanbieders"]:
        assert set(aanbieder) == VELDEN
        assert set(aanbieder["deelnemers"][0]) == {"rol", "naam", "kvk", "status", "url"}
    assert set(data) == {"formaat", "gemaakt_op", "auditvolgnummer", "aanbieders", "aantal"}


def test_opschorting_alleen_openbaar_vanaf_niveau_3(client, register):
    """NAL-OPSCHORTING: levels 1 and 2 are internal; from level 3 the participant and its aanbieders are inactive."""
    stappen.opschorten(register["dva"], niveau=1)
    _, data = _document(client)
    assert {a["status"] for a in data["aanbieders"]} == {"actief"}
    assert "opgeschort" not in json.dumps(data)
    stappen.opheffen(register["dva"])
    stappen.opschorten(register["dva"], niveau=3)
    _, data = _document(client)
    assert data["aantal"] == 2
    assert {a["status"] for a in data["aanbieders"]} == {"inactief"}
    assert data["aanbieders"][0]["deelnemers"][0]["status"] == "inactief (opgeschort)"


def test_etag_last_modified_en_304(client, register, maak):
    r, data = _document(client)
    etag, laatst = r["ETag"], r["Last-Modified"]
    assert r["Vary"] == "Accept-Encoding" and "must-revalidate" in r["Cache-Control"]
    niet = client.get(PAD, headers={"If-None-Match": etag})
    assert niet.status_code == 304 and niet["ETag"] == etag and not niet.content
    assert client.get(PAD, headers={"If-Modified-Since": laatst}).status_code == 304
    assert client.get(PAD, headers={"If-None-Match": '"anders"', "If-Modified-Since": laatst}).status_code == 200
    maak.aanbieder(register["dva"], naam="ggzdeventer@medmij", weergavenaam="GGZ Deventer", plaats="Deventer")
    r2, data2 = _document(client, headers={"If-None-Match": etag})
    assert r2["ETag"] != etag and data2["aantal"] == data["aantal"] + 1
    assert data2["auditvolgnummer"] > data["auditvolgnummer"]


def test_gzip_is_hetzelfde_document(client, register):
    gewoon, data = _document(client)
    gz, data_gz = _document(client, headers={"Accept-Encoding": "gzip, deflate"})
    assert gz["Content-Encoding"] == "gzip" and "Content-Encoding" not in gewoon
    assert gz["ETag"] != gewoon["ETag"]
    data.pop("gemaakt_op"), data_gz.pop("gemaakt_op")
    assert data == data_gz


def test_in_blokken_gelezen(register):
    """Keyset paging over aanbiedernaam: a page boundary loses and repeats nothing."""
    alle = [a["naam"] for a in machineleesbaar.regels()]
    assert [a["naam"] for a in machineleesbaar.regels(blok=1)] == alle == sorted(alle)


def test_leeg_register(client, db):
    _, data = _document(client)
    assert data["aanbieders"] == [] and data["aantal"] == 0
    dt.datetime.fromisoformat(data["gemaakt_op"])


def test_gelinkt_en_in_openapi(client, db):
    assert f'href="{PAD}"' in client.get("/aanbiedersregister/").content.decode()
    spec = client.get("/api/openapi.json").json()
    assert PAD in spec["info"]["description"]
    operatie = spec["paths"][PAD]["get"]
    assert operatie["security"][0] == {}
    antwoorden = {str(s): a for s, a in operatie["responses"].items()}
    assert {"200", "304", "401", "403", "429", "503"} <= set(antwoorden)
    assert antwoorden["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Aanbiedersregister"}
    assert "ETag" in antwoorden["200"]["headers"]
    schema = spec["components"]["schemas"]["RegisterAanbieder"]
    assert set(schema["properties"]) == VELDEN


def test_reg_openbaar_pagina_en_api_tonen_wat_het_document_toont(client, register):
    """The public search page and API show the same aanbieders as the document: not those of a participant that has
    ended or only applied (their detail pages are not found); staff still find them in the staff register."""
    _, data = _document(client)
    in_document = {a["naam"] for a in data["aanbieders"]}
    api = {a["naam"] for a in client.get("/api/aanbieders", {"per_pagina": 100}).json()["resultaten"]}
    assert api == in_document
    pagina = client.get("/aanbiedersregister/", {"q": "zorg"}).content.decode()
    assert "Vroeger Zorg" not in pagina and "Nieuwe Zorg" not in pagina
    assert "Apotheek Zwolle" in client.get("/aanbiedersregister/", {"q": "zwolle"}).content.decode()
    for naam in ("vroegerzorg@medmij", "nieuwezorg@medmij"):
        assert client.get(f"/aanbiedersregister/{naam}/").status_code == 404
        assert client.get(f"/api/aanbieders/{naam}").status_code == 404
    assert client.get("/api/aanbieders", {"q": "vroegerzorg@medmij"}).json()["aantal"] == 0
    client.force_login(register["gebruikers"]["uitvoering"])
    assert "Vroeger Zorg" in client.get("/beheer/aanbieders/", {"q": "vroeger"}).content.decode()
