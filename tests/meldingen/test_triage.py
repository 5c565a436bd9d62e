"""Triage, escalation and service levels (MEL-TRIAGE, MEL-ESCALATIE, MEL-SLA)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.meldingen import services
from stelselbeheer.meldingen.servicenormen import doelen, werkuren_na

A = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize("start,uren,einde", [
    (dt.datetime(2026, 11, 20, 16, 0, tzinfo=A), 4, dt.datetime(2026, 11, 23, 12, 0, tzinfo=A)),   # weekend
    (dt.datetime(2026, 4, 24, 15, 0, tzinfo=A), 8, dt.datetime(2026, 4, 28, 15, 0, tzinfo=A)),     # King's Day
    (dt.datetime(2026, 12, 24, 20, 0, tzinfo=A), 1, dt.datetime(2026, 12, 28, 10, 0, tzinfo=A)),   # Christmas
    (dt.datetime(2026, 11, 23, 7, 30, tzinfo=A), 2, dt.datetime(2026, 11, 23, 11, 0, tzinfo=A)),   # before hours
])
def test_werkuren_over_weekend_en_feestdag(start, uren, einde):
    assert werkuren_na(start, uren) == einde


def test_normen_per_soort_en_prioriteit():
    vrijdag = dt.datetime(2026, 11, 20, 16, 0, tzinfo=A)
    reactie, oplossing = doelen("calamiteit", "normaal", vrijdag)
    assert (reactie, oplossing) == (vrijdag + dt.timedelta(hours=1), vrijdag + dt.timedelta(hours=24))
    reactie, _ = doelen("incident", "hoog", vrijdag)
    assert reactie == dt.datetime(2026, 11, 23, 12, 0, tzinfo=A)


@pytest.fixture
def regionaal(wereld):
    m, _ = services.melding_indienen(actor=None, soort="incident", onderwerp="Viewer", omschrijving="x",
                                     melder_naam="A", melder_email="a@x.nl", uitkomst="rso", regio=wereld["rso"].regio)
    return m


def test_triage_en_escalatie_bewaren_de_geschiedenis(client, wereld, regionaal, maak):
    from stelselbeheer.kern.rollen import Rol

    regio = wereld["gebruikers"]["regio"]
    m = services.melding_triage(actor=regio, melding=regionaal, prioriteit="kritiek", team="Viewerteam")
    assert m.status == "in_behandeling" and m.oplossing_voor == m.ingediend_op + dt.timedelta(hours=8)
    ander = maak.gebruiker(Rol.REGIO, rso=maak.rso("RSO Zuid-Limburg"))
    with pytest.raises(PermissionDenied):
        services.melding_triage(actor=ander, melding=m, prioriteit="laag")
    with pytest.raises(ValidationError):
        services.melding_escaleren(actor=regio, melding=m, reden="")
    client.force_login(regio)
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "escaleren", "reden": "Landelijk probleem"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.niveau == "landelijk"
    assert client.get(f"/beheer/meldingen/{m.nummer}/").status_code == 404  # the national desk has it now
    client.force_login(wereld["gebruikers"]["uitvoering"])
    tekst = client.get(f"/beheer/meldingen/{m.nummer}/").content.decode()
    assert "triage" in tekst and "geëscaleerd naar de landelijke desk" in tekst and "Landelijk probleem" in tekst
    with pytest.raises(ValidationError):
        services.melding_escaleren(actor=None, melding=m, reden="nogmaals")


def test_werkvoorraad_toont_verstreken_normen(client, wereld, regionaal):
    from stelselbeheer.meldingen.models import Melding

    Melding.objects.filter(pk=regionaal.pk).update(oplossing_voor=dt.datetime(2026, 1, 1, tzinfo=A))
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert "verstreken" in client.get("/beheer/meldingen/").content.decode()


def test_status_opgelost_en_gesloten_met_toelichting_voor_de_melder(client, wereld):
    m, code = services.melding_indienen(actor=None, soort="vraag", onderwerp="ZAL", omschrijving="x",
                                        melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")
    medewerker = wereld["gebruikers"]["uitvoering"]
    with pytest.raises(ValidationError) as fout:
        services.melding_status_zetten(actor=medewerker, melding=m, status="gesloten", toelichting="x")
    assert "status" in fout.value.message_dict
    services.melding_triage(actor=medewerker, melding=m, prioriteit="normaal")
    with pytest.raises(ValidationError) as fout:
        services.melding_status_zetten(actor=medewerker, melding=m, status="opgelost", toelichting=" ")
    assert "toelichting" in fout.value.message_dict
    client.force_login(medewerker)
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "status", "status": "opgelost",
                                                       "toelichting": "De lijst wordt elk uur gepubliceerd."})
    assert r.status_code == 302
    client.logout()
    status = client.get(f"/meldingen/status/{code}/").content.decode()
    assert "Opgelost" in status and "elk uur gepubliceerd" in status
    assert "a@x.nl" not in status
