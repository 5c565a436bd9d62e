"""The register fields of the current list formats (REG-FORMATEN: REG-AANBIEDERTYPE, REG-HRN, REG-INTERFACEVERSIE,
REG-ABONNEREN): refused with a field error on bad input, alike in form, CSV import, API and change request, and
nothing written; good input arrives."""

import pytest

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.register import verzoeken
from stelselbeheer.register.importeren import aanbieders_importeren, valideer
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Aanbiedertype, Wijzigingsverzoek

ENDPOINTS = {"aanbieder": "huisartsdelinde@medmij", "gegevensdienst": "48",
             "authorization_endpoint": "https://auth.nieuw.nl/authorize", "token_endpoint": "https://api.nieuw.nl/token",
             "systeemrollen": {"MED-FHIR-SERVER": "https://fhir.nieuw.nl/48"}}
SLECHT = [  # (field, bad value as a change request / API gives it, as the form and CSV give it)
    ("interfaceversies", ["1.4"], "1.4"),
    ("interfaceversies", ["1.4.0", "1.4.0"], "1.4.0, 1.4.0"),
    ("interfaceversies", ["v1.4.0"], "v1.4.0"),
    ("abonneren_maximale_duur", 0, "0"),
    ("abonneren_maximale_duur", 3651, "3651"),
    ("abonneren_endpoint", "http://abo.nieuw.nl/s", "http://abo.nieuw.nl/s"),
]


@pytest.fixture(autouse=True)
def typen(db):
    for code in ("ZA", "BAZB", "APD"):
        Aanbiedertype.objects.get_or_create(code=code, defaults={"naam": code})


@pytest.mark.parametrize("veld,waarde,_tekst", SLECHT)
def test_verzoek_weigert_slechte_formaatvelden_met_een_veldfout(client, wereld, veld, waarde, _tekst):
    client.force_login(wereld["gebruikers"]["deelnemer"])
    gegevens = {**ENDPOINTS, veld: waarde}
    if veld == "abonneren_maximale_duur":
        gegevens["abonneren_endpoint"] = "https://abo.nieuw.nl/s"
    if veld == "abonneren_endpoint":
        gegevens["abonneren_maximale_duur"] = 30
    r = client.post("/api/mijn/verzoeken", {"soort": "dienst_instellen", "gegevens": gegevens},
                    content_type="application/json")
    assert r.status_code == 422 and veld in {e["field"] for e in r.json()["errors"]}, r.content
    assert not Wijzigingsverzoek.objects.exists()


@pytest.mark.parametrize("gegevens,veld", [
    ({**ENDPOINTS, "abonneren_maximale_duur": 30}, "abonneren_endpoint"),
    ({**ENDPOINTS, "abonneren_endpoint": "https://abo.nieuw.nl/s"}, "abonneren_maximale_duur"),
    ({**ENDPOINTS, "interfaceversies": "1.4.0"}, "interfaceversies"),
    ({**ENDPOINTS, "abonneren_maximale_duur": "30"}, "abonneren_maximale_duur"),
])
def test_reg_abonneren_beide_of_geen_en_de_juiste_soort(wereld, gegevens, veld):
    with pytest.raises(Exception) as fout:
        verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dva"], soort="dienst_instellen", gegevens=gegevens)
    assert veld in fout.value.message_dict
    assert not Wijzigingsverzoek.objects.exists()


def test_verzoek_met_goede_formaatvelden_komt_na_goedkeuring_in_het_register(wereld):
    verzoek = verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dva"], soort="dienst_instellen", gegevens={
        **ENDPOINTS, "interfaceversies": ["1.3.0", "1.4.0"], "abonneren_maximale_duur": 90,
        "abonneren_endpoint": "https://abo.nieuw.nl/s"})
    verzoeken.verzoek_goedkeuren(actor=wereld["gebruikers"]["uitvoering"], verzoek=verzoek)
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam="huisartsdelinde@medmij")
    assert (dienst.interfaceversies, dienst.abonneren_maximale_duur) == (["1.3.0", "1.4.0"], 90)


@pytest.mark.parametrize("veld,waarde", [("aanbiedertype", "XX"), ("aanbiedertype", "za"), ("hrn", "12 34"),
                                         ("hrn", "x" * 21)])
def test_verzoek_nieuwe_aanbieder_weigert_slecht_type_en_hrn(wereld, veld, waarde):
    with pytest.raises(Exception) as fout:
        verzoeken.verzoek_indienen(actor=None, deelnemer=wereld["dva"], soort="aanbieder_nieuw", gegevens={
            "naam": "apotheekdeeik@medmij", "weergavenaam": "Apotheek De Eik", "plaats": "Deventer",
            "organisatie_kvk": wereld["aanbieder"].organisatie.kvk_nummer, veld: waarde})
    assert veld in fout.value.message_dict


