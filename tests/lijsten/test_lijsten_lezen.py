"""Reading a list for import (LST-IMPORT-LEZEN): every format recognised by namespace and root element and turned
into entries; malformed and hostile documents (XXE, entity expansion, a wrong namespace, too large, not valid against
the schema) refused with a Dutch message before anything is planned; files, file:// and http(s) URLs."""

import http.server
import threading
from functools import partial
from pathlib import Path

import pytest

from stelselbeheer.lijsten import lezen
from stelselbeheer.lijsten.lezen import LijstOnleesbaar, lees_bron, ontleed

DATA = Path(__file__).parent / "data"
ZAL3 = (DATA / "MedMij_Zorgaanbiederslijst_example.9.3.xml").read_bytes()
KOP = "<?xml version='1.0' encoding='UTF-8'?>\n"


def _lijst(wortel: str, ns: str, binnen: str) -> bytes:
    return (f'{KOP}<{wortel} xmlns="xmlns://afsprakenstelsel.medmij.nl/{ns}/"><Tijdstempel>2026-11-23T12:00:00+01:00'
            f"</Tijdstempel><Volgnummer>4</Volgnummer>{binnen}</{wortel}>").encode()


ZAL2 = _lijst("Zorgaanbiederslijst", "zorgaanbiederslijst/release2", (
    "<Zorgaanbieders><Zorgaanbieder><Zorgaanbiedernaam>delinde@medmij</Zorgaanbiedernaam><Gegevensdiensten>"
    "<Gegevensdienst><GegevensdienstId>48</GegevensdienstId><AuthorizationEndpoint><AuthorizationEndpointuri>"
    "https://auth.noord.nl/a</AuthorizationEndpointuri></AuthorizationEndpoint><TokenEndpoint><TokenEndpointuri>"
    "https://api.noord.nl:8443/t</TokenEndpointuri></TokenEndpoint><Systeemrollen><Systeemrol><Systeemrolcode>MED"
    "</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>https://fhir.noord.nl/48</ResourceEndpointuri>"
    "</ResourceEndpoint></Systeemrol></Systeemrollen></Gegevensdienst></Gegevensdiensten></Zorgaanbieder>"
    "</Zorgaanbieders>"))
OCL = _lijst("OAuthclientlist", "oauthclientlist/release2", (
    "<OAuthclients><OAuthclient><Hostname>app.pgo.nl</Hostname><OAuthclientOrganisatienaam>Mijn PGO"
    "</OAuthclientOrganisatienaam></OAuthclient></OAuthclients>"))
GNL = _lijst("Gegevensdienstnamenlijst", "gegevensdienstnamenlijst/release1", (
    "<Gegevensdiensten><Gegevensdienst><GegevensdienstId>48</GegevensdienstId><Weergavenaam>Medicatie"
    "</Weergavenaam></Gegevensdienst></Gegevensdiensten>"))
WHITELIST = _lijst("Whitelist", "whitelist/release2",
                   "<MedMijNodes><MedMijNode><Hostname>app.pgo.nl</Hostname></MedMijNode></MedMijNodes>")


@pytest.mark.eenmaal
@pytest.mark.parametrize(("xml", "lijst", "api", "entries"), [
    (ZAL2, "zal", 2, {"delinde@medmij": {"diensten": {"48": {
        "auth": "https://auth.noord.nl/a", "token": "https://api.noord.nl:8443/t",
        "rollen": {"MED": "https://fhir.noord.nl/48"}}}}}),
    (OCL, "ocl", 2, {"app.pgo.nl": {"naam": "Mijn PGO"}}),
    (GNL, "gnl", 1, {"48": {"naam": "Medicatie"}}),
    (WHITELIST, "whitelist", 2, {"app.pgo.nl": {}}),
])
def test_lst_import_lezen_herkent_elk_formaat_aan_de_namespace(xml, lijst, api, entries):
    doc = ontleed(xml, "x.xml")
    assert (doc.lijst, doc.api, doc.volgnummer, doc.entries, doc.fouten) == (lijst, api, 4, entries, [])
    assert len(doc.sha256) == 64


