"""ADO-EXPORT: the downloads hold the page's figures; a text cell cannot become a formula, nor carry characters XML
does not allow."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from stelselbeheer.adoptie.export import als_csv, als_xlsx, cel
from stelselbeheer.adoptie.services import momentopname_maken
from stelselbeheer.adoptie.tabellen import Tabel


@pytest.mark.parametrize("invoer,uit", [("=1+1", "'=1+1"), ("+31 6", "'+31 6"), ("-2", "'-2"),
                                        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                                        ("Praktijk\x00 De\x1f Linde", "Praktijk De Linde"),
                                        ("gewoon", "gewoon"), (None, ""), (True, "ja"), (-3, -3), (80.5, 80.5)])
def test_cel(invoer, uit):
    assert cel(invoer) == uit


@given(st.text())
def test_geen_tekstcel_begint_als_formule_of_bevat_xml_verboden_tekens(tekst):
    uit = cel(tekst)
    assert not uit.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in uit)


def _tabel():
    return Tabel("t", "Proef: tabel", ["Naam", "Aantal", "%"], [["=HYPERLINK(\"x\")", 3, 81.5], ["Gewoon", 0, None]])


def test_csv_inhoud():
    tekst = als_csv(_tabel()).decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen == [["Naam", "Aantal", "%"], ["'=HYPERLINK(\"x\")", "3", "81.5"], ["Gewoon", "0", ""]]


def test_xlsx_inhoud():
    boek = load_workbook(io.BytesIO(als_xlsx([_tabel(), _tabel()])))
    assert boek.sheetnames == ["Proef  tabel", "Proef  tabel 2"]
    blad = boek.worksheets[0]
    assert [[c.value for c in rij] for rij in blad.iter_rows()] == [
        ["Naam", "Aantal", "%"], ["'=HYPERLINK(\"x\")", 3, 81.5], ["Gewoon", 0, None]]
    assert blad["A2"].data_type == "s"  # text, not a formula


@pytest.fixture
def met_cijfers(register, maak, wereld):
    dva = register.leverancier("=Kwaadaardig B.V.")
    maak.kwalificatie(dva, wereld["dienst"])
    for _ in range(4):
        register.aanbieder(dva, diensten=[wereld["dienst"]])
    register.aanbieder(dva, diensten=[])
    register.product("medicatie", diensten=[wereld["dienst"]])
    register.publiceer_zal()
    momentopname_maken()
    return wereld


def test_download_csv_en_xlsx_via_de_pagina(client, met_cijfers):
    client.force_login(met_cijfers["gebruikers"]["bestuur"])
    r = client.get("/adoptie/medicatie/export.csv?tabel=sector")
    assert r["Content-Type"].startswith("text/csv") and "attachment" in r["Content-Disposition"]
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen == [["Sector", "Live", "In doelgroep", "% live"], ["Huisartsenzorg", "4", "5", "80.0"]]
    r = client.get("/adoptie/medicatie/export.csv?tabel=leveranciers")
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[1][0] == "'=Kwaadaardig B.V." and rijen[1][4] == "ja"
    boek = load_workbook(io.BytesIO(client.get("/adoptie/medicatie/export.xlsx").content))
    assert "Aanbieders per sector" in boek.sheetnames
    assert [c.value for c in boek["Aanbieders per sector"][2]] == ["Huisartsenzorg", 4, 5, 80.0]
    assert client.get("/adoptie/medicatie/export.csv?tabel=bestaatniet").status_code == 404
    overzicht = list(csv.reader(io.StringIO(client.get("/adoptie/export.csv").content.decode("utf-8-sig")),
                                delimiter=";"))
    assert overzicht[1][:5] == ["Medicatie", "Koplopers", "4", "5", "80.0"] and overzicht[1][5] == "ja"
