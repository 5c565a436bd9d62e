"""NAL-OPSCHORTING: suspension levels 1-4 and their effects on the next list version, the public page, the other
participants and the case; lifting restores what still qualifies."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.models import DeelnemerStatus
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.naleving import opschorting
from tests.stappen import besluit


@pytest.fixture
def gepubliceerd(wereld, settings):
    settings.LIJST_BEWAKING_DREMPEL = 1.0  # the guard has its own tests; a suspension explains the removal anyway
    eerste = lijst_publiceren(actor=None, lijst="zal")
    assert "huisartsdelinde@medmij" in eerste.entries
    wereld["dvp"].contact_email = "info@mijngezondheid.nl"
    wereld["dvp"].save()
    return eerste


@pytest.mark.parametrize("niveau,openbaar", [(1, "actief"), (2, "actief"), (3, "inactief")])
def test_niveau_werkt_door_in_lijst_en_openbare_pagina(client, wereld, gepubliceerd, niveau, openbaar):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING)
    maatregel = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=niveau, besluit=b,
                                       gepland_tot=vandaag() + dt.timedelta(days=14) if niveau == 3 else None)
    volgende = lijst_publiceren(actor=None, lijst="zal")
    assert "huisartsdelinde@medmij" not in volgende.entries and volgende.verwijderd == ["huisartsdelinde@medmij"]
    assert maatregel.scope["gegevensdiensten"] == ["48"] and maatregel.scope["aantal_aanbieders"] == 1
    rij = [r for r in client.get("/deelnemers/").content.decode().split("<tr>") if "Zorg-ICT Noord" in r][0]
    assert (("<strong>inactief</strong>" in rij) == (openbaar == "inactief"))
    tijdlijn = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "Opgeschort" in tijdlijn and b.nummer in tijdlijn  # the decision is public at every level
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["info@mijngezondheid.nl"]
    bericht = mail.outbox[0].body
    assert "Zorg-ICT Noord" in bericht and "48" in bericht and maatregel.verwachte_duur in bericht


def test_vanaf_niveau_2_bevestigt_de_deelnemer_dat_gebruikers_zijn_geinformeerd(client, wereld, gepubliceerd):
    een = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=1,
                                 besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    with pytest.raises(ValidationError):
        opschorting.gebruikers_geinformeerd(actor=None, opschorting=een, datum=vandaag())
    opschorting.opschorting_opheffen(actor=None, opschorting=een, besluit=besluit(wereld["dva"], "opheffing"))
    twee = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=2,
                                  besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert "Bevestigen dat onze gebruikers zijn geïnformeerd" in client.get("/mijn/").content.decode()
    r = client.post(f"/mijn/opschortingen/{twee.pk}/geinformeerd/", {"datum": vandaag().isoformat()})
    assert r.status_code == 302
    twee.refresh_from_db()
    assert twee.gebruikers_geinformeerd_op == vandaag()


def test_opheffen_brengt_terug_wat_nog_voldoet(wereld, gepubliceerd):
    maatregel = opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=3,
                                       besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING),
                                       gepland_tot=vandaag() + dt.timedelta(days=14))
    with pytest.raises(ValidationError):
        opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=1,
                               besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))  # one at a time
    lijst_publiceren(actor=None, lijst="zal")
    with pytest.raises(ValidationError) as fout:
        opschorting.opschorting_opheffen(actor=None, opschorting=maatregel,
                                         besluit=besluit(wereld["dva"], BesluitSoort.OPSCHORTING))
    assert "besluit" in fout.value.message_dict
    opschorting.opschorting_opheffen(actor=None, opschorting=maatregel, besluit=besluit(wereld["dva"], "opheffing"))
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF
    assert "huisartsdelinde@medmij" in lijst_publiceren(actor=None, lijst="zal").entries


def test_niveau_4_beeindigt_en_haalt_van_de_openbare_lijst(client, wereld, gepubliceerd):
    b = besluit(wereld["dva"], BesluitSoort.BEEINDIGING)
    opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=4, besluit=b, datum=vandaag())
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.BEEINDIGD
    assert "Zorg-ICT Noord" not in client.get("/deelnemers/").content.decode()  # current participants
    assert "Zorg-ICT Noord" in client.get("/deelnemers/", {"deelname": "voormalig"}).content.decode()
    assert "huisartsdelinde@medmij" not in lijst_publiceren(actor=None, lijst="zal").entries


def test_opschorten_via_de_pagina(client, wereld, gepubliceerd):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, datum=vandaag() - dt.timedelta(days=2))
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.post(f"/beheer/naleving/opschorten/{wereld['dva'].pk}/", {
        "niveau": "3", "besluit": b.pk, "datum": (vandaag() - dt.timedelta(days=1)).isoformat(),
        "gepland_tot": (vandaag() + dt.timedelta(days=14)).isoformat()})
    assert r.status_code == 302
    assert "niveau 3" in client.get(f"/beheer/deelnemers/{wereld['dva'].pk}/").content.decode()
