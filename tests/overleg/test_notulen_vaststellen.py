"""OVL-NOTULEN: minutes are drafted by staff and adopted by a voting member of the body at or after a later meeting;
adopted minutes never change again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services
from stelselbeheer.overleg.models import Notulen, NotulenStatus

from .conftest import plannen


@pytest.fixture
def twee(bestuur):
    """Last month's meeting, held, with draft minutes; the meeting of an hour ago is the next one."""
    vorige = plannen(bestuur.orgaan, timezone.now() - dt.timedelta(days=30))
    services.vergadering_houden(actor=None, vergadering=vorige)
    notulen = services.notulen_opstellen(actor=bestuur.medewerker, vergadering=vorige,
                                         tekst="Aanwezig: het voltallige bestuur.\nBesloten: jaarplan vastgesteld.")
    return vorige, notulen


def test_ovl_notulen_vastgesteld_in_de_volgende_vergadering_en_daarna_onveranderlijk(bestuur, twee):
    vorige, notulen = twee
    notulen = services.notulen_vaststellen(actor=bestuur.bestuurder, notulen=notulen,
                                           vastgesteld_in=bestuur.vergadering)
    assert notulen.status == NotulenStatus.VASTGESTELD and notulen.vastgesteld_door == bestuur.bestuurder
    tekst = notulen.tekst
    with pytest.raises(ValidationError, match="OVL-NOTULEN"):
        services.notulen_opstellen(actor=bestuur.medewerker, vergadering=vorige, tekst="Herschreven.")
    with pytest.raises(ValidationError, match="OVL-NOTULEN"):
        services.notulen_vaststellen(actor=bestuur.bestuurder, notulen=notulen, vastgesteld_in=bestuur.vergadering)
    # and below the services: the model refuses to write an adopted text again
    opgeslagen = Notulen.objects.get(pk=notulen.pk)
    opgeslagen.tekst = "Stiekem gewijzigd."
    with pytest.raises(TypeError):
        opgeslagen.save()
    with pytest.raises(TypeError):
        opgeslagen.delete()
    assert Notulen.objects.get(pk=notulen.pk).tekst == tekst


def test_ovl_notulen_niet_in_dezelfde_of_een_toekomstige_vergadering(bestuur, twee):
    vorige, notulen = twee
    later = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=30))
    for vergadering in (vorige, later):
        with pytest.raises(ValidationError) as fout:
            services.notulen_vaststellen(actor=bestuur.bestuurder, notulen=notulen, vastgesteld_in=vergadering)
        assert "vastgesteld_in" in fout.value.message_dict
    services.vergadering_annuleren(actor=None, vergadering=bestuur.vergadering, reden="Geen quorum.")
    with pytest.raises(ValidationError):
        services.notulen_vaststellen(actor=bestuur.bestuurder, notulen=notulen, vastgesteld_in=bestuur.vergadering)


def test_ovl_notulen_alleen_van_een_gehouden_vergadering(bestuur):
    notulen = services.notulen_opstellen(actor=bestuur.medewerker, vergadering=bestuur.vergadering, tekst="Concept.")
    volgende = plannen(bestuur.orgaan, timezone.now() - dt.timedelta(minutes=10), uren=1)
    with pytest.raises(ValidationError) as fout:
        services.notulen_vaststellen(actor=bestuur.bestuurder, notulen=notulen, vastgesteld_in=volgende)
    assert "status" in fout.value.message_dict


def test_ovl_notulen_alleen_een_stemgerechtigd_lid_stelt_vast(bestuur, twee, maak, wereld):
    vorige, notulen = twee
    with pytest.raises(PermissionDenied):  # staff draft, the board adopts its own minutes
        services.notulen_vaststellen(actor=bestuur.medewerker, notulen=notulen, vastgesteld_in=bestuur.vergadering)
    with pytest.raises(PermissionDenied):
        services.notulen_vaststellen(actor=maak.gebruiker(Rol.BESTUUR, "geen-lid"), notulen=notulen,
                                     vastgesteld_in=bestuur.vergadering)
    with pytest.raises(PermissionDenied):
        services.notulen_vaststellen(actor=wereld["gebruikers"]["auditor"], notulen=notulen,
                                     vastgesteld_in=bestuur.vergadering)
    assert Notulen.objects.get(pk=notulen.pk).status == NotulenStatus.CONCEPT


def test_werkgroep_stelt_eigen_notulen_vast_met_een_medewerker_als_voorzitter(bestuur):
    """Outside the board a staff member can chair a body and adopt its minutes."""
    werkgroep = services.orgaan_aanmaken(actor=None, code="werkgroep-architectuur", naam="Werkgroep architectuur",
                                         soort="werkgroep")
    services.lid_toevoegen(actor=None, orgaan=werkgroep, rol="voorzitter", gebruiker=bestuur.medewerker,
                           van=timezone.localdate() - dt.timedelta(days=90))
    eerste = plannen(werkgroep, timezone.now() - dt.timedelta(days=14))
    tweede = plannen(werkgroep, timezone.now() - dt.timedelta(hours=1))
    services.vergadering_houden(actor=None, vergadering=eerste)
    notulen = services.notulen_opstellen(actor=bestuur.medewerker, vergadering=eerste, tekst="Besproken: API-versies.")
    notulen = services.notulen_vaststellen(actor=bestuur.medewerker, notulen=notulen, vastgesteld_in=tweede)
    assert notulen.status == NotulenStatus.VASTGESTELD
