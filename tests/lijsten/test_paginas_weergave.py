"""Staff pages of the lists as people read them (issue 11): the why-page's qualifications as a table with the
gegevensdienst names (before: ``{'48': 3}``), a version's difference that says when it shows part of it and links to
the whole, searchable and paged, and who published in words (before: "Aanleiding: Medewerker door medewerker")."""

from stelselbeheer.lijsten.models import Snapshot
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.register import services as reg


def test_waarom_toont_de_kwalificaties_als_tabel(client, register):
    lijst_publiceren(actor=None, lijst="zal")
    client.force_login(register["gebruikers"]["auditor"])
    html = client.get("/beheer/lijsten/waarom/", {"lijst": "zal", "sleutel": "huisartsdelinde@medmij"}
                      ).content.decode()
    assert "{&#x27;" not in html and "{'" not in html  # no Python dict
    tabel = html.split("Kwalificaties waarmee")[1].split("</table>")[0]
    assert "Medicatiegegevens (48)" in tabel and "Zorg-ICT Noord B.V., Dienstverlener aanbieder (DVA)" in tabel
    assert "voldoet <strong>wel</strong> aan de regels van de Aanbiederslijst (ZAL)" in html


def test_verschil_zegt_dat_het_een_deel_toont_en_linkt_naar_het_geheel(client, register, maak):
    for i in range(25):
        a = maak.aanbieder(register["dva"], naam=f"praktijk{'abcdefghijklmnopqrstuvwxy'[i]}@medmij",
                           weergavenaam=f"Praktijk {i:02}")
        reg.aanbieder_dienst_instellen(actor=None, aanbieder=a, gegevensdienst=register["dienst"],
                                       authorization_endpoint="https://auth.praktijk.nl/authorize",
                                       token_endpoint="https://api.praktijk.nl/token",
                                       systeemrollen={"MED-FHIR-SERVER": "https://fhir.praktijk.nl/48"})
    snapshot = lijst_publiceren(actor=register["gebruikers"]["uitvoering"], lijst="zal", omschrijving="handmatig")
    client.force_login(register["gebruikers"]["auditor"])
    html = client.get(f"/beheer/lijsten/zal/{snapshot.volgnummer}/").content.decode()
    assert "De eerste 20 van 27 entries worden getoond." in html
    assert f'href="/beheer/lijsten/zal/{snapshot.volgnummer}/toegevoegd/"' in html
    assert "Handmatig gepubliceerd door medewerker: handmatig" in html and "Medewerker door" not in html
    html = client.get(f"/beheer/lijsten/zal/{snapshot.volgnummer}/toegevoegd/").content.decode()
    assert "27 entries" in html and "praktijky@medmij" in html
    html = client.get(f"/beheer/lijsten/zal/{snapshot.volgnummer}/toegevoegd/", {"q": "praktijkc"}).content.decode()
    assert "1 entry<" in html and "praktijkc@medmij" in html and "praktijkd@medmij" not in html
    assert client.get(f"/beheer/lijsten/zal/{snapshot.volgnummer}/anders/").status_code == 404
    assert Snapshot.objects.filter(lijst="zal").count() == 1
