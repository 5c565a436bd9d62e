"""Roles and tasks per phase, shown per organisation as "what is asked of me now" (IMP-TAKEN)."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Fase
from stelselbeheer.implementatie.taken import gevraagd_van

from .conftest import in_fase


@pytest.fixture
def product(wereld):
    p = imp.product_aanmaken(actor=None, code="bgz", naam="BgZ", eigenaar="Programma", sectoren=["ziekenhuiszorg"])
    for fase in (Fase.KOPLOPERS, Fase.OPTIMALISATIE):
        imp.taak_toevoegen(actor=None, product=p, fase=fase, partij="instellingen", omschrijving=f"Implementeren "
                                                                                                 f"({fase}).")
        imp.taak_toevoegen(actor=None, product=p, fase=fase, partij="regios", omschrijving=f"Ondersteunen ({fase}).")
    return p


def test_alleen_de_taken_van_de_huidige_fase(product, maak):
    ziekenhuis = maak.organisatie(naam="Ziekenhuis Oost", soort="zorgaanbieder", sector="ziekenhuiszorg")
    assert gevraagd_van(ziekenhuis) == []  # intake: nothing asked of institutions yet
    in_fase(product, Fase.OPTIMALISATIE)
    assert [t.omschrijving for t in gevraagd_van(ziekenhuis)] == ["Implementeren (optimalisatie)."]


def test_in_de_koplopersfase_alleen_de_koplopers(product, maak):
    koploper = maak.organisatie(naam="Ziekenhuis Koploper", soort="zorgaanbieder", sector="ziekenhuiszorg")
    ander = maak.organisatie(naam="Ziekenhuis Volger", soort="zorgaanbieder", sector="ziekenhuiszorg")
    imp.koploper_selecteren(actor=None, product=product, organisatie=koploper)
    in_fase(product, Fase.KOPLOPERS)
    assert [t.omschrijving for t in gevraagd_van(koploper)] == ["Implementeren (koplopers)."]
    assert gevraagd_van(ander) == []


def test_alleen_de_sectoren_van_het_product(product, maak):
    in_fase(product, Fase.OPTIMALISATIE)
    apotheek = maak.organisatie(naam="Apotheek Zwolle", soort="zorgaanbieder", sector="farmacie")
    assert gevraagd_van(apotheek) == []


def test_regio_en_met_name_genoemde_organisatie(product, wereld, maak):
    in_fase(product, Fase.OPTIMALISATIE)
    rso = wereld["rso"]
    leverancier = wereld["dva"].organisatie
    imp.taak_toevoegen(actor=None, product=product, fase=Fase.OPTIMALISATIE, partij="leveranciers",
                       organisatie=leverancier, omschrijving="Release 4.2 uitrollen.")
    assert [t.omschrijving for t in gevraagd_van(rso)] == ["Ondersteunen (optimalisatie)."]
    assert [t.omschrijving for t in gevraagd_van(leverancier)] == ["Release 4.2 uitrollen."]


def test_genoemde_organisatie_hoort_bij_de_partij(product, wereld):
    with pytest.raises(ValidationError) as fout:
        imp.taak_toevoegen(actor=None, product=product, fase=Fase.KOPLOPERS, partij="regios",
                           organisatie=wereld["dva"].organisatie, omschrijving="x")
    assert "organisatie" in fout.value.message_dict


def test_pagina_per_rol(client, wereld, product):
    in_fase(product, Fase.OPTIMALISATIE)
    client.force_login(wereld["gebruikers"]["regio"])
    html = client.get("/implementatie/mijn-taken/").content.decode()
    assert "Ondersteunen (optimalisatie)." in html and "RSO Twente" in html
    assert client.get("/api/implementatie/mijn-taken").json()[0]["omschrijving"] == "Ondersteunen (optimalisatie)."
    # staff look at any organisation
    client.force_login(wereld["gebruikers"]["uitvoering"])
    html = client.get("/implementatie/taken/", {"organisatie": wereld["rso"].pk}).content.decode()
    assert "Ondersteunen (optimalisatie)." in html
    # a participant sees their own organisation only (a vendor here: nothing asked of vendors in this product)
    client.force_login(wereld["gebruikers"]["deelnemer"])
    html = client.get("/implementatie/mijn-taken/").content.decode()
    assert "Zorg-ICT Noord B.V." in html and "Ondersteunen" not in html
    assert client.get("/implementatie/taken/", {"organisatie": wereld["rso"].pk}).status_code == 403
