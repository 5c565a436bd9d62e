"""register/zoeken.py: a broad name fragment is counted by the scan that finds its first page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

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
