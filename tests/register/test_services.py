import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.register import services
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, OAuthclient


def test_aanbieder_met_ongeldige_naam_wordt_geweigerd(maak):
    dva = maak.deelnemer()
    with pytest.raises(ValidationError) as fout:
        maak.aanbieder(dva, naam="Huisarts-De-Linde@medmij")
    assert "naam" in fout.value.message_dict
    assert not Aanbieder.objects.exists()


def test_reg_dva_aanbieder_vraagt_een_dva(maak):
    dvp = maak.deelnemer(rollen=[RolSoort.DVP])
    with pytest.raises(ValidationError) as fout:
        maak.aanbieder(dvp)
    assert "dva" in fout.value.message_dict
    assert not Aanbieder.objects.exists()


def test_reg_dvp_client_vraagt_een_dvp(maak):
    dva = maak.deelnemer(rollen=[RolSoort.DVA])
    with pytest.raises(ValidationError) as fout:
        services.oauthclient_aanmaken(actor=None, hostname="app.pgo.nl", organisatienaam="PGO", dvp=dva)
    assert "dvp" in fout.value.message_dict
    assert not OAuthclient.objects.exists()


def test_dienst_instellen_valideert_endpoints_en_schrijft_niets_bij_fout(maak):
    dienst = maak.gegevensdienst()
    aanbieder = maak.aanbieder(maak.deelnemer())
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        services.aanbieder_dienst_instellen(
            actor=None, aanbieder=aanbieder, gegevensdienst=dienst,
            authorization_endpoint="https://auth.zorg.nl/authorize", token_endpoint="https://api.zorg.nl/token",
            systeemrollen={"MED": "http://onveilig.zorg.nl/fhir"})
    assert "systeemrollen.0.resource_endpoint" in fout.value.message_dict
    assert not AanbiederGegevensdienst.objects.exists()
    assert AuditEvent.objects.count() == events


def test_dienst_opnieuw_instellen_vervangt_systeemrollen(maak):
    dienst = maak.gegevensdienst()
    aanbieder = maak.aanbieder(maak.deelnemer(), gegevensdienst=dienst)
    d = services.aanbieder_dienst_instellen(
        actor=None, aanbieder=aanbieder, gegevensdienst=dienst,
        authorization_endpoint="https://auth.zorg.nl/authorize", token_endpoint="https://api.zorg.nl:8443/token",
        systeemrollen={"NIEUW": "https://fhir.zorg.nl/nieuw"})
    assert list(d.systeemrollen.values_list("code", flat=True)) == ["NIEUW"]
    e = AuditEvent.objects.order_by("-volgnummer").first()
    assert e.voor["systeemrollen"] == {"MED-FHIR-SERVER": "https://fhir.zorgictnoord.nl/delinde/48"}
    assert e.na["systeemrollen"] == {"NIEUW": "https://fhir.zorg.nl/nieuw"}


def test_dubbele_aanbiedernaam_wordt_geweigerd(maak):
    dva = maak.deelnemer()
    maak.aanbieder(dva)
    with pytest.raises(ValidationError) as fout:
        maak.aanbieder(dva)
    assert "naam" in fout.value.message_dict


@pytest.mark.parametrize("veld,waarden", [
    ("systeemrollen.0.code", {"systeemrollen": {"MED\x01": "https://fhir.zorg.nl/m"}}),
    ("token_endpoint", {"token_endpoint": "https://api.zorg.nl/tok\ufffeen"}),
    ("authorization_endpoint", {"authorization_endpoint": "https://auth.zorg.nl/tok en/authorize"}),
    ("systeemrollen.0.resource_endpoint", {"systeemrollen": {"MED": "https://fhir.zorg.nl/<m>"}}),
])
def test_reg_xmlteken_en_reg_uri_in_de_service(maak, veld, waarden):
    """REG-XMLTEKEN, REG-URI: a value that would break the ZAL (or that no client can call) is refused by the
    model validators the service runs, with the field named, and nothing is written."""
    dienst = maak.gegevensdienst()
    aanbieder = maak.aanbieder(maak.deelnemer())
    events = AuditEvent.objects.count()
    invoer = {"authorization_endpoint": "https://auth.zorg.nl/authorize", "token_endpoint": "https://api.zorg.nl/t",
              "systeemrollen": {"MED": "https://fhir.zorg.nl/m"}, **waarden}
    with pytest.raises(ValidationError) as fout:
        services.aanbieder_dienst_instellen(actor=None, aanbieder=aanbieder, gegevensdienst=dienst, **invoer)
    assert list(fout.value.message_dict) == [veld]
    assert not AanbiederGegevensdienst.objects.exists() and AuditEvent.objects.count() == events


def test_reg_xmlteken_op_elk_tekstveld_van_register_en_organisaties(maak):
    """REG-XMLTEKEN: names that go on the GNL and OCL, and organisation names, refuse the same characters."""
    dva, dvp = maak.deelnemer(), maak.deelnemer("PGO B.V.", rollen=[RolSoort.DVP])
    with pytest.raises(ValidationError) as fout:
        services.gegevensdienst_aanmaken(actor=None, code="4\x018", naam="Medicatie")
    assert "code" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.gegevensdienst_aanmaken(actor=None, code="49", naam="Medicatie\uffff")
    assert "naam" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.oauthclient_aanmaken(actor=None, hostname="app.pgo.nl", organisatienaam="PGO\x02", dvp=dvp)
    assert "organisatienaam" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        maak.aanbieder(dva, weergavenaam="Praktijk\x0b De Linde")
    assert "naam" in fout.value.message_dict  # the organisation is made first, from the same name
    with pytest.raises(ValidationError) as fout:
        maak.organisatie(naam="Zorg\x1f B.V.", plaats="Zwolle\x00")
    assert set(fout.value.message_dict) == {"naam", "plaats"}


def test_reg_xmlteken_op_de_formulieren(client, wereld):
    """The staff forms run the same validators: a field error, no 500, nothing written."""
    client.force_login(wereld["gebruikers"]["uitvoering"])
    aanbieder = wereld["aanbieder"]
    events = AuditEvent.objects.count()
    r = client.post(f"/beheer/aanbieders/{aanbieder.pk}/gegevensdienst/", {
        "gegevensdienst": wereld["dienst"].pk, "authorization_endpoint": "https://auth.zorg.nl/authorize",
        "token_endpoint": "https://api.example.nl/tok en/token", "systeemrollen": "MED\x01=https://fhir.zorg.nl/m"})
    assert r.status_code in (200, 422)
    tekst = r.content.decode()
    assert "het pad bevat een spatie" in tekst and "U+0001" in tekst
    r = client.post("/beheer/organisaties/nieuw/", {"naam": "Zorg\x01 B.V.", "soort": "leverancier",
                                                    "kvk_nummer": "12345679", "sector": "overig"})
    assert r.status_code in (200, 422) and "U+0001" in r.content.decode()
    assert AuditEvent.objects.count() == events
