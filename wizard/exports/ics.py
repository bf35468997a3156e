"""Calendar entries as an iCalendar file (RFC 5545) that calendar applications import.

One all-day event per entry on its day, marked free time (a deadline does not block the day),
with a reminder a week before while the action is open. Each event keeps its uid from one
export to the next, so importing the file again updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from wizard.core.plan_calendar import CalendarEntry

PRODUCT = "-//Vigie//Plan d'action RGPD//FR"
REMINDER = timedelta(days=7)


def calendar_bytes(entries: Sequence[CalendarEntry], *, name: str, stamp: datetime) -> bytes:
    """The .ics file; name: the calendar's name as applications show it; stamp: when it was made
    (UTC), written in every event as iCalendar requires."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("priority", entry.priority)
        event.add("transp", "TRANSPARENT")
        if entry.categories:
            event.add("categories", list(entry.categories))
        if entry.open:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", -REMINDER)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
