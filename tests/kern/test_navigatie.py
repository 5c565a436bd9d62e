"""The main menu grouped by task, per role only what the role may open, the current page and section marked;
breadcrumbs on detail pages (issue 11, navigation)."""

from html.parser import HTMLParser

import pytest

from stelselbeheer.kern.navigatie import MENU, menu_voor
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from tests.test_toegang import PAGINAS, _inloggen, _pad

#: engine-independent (rights, rendering): run once, in the SQLite round of `make test`
pytestmark = pytest.mark.eenmaal

ROLLEN = ["publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio"]


class Links(HTMLParser):
    """The links inside one landmark (nav with a given aria-label), with their attributes and text."""

    def __init__(self, label):
        super().__init__()
        self.label, self.diepte, self.links, self.summaries, self._a = label, 0, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == self.label:
            self.diepte = 1
        elif self.diepte and tag == "nav":
            self.diepte += 1
        if self.diepte and tag == "a":
            self._a = {**attrs, "tekst": ""}
        if self.diepte and tag == "summary":
            self.summaries.append(attrs)

    def handle_endtag(self, tag):
        if self.diepte and tag == "a" and self._a is not None:
            self._a["tekst"] = self._a["tekst"].strip()
            self.links.append(self._a)
            self._a = None
        if self.diepte and tag == "nav":
            self.diepte -= 1

    def handle_data(self, data):
        if self._a is not None:
            self._a["tekst"] += data


def _links(html, label):
    p = Links(label)
    p.feed(html)
    return p


@pytest.mark.parametrize("rol", ROLLEN)
def test_menu_toont_alleen_wat_de_rol_mag_openen(client, wereld, rol):
    """Every menu item answers 200 for the role; and every page of the access matrix the role may open without a
    parameter that is a menu page somewhere is in this role's menu."""
    _inloggen(client, wereld, rol)
    html = client.get("/").content.decode()
    links = [a["href"] for a in _links(html, "Hoofdmenu").links]
    assert links, rol
    for href in links:
        if href.startswith("/django-admin/"):
            continue  # the admin has its own test (tests/test_toegang.py, ROL-ADMIN)
        assert client.get(href).status_code == 200, (rol, href)
    menupaginas = {i.url_naam for g in MENU for i in g.items}
    for naam, (pad, mogen) in PAGINAS.items():
        if naam in menupaginas and rol in mogen and "{" not in pad and "?" not in pad:
            verborgen = any(i.url_naam == naam and i.behalve_met for g in MENU for i in g.items)
            assert pad in links or verborgen, (rol, naam)


def test_menu_is_gegroepeerd_per_taak(wereld):
    staf = menu_voor(wereld["gebruikers"]["uitvoering"], "/")
    assert [g.naam for g in staf] == ["Register", "Afspraken", "Deelnemers", "Naleving", "Meldingen", "Implementatie",
                                      "Lijsten",
                                      "Beheer"]
    assert [g.naam for g in menu_voor(None, "/")] == ["Register", "Afspraken", "Deelnemers", "Meldingen",
                                                       "Implementatie"]
    deelnemer = {g.naam: [i.label for i in g.items] for g in menu_voor(wereld["gebruikers"]["deelnemer"], "/")}
    assert "Beheer" not in deelnemer and "Lijsten" not in deelnemer
    assert deelnemer["Naleving"] == ["Mijn nalevingszaken"]
    assert "Toe- en uittreding" in [i.label for g in staf for i in g.items]  # the diagram is in the menu now


def test_huidige_pagina_en_sectie_gemarkeerd(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    p = _links(client.get("/beheer/naleving/constateringen/").content.decode(), "Hoofdmenu")
    huidig = [a for a in p.links if a.get("aria-current") == "page"]
    assert [(a["href"], a["tekst"]) for a in huidig] == [("/beheer/naleving/constateringen/", "Constateringen")]
    assert [s for s in p.summaries if s.get("aria-current") == "true"] == [{"aria-current": "true"}]
    # a detail page marks the list it belongs to (the longest matching menu path)
    p = _links(client.get(_pad("/beheer/naleving/zaken/{zaak}/", wereld)).content.decode(), "Hoofdmenu")
    assert [a["href"] for a in p.links if a.get("aria-current") == "page"] == ["/beheer/naleving/"]


DETAILS = {  # page -> (role, the list above it in the trail, or None where the role's menu has no such list)
    "deelnemer-detail": ("uitvoering", ("/beheer/deelnemers/", "Deelnemers")),
    "organisatie-detail": ("auditor", ("/beheer/organisaties/", "Organisaties")),
    "aanbieder-detail": ("bestuur", ("/beheer/aanbieders/", "Aanbieders")),
    "verzoek-detail": ("uitvoering", ("/beheer/verzoeken/", "Wijzigingsverzoeken (register)")),
    "zaak-detail": ("bestuur", ("/beheer/naleving/", "Werkvoorraad")),
    "mijn-zaak": ("deelnemer", ("/mijn/naleving/", "Mijn nalevingszaken")),
    "melding-detail": ("regio", ("/beheer/meldingen/", "Meldingen")),
    "mijn-melding": ("deelnemer", ("/mijn/meldingen/", "Mijn meldingen")),
    "besluit-detail": ("publiek", ("/besluiten/", "Besluiten")),
    "publiek-deelnemer": ("publiek", ("/deelnemers/", "Deelnemers")),
    "publiek-aanbieder": ("publiek", ("/aanbiedersregister/", "Aanbiedersregister")),
    "kennisartikel": ("publiek", ("/kennisbank/", "Kennisbank")),
    "lijst-geschiedenis": ("auditor", ("/beheer/lijsten/", "Publicaties")),
    "snapshot-detail": ("auditor", ("/beheer/lijsten/", "Publicaties")),
    "voorstel-detail": ("uitvoering", ("/beheer/lijsten/", "Publicaties")),
    "account-detail": ("uitvoering", ("/beheer/accounts/", "Accounts")),
    "product-detail": ("publiek", ("/implementatie/", "Producten")),  # implementatie
}


@pytest.mark.parametrize("naam", sorted(DETAILS))
def test_kruimelpad_op_detailpaginas(client, wereld, naam):
    rol, lijst = DETAILS[naam]
    if naam == "snapshot-detail":
        alle_lijsten_publiceren(actor=None)
    _inloggen(client, wereld, rol)
    pad = _pad(PAGINAS[naam][0], wereld, rol)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    links = _links(antwoord.content.decode(), "Kruimelpad").links
    assert links[0]["href"] == "/" and links[0]["tekst"] == "Start"
    assert (links[1]["href"], links[1]["tekst"]) == lijst
    assert links[-1].get("aria-current") == "page" and links[-1]["href"] == pad and links[-1]["tekst"]
    if naam == "snapshot-detail":
        assert links[2]["href"] == "/beheer/lijsten/zal/"  # the list's history between the overview and the version


def test_geen_kruimelpad_op_lijstpaginas(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert _links(client.get("/beheer/deelnemers/").content.decode(), "Kruimelpad").links == []
