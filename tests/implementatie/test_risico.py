"""The risk register: priority = likelihood x impact (IMP-RISICOPRIO) as in the strategy's own register (§5.7);
an overdue review surfaces in the owner's work overview, and only there (IMP-RISICO-HERZIEN)."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Niveau, prioriteit
from stelselbeheer.kern.werkoverzicht import werkoverzicht

#: the strategy's register (seed 003, §5.7): likelihood, impact, priority as written there
STRATEGIE = [("L", "H", "M"), ("H", "H", "H"), ("M", "M", "M"), ("M", "H", "M"), ("L", "H", "M"), ("M", "M", "M"),
             ("M", "H", "M"), ("H", "H", "H")]


@pytest.mark.parametrize("kans,impact,prio", STRATEGIE)
def test_prioriteit_zoals_in_de_strategie(kans, impact, prio):
    assert prioriteit(kans, impact) == prio


@pytest.mark.parametrize("kans,impact", list(itertools.product("LMH", repeat=2)))
def test_prioriteit_symmetrisch_en_monotoon(kans, impact):
    assert prioriteit(kans, impact) == prioriteit(impact, kans)
    rang = {"L": 0, "M": 1, "H": 2}
    for k2, i2 in itertools.product("LMH", repeat=2):
        if rang[k2] >= rang[kans] and rang[i2] >= rang[impact]:
            assert rang[prioriteit(k2, i2)] >= rang[prioriteit(kans, impact)]


def _risico(eigenaar, herzien, **kw):
    return imp.risico_vastleggen(actor=None, titel=kw.pop("titel", "Financiering"), kans=kw.pop("kans", "H"),
                                 impact=kw.pop("impact", "H"), eigenaar=eigenaar, herzien_op=herzien, **kw)


def test_prioriteit_volgt_bij_wijzigen(wereld):
    r = _risico(wereld["gebruikers"]["uitvoering"], timezone.localdate())
    assert r.prioriteit == Niveau.HOOG and r.nummer.startswith("R-")
    r = imp.risico_wijzigen(actor=None, risico=r, wijzigingen={"kans": "L"}, reden="Financiering toegezegd.")
    assert r.prioriteit == Niveau.MIDDEL


def test_ongeldige_invoer(wereld):
    with pytest.raises(ValidationError) as fout:
        imp.risico_vastleggen(actor=None, titel="", kans="X", impact="H", eigenaar=wereld["gebruikers"]["uitvoering"],
                              herzien_op=timezone.localdate())
    assert {"titel", "kans"} <= set(fout.value.message_dict)


def _taak(user):
    blokken = werkoverzicht(user)
    taken = [t for b in blokken if b.titel == "Landelijke implementatie" for t in b.taken]
    return taken[0] if taken else None


def test_verlopen_herziening_in_de_werkvoorraad_van_de_eigenaar(wereld):
    medewerker, bestuurder = wereld["gebruikers"]["uitvoering"], wereld["gebruikers"]["bestuur"]
    vandaag = timezone.localdate()
    verlopen = _risico(medewerker, vandaag - dt.timedelta(days=1), titel="Weerstand bij aanbieders")
    _risico(medewerker, vandaag, titel="Vandaag te herzien")
    gesloten = _risico(medewerker, vandaag - dt.timedelta(days=5), titel="Afgesloten")
    imp.risico_wijzigen(actor=None, risico=gesloten, wijzigingen={"status": "gesloten"})
    taak = _taak(medewerker)
    assert taak.aantal == 1 and [r.tekst for r in taak.regels] == [str(verlopen)] and taak.urgent
    assert _taak(bestuurder).aantal == 0
    _risico(bestuurder, vandaag - dt.timedelta(days=3))
    assert _taak(bestuurder).aantal == 1


def test_risicolijst_filtert_op_eigen_verlopen_herzieningen(client, wereld):
    medewerker = wereld["gebruikers"]["uitvoering"]
    _risico(medewerker, timezone.localdate() - dt.timedelta(days=1), titel="Mijn verlopen risico")
    _risico(wereld["gebruikers"]["bestuur"], timezone.localdate() - dt.timedelta(days=1), titel="Van een ander")
    client.force_login(medewerker)
    html = client.get("/implementatie/risicos/", {"eigenaar": "ik", "herziening": "verlopen"}).content.decode()
    assert "Mijn verlopen risico" in html and "Van een ander" not in html
