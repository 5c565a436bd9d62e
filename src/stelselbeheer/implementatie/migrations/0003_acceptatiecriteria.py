"""The six acceptance criteria and their expectation per phase, as in the strategy's table (seed 003, §4.2).
The table itself lives in ``implementatie/standaard.py``; this migration puts it in the database once."""

from django.db import migrations

from stelselbeheer.implementatie.standaard import vullen as _vullen


def vullen(apps, schema_editor):
    _vullen(apps.get_model("implementatie", "Acceptatiecriterium"), apps.get_model("implementatie",
                                                                                   "Criteriumverwachting"))


def legen(apps, schema_editor):
    apps.get_model("implementatie", "Acceptatiecriterium").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("implementatie", "0002_fasen_criteria_wsjf_risicos")]
    operations = [migrations.RunPython(vullen, legen)]
