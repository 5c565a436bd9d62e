"""DLN-ACTIEF and DLN-UNIEK."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.deelnemers import services
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus


def test_dln_actief_vraagt_ondertekening(maak):
    org = maak.organisatie()
    with pytest.raises(ValidationError) as fout:
        services.deelnemer_registreren(actor=None, organisatie=org, overeenkomstversie="2.2",
                                       status=DeelnemerStatus.ACTIEF, status_sinds=dt.date(2026, 1, 1))
    assert "ondertekend_op" in fout.value.message_dict
    assert not Deelnemer.objects.exists()


def test_dln_uniek(maak):
    d = maak.deelnemer()
    with pytest.raises(ValidationError) as fout:
        services.deelnemer_registreren(actor=None, organisatie=d.organisatie, overeenkomstversie="2.2",
                                       status_sinds=dt.date(2026, 1, 1))
    assert "organisatie" in fout.value.message_dict


def test_rol_niet_dubbel(maak):
    d = maak.deelnemer(rollen=["dva"])
    with pytest.raises(ValidationError):
        services.deelnemer_rol_toekennen(actor=None, deelnemer=d, rol="dva", sinds=dt.date(2026, 1, 1))
    services.deelnemer_rol_toekennen(actor=None, deelnemer=d, rol="dvp", sinds=dt.date(2026, 1, 1))
    assert sorted(d.rollen.values_list("rol", flat=True)) == ["dva", "dvp"]
