"""RFC-ROUTE and RFC-BESLUIT: each development agenda has its own route, a step off that route is refused, and the
board's decision comes only from a Besluitvoorstel a board member adopted (staff cannot take it themselves)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stelselbeheer.overleg import services as ovl
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.models import Status, Wijzigingsvoorstel

from .conftest import agenda, indienen

LATER = timezone.now() + dt.timedelta(days=60)  # after any consultation round closed


def _stappen(rfc, namen, **kw):
    for naam in namen:
        rfc = services.stap_zetten(actor=kw.get("actor"), voorstel=rfc, stap=naam,
                                   moment=None if naam in ("in_behandeling_nemen", "consultatie_openen") else LATER,
                                   **{k: v for k, v in kw.items() if k != "actor"})
    return rfc


def test_elke_agenda_heeft_haar_eigen_route(db, wereld, bestuur):
    """The route is derived from the agenda's data: consultation, an advising body, who decides."""
    services.agenda_wijzigen(actor=None, agenda=agenda("viewer"), wijzigingen={"adviesorgaan": bestuur.orgaan})
    xis, viewer, algemeen = agenda("bronsysteem"), agenda("viewer"), agenda("algemeen")
    assert xis.route() == (Status.INGEDIEND, Status.IN_BEHANDELING, Status.DOORGEZET)
    assert viewer.route() == (Status.INGEDIEND, Status.IN_BEHANDELING, Status.IN_CONSULTATIE, Status.BIJ_ADVIES,
                              Status.TER_BESLUITVORMING, Status.AANGENOMEN)
    assert algemeen.route() == (Status.INGEDIEND, Status.IN_BEHANDELING, Status.IN_CONSULTATIE,
                                Status.TER_BESLUITVORMING, Status.AANGENOMEN)
    # and an agenda without consultation skips that step
    services.agenda_wijzigen(actor=None, agenda=algemeen, wijzigingen={"met_consultatie": False})
    algemeen.refresh_from_db()
    assert Status.IN_CONSULTATIE not in algemeen.route()


def test_xis_route_wordt_doorgezet_niet_door_het_bestuur_beslist(db, wereld):
    rfc = indienen("bronsysteem")
    rfc = _stappen(rfc, ["in_behandeling_nemen"])
    with pytest.raises(ValidationError) as fout:
        services.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen")
    assert "RFC-ROUTE" in str(fout.value)
    rfc = _stappen(rfc, ["doorzetten"])
    assert rfc.status == Status.DOORGEZET and rfc.beslist_op is not None


def test_algemene_route_stap_voor_stap_tot_het_besluit_van_het_bestuur(db, wereld, bestuur):
    medewerker = wereld["gebruikers"]["uitvoering"]
    rfc = indienen(gegevensdiensten=[wereld["dienst"]])
    with pytest.raises(ValidationError, match="kan niet bij een RFC met status 'ingediend'"):
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="consultatie_openen")
    rfc = _stappen(rfc, ["in_behandeling_nemen"], actor=medewerker)
    with pytest.raises(ValidationError, match="RFC-ROUTE"):  # forwarding is the XIS agenda's route, not this one
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="doorzetten")
    rfc = _stappen(rfc, ["consultatie_openen"], actor=medewerker)
    assert rfc.status == Status.IN_CONSULTATIE
    with pytest.raises(ValidationError, match="RFC-CONSULTATIE"):  # the round is still open today
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="voorleggen",
                             besluitvoorstel=bestuur.voorstel_voor(rfc))
    voorstel = bestuur.voorstel_voor(rfc)
    with pytest.raises(ValidationError, match="RFC-BESLUIT"):  # a decision needs a proposal
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="voorleggen", moment=LATER)
    rfc = services.stap_zetten(actor=medewerker, voorstel=rfc, stap="voorleggen", besluitvoorstel=voorstel,
                               moment=LATER)
    assert rfc.status == Status.TER_BESLUITVORMING
    # RFC-BESLUIT: as long as the board has not adopted the proposal, there is no decision to process
    with pytest.raises(ValidationError, match="nog niet beslist"):
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="besluit_verwerken")
    ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel)
    with pytest.raises(PermissionDenied):  # staff cannot adopt it themselves (OVL-SCHEIDING)
        ovl.besluitvoorstel_vaststellen(actor=medewerker, voorstel=voorstel)
    with pytest.raises(ValidationError, match="nog niet beslist"):
        services.stap_zetten(actor=medewerker, voorstel=rfc, stap="besluit_verwerken")
    voorstel = ovl.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=voorstel)
    rfc = services.stap_zetten(actor=medewerker, voorstel=rfc, stap="besluit_verwerken")
    assert rfc.status == Status.AANGENOMEN and rfc.besluit == voorstel.besluit
    assert [s.naar for s in rfc.stappen.order_by("id")] == list(agenda("algemeen").route())


