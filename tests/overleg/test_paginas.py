"""The pages per role: OVL-SCHEIDING on the pages (staff prepare and put forward, only a voting board member decides),
OVL-OPENBAAR (the public sees public bodies' schedules, no agendas) and OVL-VERTROUWELIJK (the auditor reads,
confidential pieces excepted)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services
from stelselbeheer.overleg.models import Besluitvoorstel, Notulen, NotulenStatus, VoorstelStatus

from .conftest import plannen


def _beslissen(client, voorstel, beslissing="vaststellen", **extra):
    return client.post(f"/overleg/voorstellen/{voorstel.nummer}/beslissen/",
                       {"beslissing": beslissing, "revisie": voorstel.revisie, **extra})


def test_medewerker_kan_niet_vaststellen_via_de_pagina(client, bestuur):
    client.force_login(bestuur.medewerker)
    assert client.get(f"/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissen/").status_code == 403
    r = _beslissen(client, bestuur.voorstel)
    assert r.status_code == 403 and Besluit.objects.count() == 0


def test_bestuurder_die_geen_lid_is_kan_niet_vaststellen(client, bestuur, maak):
    client.force_login(maak.gebruiker(Rol.BESTUUR, "geen-lid"))
    pagina = client.get(f"/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissen/").content.decode()
    assert "OVL-SCHEIDING" in pagina  # the page says why, before the button is pressed
    assert 'value="vaststellen"' not in pagina  # and offers no button that can only be refused
    r = _beslissen(client, bestuur.voorstel)
    assert r.status_code == 403 and "stemgerechtigd lid" in r.content.decode()
    assert Besluit.objects.count() == 0


def test_bestuurslid_stelt_vast_via_de_pagina(client, bestuur):
    client.force_login(bestuur.bestuurder)
    vergadering = client.get(f"/overleg/vergaderingen/{bestuur.vergadering.pk}/").content.decode()
    assert f"/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissen/" in vergadering
    beslissen = client.get(f"/overleg/voorstellen/{bestuur.voorstel.nummer}/beslissen/").content.decode()
    assert 'value="vaststellen"' in beslissen
    r = _beslissen(client, bestuur.voorstel)
    assert r.status_code == 302 and r["Location"] == f"/overleg/voorstellen/{bestuur.voorstel.nummer}/"
    besluit = Besluit.objects.get()
    pagina = client.get(r["Location"]).content.decode()
    assert f"besluit {besluit.nummer}" in pagina and "Vastgesteld" in pagina
    assert _beslissen(client, bestuur.voorstel).status_code == 200  # again: the form says why not
    assert Besluit.objects.count() == 1


def test_beslissen_op_een_oude_revisie_wordt_geweigerd(client, bestuur):
    client.force_login(bestuur.bestuurder)
    oud = Besluitvoorstel.objects.get(pk=bestuur.voorstel.pk)
    services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=oud, wijzigingen={"tekst": "Nieuw."})
    r = _beslissen(client, oud)
    assert r.status_code == 200 and "OVL-REVISIE" in r.content.decode()
    assert Besluit.objects.count() == 0


def test_aanhouden_vraagt_een_reden_op_de_pagina(client, bestuur):
    client.force_login(bestuur.bestuurder)
    r = _beslissen(client, bestuur.voorstel, "aanhouden")
    assert r.status_code == 200 and "OVL-REDEN" in r.content.decode()
    r = _beslissen(client, bestuur.voorstel, "aanhouden", toelichting="Eerst advies van de werkgroep.")
    assert r.status_code == 302
    assert Besluitvoorstel.objects.get().status == VoorstelStatus.AANGEHOUDEN


def test_medewerker_stelt_op_en_legt_voor_via_de_paginas(client, bestuur, wereld):
    client.force_login(bestuur.medewerker)
    r = client.get(f"/overleg/voorstellen/nieuw/?agendapunt={bestuur.punt.pk}")
    assert r.status_code == 200 and 'value="Toelating Zorg-ICT Noord"' in r.content.decode()
    r = client.post("/overleg/voorstellen/nieuw/", {
        "orgaan": bestuur.orgaan.pk, "onderwerp": "Opschorting", "tekst": "Het bestuur schort op.",
        "soort": "opschorting", "deelnemer": wereld["dva"].pk, "agendapunt": bestuur.punt.pk})
    voorstel = Besluitvoorstel.objects.get(onderwerp="Opschorting")
    assert r.status_code == 302 and r["Location"] == voorstel.get_absolute_url()
    assert not voorstel.openbaar  # an unticked box is "not public"
    r = client.post(f"/overleg/voorstellen/{voorstel.nummer}/voorleggen/", {"toelichting": ""})
    assert r.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VOORGELEGD
    # the board member now finds it on the meeting page and in the list of proposals before the board
    client.force_login(bestuur.bestuurder)
    assert voorstel.nummer in client.get("/overleg/voorstellen/?status=voorgelegd").content.decode()


def test_partijen_van_een_voorstel_zonder_keuzelijst_van_alle_organisaties(client, bestuur, wereld):
    """Issue 11: parties are chosen among thousands of organisations by KvK number or name (with suggestions), not
    from a select of every organisation; an unknown one is a field error."""
    client.force_login(bestuur.medewerker)
    html = client.get("/overleg/voorstellen/nieuw/").content.decode()
    assert 'name="partijen"' in html and "data-suggesties" in html and '<select name="partijen"' not in html
    partij = wereld["dvp"].organisatie
    gegevens = {"orgaan": bestuur.orgaan.pk, "onderwerp": "Geschil", "tekst": "Het bestuur doet uitspraak.",
                "soort": "overig", "openbaar": "on"}
    r = client.post("/overleg/voorstellen/nieuw/", gegevens | {"partijen": "99999999 Bestaat niet"})
    assert r.status_code == 200 and "partijen" in r.context["form"].errors
    r = client.post("/overleg/voorstellen/nieuw/", gegevens | {"partijen": f"{partij.kvk_nummer} {partij.naam}"})
    assert r.status_code == 302
    assert list(Besluitvoorstel.objects.get(onderwerp="Geschil").partijen.all()) == [partij]


def test_fout_in_het_voorstelformulier_noemt_het_veld(client, bestuur):
    client.force_login(bestuur.medewerker)
    r = client.post("/overleg/voorstellen/nieuw/", {"orgaan": bestuur.orgaan.pk, "soort": "onzin"})
    pagina = r.content.decode()
    assert r.status_code == 200 and "Controleer de invoer" in pagina
    assert "Onderwerp:" in pagina and "Soort besluit:" in pagina
    assert Besluitvoorstel.objects.count() == 1


def test_vergadering_plannen_en_agendapunt_via_de_paginas(client, bestuur, wereld):
    client.force_login(bestuur.medewerker)
    r = client.post("/overleg/bestuur/vergaderingen/nieuw/", {"datum": "2027-01-14", "begintijd": "14:00",
                                                                "eindtijd": "16:00", "plaats": "Utrecht"})
    vergadering = bestuur.orgaan.vergaderingen.order_by("-begin").first()
    assert r.status_code == 302 and r["Location"] == vergadering.get_absolute_url()
    assert vergadering.begin == dt.datetime(2027, 1, 14, 13, 0, tzinfo=dt.UTC)  # 14:00 in Amsterdam, winter
    r = client.post(f"/overleg/vergaderingen/{vergadering.pk}/agenda/nieuw/", {
        "titel": "Toelating", "onderwerp_soort": "deelnemer", "onderwerp_sleutel": "Bestaat Niet B.V."})
    assert r.status_code == 200 and "Geen toetreding of deelname (deelnemer) gevonden" in r.content.decode()
    r = client.post(f"/overleg/vergaderingen/{vergadering.pk}/agenda/nieuw/", {
        "titel": "Toelating", "onderwerp_soort": "deelnemer", "onderwerp_sleutel": "Zorg-ICT Noord B.V."})
    assert r.status_code == 302
    assert vergadering.agendapunten.get().onderwerp == wereld["dva"]
    pagina = client.get(vergadering.get_absolute_url()).content.decode()
    assert "Toetreding of deelname (deelnemer)" in pagina and wereld["dva"].get_absolute_url() in pagina


def test_publiek_ziet_de_planning_van_een_openbaar_orgaan_maar_geen_agenda(client, bestuur):
    pagina = client.get("/overleg/").content.decode()
    assert "Bestuur Stichting MedMij" in pagina
    pagina = client.get("/overleg/bestuur/").content.decode()
    assert "Vergaderingen" in pagina and "Leden" not in pagina
    pagina = client.get(f"/overleg/vergaderingen/{bestuur.vergadering.pk}/").content.decode()
    assert "Utrecht" in pagina and "Toelating Zorg-ICT Noord" not in pagina and "niet openbaar" in pagina


@pytest.mark.parametrize("rol", ["publiek", "deelnemer", "regio"])
def test_niet_openbaar_orgaan_niet_voor_publiek_deelnemer_en_regio(client, wereld, rol):
    stuurgroep = services.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep Geheim",
                                          soort="stuurgroep")
    vergadering = plannen(stuurgroep, timezone.now() + dt.timedelta(days=3))
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    assert "Stuurgroep Geheim" not in client.get("/overleg/").content.decode()
    for pad in ("/overleg/stuurgroep/", f"/overleg/vergaderingen/{vergadering.pk}/"):
        r = client.get(pad)
        assert r.status_code == (302 if rol == "publiek" else 403)


def test_auditor_leest_maar_ziet_geen_vertrouwelijke_stukken(client, bestuur, wereld):
    open_ = services.document_toevoegen(actor=None, vergadering=bestuur.vergadering,
                                        bestand=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda"))
    geheim = services.document_toevoegen(actor=None, vergadering=bestuur.vergadering, vertrouwelijk=True,
                                         bestand=SimpleUploadedFile("geheim-advies.pdf", b"%PDF-1.4 geheim"))
    services.adviesnota_opstellen(actor=None, agendapunt=bestuur.punt, titel="Vertrouwelijk advies", advies="x")
    niet_openbaar = services.besluitvoorstel_opstellen(actor=None, orgaan=bestuur.orgaan, onderwerp="Geheim voorstel",
                                                       tekst="x", soort="overig", openbaar=False,
                                                       agendapunt=bestuur.punt)
    client.force_login(wereld["gebruikers"]["auditor"])
    pagina = client.get(f"/overleg/vergaderingen/{bestuur.vergadering.pk}/").content.decode()
    assert "agenda.pdf" in pagina and "Toelating Zorg-ICT Noord" in pagina
    assert "geheim-advies.pdf" not in pagina and "Vertrouwelijk advies" not in pagina
    assert "Geheim voorstel" not in pagina
    assert client.get(open_.get_absolute_url()).status_code == 200
    assert client.get(geheim.get_absolute_url()).status_code == 404
    assert client.get(niet_openbaar.get_absolute_url()).status_code == 404
    assert "Geheim voorstel" not in client.get("/overleg/voorstellen/").content.decode()
    client.force_login(bestuur.bestuurder)
    pagina = client.get(f"/overleg/vergaderingen/{bestuur.vergadering.pk}/").content.decode()
    assert "geheim-advies.pdf" in pagina and "Vertrouwelijk advies" in pagina and "Geheim voorstel" in pagina
    assert client.get(geheim.get_absolute_url()).status_code == 200


def test_notulen_opstellen_en_vaststellen_via_de_paginas(client, bestuur):
    vorige = plannen(bestuur.orgaan, timezone.now() - dt.timedelta(days=28))
    services.vergadering_houden(actor=None, vergadering=vorige)
    client.force_login(bestuur.medewerker)
    r = client.post(f"/overleg/vergaderingen/{vorige.pk}/notulen/", {"tekst": "Besproken: de jaarrekening."})
    assert r.status_code == 302
    assert client.post(f"/overleg/vergaderingen/{vorige.pk}/notulen/vaststellen/",
                       {"vastgesteld_in": bestuur.vergadering.pk}).status_code == 403  # staff: not a board member
    client.force_login(bestuur.bestuurder)
    assert "Notulen vaststellen" in client.get(vorige.get_absolute_url()).content.decode()
    r = client.post(f"/overleg/vergaderingen/{vorige.pk}/notulen/vaststellen/",
                    {"vastgesteld_in": bestuur.vergadering.pk})
    assert r.status_code == 302
    assert Notulen.objects.get(vergadering=vorige).status == NotulenStatus.VASTGESTELD
    client.force_login(bestuur.medewerker)
    r = client.post(f"/overleg/vergaderingen/{vorige.pk}/notulen/", {"tekst": "Herschreven."})
    assert r.status_code == 200 and "OVL-NOTULEN" in r.content.decode()
    assert Notulen.objects.get(vergadering=vorige).tekst == "Besproken: de jaarrekening."
