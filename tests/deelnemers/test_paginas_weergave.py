"""The admission pages as people meet them (issue 11): the advice with its motivation where the board decides,
labels instead of codes, every error of a step in one round, post/redirect/get on the public application, the
participant's own aanbieders searchable and paged."""

import re

import pytest

from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, RolSoort
from stelselbeheer.overleg import services as ovl
from tests.stappen import proefbestuur, zet_status

AANVRAAG = {"naam": "Zorgapp B.V.", "kvk_nummer": "11223344", "soort": "leverancier", "rollen": ["dvp"],
            "overeenkomstversie": "2.2", "contact_email": "x@zorgapp.nl"}


@pytest.fixture
def met_advies(maak, wereld):
    """A participant in the advice step, with the staff's negative advice and its motivation."""
    d = maak.deelnemer("Nieuwe Zorg-ICT B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.KWALIFICATIE)
    return dln.deelnemer_overgang(actor=wereld["gebruikers"]["uitvoering"], deelnemer=d,
                                  overgang="advies_uitbrengen", gegevens={
                                      "advies": "negatief", "advies_toelichting": "De tests voor DVA ontbreken nog."})


def test_advies_op_de_deelnemerpagina_en_waar_het_bestuur_besluit(client, wereld, met_advies):
    """TOE-ADVIES: the advice and its motivation on the participant page, the step form of the board's decision and
    the proposal the board decides on (before: only a raw dict in the audit trail)."""
    orgaan, _ = proefbestuur()
    voorstel = ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Afwijzing", tekst="x",
                                             soort="afwijzing", stap="afwijzen", deelnemer=met_advies)
    client.force_login(wereld["gebruikers"]["bestuur"])
    for pad in (f"/beheer/deelnemers/{met_advies.pk}/", f"/beheer/deelnemers/{met_advies.pk}/stap/afwijzen/",
                voorstel.get_absolute_url()):
        html = client.get(pad).content.decode()
        assert "Advies van de uitvoeringsorganisatie" in html, pad
        assert "<strong>Negatief</strong>" in html and "De tests voor DVA ontbreken nog." in html, pad
        assert "door medewerker" in html, pad


def test_stap_meldt_de_status_met_zijn_label(client, wereld, maak):
    d = maak.deelnemer("Aanvrager B.V.", status=DeelnemerStatus.AANGEMELD)
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/beheer/deelnemers/{d.pk}/stap/intake_starten/", {"overeenkomstversie": "2.2"}, follow=True)
    html = r.content.decode()
    assert "Intake starten: vastgelegd; de status is nu: Intake." in html and "is nu &#x27;intake&#x27;" not in html


def test_alle_fouten_van_een_stap_in_een_ronde(client, wereld, maak):
    """The board's admission without a decision and with a non-positive advice: the missing decision and the
    failing condition together (before: the field first, the conditions after the next submit)."""
    d = maak.deelnemer("Aanvrager B.V.", status=DeelnemerStatus.ADVIES)
    client.force_login(wereld["gebruikers"]["bestuur"])
    html = client.post(f"/beheer/deelnemers/{d.pk}/stap/toelaten/", {"toelichting": "x"}).content.decode()
    samenvatting = html.split('class="foutoverzicht ')[1].split("</div>")[0]
    assert "Dit veld is verplicht" in samenvatting and "TOE-POSITIEF" in samenvatting
    assert Deelnemer.objects.get(pk=d.pk).status == DeelnemerStatus.ADVIES


def test_testresultaat_fouten_in_een_ronde_en_aria(client, wereld):
    """Kwalificatie form: the NAL-365 limit and the report's type with the other fields, ids that exist."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.post(f"/beheer/deelnemers/{wereld['dva'].pk}/kwalificaties/nieuw/", {
        "rol": "dva", "gegevensdienst": wereld["dienst"].pk, "testdatum": "2026-01-10", "geldig_tot": "2027-06-01",
        "resultaat": "", "bewijs": SimpleUploadedFile("rapport.exe", b"MZ")}).content.decode()
    samenvatting = html.split('class="foutoverzicht ')[1].split("</div>")[0]
    assert "Resultaat" in samenvatting and "NAL-365" in samenvatting and "ZIP-bestand" in samenvatting
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    verwijzingen = [i for w in re.findall(r'aria-describedby="([^"]+)"', html) for i in w.split()]
    assert verwijzingen and [i for i in verwijzingen if i not in ids] == []
    assert '<option value="dvp"' not in html  # only the participant's own roles


def test_aanvraag_herladen_dient_niets_opnieuw_in(client, db):
    """PRG on the public application: POST, follow the redirect, reload: one participant."""
    r = client.post("/aanmelden/", AANVRAAG, follow=True)
    assert r.redirect_chain == [("/aanmelden/ontvangen/", 302)] and "Uw aanvraag is ontvangen" in r.content.decode()
    assert "x@zorgapp.nl" in client.get("/aanmelden/ontvangen/").content.decode()  # the reload
    assert Deelnemer.objects.filter(organisatie__kvk_nummer="11223344").count() == 1
    html = client.get("/aanmelden/").content.decode()
    assert ">Aanvraag indienen</button>" in html


def test_eigen_aanbieders_zoeken_en_bladeren(client, wereld, maak):
    """Mijn deelname showed "De eerste 50 worden getoond" and a newly approved aanbieder could not be found."""
    for i in range(12):
        maak.aanbieder(wereld["dva"], naam=f"apotheek{'abcdefghijkl'[i]}@medmij", weergavenaam=f"Apotheek {i:02}")
    client.force_login(wereld["gebruikers"]["deelnemer"])
    mijn = client.get("/mijn/").content.decode()
    assert "De eerste 10 van 13 aanbieders (op naam) worden getoond" in mijn and 'href="/mijn/aanbieders/"' in mijn
    html = client.get("/mijn/aanbieders/", {"q": "apotheek 11"}).content.decode()
    assert "apotheekl@medmij" in html and "apotheekk@medmij" not in html and "1 aanbieder<" in html
    html = client.get("/mijn/aanbieders/", {"pagina": "1"}).content.decode()
    assert "13 aanbieders" in html and "Huisartsenpraktijk De Linde" in html


def test_openbare_deelnemers_gefilterd_en_gepagineerd(client, wereld):
    zet_status(wereld["dvp"], DeelnemerStatus.BEEINDIGD)
    html = client.get("/deelnemers/").content.decode()
    assert "Zorg-ICT Noord B.V." in html and "Mijn Gezondheid PGO B.V." not in html and "1 deelnemer<" in html
    html = client.get("/deelnemers/", {"deelname": "voormalig"}).content.decode()
    assert "Mijn Gezondheid PGO B.V." in html and "deelname beëindigd op" in html
    html = client.get("/deelnemers/", {"deelname": "", "rol": "dvp"}).content.decode()
    assert "Mijn Gezondheid PGO B.V." in html and "Zorg-ICT Noord B.V." not in html

