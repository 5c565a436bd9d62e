"""On PostgreSQL, a trigram index lets ``zoektekst LIKE '%fragment%'`` use an index instead of a full scan
(pg_trgm is a trusted extension since PostgreSQL 13). SQLite has no such index type; there the covering
B-tree index on zoektekst is scanned (see register.zoeken and bench/run.py for both figures)."""

from django.db import migrations


def maak_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS register_aanbieder_zoektekst_trgm "
                          "ON register_aanbieder USING gin (zoektekst gin_trgm_ops)")


def verwijder_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS register_aanbieder_zoektekst_trgm")


class Migration(migrations.Migration):
    dependencies = [("register", "0002_zoektekst")]
    operations = [migrations.RunPython(maak_index, verwijder_index)]
