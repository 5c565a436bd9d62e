"""Compliance cases (naleving/workflow.py): each step and closure path, one open case per obligation, the
participant's explanation, confidentiality of the case file."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.naleving import services, workflow
from stelselbeheer.naleving.models import CRITERIA, Afsluiting, Nalevingszaak, ZaakStap
from tests.stappen import besluit

VANDAAG = vandaag()
CRIT = {k: {"score": 3, "motivering": f"Afweging voor {k}"} for k in CRITERIA}


@pytest.fixture
def zaak(wereld):
    return services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365: geldig testresultaat",
                                omstandigheden="Testresultaat verlopen op 01-03-2026.", datum=dt.date(2026, 3, 2))


def _stap(zaak, naam, **kw):
    return services.zaak_stap(actor=None, zaak=zaak, overgang=naam, **kw)


def test_vijf_stappen_tot_ontbinding(wereld, zaak):
    assert zaak.nummer.startswith(f"N-{VANDAAG.year}-") and zaak.stap == ZaakStap.CONSTATERING
    z = _stap(zaak, "toelichting_vragen", datum=dt.date(2026, 3, 24))
    assert z.stap == ZaakStap.VERIFICATIE and z.termijn_tot == dt.date(2026, 4, 8)  # Easter Monday skipped
    assert z.termijn_basis == "10 werkdagen na verzending van het verzoek om toelichting op 24-03-2026"
    with pytest.raises(ValidationError) as fout:
        _stap(z, "beoordelen", datum=dt.date(2026, 4, 8), gegevens={"beoordeling": "Onvoldoende"})
    assert "NAL-STAP2" in fout.value.message_dict["toelichting_ontvangen_op"][0]
    z = _stap(z, "beoordelen", datum=dt.date(2026, 4, 9), gegevens={"beoordeling": "Geen reactie: ernstig"})
    with pytest.raises(ValidationError) as fout:
        _stap(z, "in_gebreke_stellen", gegevens={"criteria": {**CRIT, "beveiliging": {"score": 4}}})
    assert "beveiligingsrisico" in fout.value.message_dict["criteria"][0]
    z = _stap(z, "in_gebreke_stellen", datum=dt.date(2026, 4, 20), termijn=7, gegevens={"criteria": CRIT})
    assert z.stap == ZaakStap.INGEBREKESTELLING and z.termijn_tot == dt.date(2026, 4, 28)  # past King's Day
    assert z.criteria["vertrouwen"] == {"score": 3, "motivering": "Afweging voor vertrouwen"}
    beeindiging = besluit(wereld["dva"], BesluitSoort.BEEINDIGING, zaak=z)
    with pytest.raises(ValidationError) as fout:
        _stap(z, "ontbinden", datum=dt.date(2026, 4, 28), besluit=beeindiging)
    assert "NAL-VERZUIM" in fout.value.message_dict["termijn_tot"][0]
    with pytest.raises(ValidationError):
        _stap(z, "ontbinden", datum=dt.date(2026, 4, 29))  # no decision
    z = _stap(z, "ontbinden", datum=dt.date(2026, 4, 29), besluit=beeindiging)
    z = _stap(z, "afronden", datum=dt.date(2026, 4, 30))
    assert (z.stap, z.afsluiting) == (ZaakStap.GESLOTEN, Afsluiting.ONTBONDEN)
    assert list(z.gebeurtenissen.values_list("soort", flat=True)) == [
        "geopend", "toelichting_vragen", "beoordelen", "in_gebreke_stellen", "ontbinden", "afronden"]


@pytest.mark.parametrize("stap", [ZaakStap.CONSTATERING, ZaakStap.VERIFICATIE, ZaakStap.BEOORDELING,
                                  ZaakStap.INGEBREKESTELLING])
def test_afsluiten_kan_bij_elke_open_stap(zaak, stap):
    Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=stap)
    with pytest.raises(ValidationError) as fout:
        _stap(zaak, "sluiten_geen_niet_naleving")
    assert "NAL-REDEN" in fout.value.message_dict["toelichting"][0]
    z = _stap(zaak, "sluiten_voldoende_zicht", toelichting="Nieuwe test gepland",
              gegevens={"vervolgcontrole_op": VANDAAG + dt.timedelta(days=30)})
    assert (z.stap, z.afsluiting) == (ZaakStap.GESLOTEN, Afsluiting.VOLDOENDE_ZICHT)
    assert z.vervolgcontrole_op == VANDAAG + dt.timedelta(days=30)


def test_voldoende_zicht_vraagt_een_vervolgcontrole_in_de_toekomst(zaak):
    with pytest.raises(ValidationError) as fout:
        _stap(zaak, "sluiten_voldoende_zicht", toelichting="ok", gegevens={"vervolgcontrole_op": VANDAAG})
    assert "NAL-VINGER" in fout.value.message_dict["vervolgcontrole_op"][0]
    z = _stap(zaak, "sluiten_geen_niet_naleving", toelichting="Test was toch geldig")
    assert z.afsluiting == Afsluiting.GEEN_NIET_NALEVING


@pytest.mark.parametrize("naam", [o.naam for o in workflow.OVERGANGEN])
@pytest.mark.parametrize("stap", ZaakStap.values)
def test_elke_stap_alleen_vanuit_zijn_stappen(zaak, naam, stap):
    overgang = workflow.PER_NAAM[naam]
    Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=stap)
    if stap in overgang.van:
        return  # the allowed paths are walked above
    with pytest.raises(ValidationError) as fout:
        _stap(zaak, naam, toelichting="x")
    assert "kan niet in stap" in fout.value.message_dict["overgang"][0]


def test_nooit_een_tweede_open_zaak_ook_niet_uit_twee_controles(wereld, maak):
    from stelselbeheer.deelnemers.models import Kwalificatie

    Kwalificatie.objects.all().delete()
    maak.kwalificatie(wereld["dva"], wereld["dienst"], testdatum=dt.date(2025, 1, 6))  # expired 2026-01-06
    moment = dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)
    eerste = kwalificaties_controleren(moment=moment)
    assert (eerste.constateringen, eerste.zaken) == (2, 2)  # the expiry, and the DVP's client (never tested)
    tweede = kwalificaties_controleren(moment=moment)
    assert (tweede.constateringen, tweede.zaken) == (0, 0)
    zaak = Nalevingszaak.objects.get(deelnemer=wereld["dva"])
    with pytest.raises(ValidationError):
        services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting=zaak.verplichting, omstandigheden="x")
    _stap(zaak, "sluiten_geen_niet_naleving", toelichting="opgelost")
    assert services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting=zaak.verplichting,
                                omstandigheden="opnieuw").stap == ZaakStap.CONSTATERING


def test_deelnemer_geeft_toelichting_via_het_portaal(client, wereld, zaak, maak):
    client.force_login(wereld["gebruikers"]["deelnemer"])
    url = f"/mijn/naleving/{zaak.nummer}/"
    assert "Uw toelichting" not in client.get(url).content.decode()  # only after the request (step 2)
    _stap(zaak, "toelichting_vragen")
    r = client.post(url, {"maatregelen": "", "maatregelen_termijn": "2020-01-01"})
    assert r.status_code == 200 and "Dit veld is verplicht" in r.content.decode()
    with pytest.raises(ValidationError) as fout:
        services.zaak_toelichting_geven(actor=wereld["gebruikers"]["deelnemer"], zaak=zaak, maatregelen=" ",
                                        maatregelen_termijn=dt.date(2020, 1, 1))
    assert set(fout.value.message_dict) == {"maatregelen", "maatregelen_termijn"}
    r = client.post(url, {"maatregelen": "Nieuwe test op 1 december", "maatregelen_termijn": (
        VANDAAG + dt.timedelta(days=8)).isoformat()})
    assert r.status_code == 302
    zaak.refresh_from_db()
    assert zaak.toelichting_ontvangen_op == VANDAAG and "1 december" in zaak.maatregelen
    ander = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"])
    with pytest.raises(PermissionDenied):
        services.zaak_toelichting_geven(actor=ander, zaak=zaak, maatregelen="x", maatregelen_termijn=VANDAAG)
    client.force_login(ander)
    assert client.get(url).status_code == 404 and zaak.nummer not in client.get("/mijn/naleving/").content.decode()


@pytest.mark.parametrize("rol", ["publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio"])
def test_dossier_alleen_voor_uitvoering_bestuur_en_de_deelnemer(client, wereld, zaak, rol):
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    detail = client.get(f"/beheer/naleving/zaken/{zaak.nummer}/")
    assert detail.status_code == (200 if rol in {"bestuur", "uitvoering"} else 302 if rol == "publiek" else 403)
    eigen = client.get(f"/mijn/naleving/{zaak.nummer}/")
    assert eigen.status_code == (200 if rol == "deelnemer" else 302 if rol == "publiek" else 403)
    if rol in {"bestuur", "uitvoering", "auditor"}:
        audit = client.get("/beheer/audit/").content.decode()
        assert "Testresultaat verlopen op 01-11-2026" not in audit  # the case file never in the trail
    for pagina in ("/besluiten/", "/deelnemers/", f"/deelnemers/{wereld['dva'].pk}/", "/api/besluiten"):
        assert zaak.nummer not in client.get(pagina).content.decode()


def test_werkvoorraad_op_urgentie(client, wereld, zaak, maak):
    tweede = services.zaak_openen(actor=None, deelnemer=wereld["dvp"], verplichting="OCL-entry niet erkend",
                                  omstandigheden="x")
    _stap(zaak, "toelichting_vragen", datum=VANDAAG - dt.timedelta(days=30))  # overdue
    _stap(tweede, "toelichting_vragen")
    client.force_login(wereld["gebruikers"]["uitvoering"])
    tekst = client.get("/beheer/naleving/").content.decode()
    assert tekst.index(zaak.nummer) < tekst.index(tweede.nummer) and "verstreken" in tekst
    assert AuditEvent.objects.filter(actie="zaak.toelichting_vragen").count() == 2


def test_api_voor_medewerker_en_deelnemer(client, wereld, zaak):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    assert [z["nummer"] for z in client.get("/api/zaken?open=true").json()["resultaten"]] == [zaak.nummer]
    r = client.post(f"/api/zaken/{zaak.nummer}/stappen", {"overgang": "beoordelen"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "overgang"
    r = client.post(f"/api/zaken/{zaak.nummer}/stappen", {"overgang": "toelichting_vragen", "termijn": 5},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["stap"] == "verificatie" and "5 werkdagen" in r.json()["termijn_basis"]
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert [z["nummer"] for z in client.get("/api/mijn/zaken").json()] == [zaak.nummer]
    antwoord = {"maatregelen": "Hertest", "maatregelen_termijn": (VANDAAG + dt.timedelta(days=5)).isoformat()}
    r = client.post(f"/api/mijn/zaken/{zaak.nummer}/toelichting", antwoord, content_type="application/json")
    assert r.status_code == 200 and r.json()["maatregelen"] == "Hertest"
    assert client.get("/api/zaken").status_code == 403


@pytest.mark.parametrize("rol,ziet", [("bestuur", True), ("uitvoering", True), ("auditor", False)])
def test_dossier_ook_in_de_admin_alleen_voor_uitvoering_en_bestuur(client, wereld, zaak, rol, ziet):
    client.force_login(wereld["gebruikers"][rol])
    assert ("Nalevingszaken" in client.get("/django-admin/").content.decode()) == ziet
    r = client.get("/django-admin/naleving/nalevingszaak/")
    assert (r.status_code == 200 and zaak.nummer in r.content.decode()) == ziet
