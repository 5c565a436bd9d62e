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
