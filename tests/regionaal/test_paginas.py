"""The pages and API per role: a regional user sees and changes only its own RSO (RSO-EIGEN), bad input gives
Dutch field errors and writes nothing, the PDF downloads, the coverage view flags regions without an RSO."""

import datetime as dt

from stelselbeheer.organisaties.models import Regio, Soort
from stelselbeheer.regionaal import services
from stelselbeheer.regionaal.models import Overeenkomst, OvereenkomstStatus


def _ander(maak):
    ander = maak.rso("RSO Zuid-Limburg")
    vsv = maak.organisatie(naam="VSV Maastricht", soort=Soort.VSV, regio=ander.regio)
    ovk = services.overeenkomst_opstellen(actor=None, rso=ander, vsv=vsv, opzegtermijn_maanden=6)
    return ander, ovk


def test_regiogebruiker_ziet_alleen_de_eigen_rso(client, regio, maak):
    ander, vreemd = _ander(maak)
    client.force_login(regio.regiogebruiker)
    index = client.get("/regionaal/").content.decode()
    assert "RSO Twente" in index and "RSO Zuid-Limburg" not in index
    lijst = client.get("/regionaal/overeenkomsten/").content.decode()
    assert regio.ovk.nummer in lijst and vreemd.nummer not in lijst
    assert client.get(f"/regionaal/rso/{ander.pk}/").status_code == 404
    assert client.get(f"/regionaal/overeenkomsten/{vreemd.nummer}/").status_code == 404
    assert client.get(f"/regionaal/overeenkomsten/{vreemd.nummer}/overeenkomst.pdf").status_code == 404
    assert client.post(f"/regionaal/rso/{ander.pk}/diensten/nieuw/", {"thema": "X"}).status_code == 404
    assert client.get(f"/api/regionaal/rsos/{ander.pk}/diensten").status_code == 404
    assert [o["nummer"] for o in client.get("/api/regionaal/overeenkomsten").json()["resultaten"]] == [regio.ovk.nummer]
    assert client.get(f"/api/regionaal/overeenkomsten/{vreemd.nummer}").status_code == 404


def test_medewerker_ziet_alle_rsos(client, regio, maak, wereld):
    ander, vreemd = _ander(maak)
    client.force_login(wereld["gebruikers"]["uitvoering"])
    index = client.get("/regionaal/").content.decode()
    assert "RSO Twente" in index and "RSO Zuid-Limburg" in index
    assert client.get(f"/regionaal/overeenkomsten/{vreemd.nummer}/").status_code == 200


def test_overeenkomst_opstellen_en_ondertekenen_via_de_paginas(client, regio):
    client.force_login(regio.regiogebruiker)
    r = client.post(f"/regionaal/rso/{regio.rso.pk}/overeenkomsten/nieuw/",
                    {"vsv": regio.vsv.pk, "opzegtermijn_maanden": "6", "optionele_diensten": [regio.overleg.pk]})
    ovk = Overeenkomst.objects.exclude(pk=regio.ovk.pk).get()
    assert r.status_code == 302 and r["Location"] == ovk.get_absolute_url()
    assert list(ovk.optionele_diensten.all()) == [regio.overleg]
    pad = f"/regionaal/overeenkomsten/{ovk.nummer}"
    r = client.post(f"{pad}/ondertekenen/", {"partij": "rso", "naam": "Bert", "functie": "Bestuurder",
                                             "datum": "2026-01-10"})
    assert r.status_code == 200 and "art. 4.1" in r.content.decode()  # the VSV's contact person first
    client.post(f"{pad}/contactpersonen/nieuw/", {"partij": "vsv", "organisatie": "VSV", "naam": "Anna",
                                                  "functie": "Aanspreekpunt", "telefoon": "053-1", "email": "a@b.nl"})
    for partij in ("rso", "vsv"):
        r = client.post(f"{pad}/ondertekenen/", {"partij": partij, "naam": "N", "functie": "F",
                                                 "datum": "2026-01-10"})
        assert r.status_code == 302
    ovk.refresh_from_db()
    assert ovk.status == OvereenkomstStatus.ONDERTEKEND and ovk.ingangsdatum == dt.date(2026, 1, 10)
    pagina = client.get(f"{pad}/?einde=2026-12-31&overmacht=2026-05-01&tekortkoming=2026-06-01").content.decode()
    # the what-if terms: end 31-12-2026 with 6 months: notice received by Wed 1 Jul runs to 1 Jan, ends 31 Dec;
    # force majeure from 1 May: from 28 May (regels tests); no payments: the cap is EUR 0 without the insurer
    assert "woensdag 1 juli 2026" in pagina and "28-05-2026" in pagina and "ten hoogste <strong>€ 0" in pagina
    r = client.get(f"{pad}/overeenkomst.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")


