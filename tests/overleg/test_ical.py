"""The iCalendar feed of a body's meetings, parsed back with the same library: stable UIDs, Europe/Amsterdam, a
cancelled meeting as STATUS:CANCELLED; public bodies for everyone, other bodies behind the login."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar

from stelselbeheer.overleg import services
from stelselbeheer.overleg.models import AMSTERDAM

from .conftest import plannen


def _lees(r):
    assert r.status_code == 200 and r["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(r.content)


def test_ical_terug_gelezen(client, bestuur):
    begin = dt.datetime(2027, 3, 31, 14, 0, tzinfo=AMSTERDAM)  # summer time: 12:00 UTC
    zomer = services.vergadering_plannen(actor=None, orgaan=bestuur.orgaan, begin=begin,
                                         einde=begin + dt.timedelta(hours=2), plaats="Utrecht, Jaarbeurs",
                                         online_link="https://meet.example.nl/geheim")
    weg = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=40))
    services.vergadering_annuleren(actor=None, vergadering=weg, reden="Geen agendapunten.")
    cal = _lees(client.get("/overleg/bestuur/vergaderingen.ics"))
    assert cal["X-WR-CALNAME"] == "Bestuur Stichting MedMij: vergaderingen"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{v.uid}@stelselbeheer" for v in (bestuur.vergadering, zomer, weg)}
    e = events[f"{zomer.uid}@stelselbeheer"]
    assert e.decoded("DTSTART") == begin and e.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert e["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert e.decoded("DTEND") == begin + dt.timedelta(hours=2)
    assert str(e["LOCATION"]) == "Utrecht, Jaarbeurs" and str(e["STATUS"]) == "CONFIRMED"
    assert str(e["URL"]).endswith(f"/overleg/vergaderingen/{zomer.pk}/")
    assert "DESCRIPTION" not in e  # the public gets neither agenda nor the online link
    geannuleerd = events[f"{weg.uid}@stelselbeheer"]
    assert str(geannuleerd["STATUS"]) == "CANCELLED" and geannuleerd["SEQUENCE"] == 1
    assert "Geen agendapunten." in str(geannuleerd["DESCRIPTION"])


def test_ical_uid_blijft_als_de_vergadering_verschuift(client, bestuur, wereld):
    client.force_login(wereld["gebruikers"]["bestuur"])
    voor = {str(e["UID"]): e for e in _lees(client.get("/overleg/bestuur/vergaderingen.ics")).walk("VEVENT")}
    services.vergadering_wijzigen(actor=None, vergadering=bestuur.vergadering,
                                  wijzigingen={"einde": bestuur.vergadering.einde + dt.timedelta(minutes=30)})
    na = {str(e["UID"]): e for e in _lees(client.get("/overleg/bestuur/vergaderingen.ics")).walk("VEVENT")}
    assert set(voor) == set(na)
    uid = f"{bestuur.vergadering.uid}@stelselbeheer"
    assert na[uid]["SEQUENCE"] == voor[uid]["SEQUENCE"] + 1
    assert "1. Toelating Zorg-ICT Noord" in str(na[uid]["DESCRIPTION"])  # readers get the agenda


def test_ical_van_een_niet_openbaar_orgaan_achter_de_login(client, wereld):
    orgaan = services.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep", soort="stuurgroep")
    plannen(orgaan, timezone.now() + dt.timedelta(days=7))
    r = client.get("/overleg/stuurgroep/vergaderingen.ics")
    assert r.status_code == 302 and r["Location"].startswith("/inloggen/")
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert client.get("/overleg/stuurgroep/vergaderingen.ics").status_code == 403
    client.force_login(wereld["gebruikers"]["auditor"])
    assert len(_lees(client.get("/overleg/stuurgroep/vergaderingen.ics")).walk("VEVENT")) == 1
