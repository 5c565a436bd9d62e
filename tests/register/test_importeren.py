"""CSV import: all or nothing, every error with line, column and reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.importeren import ImportMislukt, aanbieders_importeren
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Systeemrol

KOP = ("aanbiedernaam,weergavenaam,soort,kvk_nummer,plaats,dva_kvk,gegevensdienst,authorization_endpoint,"
       "token_endpoint,systeemrollen\n")


def _regel(naam="apotheekcentrum@medmij", dienst="48", kvk="12345678", dva_kvk=None, auth="https://auth.x.nl/a",
           rollen="MED=https://fhir.x.nl/m", weergave="Apotheek Centrum", soort="zorgaanbieder"):
    return f"{naam},{weergave},{soort},{kvk},Zwolle,{dva_kvk},{dienst},{auth},https://api.x.nl/t,{rollen}\n"


@pytest.fixture
def basis(wereld, maak):
    maak.gegevensdienst("1", "Basisgegevensset Zorg")
    return wereld["dva"].organisatie.kvk_nummer


def _tellingen():
    return (Aanbieder.objects.count(), AanbiederGegevensdienst.objects.count(), Systeemrol.objects.count(),
            Organisatie.objects.count(), AuditEvent.objects.count())


def test_goed_bestand_wordt_geheel_ingelezen(basis):
    tekst = KOP + _regel(dva_kvk=basis) + _regel(dva_kvk=basis, dienst="1") + _regel(
        naam="fysiotherapiejansen@medmij", weergave="Fysiotherapie Jansen", kvk="87654321", dva_kvk=basis,
        rollen="A=https://fhir.x.nl/a|B=https://fhir.x.nl/b")
    uitkomst = aanbieders_importeren(actor=None, tekst=tekst, bestandsnaam="aanbieders.csv")
    assert (uitkomst.aanbieders, uitkomst.diensten, uitkomst.organisaties) == (2, 3, 2)
    assert Aanbieder.objects.get(naam="apotheekcentrum@medmij").diensten.count() == 2
    assert Systeemrol.objects.filter(dienst__aanbieder__naam="fysiotherapiejansen@medmij").count() == 2
    e = AuditEvent.objects.order_by("-volgnummer").first()
    assert e.actie == "aanbieders.geimporteerd"
    assert e.na["aanbieders"] == ["apotheekcentrum@medmij", "fysiotherapiejansen@medmij"]


def test_fout_bestand_meldt_elke_fout_en_schrijft_niets(basis):
    tekst = (KOP + _regel(dva_kvk=basis)  # line 2: fine
             + _regel(naam="Fout-Naam@medmij", dva_kvk=basis, dienst="1")  # line 3: naming policy
             + _regel(naam="tandartsvos@medmij", kvk="123", dva_kvk="99999999", dienst="77",  # line 4
                      auth="http://auth.x.nl/a", rollen="MED")
             + _regel(dva_kvk=basis))  # line 5: same aanbieder and dienst as line 2
    voor = _tellingen()
    with pytest.raises(ImportMislukt) as fout:
        aanbieders_importeren(actor=None, tekst=tekst)
    gevonden = {(f.regel, f.kolom) for f in fout.value.fouten}
    assert (3, "aanbiedernaam") in gevonden
    assert {(4, "kvk_nummer"), (4, "dva_kvk"), (4, "gegevensdienst"), (4, "authorization_endpoint"),
            (4, "systeemrollen")} <= gevonden
    assert (5, "gegevensdienst") in gevonden
    assert not any(f.regel == 2 for f in fout.value.fouten)
    assert all(f.reden for f in fout.value.fouten)
    assert _tellingen() == voor


def test_ontbrekende_kolom_en_bestaande_aanbieder(basis, wereld):
    with pytest.raises(ImportMislukt) as fout:
        aanbieders_importeren(actor=None, tekst="aanbiedernaam,weergavenaam\nx@medmij,X\n")
    assert {f.kolom for f in fout.value.fouten} >= {"soort", "systeemrollen"}
    with pytest.raises(ImportMislukt) as fout:
        aanbieders_importeren(actor=None, tekst=KOP + _regel(naam=wereld["aanbieder"].naam, dva_kvk=basis))
    assert fout.value.fouten[0].reden == "Deze aanbieder staat al in het register."


def test_puntkomma_als_scheidingsteken(basis):
    tekst = (KOP + _regel(dva_kvk=basis)).replace(",", ";")
    assert aanbieders_importeren(actor=None, tekst=tekst).aanbieders == 1


def test_importpagina_medewerker_ziet_fouten_per_regel(client, basis, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    voor = _tellingen()
    bestand = SimpleUploadedFile("fout.csv", (KOP + _regel(naam="X@medmij", dva_kvk=basis)).encode())
    r = client.post("/beheer/aanbieders/import/", {"bestand": bestand})
    assert r.status_code == 422
    tekst = r.content.decode()
    assert "Er is niets geïmporteerd" in tekst and "aanbiedernaam" in tekst
    assert _tellingen() == voor
    bestand = SimpleUploadedFile("goed.csv", (KOP + _regel(dva_kvk=basis)).encode())
    r = client.post("/beheer/aanbieders/import/", {"bestand": bestand})
    assert r.status_code == 302
    assert Aanbieder.objects.filter(naam="apotheekcentrum@medmij").exists()


def test_importpagina_weigert_niet_utf8(client, basis, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post("/beheer/aanbieders/import/", {"bestand": SimpleUploadedFile("x.csv", "é".encode("latin-1"))})
    assert r.status_code == 200 and "geen UTF-8" in r.content.decode()


@pytest.mark.parametrize("rol", ["bestuur", "auditor", "deelnemer", "regio"])
def test_importpagina_alleen_voor_uitvoering(client, wereld, rol, basis):
    client.force_login(wereld["gebruikers"][rol])
    voor = _tellingen()
    bestand = SimpleUploadedFile("goed.csv", (KOP + _regel(dva_kvk=basis)).encode())
    assert client.post("/beheer/aanbieders/import/", {"bestand": bestand}).status_code == 403
    assert _tellingen() == voor
