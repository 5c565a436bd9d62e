"""A phase change is the implementation group's decision after the hand-over conversation (IMP-BESLUIT), refused per
acceptance criterion while one is not met for the target phase (IMP-CRITERIA), one phase at a time
(IMP-FASEVOLGORDE), in or after a meeting where the product is on the agenda (IMP-VERGADERING, IMP-AGENDA)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import FASEVOLGORDE, Fase, Fasebesluit, Oordeel, verwachting_voor
from stelselbeheer.implementatie.standaard import CRITERIA, criteria
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.overleg import services as ovl

from .conftest import alles_voldaan, in_fase, plannen

CODES = [c[0] for c in CRITERIA]
DOELEN = [Fase.KOPLOPERS, Fase.OPTIMALISATIE, Fase.BREDE_IMPLEMENTATIE]


def _van(doel):
    return FASEVOLGORDE[FASEVOLGORDE.index(doel) - 1]


def test_zes_criteria_met_verwachting_per_fase_uit_de_strategie(db):
    alle = criteria()
    assert [c.naam for c in alle] == ["Referentieproces", "Toegevoegde waarde", "Technisch gereed (MVP)",
                                      "Tijdslijnen", "Sturingsmechanismen", "Beheer"]
    mvp = next(c for c in alle if c.code == "technisch_gereed")
    assert verwachting_voor(mvp, Fase.OPTIMALISATIE) == "Het MVP is bij de top 5 leveranciers per sector beschikbaar."
    assert "90% van de leveranciers" in verwachting_voor(mvp, Fase.BREDE_IMPLEMENTATIE)
    # the strategy leaves steering mechanisms empty after the frontrunner phase: the earlier expectation holds
    sturing = next(c for c in alle if c.code == "sturingsmechanismen")
    assert verwachting_voor(sturing, Fase.BREDE_IMPLEMENTATIE).startswith(
        "De sturingsmiddelen inclusief tijdslijnen zijn bekend.")
    assert "blijft gelden" in verwachting_voor(sturing, Fase.BREDE_IMPLEMENTATIE)


@pytest.mark.parametrize("doel", DOELEN)
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("oordeel", [Oordeel.DEELS, Oordeel.NIET, None])
def test_elk_criterium_blokkeert_per_fase(groep, doel, code, oordeel):
    """One criterion not met (or not scored) towards ``doel``: refused, with an error on that criterion only, naming
    it; nothing changes."""
    product = in_fase(groep.product, _van(doel))
    alles_voldaan(product, behalve={code: oordeel})
    with pytest.raises(ValidationError) as fout:
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=product, naar_fase=doel, vergadering=groep.vergadering)
    assert set(fout.value.message_dict) == {f"criterium_{code}"}
    naam = next(c[1] for c in CRITERIA if c[0] == code)
    assert naam in fout.value.message_dict[f"criterium_{code}"][0]
    assert "IMP-CRITERIA" in fout.value.message_dict[f"criterium_{code}"][0]
    product.refresh_from_db()
    assert product.fase == _van(doel) and not Fasebesluit.objects.exists()


@pytest.mark.parametrize("doel", DOELEN)
def test_alle_criteria_voldaan_het_lid_besluit(groep, doel):
    product = in_fase(groep.product, _van(doel))
    alles_voldaan(product)
    besluit = imp.fasebesluit_nemen(actor=groep.voorzitter, product=product, naar_fase=doel,
                                    vergadering=groep.vergadering, toelichting="Akkoord.")
    product.refresh_from_db()
    # in this phase since the day of the meeting that decided (it began an hour ago: before midnight, near midnight)
    assert product.fase == doel and product.fase_sinds == timezone.localdate(groep.vergadering.begin)
    assert besluit.besloten_door == groep.voorzitter and besluit.van_fase == _van(doel)
    assert [c["criterium"] for c in besluit.criteria] == CODES and {c["oordeel"] for c in besluit.criteria} == {
        "voldaan"}
    assert besluit.nummer.startswith(f"F-{timezone.localdate().year}-")
    event = AuditEvent.objects.filter(actie="product.fase_gewijzigd").get()
    assert event.na["fasebesluit"] == besluit.nummer and event.voor == {"fase": _van(doel)}


def test_alle_criteria_tegelijk_onvoldaan_een_fout_per_criterium(groep):
    alles_voldaan(groep.product, behalve={c: Oordeel.NIET for c in CODES})
    with pytest.raises(ValidationError) as fout:
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=groep.vergadering)
    assert set(fout.value.message_dict) == {f"criterium_{c}" for c in CODES}


def test_een_fase_tegelijk(groep):
    alles_voldaan(groep.product)
    with pytest.raises(ValidationError) as fout:
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.OPTIMALISATIE,
                              vergadering=groep.vergadering)
    assert "IMP-FASEVOLGORDE" in fout.value.message_dict["naar_fase"][0]


def test_koplopers_eerst_gekozen(groep):
    groep.product.koplopers.all().delete()
    alles_voldaan(groep.product)
    with pytest.raises(ValidationError) as fout:
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=groep.vergadering)
    assert set(fout.value.message_dict) == {"koplopers"}


def test_niet_voor_de_vergadering_en_alleen_als_het_product_op_de_agenda_staat(groep):
    alles_voldaan(groep.product)
    later = plannen(groep.orgaan, timezone.now() + dt.timedelta(days=3))
    ovl.agendapunt_toevoegen(actor=None, vergadering=later, titel="Fase", onderwerp=groep.product)
    with pytest.raises(ValidationError, match="IMP-VERGADERING"):
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=later)
    zonder = plannen(groep.orgaan, timezone.now() - dt.timedelta(hours=3))
    with pytest.raises(ValidationError, match="IMP-AGENDA"):
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=zonder)


def test_alleen_een_implementatiegroep_besluit(groep):
    alles_voldaan(groep.product)
    stuurgroep = ovl.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep", soort="stuurgroep")
    ovl.lid_toevoegen(actor=None, orgaan=stuurgroep, rol="voorzitter", gebruiker=groep.voorzitter,
                      van=timezone.localdate() - dt.timedelta(days=10))
    v = plannen(stuurgroep, timezone.now() - dt.timedelta(hours=1))
    ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel="Fase", onderwerp=groep.product)
    with pytest.raises(ValidationError, match="geen implementatiegroep"):
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS, vergadering=v)


def test_geen_lid_geen_besluit(groep, wereld, maak):
    """A board member with the right to decide phases, but no seat in the group: refused (IMP-BESLUIT)."""
    alles_voldaan(groep.product)
    with pytest.raises(PermissionDenied, match="IMP-BESLUIT"):
        imp.fasebesluit_nemen(actor=wereld["gebruikers"]["bestuur"], product=groep.product,
                              naar_fase=Fase.KOPLOPERS, vergadering=groep.vergadering)
    andere_regio = maak.gebruiker("regio", rso=maak.rso("RSO Zuid"))
    with pytest.raises(PermissionDenied, match="IMP-BESLUIT"):
        imp.fasebesluit_nemen(actor=andere_regio, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=groep.vergadering)
    with pytest.raises(PermissionDenied):
        imp.fasebesluit_nemen(actor=wereld["gebruikers"]["deelnemer"], product=groep.product,
                              naar_fase=Fase.KOPLOPERS, vergadering=groep.vergadering)
    assert not Fasebesluit.objects.exists()


def test_uitvoering_legt_vast_na_de_gehouden_vergadering(groep):
    """The adviser (staff, no vote) records the group's decision, but only once the meeting is registered as held."""
    alles_voldaan(groep.product)
    with pytest.raises(ValidationError, match="IMP-VASTLEGGEN"):
        imp.fasebesluit_nemen(actor=groep.medewerker, product=groep.product, naar_fase=Fase.KOPLOPERS,
                              vergadering=groep.vergadering)
    ovl.vergadering_houden(actor=None, vergadering=groep.vergadering)
    besluit = imp.fasebesluit_nemen(actor=groep.medewerker, product=groep.product, naar_fase=Fase.KOPLOPERS,
                                    vergadering=groep.vergadering)
    assert besluit.besloten_door is None and besluit.vastgelegd_door == groep.medewerker