def test_foute_invoer_geeft_veldfouten_en_schrijft_niets(client, regio):
    client.force_login(regio.regiogebruiker)
    r = client.post(f"/regionaal/rso/{regio.rso.pk}/overeenkomsten/nieuw/", {"opzegtermijn_maanden": "4"})
    html = r.content.decode()
    assert r.status_code == 200 and "Controleer de invoer" in html
    assert Overeenkomst.objects.count() == 1
    r = client.post(f"/regionaal/diensten/{regio.optioneel.pk}/tarief/", {"jaar": "2025", "bedrag": "-1"})
    assert r.status_code == 200 and "Controleer de invoer" in r.content.decode()


def test_dekking_markeert_een_regio_zonder_rso(client, regio, wereld):
    Regio.objects.create(code="zeeland", naam="Zeeland")
    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.get("/regionaal/dekking/").content.decode()
    assert "Zeeland" in html and "Geen RSO: meldingen gaan naar de landelijke desk" in html
    data = client.get("/api/regionaal/dekking").json()
    assert {r["regio"]: r["status"] for r in data}["Zeeland"] == "ongedekt"
    client.force_login(regio.regiogebruiker)  # the regional user: the regions it serves
    assert "Zeeland" not in client.get("/regionaal/dekking/").content.decode()


def test_contracten_pagina_eigen_rso(client, regio, maak):
    ander, _ = _ander(maak)
    client.force_login(regio.regiogebruiker)
    r = client.post(f"/regionaal/rso/{regio.rso.pk}/beveiligingsdocumenten/nieuw/",
                    {"soort": "dpia", "titel": "DPIA viewer", "vastgesteld_op": "2026-01-10",
                     "review_voor": "2025-01-10"})
    assert r.status_code == 200 and "De review ligt niet vóór de vaststelling." in r.content.decode()
    r = client.post(f"/regionaal/rso/{regio.rso.pk}/beveiligingsdocumenten/nieuw/",
                    {"soort": "dpia", "titel": "DPIA viewer", "vastgesteld_op": "2026-01-10",
                     "review_voor": "2027-01-10"})
    assert r.status_code == 302 and r["Location"] == f"/regionaal/rso/{regio.rso.pk}/contracten/"
    assert "DPIA viewer" in client.get(r["Location"]).content.decode()
    assert client.get(f"/regionaal/rso/{ander.pk}/contracten/").status_code == 404


def test_datum_buiten_de_kalender_geeft_een_veldfout(client, regio):
    """A year far off (a typing error) is a field error on the page and a 422 in the API, never a 500."""
    client.force_login(regio.regiogebruiker)
    pad = f"/regionaal/overeenkomsten/{regio.ovk.nummer}/"
    r = client.get(pad, {"einde": "0001-01-15", "overmacht": "9999-12-31"})
    assert r.status_code == 200 and "Controleer de invoer" in r.content.decode()
    r = client.get(f"/api/regionaal{pad.removeprefix('/regionaal')}".rstrip("/"), {"einde": "0001-01-15"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "einde"
