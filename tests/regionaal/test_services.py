"""The services through the database: tariff history, drafting and signing, notice, dissolution on force majeure,
the liability cap from recorded payments, members' agreements, and the scoping of a regional user."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.organisaties.models import OrganisatieRelatie, RelatieSoort
from stelselbeheer.regionaal import overzicht, services
from stelselbeheer.regionaal.models import OvereenkomstStatus, Tarief

from .conftest import ondertekenen


def test_tarief_per_jaar_met_geschiedenis(regio):
    """RSO-TARIEF: a new year is a new row; the tariff in force is that of the year or the latest before it."""
    services.tarief_vaststellen(actor=None, dienst=regio.optioneel, jaar=2026, bedrag=Decimal("5000.00"),
                                vandaag=dt.date(2025, 11, 1))
    assert [t.jaar for t in regio.optioneel.tarieven.all()] == [2026, 2025]
    assert overzicht.tarief_in(regio.optioneel, 2025).bedrag == Decimal("4800.00")
    assert overzicht.tarief_in(regio.optioneel, 2027).bedrag == Decimal("5000.00")  # no 2027 tariff yet
    assert overzicht.tarief_in(regio.optioneel, 2024) is None


def test_tarief_komend_jaar_wijzigbaar_lopend_jaar_niet(regio):
    services.tarief_vaststellen(actor=None, dienst=regio.optioneel, jaar=2027, bedrag=Decimal("5000.00"),
                                vandaag=dt.date(2026, 11, 1))
    services.tarief_vaststellen(actor=None, dienst=regio.optioneel, jaar=2027, bedrag=Decimal("5100.00"),
                                vandaag=dt.date(2026, 12, 1))
    assert Tarief.objects.get(dienst=regio.optioneel, jaar=2027).bedrag == Decimal("5100.00")
    gewijzigd = AuditEvent.objects.filter(actie="regionaal.tarief_gewijzigd").get()
    assert gewijzigd.voor["bedrag"] == "5000.00" and gewijzigd.na["bedrag"] == "5100.00"
    with pytest.raises(ValidationError) as fout:
        services.tarief_vaststellen(actor=None, dienst=regio.optioneel, jaar=2025, bedrag=Decimal("1.00"),
                                    vandaag=dt.date(2026, 1, 2))
    assert "jaar" in fout.value.message_dict
    assert Tarief.objects.get(dienst=regio.optioneel, jaar=2025).bedrag == Decimal("4800.00")


def test_ondertekening_door_beide_partijen(regio):
    """RSO-ONDERTEKENING: in force from the later signature (art. 6.1); the RSO then serves the VSV."""
    ovk = services.overeenkomst_ondertekenen(actor=None, overeenkomst=regio.ovk, partij="rso", naam="Bert Bakker",
                                             functie="Bestuurder", plaats="Enschede", datum=dt.date(2026, 1, 15))
    assert ovk.status == OvereenkomstStatus.CONCEPT and ovk.ingangsdatum is None
    ovk = services.overeenkomst_ondertekenen(actor=None, overeenkomst=ovk, partij="vsv", naam="Carla Jansen",
                                             functie="Voorzitter", plaats="Enschede", datum=dt.date(2026, 1, 20))
    assert ovk.status == OvereenkomstStatus.ONDERTEKEND and ovk.ingangsdatum == dt.date(2026, 1, 20)
    assert OrganisatieRelatie.objects.filter(van=regio.rso, naar=regio.vsv, soort=RelatieSoort.BEDIENT).exists()
    assert ovk.is_actief_op(dt.date(2026, 1, 20)) and not ovk.is_actief_op(dt.date(2026, 1, 19))


def test_ondertekenen_vraagt_het_aanspreekpunt_van_het_vsv(regio, maak):
    ovk = services.overeenkomst_opstellen(actor=None, rso=regio.rso, vsv=regio.vsv, opzegtermijn_maanden=6)
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_ondertekenen(actor=None, overeenkomst=ovk, partij="rso", naam="B", functie="C",
                                           plaats="", datum=dt.date(2026, 1, 15))
    assert "art. 4.1" in str(fout.value)
    ovk.refresh_from_db()
    assert ovk.rso_getekend_op is None


def test_ondertekening_niet_in_de_toekomst_en_niet_twee_keer(regio):
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_ondertekenen(actor=None, overeenkomst=regio.ovk, partij="rso", naam="B", functie="C",
                                           plaats="", datum=dt.date(2026, 3, 2), vandaag=dt.date(2026, 3, 1))
    assert "datum" in fout.value.message_dict
    services.overeenkomst_ondertekenen(actor=None, overeenkomst=regio.ovk, partij="rso", naam="B", functie="C",
                                       plaats="", datum=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_ondertekenen(actor=None, overeenkomst=regio.ovk, partij="rso", naam="B", functie="C",
                                           plaats="", datum=dt.date(2026, 3, 1))
    assert "partij" in fout.value.message_dict


def test_alleen_optionele_diensten_uit_de_eigen_catalogus(regio, maak):
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_opstellen(actor=None, rso=regio.rso, vsv=regio.vsv, opzegtermijn_maanden=3,
                                        optionele_diensten=[regio.primair])
    assert "optionele_diensten" in fout.value.message_dict


def test_opzegging_einde_volgt_de_opzegtermijn(regio):
    """RSO-OPZEG: notice received 30 Nov with 3 months: 30 Feb does not exist, so 28 Feb, and the agreement ends the
    day before, 27 Feb, at the earliest."""
    ovk = ondertekenen(regio.ovk)
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_opzeggen(actor=None, overeenkomst=ovk, door="vsv", ontvangen_op=dt.date(2026, 11, 30),
                                       einddatum=dt.date(2027, 1, 31))
    assert "27-02-2027" in fout.value.message_dict["einddatum"][0]
    ovk = services.overeenkomst_opzeggen(actor=None, overeenkomst=ovk, door="vsv", ontvangen_op=dt.date(2026, 11, 30))
    assert ovk.status == OvereenkomstStatus.OPGEZEGD and ovk.einddatum == dt.date(2027, 2, 27)
    assert overzicht.termen(ovk, dt.date(2026, 12, 1)).in_opzegtermijn
    assert ovk.is_actief_op(dt.date(2027, 2, 27)) and not ovk.is_actief_op(dt.date(2027, 2, 28))


def test_ontbinding_wegens_overmacht_pas_na_15_werkdagen(regio):
    """RSO-OVERMACHT: force majeure from Fri 1-5-2026; 5 May, Ascension and Whit Monday skipped: from 28 May."""
    ovk = ondertekenen(regio.ovk)
    with pytest.raises(ValidationError) as fout:
        services.overeenkomst_ontbinden(actor=None, overeenkomst=ovk, grond="overmacht", datum=dt.date(2026, 5, 27),
                                        overmacht_sinds=dt.date(2026, 5, 1))
    assert "28-05-2026" in fout.value.message_dict["datum"][0]
    ovk = services.overeenkomst_ontbinden(actor=None, overeenkomst=ovk, grond="overmacht", datum=dt.date(2026, 5, 28),
                                          overmacht_sinds=dt.date(2026, 5, 1))
    assert ovk.status == OvereenkomstStatus.ONTBONDEN and ovk.einddatum == dt.date(2026, 5, 28)


def _betalingen(regio, ovk):
    for dag, bedrag, dienst in [(dt.date(2025, 6, 1), "9000.00", regio.optioneel),   # 13 months before: out
                                (dt.date(2025, 7, 2), "3000.00", regio.optioneel),   # in
                                (dt.date(2026, 1, 2), "2500.00", regio.optioneel),   # in
                                (dt.date(2026, 3, 1), "700.00", regio.direct),       # another service
                                (dt.date(2026, 7, 2), "4000.00", regio.optioneel)]:  # after the shortcoming
        services.betaling_vastleggen(actor=None, overeenkomst=ovk, dienst=dienst, ontvangen_op=dag,
                                     bedrag=Decimal(bedrag))


def test_aansprakelijkheid_uit_de_betalingen(regio):
    """RSO-AANSPRAKELIJK, each case, from the recorded payments; shortcoming on 1-7-2026."""
    ovk = ondertekenen(regio.ovk)
    _betalingen(regio, ovk)
    dag = dt.date(2026, 7, 1)
    # the insurer pays: its payout
    assert overzicht.aansprakelijkheid(ovk, dag, uitkering_verzekeraar=Decimal("60000")).bedrag == Decimal("60000")
    # it does not: the payments of the 12 months before, for the service concerned only
    assert overzicht.aansprakelijkheid(ovk, dag, diensten=[regio.optioneel]).bedrag == Decimal("5500.00")
    assert overzicht.aansprakelijkheid(ovk, dag).bedrag == Decimal("6200.00")
    # at most EUR 25,000
    services.betaling_vastleggen(actor=None, overeenkomst=ovk, dienst=regio.optioneel, ontvangen_op=dag,
                                 bedrag=Decimal("30000.00"))
    assert overzicht.aansprakelijkheid(ovk, dag).bedrag == Decimal("25000.00")


def test_deelnemersovereenkomst_alleen_voor_leden_en_rechtstreekse_diensten(regio, maak):
    ovk = ondertekenen(regio.ovk)
    buiten = maak.organisatie(naam="Praktijk Elders", soort="zorgaanbieder")
    with pytest.raises(ValidationError) as fout:
        services.deelnemersovereenkomst_vastleggen(
            actor=None, overeenkomst=ovk, deelnemer=buiten, dienst=regio.optioneel, ingangsdatum=dt.date(2026, 2, 1),
            verwerker="Helpdeskpartij B.V.", verwerkersovereenkomst_tot=dt.date(2026, 12, 31))
    assert set(fout.value.message_dict) == {"deelnemer", "dienst"}
    services.deelnemersovereenkomst_vastleggen(
        actor=None, overeenkomst=ovk, deelnemer=regio.lid, dienst=regio.direct, ingangsdatum=dt.date(2026, 2, 1),
        verwerker="Helpdeskpartij B.V.", verwerkersovereenkomst_tot=dt.date(2026, 12, 31))
    gebruiker = regio.regiogebruiker
    # RSO-VERWERKER: on the work list from 90 days before its end (2-10-2026), not before
    assert list(overzicht.verwerkersovereenkomsten_aflopend(gebruiker, dt.date(2026, 10, 2)))
    assert not list(overzicht.verwerkersovereenkomsten_aflopend(gebruiker, dt.date(2026, 10, 1)))


def test_regiogebruiker_handelt_alleen_voor_de_eigen_rso(regio, maak):
    """RSO-EIGEN: another RSO's catalogue and agreements are not the regional user's to change or see."""
    ander = maak.rso("RSO Zuid-Limburg")
    gebruiker = regio.regiogebruiker
    with pytest.raises(PermissionDenied):
        services.dienst_vastleggen(actor=gebruiker, rso=ander, thema="X", omvat="Y", plaatsing="regionaal",
                                   levering="primair")
    eigen = services.dienst_vastleggen(actor=gebruiker, rso=regio.rso, thema="Kennisborging", omvat="Regionale input.",
                                       plaatsing="landelijk", levering="primair")
    assert eigen.rso == regio.rso
    assert list(overzicht.zichtbare_rsos(gebruiker)) == [regio.rso]
    vreemd = services.overeenkomst_opstellen(actor=None, rso=ander, vsv=regio.vsv, opzegtermijn_maanden=3)
    assert vreemd not in overzicht.zichtbare_overeenkomsten(gebruiker)
    with pytest.raises(PermissionDenied):
        services.contactpersoon_toevoegen(actor=gebruiker, overeenkomst=vreemd, partij="vsv", organisatie="x",
                                          naam="x", functie="x", telefoon="1", email="a@b.nl")


def test_auditor_mag_niets_vastleggen(regio, wereld):
    with pytest.raises(PermissionDenied):
        services.dienst_vastleggen(actor=wereld["gebruikers"]["auditor"], rso=regio.rso, thema="X", omvat="Y",
                                   plaatsing="regionaal", levering="primair")


def test_stappenplan_vsv_met_eigenaars_en_data(regio):
    """RSO-STAPPENPLAN: the VSV's step plan of bijlage 5, each step with an owner and a target date."""
    checklist = services.checklist_starten(actor=regio.regiogebruiker, soort="stappenplan_vsv", rso=regio.rso,
                                           vsv=regio.vsv, gestart_op=dt.date(2026, 1, 5), eigenaar="Anna de Vries")
    stappen = list(checklist.stappen.all())
    assert [s.omschrijving for s in stappen] == services.STAPPEN["stappenplan_vsv"]
    assert stappen[2].streefdatum == dt.date(2026, 1, 5) + dt.timedelta(weeks=12)
    services.checkstap_bijwerken(actor=regio.regiogebruiker, stap=stappen[0], eigenaar="Penningmeester",
                                 streefdatum=stappen[0].streefdatum, gereed_op=dt.date(2026, 1, 20))
    with pytest.raises(ValidationError):
        services.checkstap_bijwerken(actor=None, stap=stappen[1], eigenaar="", streefdatum=None,
                                     gereed_op=dt.date(2026, 3, 2), vandaag=dt.date(2026, 3, 1))
    [rij] = overzicht.checklists(regio.regiogebruiker)
    assert (rij.gereed, rij.aantal) == (1, 6)


