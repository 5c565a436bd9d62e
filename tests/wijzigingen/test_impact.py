"""RFC-IMPACT: the impact analysis is derived from a hand-built register, per gegevensdienst and role, and stored as
a dated snapshot that later register changes do not alter."""

import datetime as dt

import pytest

from stelselbeheer.deelnemers.models import DeelnemerStatus, RolSoort
from stelselbeheer.wijzigingen import impact, services

from .conftest import indienen

PEIL = dt.date(2026, 11, 23)


@pytest.fixture
def register(maak):
    """Two gegevensdiensten; three DVAs (one suspended) with aanbieders, one DVA only qualified, two DVPs (one with
    an expired qualification)."""
    med = maak.gegevensdienst("48", "Medicatiegegevens")
    lab = maak.gegevensdienst("49", "Laboratoriumuitslagen")
    noord = maak.deelnemer("Zorg-ICT Noord B.V.")
    zuid = maak.deelnemer("Zorg-ICT Zuid B.V.")
    weg = maak.deelnemer("Opgeschort B.V.", status=DeelnemerStatus.OPGESCHORT)
    alleen_kwal = maak.deelnemer("Nieuw DVA B.V.")
    pgo = maak.deelnemer("PGO Een B.V.", rollen=[RolSoort.DVP])
    oud_pgo = maak.deelnemer("PGO Oud B.V.", rollen=[RolSoort.DVP])
    for letter in "abc":
        maak.aanbieder(noord, naam=f"noordpraktijk{letter}@medmij", weergavenaam=f"Praktijk Noord {letter}",
                       gegevensdienst=med)
    maak.aanbieder(zuid, naam="zuidpraktijka@medmij", weergavenaam="Praktijk Zuid A", gegevensdienst=lab)
    maak.aanbieder(weg, naam="wegpraktijka@medmij", weergavenaam="Praktijk Weg A", gegevensdienst=med)
    maak.kwalificatie(alleen_kwal, med, testdatum=dt.date(2026, 6, 1))
    maak.kwalificatie(pgo, med, rol=RolSoort.DVP, testdatum=dt.date(2026, 6, 1))
    maak.kwalificatie(oud_pgo, med, rol=RolSoort.DVP, testdatum=dt.date(2025, 6, 1), geldig_tot=dt.date(2026, 5, 31))
    return {"med": med, "lab": lab, "noord": noord, "zuid": zuid, "weg": weg, "alleen_kwal": alleen_kwal,
            "pgo": pgo, "oud_pgo": oud_pgo}


def test_impact_van_een_dienst_over_beide_rollen(register):
    r = register
    uit = impact.bereken(gegevensdiensten=[r["med"]], raakt_dva=True, raakt_dvp=True, peildatum=PEIL)
    assert uit.deelnemers(RolSoort.DVA) == {r["noord"].pk, r["alleen_kwal"].pk}  # not suspended, not 49 only
    assert uit.deelnemers(RolSoort.DVP) == {r["pgo"].pk}  # the expired qualification does not count
    assert uit.aantal_aanbieders == 3 and uit.aanbieders_per_dienst == {"48": 3}
    per = {b.deelnemer_id: b for b in uit.getroffenen}
    assert per[r["noord"].pk].aantal_aanbieders == 3 and per[r["alleen_kwal"].pk].aantal_aanbieders == 0


def test_geen_dienst_genoemd_is_alle_diensten_en_rol_beperkt(register):
    r = register
    uit = impact.bereken(gegevensdiensten=[], raakt_dva=True, raakt_dvp=False, peildatum=PEIL)
    assert uit.deelnemers() == {r["noord"].pk, r["zuid"].pk, r["alleen_kwal"].pk}
    assert uit.aanbieders_per_dienst == {"48": 3, "49": 1} and uit.aantal_aanbieders == 4
    uit = impact.bereken(gegevensdiensten=[r["lab"]], raakt_dva=False, raakt_dvp=True, peildatum=PEIL)
    assert uit.deelnemers() == set() and uit.aantal_aanbieders == 0


def test_momentopname_met_datum_verandert_niet_mee(register, maak):
    r = register
    rfc = indienen(gegevensdiensten=[r["med"]])
    analyse = services.impact_vastleggen(actor=None, voorstel=rfc)
    assert {(g.deelnemer_id, g.rol) for g in analyse.getroffenen.all()} == {
        (r["noord"].pk, "dva"), (r["alleen_kwal"].pk, "dva"), (r["pgo"].pk, "dvp")}
    maak.aanbieder(r["zuid"], naam="zuidpraktijkb@medmij", weergavenaam="Praktijk Zuid B", gegevensdienst=r["med"])
    analyse.refresh_from_db()
    assert analyse.aantal_aanbieders == 3  # the snapshot keeps what the register said then
    nieuw = services.impact_vastleggen(actor=None, voorstel=rfc)
    assert nieuw.aantal_aanbieders == 4 and rfc.analyses.first() == nieuw
    assert r["zuid"].pk in {g.deelnemer_id for g in nieuw.getroffenen.all()}
