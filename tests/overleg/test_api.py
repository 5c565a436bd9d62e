"""The API per role: OVL-SCHEIDING (403 problem+json for staff and for a board member without a seat), the board
member's decision naming the revision read (OVL-REVISIE), field errors, and the public schedule; plus the same
through a real HTTP server, as a machine client meets it (no session, no CSRF token)."""

import datetime as dt
import json
import urllib.error
import urllib.request

import pytest
from django.utils import timezone
from icalendar import Calendar

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services
from stelselbeheer.overleg.models import Besluitvoorstel, VoorstelStatus

from .conftest import plannen


def _post(client, pad, data, methode="post"):
    return getattr(client, methode)(pad, data=json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("rol,status", [("uitvoering", 403), ("auditor", 403), ("deelnemer", 403),
                                        ("regio", 403), ("publiek", 401)])
def test_beslissing_alleen_voor_het_bestuur(client, bestuur, wereld, rol, status):
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    r = _post(client, f"/api/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissing",
              {"beslissing": "vaststellen", "revisie": 1})
    assert r.status_code == status and r["Content-Type"] == "application/problem+json"
    assert Besluit.objects.count() == 0


def test_beslissing_bestuurder_zonder_zetel_krijgt_403(client, bestuur, maak):
    client.force_login(maak.gebruiker(Rol.BESTUUR, "geen-lid"))
    r = _post(client, f"/api/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissing",
              {"beslissing": "vaststellen", "revisie": 1})
    assert r.status_code == 403 and "OVL-SCHEIDING" in r.json()["detail"]
    assert Besluit.objects.count() == 0


def test_bestuurslid_stelt_vast_via_de_api(client, bestuur):
    client.force_login(bestuur.bestuurder)
    pad = f"/api/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissing"
    r = _post(client, pad, {"beslissing": "vaststellen", "revisie": 2})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "revisie" and "OVL-REVISIE" in r.json()["errors"][0]["reason"]
    r = _post(client, pad, {"beslissing": "goedkeuren", "revisie": 1})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "beslissing"
    r = _post(client, pad, {"beslissing": "vaststellen", "revisie": 1})
    assert r.status_code == 200
    besluit = Besluit.objects.get()
    assert r.json()["status"] == "vastgesteld" and r.json()["besluit"] == besluit.nummer
    assert client.get(f"/api/besluiten/{besluit.nummer}").json()["tekst"] == bestuur.voorstel.tekst


def test_medewerker_stelt_op_wijzigt_en_legt_voor_via_de_api(client, bestuur, wereld):
    client.force_login(bestuur.medewerker)
    r = _post(client, "/api/overleg/voorstellen", {"orgaan": "bestuur", "onderwerp": "Jaarplan 2027",
                                                   "tekst": "Het bestuur stelt het jaarplan vast.", "soort": "overig",
                                                   "deelnemer_id": 999999})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "deelnemer_id"
    r = _post(client, "/api/overleg/voorstellen", {"orgaan": "bestuur", "onderwerp": "Jaarplan 2027",
                                                   "tekst": "Het bestuur stelt het jaarplan vast.", "soort": "overig"})
    assert r.status_code == 201
    nummer = r.json()["nummer"]
    r = _post(client, f"/api/overleg/voorstellen/{nummer}/voorleggen", {})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "agendapunt"
    r = _post(client, f"/api/overleg/voorstellen/{nummer}", {"agendapunt_id": bestuur.punt.pk,
                                                            "tekst": "Het jaarplan 2027 wordt vastgesteld."}, "patch")
    assert r.status_code == 200 and r.json()["revisie"] == 2 and r.json()["vergadering_id"] == bestuur.vergadering.pk
    r = _post(client, f"/api/overleg/voorstellen/{nummer}/voorleggen", {})
    assert r.status_code == 200 and r.json()["status"] == "voorgelegd"
    r = _post(client, f"/api/overleg/voorstellen/{nummer}/beslissing", {"beslissing": "vaststellen", "revisie": 2})
    assert r.status_code == 403
    assert Besluitvoorstel.objects.get(nummer=nummer).status == VoorstelStatus.VOORGELEGD


def test_vergadering_agenda_en_notulen_via_de_api(client, bestuur, wereld):
    client.force_login(bestuur.medewerker)
    r = _post(client, "/api/overleg/organen/bestuur/vergaderingen", {"begin": "2027-02-11T14:00:00",
                                                                      "einde": "2027-02-11T16:00:00+01:00",
                                                                      "plaats": "Utrecht"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "begin"  # a time needs its zone
    r = _post(client, "/api/overleg/organen/bestuur/vergaderingen", {"begin": "2027-02-11T14:00:00+01:00",
                                                                      "einde": "2027-02-11T16:00:00+01:00",
                                                                      "plaats": "Utrecht"})
    assert r.status_code == 201
    vid = r.json()["id"]
    r = _post(client, f"/api/overleg/vergaderingen/{vid}/agendapunten",
              {"titel": "Geschil", "onderwerp_soort": "melding", "onderwerp_sleutel": "M-1999-0001"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "onderwerp_sleutel"
    r = _post(client, f"/api/overleg/vergaderingen/{vid}/agendapunten",
              {"titel": "Toelating", "onderwerp_soort": "deelnemer", "onderwerp_sleutel": "Zorg-ICT Noord B.V."})
    assert r.status_code == 201 and r.json()["onderwerp"]["label"] == "Zorg-ICT Noord B.V."
    r = _post(client, f"/api/overleg/vergaderingen/{bestuur.vergadering.pk}/status", {"status": "gehouden"})
    assert r.status_code == 200 and r.json()["status"] == "gehouden"
    r = _post(client, f"/api/overleg/vergaderingen/{bestuur.vergadering.pk}/notulen", {"tekst": "Besproken."})
    assert r.status_code == 200 and r.json()["status"] == "concept"
    # the public reads the schedule, not the agenda
    client.logout()
    detail = client.get(f"/api/overleg/vergaderingen/{vid}").json()
    assert detail["agenda"] is None and detail["online_link"] is None and detail["plaats"] == "Utrecht"
    client.force_login(wereld["gebruikers"]["auditor"])
    assert client.get(f"/api/overleg/vergaderingen/{vid}").json()["agenda"][0]["titel"] == "Toelating"


def test_niet_openbaar_orgaan_in_de_api(client, wereld):
    services.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep", soort="stuurgroep")
    assert client.get("/api/overleg/organen").json()["aantal"] == 0
    r = client.get("/api/overleg/organen/stuurgroep")
    assert r.status_code == 401 and r["Content-Type"] == "application/problem+json"
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert client.get("/api/overleg/organen/stuurgroep/vergaderingen").status_code == 403
    client.force_login(wereld["gebruikers"]["bestuur"])
    assert client.get("/api/overleg/organen/stuurgroep").json()["leden"] == []


def test_openapi_documenteert_de_foutstatussen(client, db):
    spec = client.get("/api/openapi.json").json()
    operatie = spec["paths"]["/api/overleg/voorstellen/{nummer}/beslissing"]["post"]
    assert {"200", "401", "403", "404", "422"} <= set(operatie["responses"])


def _http(url, data=None, methode="GET"):
    verzoek = urllib.request.Request(url, method=methode, data=json.dumps(data).encode() if data is not None else None,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


def test_door_een_echte_server(live_server, transactional_db, maak):
    orgaan = services.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
    vergadering = plannen(orgaan, timezone.now() + dt.timedelta(days=7))
    status, kop, inhoud = _http(f"{live_server.url}/api/overleg/organen/bestuur/vergaderingen")
    assert status == 200 and json.loads(inhoud)["resultaten"][0]["uid"] == f"{vergadering.uid}@stelselbeheer"
    status, kop, inhoud = _http(f"{live_server.url}/overleg/bestuur/vergaderingen.ics")
    assert status == 200 and kop["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(inhoud).walk("VEVENT")) == 1
    punt = services.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Jaarplan")
    voorstel = services.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Jaarplan", tekst="x",
                                                  soort="overig", agendapunt=punt)
    services.besluitvoorstel_voorleggen(actor=None, voorstel=voorstel)
    # a client without session: refused before anything is read (the session API's CSRF check answers first)
    status, kop, inhoud = _http(f"{live_server.url}/api/overleg/voorstellen/{voorstel.nummer}/beslissing",
                                {"beslissing": "vaststellen", "revisie": 1}, "POST")
    assert status in {401, 403} and kop["Content-Type"] == "application/problem+json"
    assert Besluit.objects.count() == 0
