"""The decision form of the board (issue 11): parties chosen with a search field with suggestions instead of a
multi-select of every organisation, the date filled in with today."""

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.services import vandaag


def test_geen_keuzelijst_van_alle_organisaties_en_datum_vandaag(client, wereld, maak):
    for i in range(40):
        maak.organisatie(naam=f"Apotheek {i:02}")
    client.force_login(wereld["gebruikers"]["bestuur"])
    html = client.get("/beheer/besluiten/nieuw/").content.decode()
    assert "<select" not in html.split('name="partijen"')[0].rsplit("<div", 1)[1]
    assert 'data-suggesties="/beheer/organisaties/suggesties.json"' in html
    assert "organisaties/organisatie-kiezen.js" in html and "<script>" not in html  # a static file (CSP)
    assert f'value="{vandaag():%Y-%m-%d}"' in html  # the date defaults to today
    assert html.count("<option") < 40


def test_suggesties_als_json_achter_het_leesrecht(client, wereld, maak):
    org = maak.organisatie(naam="Apotheek De Eik", plaats="Deventer")
    client.force_login(wereld["gebruikers"]["bestuur"])
    data = client.get("/beheer/organisaties/suggesties.json", {"q": "eik"}).json()
    assert data["resultaten"] == [{"kvk": org.kvk_nummer, "naam": "Apotheek De Eik", "plaats": "Deventer",
                                   "tekst": f"{org.kvk_nummer} Apotheek De Eik, Deventer"}]
    assert client.get("/beheer/organisaties/suggesties.json", {"q": "e"}).json() == {"resultaten": []}
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert client.get("/beheer/organisaties/suggesties.json", {"q": "eik"}).status_code == 403


def test_partijen_uit_suggesties_kvk_of_naam_en_fouten_per_regel(client, wereld, maak):
    """Without JavaScript the field takes KvK numbers or names, one per line; what it cannot resolve is named."""
    eik = maak.organisatie(naam="Apotheek De Eik", plaats="Deventer")
    linde = maak.organisatie(naam="Huisarts De Linde")
    client.force_login(wereld["gebruikers"]["bestuur"])
    basis = {"datum": "2026-11-23", "soort": "overig", "onderwerp": "Geschil", "tekst": "Uitspraak.", "openbaar": "on"}
    r = client.post("/beheer/besluiten/nieuw/", basis | {"partijen": "99999999\nOnbekende B.V.\nHuisarts De Linde"})
    html = r.content.decode()
    assert r.status_code == 200 and "geen organisatie met KvK-nummer 99999999" in html
    assert "Regel &#x27;Onbekende B.V.&#x27;: geen organisatie met deze naam" in html
    assert not Besluit.objects.exists()
    r = client.post("/beheer/besluiten/nieuw/",
                    basis | {"partijen": f"{eik.kvk_nummer} Apotheek De Eik, Deventer\nhuisarts de linde"})
    assert r.status_code == 302
    assert set(Besluit.objects.get().partijen.all()) == {eik, linde}


def test_bijlage_van_verkeerd_type_in_dezelfde_ronde_als_de_velden(client, wereld):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(wereld["gebruikers"]["bestuur"])
    html = client.post("/beheer/besluiten/nieuw/", {"datum": "2026-11-23", "soort": "overig", "onderwerp": "",
                                                    "tekst": "x", "bijlagen": SimpleUploadedFile("a.exe", b"MZ")}
                       ).content.decode()
    samenvatting = html.split('class="foutoverzicht ')[1].split("</div>")[0]
    assert "Onderwerp" in samenvatting and "a.exe: alleen" in samenvatting
