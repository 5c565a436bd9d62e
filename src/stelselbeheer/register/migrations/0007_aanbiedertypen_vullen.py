"""The three Aanbiedertypen of the ZAL release 3 as data, and every existing aanbieder given the type that
matches its soort (zonder behandelrelatie: BAZB; else ZA)."""

from django.db import migrations

from stelselbeheer.register.aanbiedertypen import zorgen


def vullen(apps, schema_editor):
    Aanbiedertype = apps.get_model("register", "Aanbiedertype")
    Aanbieder = apps.get_model("register", "Aanbieder")
    per_code = zorgen(Aanbiedertype)
    Aanbieder.objects.filter(soort="zonder_behandelrelatie", aanbiedertype=None).update(
        aanbiedertype=per_code["BAZB"])
    Aanbieder.objects.filter(aanbiedertype=None).update(aanbiedertype=per_code["ZA"])


class Migration(migrations.Migration):
    dependencies = [("register", "0006_aanbiedertype_formaten")]
    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
