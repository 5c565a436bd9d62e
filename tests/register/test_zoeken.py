"""register/zoeken.py: a broad name fragment is counted by the scan that finds its first page."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from stelselbeheer.register.templatetags.registerweergave import aanbieder_rijen
from stelselbeheer.register.zoeken import Zoekresultaat, zoek_aanbieders, zoeken


def test_brede_zoekopdracht_telt_in_de_eerste_scan(wereld, maak, monkeypatch):
    """More matches than the first scan keeps: the total is the queryset's count on both engines; on PostgreSQL
    (trigram index, every match is read before the sort anyway) it comes from that scan, COUNT(*) OVER (), without
    a second COUNT query."""
    monkeypatch.setattr(Zoekresultaat, "VOORRAAD", 3)
    for letter in "abcdefg":
        maak.aanbieder(wereld["dva"], naam=f"fysio{letter}tiel@medmij", weergavenaam=f"Fysio {letter.upper()} Tiel")
    maak.aanbieder(wereld["dva"], naam="apotheektiel@medmij", weergavenaam="Apotheek Tiel")
    with CaptureQueriesContext(connection) as vragen:
        resultaat = zoeken("fysio")
        totaal = resultaat.count()
        assert [a["weergavenaam"] for a in resultaat[3:6]] == ["Fysio D Tiel", "Fysio E Tiel", "Fysio F Tiel"]
    assert totaal == zoek_aanbieders("fysio").count() == 7
    tellingen = [v["sql"] for v in vragen.captured_queries if v["sql"].startswith("SELECT COUNT(")]
    assert len(tellingen) == (0 if connection.vendor == "postgresql" else 1), tellingen
    leeg = zoeken("fysiox")
    assert leeg.count() == 0 and leeg[0:25] == []


def test_een_resultaatpagina_is_een_query_en_het_filter_houdt_de_keuze(client, wereld, maak):
    """A page of results is read in one query (the gegevensdiensten joined in, no instance or query per row); the
    filter bar's gegevensdienst options keep the chosen one, and the list filters on it."""
    for letter in "abc":
        maak.aanbieder(wereld["dva"], naam=f"fysio{letter}tiel@medmij", weergavenaam=f"Fysio {letter.upper()} Tiel",
                       gegevensdienst=wereld["dienst"] if letter != "b" else None)
    resultaat = zoeken("fysio")
    with CaptureQueriesContext(connection) as vragen:
        rijen = resultaat[0:25]
    assert len(vragen.captured_queries) == 1
    assert [(r["weergavenaam"], [d["code"] for d in r["gegevensdiensten"]]) for r in rijen] == [
        ("Fysio A Tiel", ["48"]), ("Fysio B Tiel", []), ("Fysio C Tiel", ["48"])]
    assert rijen[0]["aanbiedertype"] == "ZA" and rijen[0]["gegevensdiensten"][0]["interfaceversies"] == ["1.4.0"]
    tekst = client.get("/aanbiedersregister/", {"q": "fysio", "gegevensdienst": "48"}).content.decode()
    assert '<option value="48" selected>48 Medicatiegegevens</option>' in tekst
    assert "Fysio A Tiel" in tekst and "Fysio B Tiel" not in tekst and "2 aanbieders" in tekst


OUDE_RIJEN = Template(
    """{% for a in pagina %}<tr><td><a href="{% if beheer %}{% url 'aanbieder-detail' a.id %}{% else %}"""
    """{% url 'publiek-aanbieder' a.naam %}{% endif %}">{{ a.weergavenaam }}</a></td>"""
    """<td><code>{{ a.naam }}</code></td>"""
    """<td>{{ a.plaats }}</td><td>{% for d in a.gegevensdiensten %}<abbr title="{{ d.naam }}">{{ d.code }}</abbr>"""
    """{% if not forloop.last %}, {% endif %}{% endfor %}</td></tr>{% empty %}<tr><td colspan="4">Geen aanbieders """
    """gevonden.</td></tr>{% endfor %}""")


@pytest.mark.parametrize("beheer", [False, True])
def test_de_rijen_in_python_zijn_de_rijen_van_het_sjabloon(beheer):
    """The result rows written in Python (register/templatetags/registerweergave.py) are the markup the template
    wrote, links and escaping included, for odd names too."""
    rijen = [
        {"id": 7, "naam": "huisartsdelinde@medmij", "weergavenaam": "Huisartsenpraktijk De Linde", "plaats": "Zwolle",
         "gegevensdiensten": [{"code": "48", "naam": "Medicatiegegevens"}, {"code": "49", "naam": "BgZ <basis>"}]},
        {"id": 12, "naam": "o'neil & zn ë@medmij", "weergavenaam": 'Praktijk "O\'Neil" & <Zn>',
         "plaats": "'s-Hertogenbosch", "gegevensdiensten": []},
    ]
    for pagina in (rijen, []):
        verwacht = OUDE_RIJEN.render(Context({"pagina": pagina, "beheer": beheer}))
        assert aanbieder_rijen(pagina, beheer).replace("\n", "") == verwacht
