"""Pages and API per role: AFS-OPENBAAR (drafts for readers only), AFS-UITROL-OPENBAAR (the public sees the rollout in
totals, a participant its own, staff per participant), the approval form refusing a decision not adopted by the
board, the roadmap, the feed, and bad input as field errors."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Release, ReleaseStatus, Uitrol
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.overleg import onderwerpen
from stelselbeheer.overleg import services as ovl

from .conftest import VANDAAG, vastgesteld_besluit


def _login(client, omgeving, rol):
    if rol != "publiek":
        client.force_login(omgeving.wereld["gebruikers"][rol])


def test_openbare_releasepagina_toont_voortgang_in_totalen(client, omgeving):
    afs.standaard_toevoegen(actor=None, release=omgeving.nieuw, naam="HL7 FHIR", versie="R4", eigenaar="HL7 Int.")
    html = client.get("/afsprakenset/3.0/").content.decode()
    assert "Release 3.0" in html and "In werking" in html and "Dienstverlener aanbieder (DVA)" in html
    assert "0% van de 1 deelnemers is live" in html and "1 na de termijn nog niet live" in html
    assert "Zorg-ICT Noord" not in html  # totals only, no participant
    html = client.get("/afsprakenset/3.1/").content.decode()
    assert "HL7 FHIR" in html and "versie R4" in html and "Nieuwe gegevensdienst" in html
    assert "Impact voor een DVP: kleine aanpassing; voor een DVA: grote aanpassing." in html
    assert "48 Medicatiegegevens" in html


def test_concept_alleen_voor_lezers(client, omgeving):
    afs.release_aanmaken(actor=None, nummer="4.0", titel="Geheim concept")
    assert client.get("/afsprakenset/4.0/").status_code == 404
    assert "Geheim concept" not in client.get("/afsprakenset/").content.decode()
    assert client.get("/api/afsprakenset/releases/4.0").status_code == 404
    for rol in ("deelnemer", "regio"):
        _login(client, omgeving, rol)
        assert client.get("/afsprakenset/4.0/").status_code == 404
    for rol in ("uitvoering", "bestuur", "auditor"):
        _login(client, omgeving, rol)
        assert "Geheim concept" in client.get("/afsprakenset/4.0/").content.decode()
        assert client.get("/api/afsprakenset/releases/4.0").json()["status"] == "concept"


def test_roadmap_per_kwartaal(client, omgeving):
    afs.release_aanmaken(actor=None, nummer="3.2", titel="Verder", gepland_kwartaal="2027-Q4")
    afs.release_overgang(actor=None, release=Release.objects.get(nummer="3.2"), overgang="consultatie_openen")
    html = client.get("/afsprakenset/roadmap/").content.decode()
    assert html.index("2e kwartaal 2027") < html.index("Release 3.1") < html.index("4e kwartaal 2027") \
        < html.index("Release 3.2")
    assert "Release 3.0" not in html  # in force: no longer planned
    afs.release_aanmaken(actor=None, nummer="4.0", titel="Later", gepland_kwartaal="2028-Q1",
                         samenvatting="Nog geheim")
    html = client.get("/afsprakenset/roadmap/").content.decode()
    assert "Release 4.0: Later" in html and 'href="/afsprakenset/4.0/"' not in html and "Nog geheim" not in html


def test_uitrollijst_per_rol_met_filters(client, omgeving, maak):
    for rol in ("uitvoering", "bestuur", "auditor"):
        _login(client, omgeving, rol)
        html = client.get("/afsprakenset/uitrol/", {"termijn": "te_laat"}).content.decode()
        assert "Zorg-ICT Noord B.V." in html and "verstreken" in html
        assert ("Bijwerken" in html) == (rol == "uitvoering")
    _login(client, omgeving, "uitvoering")
    html = client.get("/afsprakenset/uitrol/", {"status": "live"}).content.decode()
    assert "Zorg-ICT Noord B.V." not in html and "Geen uitrol gevonden" in html
    for rol in ("deelnemer", "regio"):
        _login(client, omgeving, rol)
        assert client.get("/afsprakenset/uitrol/").status_code == 403
        assert client.get("/api/afsprakenset/releases/3.0/uitrol").status_code == 403


def test_deelnemer_ziet_eigen_uitrol_en_verouderde_overeenkomst(client, omgeving, maak):
    ander = maak.deelnemer("Andere DVA B.V.")
    Uitrol.objects.create(release=omgeving.huidig, deelnemer=ander, rol="dva", uiterlijk=VANDAAG,
                          status_sinds=VANDAAG)
    _login(client, omgeving, "deelnemer")
    html = client.get("/mijn/releases/").content.decode()
    assert "3.0: Afsprakenset 3.0" in html and "Andere DVA" not in html and "verstreken" in html
    assert "Teken de deelnemersovereenkomst van deze release" in html
    uit = client.get("/api/afsprakenset/mijn/uitrol").json()
    assert [u["deelnemer_id"] for u in uit] == [omgeving.wereld["dva"].pk]
    assert "Releases invoeren" in client.get("/").content.decode()  # the portal's work list


def test_goedkeuren_via_pagina_weigert_een_besluit_zonder_vastgesteld_voorstel(client, omgeving):
    los = besluit_vastleggen(actor=None, datum=VANDAAG, soort="release", onderwerp="Los", tekst="Goed.")
    _login(client, omgeving, "uitvoering")
    r = client.post("/afsprakenset/3.1/stap/goedkeuren/", {"besluit": los.pk})
    assert r.status_code == 200 and "niet uit een besluitvoorstel" in r.content.decode()
    assert Release.objects.get(nummer="3.1").status == ReleaseStatus.CONSULTATIE
    besluit = vastgesteld_besluit(omgeving)
    r = client.post("/afsprakenset/3.1/stap/goedkeuren/", {"besluit": besluit.pk})
    assert r.status_code == 302 and r["Location"] == "/afsprakenset/3.1/"
    assert Release.objects.get(nummer="3.1").status == ReleaseStatus.GOEDGEKEURD


def test_api_stap_alleen_met_vastgesteld_besluit(client, omgeving):
    los = besluit_vastleggen(actor=None, datum=VANDAAG, soort="release", onderwerp="Los", tekst="Goed.")
    _login(client, omgeving, "uitvoering")
    r = client.post("/api/afsprakenset/releases/3.1/stappen", {"overgang": "goedkeuren", "besluit": los.nummer},
                    content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert r.json()["errors"][0]["field"] == "besluit"
    _login(client, omgeving, "bestuur")
    besluit = vastgesteld_besluit(omgeving)
    r = client.post("/api/afsprakenset/releases/3.1/stappen", {"overgang": "goedkeuren", "besluit": besluit.nummer},
                    content_type="application/json")
    assert r.status_code == 403  # the board decides by adopting the proposal; staff process the step
    _login(client, omgeving, "uitvoering")
    r = client.post("/api/afsprakenset/releases/3.1/stappen", {"overgang": "goedkeuren", "besluit": besluit.nummer},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["besluit"] == besluit.nummer
    detail = client.get("/api/afsprakenset/releases/3.1").json()
    assert {v["rol"]: v["totaal"] for v in detail["voortgang"]} == {"dvp": 1, "dva": 1}


def test_beheerpaginas_en_veldfouten(client, omgeving):
    _login(client, omgeving, "uitvoering")
    r = client.post("/afsprakenset/nieuw/", {"nummer": "drie", "titel": "", "gepland_kwartaal": "Q9"})
    html = r.content.decode()
    assert r.status_code == 200 and "cijfers en punten" in html and "jaar-Q" in html
    r = client.post("/afsprakenset/nieuw/", {"nummer": "4.0", "titel": "Volgende", "gepland_kwartaal": "2028-Q1"})
    assert r.status_code == 302 and r["Location"] == "/afsprakenset/4.0/"
    r = client.post("/afsprakenset/4.0/documenten/nieuw/", {"bestand": SimpleUploadedFile("virus.exe", b"MZ")})
    assert r.status_code == 200 and "alleen .pdf" in r.content.decode()
    r = client.post("/afsprakenset/4.0/documenten/nieuw/",
                    {"bestand": SimpleUploadedFile("afspraken.pdf", b"%PDF-1.4 x"), "naam": "Afspraken 4.0"})
    assert r.status_code == 302
    r = client.post("/afsprakenset/4.0/standaarden/nieuw/", {"naam": "FHIR", "versie": "R4", "eigenaar": "HL7"})
    assert r.status_code == 302
    r = client.post("/afsprakenset/4.0/changelog/nieuw/", {"titel": "X", "omschrijving": "Y", "impact_dvp": "hoog",
                                                            "impact_dva": "geen"})
    assert r.status_code == 302
    r = client.post("/afsprakenset/4.0/termijnen/nieuw/", {"rol": "dvp", "uiterlijk": "2028-06-30"})
    assert r.status_code == 302
    release = Release.objects.get(nummer="4.0")
    assert release.documenten.count() == release.standaarden.count() == release.wijzigingen.count() == 1
    document = release.documenten.get()
    client.logout()
    assert client.get(f"/afsprakenset/4.0/documenten/{document.pk}/").status_code == 404  # a draft's document
    _login(client, omgeving, "uitvoering")
    assert client.get(f"/afsprakenset/4.0/documenten/{document.pk}/").status_code == 200


def test_uitrol_bijwerken_via_pagina(client, omgeving):
    _login(client, omgeving, "uitvoering")
    uitrol = Uitrol.objects.get(release=omgeving.huidig)
    r = client.post(f"/afsprakenset/uitrol/{uitrol.pk}/", {"status": "live"})
    assert r.status_code == 200 and "AFS-KWALIFICATIE" in r.content.decode()
    r = client.post(f"/afsprakenset/uitrol/{uitrol.pk}/", {"status": "live", "testresultaat": "geslaagd",
                                                           "testdatum": (VANDAAG - dt.timedelta(days=1)).isoformat()})
    assert r.status_code == 302
    uitrol.refresh_from_db()
    assert uitrol.status == "live" and uitrol.testresultaat == "geslaagd"


def test_feed_van_releasebesluiten(client, omgeving):
    xml = client.get("/afsprakenset/feed.atom").content.decode()
    assert "Release 3.0 goedgekeurd" in xml and omgeving.huidig.besluit.nummer in xml
    assert "Release 3.1" not in xml  # not approved yet


def test_release_als_agendaonderwerp(omgeving):
    assert onderwerpen.zoek("release", "3.1") == omgeving.nieuw
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=omgeving.vergadering, titel="Release 3.1",
                                    onderwerp=omgeving.nieuw)
    assert onderwerpen.weergave(punt, None).url == "/afsprakenset/3.1/"


def test_api_termijn_en_uitrol(client, omgeving):
    uitrol = Uitrol.objects.get(release=omgeving.huidig)
    _login(client, omgeving, "deelnemer")
    assert client.post(f"/api/afsprakenset/uitrol/{uitrol.pk}", {"status": "live"},
                       content_type="application/json").status_code == 403
    _login(client, omgeving, "uitvoering")
    r = client.post(f"/api/afsprakenset/uitrol/{uitrol.pk}", {"status": "live"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "testresultaat"
    r = client.post(f"/api/afsprakenset/uitrol/{uitrol.pk}", {"status": "live", "testresultaat": "geslaagd",
                                                             "testdatum": VANDAAG.isoformat()},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "live"
    r = client.post("/api/afsprakenset/releases/3.1/termijnen", {"rol": "dva", "uiterlijk": "2000-01-01"},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "uiterlijk"
    r = client.post("/api/afsprakenset/releases/3.1/termijnen", {"rol": "dva",
                                                                 "uiterlijk": (VANDAAG + dt.timedelta(days=99))
                                                                 .isoformat()}, content_type="application/json")
    assert r.status_code == 200 and r.json()["rol"] == "dva"
