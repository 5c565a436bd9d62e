"""Compliance pages as people meet them (issue 11): the work queue filtered and paged with its total, the
participant's explanation shown once given, and the timeline by the steps' labels instead of their codes."""

import datetime as dt

import pytest

from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.naleving import services
from stelselbeheer.naleving.models import Nalevingszaak

VANDAAG = vandaag()


@pytest.fixture
def zaak(wereld):
    return services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365",
                                omstandigheden="Testresultaat verlopen.", datum=VANDAAG - dt.timedelta(days=45))


def test_werkvoorraad_gefilterd_en_gepagineerd(client, wereld, maak, zaak):
    """NAL-WERKVOORRAAD: 67 rows on one page before; now 25 a page with the total, filters as links."""
    deelnemers = [maak.deelnemer(f"Deelnemer {i:02} B.V.") for i in range(30)]
    for d in deelnemers:
        services.zaak_openen(actor=None, deelnemer=d, verplichting="NAL-365", omstandigheden="x")
    services.zaak_stap(actor=None, zaak=zaak, overgang="toelichting_vragen", datum=VANDAAG - dt.timedelta(days=30))
    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.get("/beheer/naleving/").content.decode()
    assert "1–25 van 31 zaken; pagina 1 van 2" in html
    assert html.index(zaak.nummer) < html.index("Deelnemer 00 B.V.")  # overdue first
    html = client.get("/beheer/naleving/", {"termijn": "verstreken"}).content.decode()
    assert zaak.nummer in html and "1 zaak<" in html and "Deelnemer 00 B.V." not in html
    html = client.get("/beheer/naleving/", {"q": "Deelnemer 07"}).content.decode()
    assert "1 zaak<" in html and "Deelnemer 07 B.V." in html


def test_toelichting_na_indienen_getoond_niet_weer_een_leeg_formulier(client, wereld, zaak):
    services.zaak_stap(actor=None, zaak=zaak, overgang="toelichting_vragen")
    client.force_login(wereld["gebruikers"]["deelnemer"])
    r = client.post(f"/mijn/naleving/{zaak.nummer}/", {"maatregelen": "Nieuwe test ingepland.",
                                                       "maatregelen_termijn": (VANDAAG + dt.timedelta(days=20))
                                                       .isoformat()}, follow=True)
    html = r.content.decode()
    assert "Uw toelichting is ontvangen." in html and "Ontvangen op" in html
    assert html.count("Nieuwe test ingepland.") >= 2  # shown, and prefilled in the form to amend it
    assert "Toelichting aanvullen of wijzigen" in html
    assert Nalevingszaak.objects.get(pk=zaak.pk).maatregelen == "Nieuwe test ingepland."


def test_tijdlijn_met_labels_in_plaats_van_codes(client, wereld, zaak):
    services.zaak_stap(actor=None, zaak=zaak, overgang="toelichting_vragen")
    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.get(f"/beheer/naleving/zaken/{zaak.nummer}/").content.decode()
    tijdlijn = html.split('<ol class="tijdlijn">')[1].split("</ol>")[0]
    assert "Verzoek om toelichting versturen (stap: 2. Verificatie en verzoek om toelichting)" in tijdlijn
    assert "toelichting_vragen" not in tijdlijn and "→ verificatie" not in tijdlijn and "Zaak geopend" in tijdlijn
