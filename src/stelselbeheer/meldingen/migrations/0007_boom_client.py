"""The front door's decision tree gets the branch that sends a client or patient to the national helpdesk (seed
004, bijlage 3 theme 6; RSO-DEKKING): a new version of the active tree with one more answer to its first question,
so every existing path stays valid. A fresh installation has it in the standard tree already."""

import copy

from django.db import migrations

OPTIE = {"label": "Ik ben cliënt of patiënt, geen zorgverlener", "naar": "client"}
BLAD = {"uitkomst": "landelijk", "tekst": "Voor cliënten is de landelijke helpdesk het eerste aanspreekpunt, niet de "
                                          "regionale desk van een RSO. Meld het hier; de landelijke desk pakt het op."}


def tak_toevoegen(apps, schema_editor):
    Beslisboom = apps.get_model("meldingen", "Beslisboom")
    actief = Beslisboom.objects.filter(actief=True).order_by("-versie").first()
    if actief is None or "client" in actief.boom["knopen"]:
        return  # none yet (the standard tree comes with it), or a staff-made node of that name: leave it to staff
    boom = copy.deepcopy(actief.boom)
    boom["knopen"]["client"] = BLAD
    boom["knopen"][boom["start"]].setdefault("opties", []).append(OPTIE)
    Beslisboom.objects.filter(pk=actief.pk).update(actief=False)
    Beslisboom.objects.create(versie=actief.versie + 1, boom=boom, actief=True)


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0006_boom_wijzigingsverzoek")]
    operations = [migrations.RunPython(tak_toevoegen, migrations.RunPython.noop)]
