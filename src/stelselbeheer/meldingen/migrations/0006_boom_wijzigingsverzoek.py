"""The front door's decision tree gets a branch for a change to the agreements (an RFC, app ``wijzigingen``): a new
version of the active tree, with a third answer to its first question, so every existing path stays valid."""

import copy

from django.db import migrations

OPTIE = {"label": "Ik wil een wijziging van de afspraken voorstellen", "naar": "afspraken"}
BLAD = {"uitkomst": "afspraken", "tekst": "Een voorstel om de afspraken van het stelsel, de viewer of een bronsysteem "
                                          "te wijzigen is een wijzigingsverzoek (RFC). Dien het hier in; het komt op "
                                          "de juiste ontwikkelagenda."}


def tak_toevoegen(apps, schema_editor):
    Beslisboom = apps.get_model("meldingen", "Beslisboom")
    actief = Beslisboom.objects.filter(actief=True).order_by("-versie").first()
    if actief is None or any(k.get("uitkomst") == "afspraken" for k in actief.boom["knopen"].values()):
        return
    boom = copy.deepcopy(actief.boom)
    if "afspraken" in boom["knopen"]:
        return  # a staff-made node of that name: leave the tree to staff
    boom["knopen"]["afspraken"] = BLAD
    boom["knopen"][boom["start"]].setdefault("opties", []).append(OPTIE)
    Beslisboom.objects.filter(pk=actief.pk).update(actief=False)
    Beslisboom.objects.create(versie=actief.versie + 1, boom=boom, actief=True)


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0005_omschrijving_max")]
    operations = [migrations.RunPython(tak_toevoegen, migrations.RunPython.noop)]
