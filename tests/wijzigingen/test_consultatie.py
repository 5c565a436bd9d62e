"""RFC-CONSULTATIE: the round closes after the agenda's number of Dutch working days (weekends and holidays of the
Algemene termijnenwet skipped, with the project's helper); only affected participants react, while it is open;
opening it mails them after the commit."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.deelnemers.rules import AMSTERDAM
from stelselbeheer.naleving.termijnen import is_werkdag
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.models import Reactie

from .conftest import agenda, indienen


def _open(wereld, moment, werkdagen=5):
    services.agenda_wijzigen(actor=None, agenda=agenda("algemeen"), wijzigingen={"consultatie_werkdagen": werkdagen})
    rfc = indienen(gegevensdiensten=[wereld["dienst"]], moment=moment)
    services.stap_zetten(actor=None, voorstel=rfc, stap="in_behandeling_nemen", moment=moment)
    return services.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen", moment=moment)


def test_sluitdatum_over_kerst_telt_alleen_werkdagen(db, wereld):
    """Opened on Friday 18 December 2026 for 5 working days: 21-24 December count, 25 and 26 December (Christmas)
    and the weekend do not, so the round closes on Monday 28 December, not on Christmas Day."""
    geopend = dt.datetime(2026, 12, 18, 10, 0, tzinfo=AMSTERDAM)
    rfc = _open(wereld, geopend)
    assert rfc.consultatie_van == dt.date(2026, 12, 18)
    dagen = [rfc.consultatie_van + dt.timedelta(days=i) for i in range(1, (rfc.consultatie_tot - rfc.consultatie_van)
                                                                       .days + 1)]
    assert sum(is_werkdag(d) for d in dagen) == 5 and is_werkdag(rfc.consultatie_tot)
    assert not is_werkdag(dt.date(2026, 12, 25))  # Christmas Day is skipped ...
    assert rfc.consultatie_tot == dt.date(2026, 12, 28)  # ... so the fifth working day is the Monday after


def test_alleen_getroffen_deelnemers_reageren_zolang_de_ronde_open_is(db, wereld, maak):
    geopend = dt.datetime(2026, 12, 18, 10, 0, tzinfo=AMSTERDAM)
    rfc = _open(wereld, geopend)
    deelnemer = wereld["gebruikers"]["deelnemer"]  # the DVA, whose aanbieder offers the gegevensdienst
    buitenstaander = maak.gebruiker("deelnemer", deelnemer=maak.deelnemer("Elders B.V."))
    op_de_laatste_dag = dt.datetime(2026, 12, 28, 23, 0, tzinfo=AMSTERDAM)
    services.reageren(actor=deelnemer, voorstel=rfc, standpunt="bezwaar", toelichting="Te snel.",
                      moment=geopend + dt.timedelta(days=1))
    services.reageren(actor=deelnemer, voorstel=rfc, standpunt="steun", moment=op_de_laatste_dag)
    reactie = Reactie.objects.get()
    assert (reactie.deelnemer, reactie.standpunt) == (wereld["dva"], "steun")  # replaced, not doubled
    with pytest.raises(PermissionDenied, match="RFC-CONSULTATIE"):
        services.reageren(actor=buitenstaander, voorstel=rfc, standpunt="steun", moment=op_de_laatste_dag)
    with pytest.raises(ValidationError, match="niet open"):
        services.reageren(actor=deelnemer, voorstel=rfc, standpunt="bezwaar",
                          moment=dt.datetime(2026, 12, 29, 0, 5, tzinfo=AMSTERDAM))
    assert Reactie.objects.get().standpunt == "steun"


def test_volgende_stap_pas_na_de_sluitdatum(db, wereld):
    geopend = dt.datetime(2026, 12, 18, 10, 0, tzinfo=AMSTERDAM)
    rfc = _open(wereld, geopend)
    services.agenda_wijzigen(actor=None, agenda=agenda("algemeen"), wijzigingen={"met_consultatie": True})
    from stelselbeheer.overleg import services as ovl  # noqa: PLC0415 - only this test needs a board

    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur")
    voorstel = ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="RFC", tekst="Aan.", soort="overig")
    with pytest.raises(ValidationError, match="RFC-CONSULTATIE"):
        services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=voorstel,
                             moment=dt.datetime(2026, 12, 28, 16, 0, tzinfo=AMSTERDAM))
    rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=voorstel,
                               moment=dt.datetime(2026, 12, 29, 9, 0, tzinfo=AMSTERDAM))
    assert rfc.status == "ter_besluitvorming"


def test_getroffen_deelnemers_krijgen_na_de_commit_een_mail(db, wereld, django_capture_on_commit_callbacks):
    from stelselbeheer.deelnemers.models import Deelnemer  # noqa: PLC0415

    Deelnemer.objects.filter(pk=wereld["dva"].pk).update(contact_email="beheer@zorgictnoord.nl")
    with django_capture_on_commit_callbacks(execute=False) as haken:
        rfc = _open(wereld, None)
    assert mail.outbox == []  # nothing before the commit
    for haak in haken:
        haak()
    aan = [m for m in mail.outbox if "beheer@zorgictnoord.nl" in m.to]
    assert len(aan) == 1 and rfc.nummer in aan[0].subject and f"{rfc.consultatie_tot:%d-%m-%Y}" in aan[0].body
