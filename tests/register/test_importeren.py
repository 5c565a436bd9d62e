"""CSV import: all or nothing, every error with line, column and reason."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

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


# --- REG-CSV: standard CSV quoting, every error per line, never a 500 or a traceback ---------------------

def _met_weergave(weergave: str, dva_kvk: str, scheiding: str = ",") -> str:
    velden = ["apotheekcentrum@medmij", weergave, "zorgaanbieder", "12345678", "Zwolle", dva_kvk, "48",
              "https://auth.x.nl/a", "https://api.x.nl/t", "MED=https://fhir.x.nl/m"]
    return KOP.replace(",", scheiding) + scheiding.join(velden) + "\n"


@pytest.mark.parametrize("scheiding", [",", ";"])
@pytest.mark.parametrize("veld,opgeslagen", [
    ('"Praktijk ""De Linde"", Utrecht"', 'Praktijk "De Linde", Utrecht'),  # quotes and a separator inside
    ('"Praktijk ""De Linde"""', 'Praktijk "De Linde"'),                    # doubled quotes at the end
    ('"Praktijk; De Linde, Utrecht"', "Praktijk; De Linde, Utrecht"),
])
def test_reg_csv_verdubbelde_aanhalingstekens(basis, scheiding, veld, opgeslagen):
    """REG-CSV: a quote inside a quoted field is written twice (RFC 4180), whatever the separator."""
    aanbieders_importeren(actor=None, tekst=_met_weergave(veld, basis, scheiding))
    assert Aanbieder.objects.get(naam="apotheekcentrum@medmij").weergavenaam == opgeslagen


SLECHTE_CSV = {
    # case: (text after the header, the line the error names, a piece of the reason)
    "veld te lang": (lambda b: _regel(dva_kvk=b) + _regel(naam="x" * 140_000, dva_kvk=b), 3, "langer dan 131.072"),
    "open aanhalingsteken": (lambda b: _regel(dva_kvk=b) + f'fysiojansen@medmij,"Fysio Jansen,zorgaanbieder,{b}\n'
                             + _regel(naam="tandartsvos@medmij", dva_kvk=b), 3, "nergens gesloten"),
    "tekst na aanhalingsteken": (lambda b: _regel(weergave='"Apotheek" Centrum', dva_kvk=b), 2,
                                 "Na het sluitende aanhalingsteken"),
    "stuurteken": (lambda b: _regel(rollen="MED\x01=https://fhir.x.nl/m", dva_kvk=b), 2, "U+0001"),
}


@pytest.mark.parametrize("geval", SLECHTE_CSV)
def test_reg_csv_slechte_bestanden_geven_fouten_per_regel(basis, geval):
    """REG-CSV: a broken file is a list of errors with their line, and nothing is written."""
    tekst, regel, reden = SLECHTE_CSV[geval]
    voor = _tellingen()
    with pytest.raises(ImportMislukt) as fout:
        aanbieders_importeren(actor=None, tekst=KOP + tekst(basis))
    assert fout.value.fouten[0].regel == regel and reden in fout.value.fouten[0].reden
    assert _tellingen() == voor


@pytest.mark.parametrize("geval", SLECHTE_CSV)
def test_reg_csv_importpagina_geeft_nooit_een_500(client, basis, wereld, geval):
    tekst, regel, reden = SLECHTE_CSV[geval]
    client.force_login(wereld["gebruikers"]["uitvoering"])
    voor = _tellingen()
    bestand = SimpleUploadedFile("aanbieders.csv", (KOP + tekst(basis)).encode())
    r = client.post("/beheer/aanbieders/import/", {"bestand": bestand})
    assert r.status_code == 422
    html = r.content.decode()
    assert "Er is niets geïmporteerd" in html and f"<td>{regel}</td>" in html and reden in html
    assert _tellingen() == voor


@pytest.mark.parametrize("geval", SLECHTE_CSV)
def test_reg_csv_opdrachtregel_meldt_fouten_zonder_traceback(basis, tmp_path, geval):
    """The CLI reports the errors and ends with a CommandError (a message and exit code 1, no traceback)."""
    tekst, regel, reden = SLECHTE_CSV[geval]
    pad = tmp_path / "aanbieders.csv"
    pad.write_text(KOP + tekst(basis), encoding="utf-8")
    voor = _tellingen()
    fouten = io.StringIO()
    with pytest.raises(CommandError, match="er is niets geïmporteerd"):
        call_command("importeer_aanbieders", str(pad), stderr=fouten)
    assert f"regel {regel}," in fouten.getvalue() and reden in fouten.getvalue()
    assert _tellingen() == voor


def test_reg_csv_opdrachtregel_importeert_aanhalingstekens(basis, tmp_path):
    pad = tmp_path / "aanbieders.csv"
    pad.write_text(_met_weergave('"Praktijk ""De Linde"", Utrecht"', basis, ";"), encoding="utf-8")
    call_command("importeer_aanbieders", str(pad), stdout=io.StringIO())
    assert Aanbieder.objects.get(naam="apotheekcentrum@medmij").weergavenaam == 'Praktijk "De Linde", Utrecht'
