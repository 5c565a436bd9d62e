"""The entries of each version, kept zlib-compressed (see models.GecomprimeerdeJSON): a new column filled
from the old one, then swapped in."""

import json
import zlib

from django.db import migrations, models

import stelselbeheer.lijsten.models


def comprimeer(apps, schema_editor):
    Snapshot = apps.get_model("lijsten", "Snapshot")
    for pk, entries in Snapshot.objects.values_list("pk", "entries").iterator(chunk_size=20):
        tekst = json.dumps(entries, separators=(",", ":"), ensure_ascii=False)
        Snapshot.objects.filter(pk=pk).update(entries_z=zlib.compress(tekst.encode(), 1))


def pak_uit(apps, schema_editor):
    Snapshot = apps.get_model("lijsten", "Snapshot")
    for pk, z in Snapshot.objects.values_list("pk", "entries_z").iterator(chunk_size=20):
        Snapshot.objects.filter(pk=pk).update(entries=json.loads(zlib.decompress(bytes(z))))


class Migration(migrations.Migration):
    dependencies = [("lijsten", "0006_alleen_gecomprimeerd")]

    operations = [
        migrations.AddField("snapshot", "entries_z", models.BinaryField(null=True)),
        migrations.RunPython(comprimeer, pak_uit),
        migrations.RemoveField("snapshot", "entries"),
        migrations.RenameField("snapshot", "entries_z", "entries"),
        migrations.AlterField("snapshot", "entries", stelselbeheer.lijsten.models.GecomprimeerdeJSON(
            help_text="sleutel -> {h: inhoudshash, k: kwalificatie-ids}", verbose_name="entries")),
    ]
