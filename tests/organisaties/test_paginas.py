"""Staff pages: search, filters, paging, and editing through forms with Dutch validation messages."""

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.organisaties.models import Organisatie, Soort


def test_zoeken_op_naam_kvk_en_soort(client, wereld, maak):
    for i in range(30):
        maak.organisatie(naam=f"Apotheek Nummer {i}", soort=Soort.ZORGAANBIEDER, plaats="Zwolle")
    client.force_login(wereld["gebruikers"]["bestuur"])
    pagina = client.get("/beheer/organisaties/", {"q": "apotheek"}).content.decode()
    assert "1–25 van 30 organisaties; pagina 1 van 2" in pagina
    pagina = client.get("/beheer/organisaties/", {"q": "apotheek", "pagina": 2}).content.decode()
    assert "26–30 van 30 organisaties; pagina 2 van 2" in pagina
    kvk = wereld["dvp"].organisatie.kvk_nummer
    pagina = client.get("/beheer/organisaties/", {"q": kvk}).content.decode()
    assert "1 organisatie<" in pagina and "Mijn Gezondheid PGO B.V." in pagina
    pagina = client.get("/beheer/organisaties/", {"soort": "rso"}).content.decode()
    assert "RSO Twente" in pagina and "Apotheek" not in pagina


def test_wijzigen_met_fout_toont_nederlandse_melding_en_schrijft_niets(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    org = wereld["dva"].organisatie
    events = AuditEvent.objects.count()
    r = client.post(f"/beheer/organisaties/{org.pk}/wijzigen/",
                    {"naam": "Zorg-ICT Noord B.V.", "soort": "leverancier", "kvk_nummer": "1234", "sector": "ict"})
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Controleer de invoer" in tekst and "Een KvK-nummer bestaat uit precies 8 cijfers." in tekst
    assert 'href="#id_kvk_nummer"' in tekst  # the error summary links to the field
    org.refresh_from_db()
    assert org.kvk_nummer != "1234" and AuditEvent.objects.count() == events


def test_rso_zonder_regio_is_ongeldig(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post("/beheer/organisaties/nieuw/", {"naam": "RSO Nergens", "soort": "rso", "kvk_nummer": "44455566",
                                                    "sector": "overig"})
    assert r.status_code == 200 and "Een RSO bedient een regio" in r.content.decode()
    assert not Organisatie.objects.filter(naam="RSO Nergens").exists()


def test_wijzigen_slaagt_en_legt_vast(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    org = wereld["dva"].organisatie
    r = client.post(f"/beheer/organisaties/{org.pk}/wijzigen/",
                    {"naam": "Zorg-ICT Noord B.V.", "soort": "leverancier", "kvk_nummer": org.kvk_nummer,
                     "sector": org.sector, "plaats": "Groningen", "reden": "verhuizing"})
    assert r.status_code == 302
    e = AuditEvent.objects.order_by("-volgnummer").first()
    assert (e.actie, e.na, e.reden, e.actor_naam) == ("organisatie.gewijzigd", {"plaats": "Groningen"}, "verhuizing",
                                                      "medewerker")


def test_kwalificatie_formulier_bewaakt_nal365(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    pad = f"/beheer/deelnemers/{wereld['dva'].pk}/kwalificaties/nieuw/"
    r = client.post(pad, {"rol": "dva", "gegevensdienst": wereld["dienst"].pk, "testdatum": "2026-01-10",
                          "resultaat": "geslaagd", "geldig_tot": "2027-01-11"})
    assert r.status_code == 200 and "NAL-365" in r.content.decode()
    r = client.post(pad, {"rol": "dva", "gegevensdienst": wereld["dienst"].pk, "testdatum": "2026-01-10",
                          "resultaat": "geslaagd"})
    assert r.status_code == 302


def test_deelnemer_detail_toont_kwalificaties_met_staat(client, wereld, maak):
    import datetime as dt

    maak.kwalificatie(wereld["dva"], wereld["dienst"], testdatum=dt.date.today() - dt.timedelta(days=400))
    client.force_login(wereld["gebruikers"]["auditor"])
    tekst = client.get(f"/beheer/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "Verlopen" in tekst and "Geldig" in tekst


def test_openbaar_register_zoeken_en_filteren(client, wereld):
    tekst = client.get("/aanbiedersregister/", {"q": "linde"}).content.decode()
    assert "Huisartsenpraktijk De Linde" in tekst and "1 aanbieder<" in tekst and "1 aanbieders" not in tekst
    tekst = client.get("/aanbiedersregister/", {"q": "tandarts"}).content.decode()
    assert "Geen aanbieders gevonden" in tekst
