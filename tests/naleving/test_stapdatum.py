"""NAL-STAPDATUM: a step is recorded when it is taken: not in the future and not before what it follows. Found by
trying the compliance screens: a date of 9999-12-31 gave a 500, a suspension dated next June took the entries off
the lists today, and a formal notice backdated before the assessment let the participant be dissolved the same day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers.models import DeelnemerStatus
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.naleving import opschorting, services
from stelselbeheer.naleving.models import CRITERIA, Nalevingszaak, Opschorting, Zaakgebeurtenis, ZaakStap
from stelselbeheer.naleving.rules import stapdatum_bezwaar
from tests.stappen import besluit

VANDAAG = vandaag()
CRIT = {k: {"score": 3, "motivering": f"Afweging voor {k}"} for k in CRITERIA}


@pytest.mark.parametrize(("datum", "vroegst", "fout"), [
    (dt.date(2026, 11, 30), None, None),  # Monday: today
    (dt.date(2026, 12, 1), None, "in de toekomst"),  # tomorrow
    (dt.date(9999, 12, 31), None, "in de toekomst"),
    (dt.date(2026, 11, 20), dt.date(2026, 11, 20), None),  # the same day as the previous step
    (dt.date(2026, 11, 19), dt.date(2026, 11, 20), "vóór de vorige stap (20-11-2026)"),
])
def test_nal_stapdatum_regel(datum, vroegst, fout):
    uitkomst = stapdatum_bezwaar(datum, vandaag=dt.date(2026, 11, 30), vroegst=vroegst, vroegst_wat="de vorige stap")
    assert (uitkomst is None) if fout is None else (fout in uitkomst)


@pytest.fixture
def beoordeeld(wereld):
    z = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365: geldig testresultaat",
                             omstandigheden="Testresultaat verlopen.", datum=VANDAAG - dt.timedelta(days=40))
    z = services.zaak_stap(actor=None, zaak=z, overgang="toelichting_vragen", datum=VANDAAG - dt.timedelta(days=30))
    return services.zaak_stap(actor=None, zaak=z, overgang="beoordelen", datum=VANDAAG,
                              gegevens={"beoordeling": "Geen reactie; ernstig."})


def test_nal_stapdatum_een_teruggedateerde_ingebrekestelling_wordt_geweigerd(beoordeeld):
    with pytest.raises(ValidationError) as fout:
        services.zaak_stap(actor=None, zaak=beoordeeld, overgang="in_gebreke_stellen", termijn=1,
                           datum=VANDAAG - dt.timedelta(days=10), gegevens={"criteria": CRIT})
    assert "vóór de vorige stap" in fout.value.message_dict["datum"][0]
    beoordeeld.refresh_from_db()
    assert beoordeeld.stap == "beoordeling" and beoordeeld.gebeurtenissen.count() == 3


def test_nal_stapdatum_ver_in_de_toekomst_is_een_veldfout_geen_500(client, wereld, beoordeeld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/api/zaken/{beoordeeld.nummer}/stappen", {
        "overgang": "in_gebreke_stellen", "datum": "9999-12-31", "gegevens": {"criteria": CRIT}},
        content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == ["datum"]
    assert Zaakgebeurtenis.objects.filter(zaak=beoordeeld).count() == 3


def test_nal_stapdatum_opschorting_gaat_niet_in_de_toekomst_of_voor_het_besluit_in(client, wereld):
    b = besluit(wereld["dva"], BesluitSoort.OPSCHORTING, datum=VANDAAG - dt.timedelta(days=2))
    for datum, tekst in ((VANDAAG + dt.timedelta(days=180), "in de toekomst"),
                         (dt.date(9999, 12, 31), "in de toekomst"),
                         (VANDAAG - dt.timedelta(days=3), "vóór het besluit")):
        with pytest.raises(ValidationError) as fout:
            opschorting.opschorten(actor=None, deelnemer=wereld["dva"], niveau=1, besluit=b, datum=datum)
        assert tekst in fout.value.message_dict["datum"][0]
    client.force_login(wereld["gebruikers"]["bestuur"])
    r = client.post(f"/beheer/naleving/opschorten/{wereld['dva'].pk}/", {
        "niveau": "1", "besluit": b.pk, "datum": "9999-12-31"})
    assert r.status_code == 200 and "in de toekomst" in r.content.decode()
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == DeelnemerStatus.ACTIEF and not Opschorting.objects.exists()
    assert Nalevingszaak.objects.count() == 0


def test_stappagina_toont_alle_bezwaren_in_een_ronde(client, wereld):
    """The step page shows its own field errors and the service's refusals together (issue 11: before, the date and
    the workflow's conditions appeared only after the form's errors had been fixed, in a second round)."""
    z = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365: geldig testresultaat",
                             omstandigheden="Testresultaat verlopen.", datum=VANDAAG - dt.timedelta(days=2))
    z = services.zaak_stap(actor=None, zaak=z, overgang="toelichting_vragen", datum=VANDAAG - dt.timedelta(days=1))
    client.force_login(wereld["gebruikers"]["uitvoering"])
    morgen = VANDAAG + dt.timedelta(days=1)
    r = client.post(f"/beheer/naleving/zaken/{z.nummer}/stap/beoordelen/",
                    {"beoordeling": "", "datum": morgen.isoformat()})
    assert r.status_code == 200
    form = r.context["form"]
    assert "beoordeling" in form.errors  # the form's own: required
    assert "in de toekomst" in " ".join(form.errors["datum"])  # NAL-STAPDATUM, from the service's check
    assert "NAL-STAP2" in " ".join(form.non_field_errors())  # the participant has not reacted yet, term running
    z.refresh_from_db()
    assert z.stap == ZaakStap.VERIFICATIE and not z.beoordeling  # nothing written
