"""The phase decision through the pages and the API: per-criterion field errors, nothing half-written; the public
summary shows no internals."""

import datetime as dt

import pytest

from stelselbeheer.implementatie.models import Fase, Fasebesluit, Oordeel
from stelselbeheer.kern.models import AuditEvent

from .conftest import alles_voldaan, plannen


def test_fasebesluit_pagina_weigert_per_criterium(client, groep):
    alles_voldaan(groep.product, behalve={"tijdslijnen": Oordeel.NIET, "beheer": None})
    client.force_login(groep.voorzitter)
    pad = f"/implementatie/producten/{groep.product.code}/fasebesluit/"
    html = client.get(pad).content.decode()
    assert "2 van de zes criteria zijn nog niet voldaan" in html
    r = client.post(pad, {"vergadering": groep.vergadering.pk, "toelichting": "Akkoord."})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Het fasebesluit is niet genomen" in html
    assert 'href="#criterium-tijdslijnen"' in html and 'href="#criterium-beheer"' in html
    assert "IMP-CRITERIA: Tijdslijnen is niet voldaan" in html and "IMP-CRITERIA: Beheer is nog niet beoordeeld" in html
    groep.product.refresh_from_db()
    assert groep.product.fase == Fase.INTAKE and not Fasebesluit.objects.exists()


def test_fasebesluit_pagina_neemt_het_besluit(client, groep):
    alles_voldaan(groep.product)
    client.force_login(groep.voorzitter)
    r = client.post(f"/implementatie/producten/{groep.product.code}/fasebesluit/",
                    {"vergadering": groep.vergadering.pk, "toelichting": "Akkoord."})
    assert r.status_code == 302 and r["Location"] == groep.product.get_absolute_url()
    groep.product.refresh_from_db()
    assert groep.product.fase == Fase.KOPLOPERS


def test_beoordelen_via_de_pagina(client, groep):
    client.force_login(groep.medewerker)
    pad = f"/implementatie/producten/{groep.product.code}/beoordelen/"
    r = client.post(pad, {"criterium_beheer": "deels", "bevindingen_beheer": "Globaal."})
    assert r.status_code == 200 and "IMP-OPENPUNTEN" in r.content.decode()
    r = client.post(pad, {"criterium_beheer": "deels", "bevindingen_beheer": "Globaal.", "open_beheer": "Testen."})
    assert r.status_code == 302
    assert groep.product.beoordelingen.get().openstaande_punten == "Testen."


