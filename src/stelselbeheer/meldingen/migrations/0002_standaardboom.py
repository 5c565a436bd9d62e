"""The standard decision tree as version 1, so a fresh installation has one without writing on a page view."""

from django.db import migrations


def standaard(apps, schema_editor):
    from stelselbeheer.meldingen.beslisboom import STANDAARD

    Beslisboom = apps.get_model("meldingen", "Beslisboom")
    if not Beslisboom.objects.exists():
        Beslisboom.objects.create(versie=1, boom=STANDAARD, actief=True)


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0001_initial")]
    operations = [migrations.RunPython(standaard, migrations.RunPython.noop)]
