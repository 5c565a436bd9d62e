"""Serving the lists: ETag, 304, HEAD, gzip, exact Content-Length, ?sinds= 204, history, feed, health."""

import datetime as dt
import gzip
import json
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from stelselbeheer.lijsten.models import LijstKop
from stelselbeheer.lijsten.services import alle_lijsten_publiceren, lijst_publiceren
from tests.stappen import opschorten


@pytest.fixture
def gepubliceerd(register):
    return lijst_publiceren(actor=None, lijst="zal")


def test_volledig_antwoord(client, gepubliceerd):
    r = client.get("/lijsten/zal.xml")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/xml; charset=utf-8"
    assert r["ETag"] == f'"{gepubliceerd.sha256}"'
    assert r["Content-Length"] == str(len(r.content)) == str(gepubliceerd.grootte)
    assert r["Last-Modified"] == http_date(gepubliceerd.tijdstempel.timestamp())
    assert "must-revalidate" in r["Cache-Control"] and r["Vary"] == "Accept-Encoding"
    assert r["X-Volgnummer"] == "1"


def test_conditionele_get_en_head(client, gepubliceerd):
    etag = f'"{gepubliceerd.sha256}"'
    r = client.get("/lijsten/zal.xml", HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 304 and r.content == b"" and r["ETag"] == etag
    assert client.get("/lijsten/zal.xml", HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200
    later = http_date((gepubliceerd.tijdstempel + dt.timedelta(seconds=5)).timestamp())
    assert client.get("/lijsten/zal.xml", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    r = client.head("/lijsten/zal.xml")
    assert r.status_code == 200 and r.content == b"" and r["Content-Length"] == str(gepubliceerd.grootte)
    assert client.head("/lijsten/zal.xml", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.post("/lijsten/zal.xml").status_code == 405


def test_gzip(client, gepubliceerd):
    r = client.get("/lijsten/zal.xml", HTTP_ACCEPT_ENCODING="gzip, br")
    assert r["Content-Encoding"] == "gzip" and r["ETag"] == f'"{gepubliceerd.sha256}-gz"'
    assert r["Content-Length"] == str(len(r.content))
    assert gzip.decompress(r.content) == bytes(gepubliceerd.inhoud)
    assert client.get("/lijsten/zal.xml", HTTP_ACCEPT_ENCODING="gzip",
                      HTTP_IF_NONE_MATCH=f'"{gepubliceerd.sha256}-gz"').status_code == 304


def test_sinds_geeft_204_als_er_niets_nieuws_is(client, register, gepubliceerd):
    r = client.get("/lijsten/zal.xml", {"sinds": 1})
    assert r.status_code == 204 and r.content == b"" and r["X-Volgnummer"] == "1"
    assert client.get("/lijsten/zal.xml", {"sinds": 0}).status_code == 200
    assert client.get("/lijsten/zal.xml", {"sinds": "x"}).status_code == 400
    lijst_publiceren(actor=None, lijst="zal")
    assert client.get("/lijsten/zal.xml", {"sinds": 1}).status_code == 200


def test_historische_versies_en_index(client, register, gepubliceerd):
    opschorten(register["dva"])
    tweede = lijst_publiceren(actor=None, lijst="zal")
    r = client.get("/lijsten/zal/1.xml")
    assert r.content == bytes(gepubliceerd.inhoud) and "immutable" in r["Cache-Control"]
    assert client.get("/lijsten/zal/2.xml").content == bytes(tweede.inhoud)
    assert client.get("/lijsten/zal/3.xml").status_code == 404
    versies = client.get("/lijsten/zal/versies.json").json()["versies"]
    assert [v["volgnummer"] for v in versies] == [2, 1] and versies[1]["sha256"] == gepubliceerd.sha256


def test_wijzigingenfeed_met_seed(client, register, gepubliceerd):
    opschorten(register["dva"])
    lijst_publiceren(actor=None, lijst="zal")
    feed = client.get("/lijsten/zal/wijzigingen.json", {"sinds": 1}).json()
    assert feed["seed"] == LijstKop.objects.get(lijst="zal").seed and len(feed["seed"]) == 32
    assert (feed["van"], feed["tot"]) == (1, 2)
    assert feed["verwijderd"] == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"] and feed["toegevoegd"] == []
    alles = client.get("/lijsten/zal/wijzigingen.json").json()
    assert alles["toegevoegd"] == [] and alles["tot"] == 2
    assert client.get("/lijsten/zal/wijzigingen.json", {"sinds": 2}).json()["verwijderd"] == []
    assert client.get("/lijsten/zal/wijzigingen.json", {"sinds": 99}).status_code == 404


def test_onbekende_of_ongepubliceerde_lijst(client, db):
    assert client.get("/lijsten/bestaatniet.xml").status_code == 404
    assert client.get("/lijsten/ocl.xml").status_code == 404


def test_gezondheid_meldt_verouderde_en_ontbrekende_lijsten(client, register, settings):
    r = client.get("/lijsten/gezondheid.json")
    assert r.status_code == 503 and r.json()["lijsten"]["zal"]["status"] == "ONTBREEKT"
    alle_lijsten_publiceren(actor=None)
    r = client.get("/lijsten/gezondheid.json")
    assert r.status_code == 200 and r.json()["status"] == "UP"
    assert r.json()["lijsten"]["zal"]["volgnummer"] == 1
    settings.LIJST_MAX_LEEFTIJD = 60
    oud = timezone.now() - dt.timedelta(minutes=5)
    lijst_publiceren(actor=None, lijst="gnl", moment=oud)  # a list whose newest version is 5 minutes old
    lijsten = client.get("/lijsten/gezondheid.json").json()["lijsten"]
    assert lijsten["gnl"]["status"] == "VEROUDERD"


ONGELDIGE_SINDS = [
    "%C2%B2",           # a superscript two: str.isdigit() says yes, int() says no
    "%D9%A3",           # an Arabic-Indic three: int() takes it, it is no ASCII digit
    "9" * 4301,         # more digits than int() converts
    "1" * 19,           # more than 18 digits: no Volgnummer is that large
    "-1", "+1", "%201", "1.0", "", "x",
]


@pytest.mark.parametrize("sinds", ONGELDIGE_SINDS, ids=lambda s: s[:12])
@pytest.mark.parametrize("pad", ["/lijsten/zal.xml", "/lijsten/zal/wijzigingen.json"])
def test_lst_sinds_ongeldig_is_400_probleem(client, gepubliceerd, pad, sinds):
    """LST-SINDS: ``sinds`` is 1 to 18 ASCII digits; anything else is a 400 problem+json naming the parameter,
    never a 500."""
    r = client.get(f"{pad}?sinds={sinds}")
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == ["sinds"]


@pytest.mark.parametrize("sinds,status", [("1", 204), ("000000000000000001", 204), ("999999999999999999", 204),
                                          ("0", 200)])
def test_lst_sinds_geldig(client, gepubliceerd, sinds, status):
    assert client.get(f"/lijsten/zal.xml?sinds={sinds}").status_code == status
    assert client.get(f"/lijsten/zal/wijzigingen.json?sinds={sinds}").status_code in (200, 404)


@pytest.mark.parametrize("pad", ["/lijsten/zal.xml", "/lijsten/zal/1.xml", "/lijsten/zal.xml.sig",
                                 "/lijsten/zal/1.xml.sig", "/lijsten/zal/versies.json",
                                 "/lijsten/zal/wijzigingen.json?sinds=1", "/lijsten/certificaten.json"])
def test_lst_onbereikbaar_lijsten_geven_503_probleem(gepubliceerd, pad):
    """LST-ONBEREIKBAAR: the lists' paths answer 503 problem+json with Retry-After when the database cannot be
    reached (before: the Dutch HTML 503 page, which the lists' clients, systems, cannot read)."""
    bezoeker = Client(raise_request_exception=False)
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("weg")):
        r = bezoeker.get(pad)
    if pad.endswith("certificaten.json"):  # read from the key files, not the database
        assert r.status_code == 200
        return
    assert r.status_code == 503 and r["Content-Type"] == "application/problem+json", r.content[:200]
    assert int(r["Retry-After"]) > 0 and json.loads(r.content)["title"] == "Tijdelijk niet beschikbaar"


def test_lst_onbereikbaar_gezondheid_is_json(db):
    """LST-ONBEREIKBAAR: ``gezondheid.json`` stays JSON (status DOWN) when the database is down."""
    bezoeker = Client(raise_request_exception=False)
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("weg")):
        r = bezoeker.get("/lijsten/gezondheid.json")
    assert r.status_code == 503 and r["Content-Type"] == "application/json"
    assert r.json() == {"status": "DOWN", "database": "onbereikbaar"} and int(r["Retry-After"]) > 0
