"""Staff page to set an aanbieder's endpoints and system roles (REG-URI, REG-SYSROL)."""

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.register.models import Systeemrol


def _pad(wereld):
    return f"/beheer/aanbieders/{wereld['aanbieder'].pk}/gegevensdienst/"


def test_formulier_toont_bestaande_endpoints(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    tekst = client.get(_pad(wereld), {"gegevensdienst": "48"}).content.decode()
    assert "https://auth.zorgictnoord.nl/delinde/authorize" in tekst
    assert "MED-FHIR-SERVER=https://fhir.zorgictnoord.nl/delinde/48" in tekst


def test_ongeldig_endpoint_meldt_het_veld_en_schrijft_niets(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    events = AuditEvent.objects.count()
    r = client.post(_pad(wereld), {"gegevensdienst": wereld["dienst"].pk,
                                   "authorization_endpoint": "https://auth.zorg.nl:8443/authorize",
                                   "token_endpoint": "https://api.zorg.nl/token",
                                   "systeemrollen": "MED=http://fhir.zorg.nl/x"})
    tekst = r.content.decode()
    assert r.status_code == 200
    assert "Geen geldige frontchannel-URI" in tekst and "Geen geldige backchannel-URI" in tekst
    assert AuditEvent.objects.count() == events
    assert list(Systeemrol.objects.values_list("code", flat=True)) == ["MED-FHIR-SERVER"]


def test_instellen_vervangt_systeemrollen(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(_pad(wereld), {"gegevensdienst": wereld["dienst"].pk,
                                   "authorization_endpoint": "https://auth.zorg.nl/authorize",
                                   "token_endpoint": "https://api.zorg.nl:8443/token",
                                   "systeemrollen": "A=https://fhir.zorg.nl/a\nB=https://fhir.zorg.nl/b\n",
                                   "reden": "nieuwe server"})
    assert r.status_code == 302
    assert sorted(Systeemrol.objects.values_list("code", flat=True)) == ["A", "B"]
    assert AuditEvent.objects.order_by("-volgnummer").first().reden == "nieuwe server"


def test_dubbele_systeemrol_wordt_gemeld(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(_pad(wereld), {"gegevensdienst": wereld["dienst"].pk,
                                   "authorization_endpoint": "https://auth.zorg.nl/authorize",
                                   "token_endpoint": "https://api.zorg.nl/token",
                                   "systeemrollen": "A=https://fhir.zorg.nl/a\nA=https://fhir.zorg.nl/b"})
    assert "Systeemrol A staat er twee keer in." in r.content.decode()
