"""A body's meetings as an iCalendar feed (RFC 5545), built with the maintained ``icalendar`` library.

Each meeting keeps its UID for life (``Vergadering.uid``), so a subscribed calendar updates the event instead of
adding a second one; SEQUENCE is the meeting's revision (raised when time or place change, or when it is cancelled)
and a cancelled meeting stays in the feed with STATUS:CANCELLED, which is how calendars learn to drop it. Times
are written in Europe/Amsterdam with its VTIMEZONE. The agenda and the online link are only for whom may read the
meeting's agenda; the public gets date, time, place and status.
"""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from .models import AMSTERDAM, VergaderStatus

PRODID = "-//Stelselbeheer//Overleg//NL"


def uid(vergadering) -> str:
    return f"{vergadering.uid}@stelselbeheer"


def kalender(orgaan, vergaderingen, *, request, met_agenda: bool) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{orgaan.naam}: vergaderingen")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    vergaderingen = list(vergaderingen)
    for v in vergaderingen:
        geannuleerd = v.status == VergaderStatus.GEANNULEERD
        event = Event()
        event.add("uid", uid(v))
        event.add("dtstamp", v.gewijzigd_op)
        event.add("last-modified", v.gewijzigd_op)
        event.add("sequence", v.revisie)
        event.add("dtstart", v.begin.astimezone(AMSTERDAM))
        event.add("dtend", v.einde.astimezone(AMSTERDAM))
        event.add("summary", f"{orgaan.naam}: vergadering" + (" (geannuleerd)" if geannuleerd else ""))
        event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
        if v.plaats:
            event.add("location", v.plaats)
        event.add("url", request.build_absolute_uri(v.get_absolute_url()))
        regels = []
        if geannuleerd and v.annuleringsreden:
            regels.append(f"Geannuleerd: {v.annuleringsreden}")
        if met_agenda:
            if v.online_link:
                regels.append(f"Online: {v.online_link}")
            punten = list(v.agendapunten.all())  # prefetched by the caller, in agenda order
            if punten:
                regels.append("Agenda:")
                regels += [f"{p.volgorde}. {p.titel}" for p in punten]
        if regels:
            event.add("description", "\n".join(regels))
        cal.add_component(event)
    # the VTIMEZONE covers the meetings and ten years ahead (the library's default stops at 2038)
    jaren = [v.begin.year for v in vergaderingen] + [timezone.now().year]
    cal.add_missing_timezones(first_date=dt.date(min(jaren) - 1, 1, 1), last_date=dt.date(max(jaren) + 10, 12, 31))
    return cal.to_ical()