def test_afgewezen_besluitvoorstel_wijst_de_rfc_af(db, wereld, bestuur):
    medewerker = wereld["gebruikers"]["uitvoering"]
    rfc = _stappen(indienen(), ["in_behandeling_nemen", "consultatie_openen"])
    voorstel = bestuur.voorstel_voor(rfc)
    rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=voorstel, moment=LATER)
    ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel)
    ovl.besluitvoorstel_afwijzen(actor=bestuur.bestuurder, voorstel=voorstel, toelichting="Past niet in 2027.")
    rfc = services.stap_zetten(actor=medewerker, voorstel=rfc, stap="besluit_verwerken")
    assert rfc.status == Status.AFGEWEZEN and rfc.besluit is None


def test_viewer_route_vraagt_advies_voor_het_bestuur_beslist(db, wereld, bestuur):
    services.agenda_wijzigen(actor=None, agenda=agenda("viewer"), wijzigingen={"adviesorgaan": bestuur.orgaan})
    rfc = _stappen(indienen("viewer"), ["in_behandeling_nemen", "consultatie_openen"])
    with pytest.raises(ValidationError, match="RFC-ROUTE"):  # the advice step comes first on this agenda
        services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=bestuur.voorstel_voor(rfc),
                             moment=LATER)
    rfc = _stappen(rfc, ["advies_vragen"])
    with pytest.raises(ValidationError, match="RFC-ADVIES"):
        services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=bestuur.voorstel_voor(rfc),
                             moment=LATER)
    rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", advies="Positief, mits in 2027.",
                               besluitvoorstel=bestuur.voorstel_voor(rfc), moment=LATER)
    assert rfc.status == Status.TER_BESLUITVORMING and rfc.advies == "Positief, mits in 2027."


@pytest.mark.parametrize("rol", ["bestuur", "auditor", "deelnemer", "regio"])
def test_alleen_de_uitvoeringsorganisatie_zet_stappen(db, wereld, rol):
    rfc = indienen()
    with pytest.raises(PermissionDenied):
        services.stap_zetten(actor=wereld["gebruikers"][rol], voorstel=rfc, stap="in_behandeling_nemen")
    assert Wijzigingsvoorstel.objects.get().status == Status.INGEDIEND


def test_weigeren_en_intrekken_vragen_een_reden(db, wereld):
    rfc = indienen()
    with pytest.raises(ValidationError, match="RFC-REDEN"):
        services.stap_zetten(actor=None, voorstel=rfc, stap="niet_in_behandeling")
    rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="niet_in_behandeling", toelichting="Dubbel: RFC-1.")
    assert rfc.status == Status.NIET_IN_BEHANDELING
    with pytest.raises(ValidationError):  # a final state is final
        services.stap_zetten(actor=None, voorstel=rfc, stap="intrekken", toelichting="x")


def test_rfc_is_een_onderwerp_op_de_agenda_van_het_bestuur(db, wereld, bestuur, client):
    from stelselbeheer.overleg import onderwerpen

    rfc = indienen()
    assert onderwerpen.zoek("rfc", rfc.nummer.lower()) == rfc
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=bestuur.vergadering, titel="RFC", onderwerp=rfc)
    assert onderwerpen.weergave(punt, wereld["gebruikers"]["uitvoering"]).url == rfc.get_absolute_url()
    # not yet taken in: the public reads the kind only (RFC-ZICHT)
    assert onderwerpen.weergave(punt, None).label == ""
