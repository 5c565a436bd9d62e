"""Every list page has a filter bar and paging with the total (issue 11): generated over the URL conf.

Each page of the access matrix is rendered once, as a role that may see it. A page whose view used the shared
helper (``kern.views.lijst``: a ``pagina`` in its context) must show the filter bar, the total and working page
links. A page that renders a table without that helper fails, unless it is listed in ``VAST`` with the reason its
table cannot grow long. So a new list view without filters and paging fails here.
"""

import re

import pytest
from django.core.paginator import Page
from django_filters import FilterSet

from tests import test_toegang
from tests.test_toegang import PAGINAS, _inloggen, _pad

# the access matrix's world, made once for this module too, with its lists published (see its docstring)
_module_wereld, wereld, _bestanden = test_toegang._module_wereld, test_toegang.wereld, test_toegang._bestanden

#: engine-independent (rights, rendering): run once, in the SQLite round of `make test`
pytestmark = pytest.mark.eenmaal

#: pages with a table that is bounded by nature, and why
VAST = {
    "adoptie-overzicht": "one row per product of the portfolio (tens) and the four phases; CSV/XLSX beside it",
    "adoptie-product": "fixed breakdowns of one product (sectors, regions, the month rows of one year, its vendors); "
                       "every day in the CSV/XLSX",
    "adoptie-samenvatting": "a product's thresholds and the month rows of one year",
    "rfc-detail": "one RFC: the participants of its impact snapshot and their reactions, bounded by the framework's "
                  "participants (wijzigingen)",
    "lijsten-overzicht": "one row per published list (four)",
    "melding-cijfers": "the twelve months up to this one",
    "toetreding-workflow": "the declared transitions of the workflow",
    "deelnemer-detail": "one participant: its qualifications per role and service, and its status history",
    "mijn-overzicht": "the participant's own qualifications; its change requests show the last ten and link to all",
    "mijn-releases": "the participant's own rollouts: one row per release and role (a few releases a year)",
    "zaak-detail": "one case: its six criteria",
    "lijsten-waarom": "one entry: the rules it is tested against and the qualifications it stood on",
    "beslisboom-beheer": "the leaves of the active decision tree",
    "aanbieder-import": "the errors of one file, all of them (nothing is imported while there is one)",
    # implementatie
    "product-detail": "one product: its six criteria, its phase decisions (at most three), its tasks per phase",
    "product-fasebesluit": "one product's six acceptance criteria",
    "wsjf-run": "one recorded ordering: the products competing for capacity (a handful)",
    "implementatie-mijn-taken": "the tasks of one organisation in the products' current phases",
    "implementatie-taken": "the tasks of one organisation in the products' current phases",
    "rso-detail": "one RSO's service catalogue: its themes per annex of the model agreement (about a dozen)",
    "checklist-detail": "one checklist: its six steps",
    "rso-contracten": "one RSO's vendor contracts (a handful: the viewer and the infrastructure it contracts)",
    "regionaal-dekking": "one row per region (a fixed set of a few dozen: the VSV/ROAZ regions of the country)",
}

#: the roles tried in this order: the first that may see the page renders it
VOORKEUR = ["uitvoering", "bestuur", "auditor", "deelnemer", "regio", "publiek"]

#: list pages that must be found by the detection (so the test cannot pass by finding none)
BEKENDE_LIJSTEN = {
    "organisatie-lijst", "deelnemer-lijst", "publiek-deelnemers", "publiek-register", "aanbieder-lijst",
    "gegevensdienst-lijst", "verzoek-lijst", "mijn-verzoeken", "mijn-aanbieders", "besluit-lijst", "audit-lijst",
    "account-lijst", "lijst-geschiedenis", "snapshot-verschil", "voorstel-detail", "constatering-lijst",
    "naleving-werkvoorraad", "mijn-zaken", "melding-lijst", "mijn-meldingen", "kennisbank", "regio-overzicht",
}

GEVONDEN = set()


def _rol(mogen):
    return next(r for r in VOORKEUR if r in mogen)


@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_elke_lijst_heeft_filters_paginering_en_totaal(client, wereld, naam):
    sjabloon, mogen = PAGINAS[naam]
    rol = _rol(mogen)
    _inloggen(client, wereld, rol)
    pad = _pad(sjabloon, wereld, rol)
    r = client.get(pad)
    assert r.status_code == 200
    if not r["Content-Type"].startswith("text/html"):
        return
    html = r.content.decode()
    pagina = r.context.get("pagina") if r.context else None
    if not isinstance(pagina, Page):
        assert "<table" not in html or naam in VAST, (
            f"{naam} toont een tabel zonder filters en paginering: gebruik kern.views.lijst, of zet de pagina met "
            "reden in VAST")
        return
    GEVONDEN.add(naam)
    filters = r.context["filter"]
    assert isinstance(filters, FilterSet) and filters.form.fields, f"{naam}: geen filterbalk"
    assert 'class="lijst-totaal"' in html, f"{naam}: het totaal ontbreekt"
    assert re.search(r'<form method="get"[^>]*class="zoeken filters"', html), f"{naam}: geen filterformulier"
    for veld in filters.form.fields:
        assert f'name="{veld}"' in html, f"{naam}: filter {veld} staat niet als GET-parameter in het formulier"
    assert pagina.paginator.per_page <= 100
    scheiding = "&" if "?" in pad else "?"
    for nummer in ("2", "999", "x"):  # beyond the last page or nonsense: the nearest page, never an error
        assert client.get(f"{pad}{scheiding}pagina={nummer}").status_code == 200


def test_de_bekende_lijsten_zijn_gevonden():
    """Runs after the generated test in this module (pytest keeps the order of a file)."""
    if not GEVONDEN:
        pytest.skip("alleen zinvol na de gegenereerde test in dezelfde run")
    assert BEKENDE_LIJSTEN <= GEVONDEN, sorted(BEKENDE_LIJSTEN - GEVONDEN)


def test_paginalinks_houden_de_filters_vast(client, wereld, maak):
    for i in range(30):
        maak.organisatie(naam=f"Apotheek Nummer {i:02}", plaats="Zwolle")
    _inloggen(client, wereld, "auditor")
    html = client.get("/beheer/organisaties/", {"q": "apotheek"}).content.decode()
    assert "1–25 van 30 organisaties; pagina 1 van 2" in html
    assert 'href="?q=apotheek&amp;pagina=2"' in html and "Alle filters wissen" in html
    html = client.get("/beheer/organisaties/", {"q": "apotheek", "pagina": "2"}).content.decode()
    assert "Apotheek Nummer 29" in html and "Apotheek Nummer 00" not in html
