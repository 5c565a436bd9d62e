"""Decision proposals through the database: OVL-SCHEIDING (staff prepare, only a voting board member adopts),
OVL-VERGADERING, OVL-REVISIE, OVL-BEVROREN, and one Besluit per adoption."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM, Besluitvoorstel, Voorstelgebeurtenis, VoorstelStatus
from tests import stappen

from .conftest import plannen


def test_ovl_scheiding_medewerker_stelt_niet_vast(bestuur):
    with pytest.raises(PermissionDenied):
        services.besluitvoorstel_vaststellen(actor=bestuur.medewerker, voorstel=bestuur.voorstel)
    bestuur.voorstel.refresh_from_db()
    assert bestuur.voorstel.status == VoorstelStatus.VOORGELEGD and Besluit.objects.count() == 0


def test_ovl_scheiding_medewerker_die_lid_is_stelt_ook_niet_vast(bestuur):
    """Even with a seat in the board (say, as its secretary), a staff account does not decide for the board."""
    services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="secretaris", gebruiker=bestuur.medewerker,
                           van=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.besluitvoorstel_vaststellen(actor=bestuur.medewerker, voorstel=bestuur.voorstel)
    assert Besluit.objects.count() == 0


def test_ovl_scheiding_bestuurder_zonder_lidmaatschap_stelt_niet_vast(bestuur, maak):
    buitenstaander = maak.gebruiker(Rol.BESTUUR, "oud-bestuurder")
    with pytest.raises(PermissionDenied, match="stemgerechtigd lid"):
        services.besluitvoorstel_vaststellen(actor=buitenstaander, voorstel=bestuur.voorstel)
    assert Besluit.objects.count() == 0


def test_ovl_scheiding_adviseur_en_verlopen_lid_stellen_niet_vast(bestuur, maak):
    adviseur = maak.gebruiker(Rol.BESTUUR, "adviseur")
    services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="adviseur", gebruiker=adviseur,
                           van=timezone.localdate() - dt.timedelta(days=10))
    oud = maak.gebruiker(Rol.BESTUUR, "oud")
    services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="lid", gebruiker=oud,
                           van=timezone.localdate() - dt.timedelta(days=400),
                           tot=timezone.localdate() - dt.timedelta(days=1))
    for wie in (adviseur, oud):
        with pytest.raises(PermissionDenied):
            services.besluitvoorstel_vaststellen(actor=wie, voorstel=bestuur.voorstel)
    with pytest.raises(PermissionDenied):  # the system itself never decides
        services.besluitvoorstel_vaststellen(actor=None, voorstel=bestuur.voorstel)


def test_bestuurslid_stelt_vast_en_er_komt_precies_een_besluit(bestuur, wereld):
    voorstel = services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel,
                                                    revisie=bestuur.voorstel.revisie)
    besluit = Besluit.objects.get()
    assert voorstel.status == VoorstelStatus.VASTGESTELD and voorstel.besluit == besluit
    assert besluit.voorstel == voorstel  # the link back: the decision rests on an adopted proposal
    assert (besluit.soort, besluit.onderwerp, besluit.tekst, besluit.deelnemer) == (
        "toelating", voorstel.onderwerp, voorstel.tekst, wereld["dva"])
    assert list(besluit.partijen.all()) == [wereld["dva"].organisatie]
    assert besluit.vastgelegd_door == bestuur.bestuurder and besluit.datum == timezone.localdate()
    assert voorstel.beslist_in == bestuur.vergadering and voorstel.beslist_door == bestuur.bestuurder
    # a second adoption (a double click, a second board member) adds nothing
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel)
    assert "status" in fout.value.message_dict
    assert Besluit.objects.count() == 1
    assert AuditEvent.objects.filter(actie="besluitvoorstel.vaststellen").count() == 1
    assert AuditEvent.objects.filter(actie="besluit.vastgelegd", actor_naam="bestuur").count() == 1
    assert verifieer().in_orde


def test_ovl_bevroren_tekst_na_vaststelling(bestuur):
    services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel)
    with pytest.raises(ValidationError, match="OVL-BEVROREN"):
        services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=bestuur.voorstel,
                                          wijzigingen={"tekst": "Iets anders."})
    with pytest.raises(ValidationError):
        services.besluitvoorstel_intrekken(actor=bestuur.medewerker, voorstel=bestuur.voorstel, toelichting="x")
    voorstel = Besluitvoorstel.objects.get()
    assert voorstel.tekst == voorstel.besluit.tekst == "Het bestuur besluit Zorg-ICT Noord B.V. toe te laten als DVA."


def test_ovl_revisie_wijziging_na_lezen_wordt_niet_blind_vastgesteld(bestuur):
    gelezen = bestuur.voorstel.revisie
    services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=bestuur.voorstel,
                                      wijzigingen={"tekst": "Toelating onder voorwaarden."}, reden="Advies jurist")
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel, revisie=gelezen)
    assert "OVL-REVISIE" in fout.value.message_dict["revisie"][0]
    voorstel = services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel,
                                                    revisie=gelezen + 1)
    assert voorstel.besluit.tekst == "Toelating onder voorwaarden."


def test_ovl_revisie_alleen_inhoud_telt(bestuur):
    """Moving the proposal to another agenda item is not a change of content; its revision stays."""
    tweede = services.agendapunt_toevoegen(actor=None, vergadering=bestuur.vergadering, titel="Rondvraag")
    voorstel = services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=bestuur.voorstel,
                                                 wijzigingen={"agendapunt": tweede})
    assert voorstel.revisie == 1
    voorstel = services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=voorstel,
                                                 wijzigingen={"openbaar": False})
    assert voorstel.revisie == 2
    # nothing changed: no revision, no event
    aantal = AuditEvent.objects.count()
    services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=voorstel, wijzigingen={"openbaar": False})
    assert AuditEvent.objects.count() == aantal


def test_ovl_vergadering_niet_voor_de_vergadering(bestuur):
    later = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=20))
    punt = services.agendapunt_toevoegen(actor=None, vergadering=later, titel="Toelating")
    services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=bestuur.voorstel,
                                      wijzigingen={"agendapunt": punt})
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel)
    assert "OVL-VERGADERING" in fout.value.message_dict["vergadering"][0]
    # at the meeting it is adopted
    voorstel = services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel,
                                                    moment=later.begin + dt.timedelta(minutes=30))
    assert voorstel.beslist_in == later
    assert voorstel.besluit.datum == (later.begin + dt.timedelta(minutes=30)).astimezone(AMSTERDAM).date()


def test_ovl_agenda_voorleggen_vraagt_een_agendapunt(bestuur):
    los = services.besluitvoorstel_opstellen(actor=bestuur.medewerker, orgaan=bestuur.orgaan, onderwerp="Jaarplan",
                                             tekst="Vastgesteld.", soort="overig")
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_voorleggen(actor=bestuur.medewerker, voorstel=los)
    assert "OVL-AGENDA" in fout.value.message_dict["agendapunt"][0]
    with pytest.raises(ValidationError):  # not before the board: nothing to adopt
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=los)


def test_ovl_bestuur_alleen_een_bestuur_besluit(bestuur):
    werkgroep = services.orgaan_aanmaken(actor=None, code="werkgroep", naam="Werkgroep", soort="werkgroep")
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_opstellen(actor=bestuur.medewerker, orgaan=werkgroep, onderwerp="x", tekst="x",
                                           soort="overig")
    assert "OVL-BESTUUR" in fout.value.message_dict["orgaan"][0]


def test_aanhouden_en_later_vaststellen(bestuur):
    with pytest.raises(ValidationError) as fout:
        services.besluitvoorstel_aanhouden(actor=bestuur.bestuurder, voorstel=bestuur.voorstel, toelichting="")
    assert "OVL-REDEN" in fout.value.message_dict["toelichting"][0]
    voorstel = services.besluitvoorstel_aanhouden(actor=bestuur.bestuurder, voorstel=bestuur.voorstel,
                                                  toelichting="Eerst het advies van de werkgroep.")
    assert voorstel.status == VoorstelStatus.AANGEHOUDEN and voorstel.agendapunt is None
    assert voorstel.beslist_in == bestuur.vergadering
    # staff put it on the next meeting; the board adopts it there
    volgende = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=30))
    punt = services.agendapunt_toevoegen(actor=None, vergadering=volgende, titel="Toelating (vervolg)")
    services.besluitvoorstel_wijzigen(actor=bestuur.medewerker, voorstel=voorstel, wijzigingen={"agendapunt": punt})
    services.besluitvoorstel_voorleggen(actor=bestuur.medewerker, voorstel=voorstel)
    voorstel = services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=voorstel,
                                                    moment=volgende.begin + dt.timedelta(hours=1))
    assert voorstel.beslist_in == volgende and Besluit.objects.count() == 1
    soorten = list(Voorstelgebeurtenis.objects.filter(voorstel=voorstel).values_list("soort", flat=True))
    assert soorten == ["opgesteld", "voorleggen", "aanhouden", "gewijzigd", "voorleggen", "vaststellen"]


def test_afwijzen_maakt_geen_besluit(bestuur):
    voorstel = services.besluitvoorstel_afwijzen(actor=bestuur.bestuurder, voorstel=bestuur.voorstel,
                                                 toelichting="Onvoldoende onderbouwd.")
    assert voorstel.status == VoorstelStatus.AFGEWEZEN and Besluit.objects.count() == 0
    with pytest.raises(ValidationError):
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=voorstel)


def test_wie_opstelt_beslist_niet(bestuur):
    """Staff cannot decide at all; and even a board member who drafted a proposal does not adopt it alone."""
    services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="lid", gebruiker=None, naam="Extern lid",
                           van=timezone.localdate())
    voorstel = services.besluitvoorstel_opstellen(actor=None, orgaan=bestuur.orgaan, onderwerp="x", tekst="x",
                                                  soort="overig", agendapunt=bestuur.punt)
    Besluitvoorstel.objects.filter(pk=voorstel.pk).update(opgesteld_door=bestuur.bestuurder)
    services.besluitvoorstel_voorleggen(actor=None, voorstel=voorstel)
    with pytest.raises(PermissionDenied, match="opstelde"):
        services.besluitvoorstel_vaststellen(actor=bestuur.bestuurder, voorstel=voorstel)


def test_niet_openbaar_voorstel_staat_als_hash_in_de_audittrail(bestuur):
    geheim = "Vertrouwelijke afweging over de opschorting"
    voorstel = services.besluitvoorstel_opstellen(actor=bestuur.medewerker, orgaan=bestuur.orgaan, onderwerp=geheim,
                                                  tekst=geheim, soort="opschorting", openbaar=False)
    event = AuditEvent.objects.get(actie="besluitvoorstel.opgesteld", object_id=str(voorstel.pk))
    assert geheim not in str(event.na) and geheim not in event.object_omschrijving


def test_intrekken_met_reden(bestuur):
    voorstel = services.besluitvoorstel_intrekken(actor=bestuur.medewerker, voorstel=bestuur.voorstel,
                                                  toelichting="Aanvraag ingetrokken door de deelnemer.")
    assert voorstel.status == VoorstelStatus.INGETROKKEN
    with pytest.raises(PermissionDenied):  # the board does not withdraw staff's proposals; it rejects them
        services.besluitvoorstel_intrekken(actor=bestuur.bestuurder, voorstel=voorstel, toelichting="x")


def test_geen_voorstel_op_de_agenda_van_een_voorbije_vergadering(db):
    """OVL-VERGADERING: a proposal drafted today cannot hang on an agenda item of a meeting that is over: the board
    would appear to have adopted it in a meeting held before it existed (found walking through the system)."""
    orgaan, _ = stappen.proefbestuur()
    begin = timezone.now() - dt.timedelta(days=28)
    voorbij = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                      plaats="Utrecht")
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=voorbij, titel="Kwartaalrapportage")
    with pytest.raises(ValidationError) as fout:
        ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Toelating", tekst="Toegelaten.",
                                      soort="overig", agendapunt=punt)
    assert "al voorbij" in str(fout.value.message_dict["agendapunt"])