@pytest.mark.parametrize("veld,waarde", [("aanbiedertype", "XX"), ("hrn", "12-34")])
def test_api_aanbieder_weigert_slecht_type_en_hrn(client, wereld, veld, waarde):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    body = {"naam": "tweedepraktijk@medmij", "weergavenaam": "Tweede", "organisatie_id": wereld["aanbieder"]
            .organisatie.pk, "dva_id": wereld["dva"].pk, veld: waarde}
    r = client.post("/api/beheer/aanbieders", body, content_type="application/json")
    assert r.status_code == 422 and veld in {e["field"] for e in r.json()["errors"]}
    assert not Aanbieder.objects.filter(naam="tweedepraktijk@medmij").exists()
    body.update(aanbiedertype="BAZB", hrn="AB12")
    r = client.post("/api/beheer/aanbieders", body, content_type="application/json")
    assert r.status_code == 201 and (r.json()["aanbiedertype"], r.json()["hrn"]) == ("BAZB", "AB12")


@pytest.mark.parametrize("veld,_waarde,tekst", SLECHT)
def test_formulier_weigert_slechte_formaatvelden(client, wereld, veld, _waarde, tekst):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    events = AuditEvent.objects.count()
    post = {"gegevensdienst": wereld["dienst"].pk, "authorization_endpoint": "https://auth.zorg.nl/authorize",
            "token_endpoint": "https://api.zorg.nl/token", "systeemrollen": "MED=https://fhir.zorg.nl/x",
            "abonneren_maximale_duur": "30", "abonneren_endpoint": "https://abo.zorg.nl/s", veld: tekst}
    r = client.post(f"/beheer/aanbieders/{wereld['aanbieder'].pk}/gegevensdienst/", post)
    assert r.status_code == 200 and f'id="id_{veld}"' in r.content.decode()
    voor, na = r.content.decode().split(f'id="id_{veld}"', 1)
    assert 'aria-invalid="true"' in voor[-400:] + na[:400]
    assert AuditEvent.objects.count() == events


def test_formulier_aanbieder_weigert_slechte_hrn(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    a = wereld["aanbieder"]
    r = client.post(f"/beheer/aanbieders/{a.pk}/wijzigen/", {"weergavenaam": a.weergavenaam, "soort": a.soort,
                                                              "plaats": a.plaats, "hrn": "12 34"})
    assert r.status_code == 200 and "Een HRN bestaat uit" in r.content.decode()
    a.refresh_from_db()
    assert a.hrn == ""


KOP = ("aanbiedernaam,weergavenaam,soort,kvk_nummer,plaats,dva_kvk,gegevensdienst,authorization_endpoint,"
       "token_endpoint,systeemrollen,aanbiedertype,hrn,interfaceversies,abonneren_maximale_duur,abonneren_endpoint\n")


@pytest.mark.parametrize("kolom,waarde", [("aanbiedertype", "XX"), ("hrn", "12 34"), ("interfaceversies", "1.4"),
                                          ("interfaceversies", "1.4.0|1.4.0"), ("abonneren_maximale_duur", "0"),
                                          ("abonneren_maximale_duur", "dertig"),
                                          ("abonneren_endpoint", "http://abo.x.nl/s")])
def test_csv_weigert_slechte_formaatvelden_per_kolom(wereld, kolom, waarde):
    velden = {"aanbiedertype": "ZA", "hrn": "", "interfaceversies": "1.4.0", "abonneren_maximale_duur": "30",
              "abonneren_endpoint": "https://abo.x.nl/s", kolom: waarde}
    regel = (f"apotheekcentrum@medmij,Apotheek Centrum,zorgaanbieder,12345678,Zwolle,"
             f"{wereld['dva'].organisatie.kvk_nummer},48,https://auth.x.nl/a,https://api.x.nl/t,MED=https://fhir.x.nl/m,"
             f"{velden['aanbiedertype']},{velden['hrn']},{velden['interfaceversies']},"
             f"{velden['abonneren_maximale_duur']},{velden['abonneren_endpoint']}\n")
    _, fouten = valideer(KOP + regel)
    assert [(f.regel, f.kolom) for f in fouten] == [(2, kolom)], fouten


def test_csv_zonder_de_nieuwe_kolommen_geeft_de_standaarden(wereld):
    kop = KOP.split(",aanbiedertype")[0] + "\n"
    regel = (f"apotheekcentrum@medmij,Apotheek Centrum,zorgaanbieder,12345678,Zwolle,"
             f"{wereld['dva'].organisatie.kvk_nummer},48,https://auth.x.nl/a,https://api.x.nl/t,MED=https://fhir.x.nl/m\n")
    aanbieders_importeren(actor=None, tekst=kop + regel)
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam="apotheekcentrum@medmij")
    assert dienst.interfaceversies == ["1.4.0"] and dienst.abonneren_maximale_duur is None