def test_geannuleerde_vergadering(groep):
    alles_voldaan(groep.product)
    v = plannen(groep.orgaan, timezone.now() + dt.timedelta(days=1))
    ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel="Fase", onderwerp=groep.product)
    ovl.vergadering_annuleren(actor=None, vergadering=v, reden="Geen quorum.")
    with pytest.raises(ValidationError, match="geannuleerd"):
        imp.fasebesluit_nemen(actor=groep.voorzitter, product=groep.product, naar_fase=Fase.KOPLOPERS, vergadering=v)


def test_openstaande_punten_verplicht_bij_niet_voldaan(groep):
    with pytest.raises(ValidationError) as fout:
        imp.criteria_beoordelen(actor=None, product=groep.product, oordelen={
            "beheer": {"oordeel": Oordeel.DEELS, "bevindingen": "Globaal uitgewerkt."}})
    assert "IMP-OPENPUNTEN" in fout.value.message_dict["criterium_beheer"][0]
    with pytest.raises(ValidationError) as fout:
        imp.criteria_beoordelen(actor=None, product=groep.product, oordelen={"beheer": {"oordeel": "prima",
                                                                                        "bevindingen": ""}})
    assert len(fout.value.message_dict["criterium_beheer"]) == 2
    assert not groep.product.beoordelingen.exists()


def test_herbeoordelen_overschrijft_en_de_audittrail_houdt_de_vorige(groep):
    imp.criteria_beoordelen(actor=None, product=groep.product, oordelen={
        "beheer": {"oordeel": Oordeel.NIET, "bevindingen": "Geen beheerder.", "openstaande_punten": "Beheerder."}})
    imp.criteria_beoordelen(actor=None, product=groep.product, oordelen={
        "beheer": {"oordeel": Oordeel.VOLDAAN, "bevindingen": "VZVZ beheert."}})
    assert groep.product.beoordelingen.get().oordeel == Oordeel.VOLDAAN
    events = list(AuditEvent.objects.filter(actie="beoordeling.vastgelegd").order_by("volgnummer"))
    assert [e.na["oordeel"] for e in events] == ["niet_voldaan", "voldaan"]
    assert events[1].voor["oordeel"] == "niet_voldaan"


def test_rechten_van_de_services(groep, wereld):
    for rol in ("bestuur", "auditor", "deelnemer", "regio"):
        with pytest.raises(PermissionDenied):
            imp.criteria_beoordelen(actor=wereld["gebruikers"][rol], product=groep.product, oordelen={})
        with pytest.raises(PermissionDenied):
            imp.product_aanmaken(actor=wereld["gebruikers"][rol], code="x", naam="X", eigenaar="Y")
    with pytest.raises(PermissionDenied):
        imp.fasebesluit_nemen(actor=wereld["gebruikers"]["auditor"], product=groep.product,
                              naar_fase=Fase.KOPLOPERS, vergadering=groep.vergadering)
