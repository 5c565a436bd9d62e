"""The eight bouwblokken of MedElkaar (seed 002, "Van knelpunten naar bouwblokken")."""

from django.db import migrations

from stelselbeheer.knelpunten.bouwblokken import zorgen


def vullen(apps, schema_editor):
    zorgen(apps.get_model("knelpunten", "Bouwblok"))


class Migration(migrations.Migration):
    dependencies = [("knelpunten", "0001_initial")]
    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