def test_api_fasebesluit_422_per_criterium_en_201(client, groep):
    alles_voldaan(groep.product, behalve={"toegevoegde_waarde": Oordeel.DEELS})
    client.force_login(groep.voorzitter)
    pad = f"/api/implementatie/producten/{groep.product.code}/fasebesluiten"
    body = {"naar_fase": "koplopers", "vergadering_id": groep.vergadering.pk}
    r = client.post(pad, body, content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == ["criterium_toegevoegde_waarde"]
    client.force_login(groep.medewerker)
    r = client.put(f"/api/implementatie/producten/{groep.product.code}/beoordelingen", {"oordelen": [
        {"criterium": "toegevoegde_waarde", "oordeel": "voldaan", "bevindingen": "Getoetst met patiënten."}]},
        content_type="application/json")
    assert r.status_code == 200
    assert {b["oordeel"] for b in r.json()["beoordelingen"]} == {"voldaan"}
    client.force_login(groep.voorzitter)
    r = client.post(pad, body, content_type="application/json")
    assert r.status_code == 201 and r.json()["besloten_door_id"] == groep.voorzitter.pk
    assert r.json()["orgaan"] == "implementatiegroep"


def test_api_niet_lid_403(client, groep, wereld):
    alles_voldaan(groep.product)
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.post(f"/api/implementatie/producten/{groep.product.code}/fasebesluiten",
                    {"naar_fase": "koplopers", "vergadering_id": groep.vergadering.pk}, content_type="application/json")
    assert r.status_code == 403 and "IMP-BESLUIT" in r.json()["detail"]


def test_openbare_samenvatting_zonder_interne_gegevens(client, groep):
    alles_voldaan(groep.product, behalve={"beheer": Oordeel.NIET})
    html = client.get(groep.product.get_absolute_url()).content.decode()
    assert "eOverdracht" in html and "Programma eOverdracht" in html
    assert "Bevinding over" not in html and "Ziekenhuis Noord" not in html
    data = client.get(f"/api/implementatie/producten/{groep.product.code}").json()
    assert data["beoordelingen"] is None and data["koplopers"] is None
    client.force_login(groep.medewerker)
    html = client.get(groep.product.get_absolute_url()).content.decode()
    assert "Bevinding over" in html and "Ziekenhuis Noord" in html


def test_product_aanmaken_ongeldige_invoer(client, groep):
    client.force_login(groep.medewerker)
    r = client.post("/implementatie/nieuw/", {"code": "eoverdracht", "naam": "", "eigenaar": "", "soort": "product",
                                              "sectoren": ["onbekend"]})
    assert r.status_code == 200 and "Controleer de invoer" in r.content.decode()
    r = client.post("/api/implementatie/producten", {"code": "nieuw", "naam": "Nieuw", "eigenaar": "P",
                                                    "gegevensdiensten": ["999"]}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "gegevensdiensten"


def test_product_op_de_agenda_als_onderwerp(client, groep):
    client.force_login(groep.medewerker)
    html = client.get(groep.vergadering.get_absolute_url()).content.decode()
    assert groep.product.get_absolute_url() in html


def test_product_agenderen_via_overleg(client, groep):
    """Product is a registered agenda subject kind: staff put it on the group's agenda by its code."""
    from stelselbeheer.overleg.onderwerpen import keuzes

    assert "product" in dict(keuzes())
    client.force_login(groep.medewerker)
    later = plannen(groep.orgaan, groep.vergadering.begin + dt.timedelta(days=30))
    r = client.post(f"/overleg/vergaderingen/{later.pk}/agenda/nieuw/", {
        "titel": "Fasewijziging", "onderwerp_soort": "product", "onderwerp_sleutel": "EOVERDRACHT"})
    assert r.status_code == 302
    assert later.agendapunten.get().onderwerp == groep.product


def test_koploper_intrekken_met_reden(client, groep):
    client.force_login(groep.medewerker)
    koploper = groep.product.koplopers.get()
    pad = f"/implementatie/koplopers/{koploper.pk}/intrekken/"
    assert client.post(pad, {"reden": ""}).status_code == 422 and groep.product.koplopers.exists()
    r = client.post(pad, {"reden": "Geen capaciteit dit jaar."})
    assert r.status_code == 302 and not groep.product.koplopers.exists()


@pytest.mark.parametrize("rol", ["uitvoering", "bestuur", "auditor", "regio", "deelnemer", None])
def test_koploper_intrekken_vanaf_de_productpagina(client, groep, wereld, rol):
    """The product page offers the withdrawal to whom manages the portfolio only: a confirmation page with a reason
    (POST), then back to the product page (redirect after POST), through the service (audit event with the reason)."""
    koploper = groep.product.koplopers.get()
    pad = f"/implementatie/koplopers/{koploper.pk}/intrekken/"
    product = f"/implementatie/producten/{groep.product.code}/"
    if rol:
        client.force_login(wereld["gebruikers"][rol])
    r = client.get(product)
    assert r.status_code == 200
    # readers of the portfolio see the frontrunners; a participant and the public the public summary
    assert ("Ziekenhuis Noord" in r.content.decode()) == (rol in {"uitvoering", "bestuur", "auditor", "regio"})
    assert (f'href="{pad}"' in r.content.decode()) == (rol == "uitvoering")
    if rol != "uitvoering":
        assert client.post(pad, {"reden": "Weg ermee."}).status_code in {302, 403}
        assert groep.product.koplopers.exists()
        return
    bevestiging = client.get(pad)
    assert bevestiging.status_code == 200 and "Ziekenhuis Noord" in bevestiging.content.decode()
    assert groep.product.koplopers.exists()  # a GET changes nothing
    r = client.post(pad, {"reden": "Geen capaciteit dit jaar."})
    assert r.status_code == 302 and r["Location"] == product
    assert "Ziekenhuis Noord is geen koploper meer." in client.get(product).content.decode()
    event = AuditEvent.objects.filter(actie="koploper.ingetrokken").get()
    assert event.reden == "Geen capaciteit dit jaar." and event.actor == groep.medewerker
