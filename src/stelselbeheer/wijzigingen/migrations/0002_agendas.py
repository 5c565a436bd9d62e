"""The three development agendas of seed 004, so a fresh installation has them without writing on a page view."""

from django.db import migrations


def agendas(apps, schema_editor):
    from stelselbeheer.wijzigingen.agendas import STANDAARD

    Ontwikkelagenda = apps.get_model("wijzigingen", "Ontwikkelagenda")
    for gegevens in STANDAARD:
        Ontwikkelagenda.objects.get_or_create(code=gegevens["code"], defaults=gegevens)


class Migration(migrations.Migration):
    dependencies = [("wijzigingen", "0001_initial")]
    operations = [migrations.RunPython(agendas, migrations.RunPython.noop)]