@pytest.mark.eenmaal
def test_lst_import_lezen_release_3_een_dienst_onder_meer_versies_is_een_dienst():
    tweede = ZAL3.replace(b"</Interfaceversie>\n         </Interfaceversies>", (
        b"</Interfaceversie><Interfaceversie><InterfaceversieId>1.3.0</InterfaceversieId><Gegevensdiensten>"
        b"<Gegevensdienst><GegevensdienstId>1</GegevensdienstId><AuthorizationEndpoint><AuthorizationEndpointuri>"
        b"https://medmij.za983.xisbridge.net/oauth/authorize</AuthorizationEndpointuri></AuthorizationEndpoint>"
        b"<TokenEndpoint><TokenEndpointuri>https://medmij.xisbridge.net/oauth/token</TokenEndpointuri>"
        b"</TokenEndpoint><Abonneren><MaximaleDuur>90</MaximaleDuur><SubscriptionEndpointuri>"
        b"https://medmij.xisbridge.net/subscription</SubscriptionEndpointuri></Abonneren><Systeemrollen><Systeemrol>"
        b"<Systeemrolcode>MM-2.1-BZB-FHIR</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>"
        b"https://rcf-rso.nl/rcf/fhir-stu3</ResourceEndpointuri></ResourceEndpoint></Systeemrol></Systeemrollen>"
        b"</Gegevensdienst></Gegevensdiensten></Interfaceversie></Interfaceversies>"))
    assert tweede != ZAL3
    doc = ontleed(tweede)
    assert doc.entries["radiologencentraalflevoland@medmij"]["diensten"]["1"]["versies"] == ["1.3.0", "1.4.0"]
    assert doc.fouten == []
    anders = tweede.replace(b"<MaximaleDuur>90</MaximaleDuur><Sub", b"<MaximaleDuur>91</MaximaleDuur><Sub")
    [(naam, fout)] = ontleed(anders).fouten  # the register holds one set of endpoints per dienst
    assert naam == "radiologencentraalflevoland@medmij" and "onder interfaceversie 1.3.0 andere" in fout


XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE OAuthclientlist [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       + OCL.split(b"\n", 1)[1].replace(b"Mijn PGO", b"&x;"))
LACH = (b'<?xml version="1.0"?>\n<!DOCTYPE OAuthclientlist [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>\n' + OCL.split(b"\n", 1)[1].replace(b"Mijn PGO", b"&c;"))


@pytest.mark.eenmaal
@pytest.mark.parametrize(("xml", "melding"), [
    (XXE, "een DOCTYPE \\(DTD of entiteiten\\) hoort niet"),
    (LACH, "een DOCTYPE \\(DTD of entiteiten\\) hoort niet"),
    (OCL.replace(b"oauthclientlist/release2/", b"oauthclientlist/release9/"), "is geen lijst die het register kent"),
    (OCL.replace(b"OAuthclientlist", b"Clientlijst"), "is geen lijst die het register kent"),
    (OCL.replace(b"<Volgnummer>4</Volgnummer>", b""), "voldoet niet aan oauthclientlist.xsd"),
    (OCL[:-20], "geen goedgevormde XML"),
    (b"", "geen goedgevormde XML"),
])
def test_lst_import_lezen_weigert_kwaadaardige_en_foute_documenten(xml, melding):
    with pytest.raises(LijstOnleesbaar, match=melding) as fout:
        ontleed(xml, "ocl.xml")
    assert str(fout.value).startswith("ocl.xml: ") and "root:" not in str(fout.value)  # names the source


@pytest.mark.eenmaal
def test_lst_import_lezen_grootte_bestand_en_file_url(tmp_path, monkeypatch):
    pad = tmp_path / "mijn lijst.xml"
    pad.write_bytes(OCL)
    assert lees_bron(str(pad)) == lees_bron(pad.as_uri()) == OCL
    monkeypatch.setattr(lezen, "MAX_GROOTTE", len(OCL) - 1)
    with pytest.raises(LijstOnleesbaar, match="groter dan"):
        lees_bron(str(pad))
    with pytest.raises(LijstOnleesbaar, match="kan niet worden gelezen"):
        lees_bron(str(tmp_path / "weg.xml"))
    with pytest.raises(LijstOnleesbaar, match="kan niet worden gelezen"):
        lees_bron("http://[::1/zal.xml")  # a malformed address
    with pytest.raises(LijstOnleesbaar, match="alleen een bestand, file://, http:// of https://"):
        lees_bron("ftp://lijsten.example/zal.xml")


@pytest.fixture
def webserver(tmp_path):
    (tmp_path / "MedMij_OAuthclientlist.xml").write_bytes(OCL)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.eenmaal
def test_lst_import_lezen_via_http(webserver):
    assert ontleed(lees_bron(f"{webserver}/MedMij_OAuthclientlist.xml")).entries == {"app.pgo.nl": {"naam": "Mijn PGO"}}
    with pytest.raises(LijstOnleesbaar, match="kan niet worden gelezen"):
        lees_bron(f"{webserver}/bestaat-niet.xml")
