"""The strategy's MVP thresholds per phase (seed 003, §3 and §4.2 "Technisch gereed (MVP)") as starting data."""

from django.db import migrations

BRON = "Landelijke implementatiestrategie, §3 en §4.2 (Technisch gereed, MVP)"
DREMPELS = [
    ("koplopers", "aanbieders_live", 1, "De koplopers zijn live: ten minste één zorgaanbieder."),
    ("koplopers", "leveranciers_gereed", 1, "Het MVP is bij een beperkt aantal leveranciers beschikbaar."),
    ("optimalisatie", "top_leveranciers", 5, "Het MVP is bij de top 5 leveranciers per sector beschikbaar."),
    ("brede_implementatie", "aanbieders_pct", 80, "80% van de relevante zorgaanbieders heeft het geïmplementeerd."),
    ("brede_implementatie", "leveranciers_pct", 90, "Het MVP is bij 90% van de relevante leverancierssystemen "
                                                   "beschikbaar."),
]


def vullen(apps, schema_editor):
    Drempel = apps.get_model("adoptie", "Drempel")
    for fase, soort, waarde, omschrijving in DREMPELS:
        Drempel.objects.get_or_create(fase=fase, soort=soort, defaults={"waarde": waarde, "omschrijving": omschrijving,
                                                                      "bron": BRON})


class Migration(migrations.Migration):
    dependencies = [("adoptie", "0001_initial")]
    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
