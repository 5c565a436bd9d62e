"""Change requests from the participant portal (REG-VERZOEK): checked like the real change at once, but
nothing in the register changes before a staff member approves."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.kern.services import gebruiker_aanmaken
from stelselbeheer.register import verzoeken
from stelselbeheer.register.models import AanbiederGegevensdienst, OAuthclient, VerzoekStatus, Wijzigingsverzoek

ENDPOINTS = {"aanbieder": "huisartsdelinde@medmij", "gegevensdienst": "48",
             "authorization_endpoint": "https://auth.nieuw.nl/authorize", "token_endpoint": "https://api.nieuw.nl/token",
             "systeemrollen": {"MED-FHIR-SERVER": "https://fhir.nieuw.nl/48"}}


def test_ongeldig_verzoek_geeft_de_fout_van_de_echte_wijziging_en_laat_niets_achter(wereld):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        verzoeken.verzoek_indienen(actor=wereld["gebruikers"]["deelnemer"], deelnemer=wereld["dva"],
                                   soort="dienst_instellen", gegevens={**ENDPOINTS, "token_endpoint": "http://x"})
    assert "token_endpoint" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dva"], soort="aanbieder_nieuw", gegevens={
            "naam": "Geen Geldige Naam", "weergavenaam": "X", "organisatie_kvk": "99999999"})
    assert "organisatie_kvk" in fout.value.message_dict
    assert not Wijzigingsverzoek.objects.exists() and AuditEvent.objects.count() == events


def test_pas_na_goedkeuring_verandert_het_register(wereld):
    dienst = AanbiederGegevensdienst.objects.get(aanbieder=wereld["aanbieder"])
    verzoek = verzoeken.verzoek_indienen(actor=wereld["gebruikers"]["deelnemer"], deelnemer=wereld["dva"],
                                         soort="dienst_instellen", gegevens=ENDPOINTS, toelichting="Nieuwe server")
    dienst.refresh_from_db()
    assert dienst.token_endpoint == "https://api.zorgictnoord.nl/delinde/token"  # unchanged
    assert not AuditEvent.objects.filter(actie="aanbieder.dienst_ingesteld", reden__contains="Wijzigingsverzoek")
    medewerker = wereld["gebruikers"]["uitvoering"]
    verzoek = verzoeken.verzoek_goedkeuren(actor=medewerker, verzoek=verzoek)
    dienst = AanbiederGegevensdienst.objects.get(aanbieder=wereld["aanbieder"])
    assert dienst.token_endpoint == "https://api.nieuw.nl/token"
    assert verzoek.status == VerzoekStatus.GOEDGEKEURD and verzoek.beoordeeld_door == medewerker
    with pytest.raises(ValidationError):
        verzoeken.verzoek_goedkeuren(actor=medewerker, verzoek=verzoek)  # once


def test_afwijzen_vraagt_een_reden_en_verandert_niets(wereld):
    verzoek = verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dvp"], soort="oauthclient_nieuw",
                                         gegevens={"hostname": "nieuw.mijngezondheid.nl",
                                                   "organisatienaam": "Mijn Gezondheid"})
    with pytest.raises(ValidationError) as fout:
        verzoeken.verzoek_afwijzen(actor=None, verzoek=verzoek, reden=" ")
    assert "reden" in fout.value.message_dict
    verzoeken.verzoek_afwijzen(actor=None, verzoek=verzoek, reden="Hostnaam onbekend bij ons")
    assert not OAuthclient.objects.filter(hostname="nieuw.mijngezondheid.nl").exists()


def test_portaal_dient_in_en_medewerker_keurt_goed_via_de_paginas(client, wereld):
    client.force_login(wereld["gebruikers"]["deelnemer"])
    r = client.post("/mijn/verzoeken/nieuw/dienst_instellen/", {
        "aanbieder": "huisartsdelinde@medmij", "gegevensdienst": wereld["dienst"].pk,
        "authorization_endpoint": "https://auth.nieuw.nl/authorize", "token_endpoint": "ftp://fout",
        "systeemrollen": "MED-FHIR-SERVER=https://fhir.nieuw.nl/48"})
    assert r.status_code == 200 and "token_endpoint" in r.content.decode() and not Wijzigingsverzoek.objects.exists()
    r = client.post("/mijn/verzoeken/nieuw/dienst_instellen/", {
        "aanbieder": "huisartsdelinde@medmij", "gegevensdienst": wereld["dienst"].pk,
        "authorization_endpoint": "https://auth.nieuw.nl/authorize", "token_endpoint": "https://api.nieuw.nl/token",
        "systeemrollen": "MED-FHIR-SERVER=https://fhir.nieuw.nl/48"})
    assert r.status_code == 302
    verzoek = Wijzigingsverzoek.objects.get()
    assert f"#{verzoek.pk}" in client.get("/mijn/").content.decode()
    assert client.post(f"/beheer/verzoeken/{verzoek.pk}/", {"besluit": "goedkeuren"}).status_code == 403
    client.force_login(wereld["gebruikers"]["auditor"])
    assert client.post(f"/beheer/verzoeken/{verzoek.pk}/", {"besluit": "goedkeuren"}).status_code == 403
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert client.post(f"/beheer/verzoeken/{verzoek.pk}/", {"besluit": "afwijzen", "reden": ""}).status_code == 200
    assert client.post(f"/beheer/verzoeken/{verzoek.pk}/", {"besluit": "goedkeuren"}).status_code == 302
    assert AanbiederGegevensdienst.objects.get().token_endpoint == "https://api.nieuw.nl/token"


def test_deelnemer_ziet_alleen_de_eigen_verzoeken(client, wereld, maak):
    verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dvp"], soort="oauthclient_nieuw",
                               gegevens={"hostname": "geheim.mijngezondheid.nl", "organisatienaam": "Mijn Gezondheid"})
    client.force_login(wereld["gebruikers"]["deelnemer"])  # belongs to the DVA
    assert "Geen verzoeken" in client.get("/mijn/").content.decode()


@pytest.mark.parametrize("soort,gegevens,veld", [
    ("dienst_instellen", {**ENDPOINTS, "systeemrollen": {"MED\x01": "https://fhir.nieuw.nl/48"}},
     "systeemrollen.0.code"),
    ("dienst_instellen", {**ENDPOINTS, "token_endpoint": "https://api.nieuw.nl/tok\ufffeen"}, "token_endpoint"),
    ("dienst_instellen", {**ENDPOINTS, "authorization_endpoint": "https://auth.nieuw.nl/tok en/a"},
     "authorization_endpoint"),
    ("oauthclient_nieuw", {"hostname": "app.nieuw.nl", "organisatienaam": "Nieuw\x01"}, "organisatienaam"),
])
def test_reg_xmlteken_verzoek_via_de_api_wordt_bij_indienen_geweigerd(client, wereld, soort, gegevens, veld):
    """REG-XMLTEKEN, REG-VERZOEK: ``POST /api/mijn/verzoeken`` refuses the value at submission with a field
    error (problem+json), not only at approval; nothing is stored."""
    client.force_login(wereld["gebruikers"]["deelnemer"])
    if soort == "oauthclient_nieuw":
        client.force_login(_dvp_gebruiker(wereld))
    events = AuditEvent.objects.count()
    r = client.post("/api/mijn/verzoeken", {"soort": soort, "gegevens": gegevens}, content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert veld in {e["field"] for e in r.json()["errors"]}
    assert not Wijzigingsverzoek.objects.exists() and AuditEvent.objects.count() == events


def _dvp_gebruiker(wereld):
    return gebruiker_aanmaken(actor=None, gebruikersnaam="pgo-gebruiker", wachtwoord="test-Wachtwoord-2026!",
                              rol=Rol.DEELNEMER, deelnemer=wereld["dvp"])


@pytest.mark.parametrize("gegevens,veld", [
    ({**ENDPOINTS, "systeemrollen": ["MED=https://fhir.nieuw.nl/48"]}, "systeemrollen"),
    ({**ENDPOINTS, "systeemrollen": {"MED": 48}}, "systeemrollen"),
    ({**ENDPOINTS, "token_endpoint": {"url": "https://api.nieuw.nl/token"}}, "token_endpoint"),
])
def test_verzoek_met_waarden_van_de_verkeerde_soort_geeft_een_veldfout(client, wereld, gegevens, veld):
    """REG-VERZOEK: proposed values that are not text (or system roles that are not an object) are a field
    error at submission, never a 500."""
    client.force_login(wereld["gebruikers"]["deelnemer"])
    r = client.post("/api/mijn/verzoeken", {"soort": "dienst_instellen", "gegevens": gegevens},
                    content_type="application/json")
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == [veld]
    assert not Wijzigingsverzoek.objects.exists()


def test_verzoek_toont_veldlabels_en_de_deelnemer_vindt_al_zijn_verzoeken(client, wereld):
    """A change request's fields by the labels of the form it was filed with (before: ``organisatie_kvk``), and the
    participant's requests all reachable, filtered and paged (Mijn deelname shows the last ten)."""
    verzoek = verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dva"], soort="aanbieder_nieuw", gegevens={
        "naam": "apotheekdeeik@medmij", "weergavenaam": "Apotheek De Eik", "plaats": "Deventer",
        "organisatie_kvk": wereld["aanbieder"].organisatie.kvk_nummer})
    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.get(f"/beheer/verzoeken/{verzoek.pk}/").content.decode()
    assert "<dt>KvK-nummer van de zorgaanbieder</dt>" in html and "organisatie_kvk" not in html
    assert "<dt>Aanbiedernaam</dt>" in html
    client.force_login(wereld["gebruikers"]["deelnemer"])
    html = client.get("/mijn/verzoeken/", {"status": "ingediend"}).content.decode()
    assert f"#{verzoek.pk}" in html and "1 verzoek<" in html
    assert "Geen verzoeken gevonden" in client.get("/mijn/verzoeken/", {"status": "afgewezen"}).content.decode()