def test_aansluiting_vraagt_de_zorgaanbieder(regio):
    with pytest.raises(ValidationError) as fout:
        services.checklist_starten(actor=None, soort="aansluiting", rso=regio.rso, vsv=regio.vsv,
                                   gestart_op=dt.date(2026, 1, 5))
    assert "zorgaanbieder" in fout.value.message_dict
    checklist = services.checklist_starten(actor=None, soort="aansluiting", rso=regio.rso, vsv=regio.vsv,
                                           zorgaanbieder=regio.lid, gestart_op=dt.date(2026, 1, 5))
    assert checklist.stappen.count() == len(services.STAPPEN["aansluiting"])


def test_leverancierscontract_laatste_opzegdag_en_review(regio, maak):
    """RSO-LEVERANCIER and RSO-REVIEW: a vendor contract's last day to give notice (any period in months; here 6
    months before the end of 2027: 1 Jul 2027, a Thursday) and a security document due for review."""
    leverancier = maak.organisatie(naam="Viewer B.V.", soort="leverancier")
    services.leverancierscontract_vastleggen(actor=regio.regiogebruiker, rso=regio.rso, leverancier=leverancier,
                                             onderwerp="Viewer en ZNO", ingangsdatum=dt.date(2025, 1, 1),
                                             einddatum=dt.date(2027, 12, 31), opzegtermijn_maanden=6)
    [contract] = overzicht.leverancierscontracten(regio.regiogebruiker, dt.date(2027, 7, 2))
    assert contract.laatste_opzegdag.dag == dt.date(2027, 7, 1) and contract.opzeggen_verstreken
    with pytest.raises(ValidationError):
        services.leverancierscontract_vastleggen(actor=None, rso=regio.rso, leverancier=regio.vsv, onderwerp="x",
                                                 ingangsdatum=dt.date(2025, 1, 1), einddatum=dt.date(2026, 1, 1),
                                                 opzegtermijn_maanden=3)
    services.beveiligingsdocument_vastleggen(actor=None, rso=regio.rso, soort="dpia", titel="DPIA viewer",
                                             vastgesteld_op=dt.date(2025, 3, 1), review_voor=dt.date(2026, 3, 1))
    # 60 days before 1-3-2026 is 31-12-2025 (31 days of January, 28 of February, 1 of March)
    assert not overzicht.reviews_nodig(regio.regiogebruiker, dt.date(2025, 12, 30)).exists()
    assert overzicht.reviews_nodig(regio.regiogebruiker, dt.date(2025, 12, 31)).exists()


def test_contactpunt_van_de_rso_of_een_vsv(regio, maak):
    services.contactpunt_vastleggen(actor=None, rso=regio.rso, organisatie=regio.vsv, soort="beveiliging",
                                    naam="Security officer", email="security@vsv.nl")
    with pytest.raises(ValidationError):
        services.contactpunt_vastleggen(actor=None, rso=regio.rso, organisatie=regio.lid, soort="helpdesk",
                                        naam="X", email="x@y.nl")
