"""The invitation's calendar event (iCalendar, RFC 5545, through the ``icalendar`` library): the
meeting's time, place and agenda, organised by the office, one attendee per recipient. Its UID
is the meeting's, so a second invitation (a change of time) updates the same event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: A meeting entered without an end is shown in calendars as this long.
DEFAULT_LENGTH = timedelta(hours=3)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    description: str
    organiser_address: str
    organiser_name: str
    attendees: tuple[tuple[str, str], ...]  # (address, name)
    sequence: int = 0


def event_ics(event: CalendarEvent, now: datetime) -> str:
    from icalendar import Calendar, Event, vCalAddress, vText  # noqa: PLC0415 -- heavy library deferred for start-up: icalendar

    cal = Calendar()
    cal.add("prodid", "-//Nghi Su//Giay moi hop//VI")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    ev = Event()
    ev.add("uid", event.uid)
    ev.add("dtstamp", now)
    ev.add("dtstart", event.starts_at)
    ev.add("dtend", event.ends_at or event.starts_at + DEFAULT_LENGTH)
    ev.add("summary", event.title)
    if event.location:
        ev.add("location", event.location)
    ev.add("description", event.description)
    ev.add("sequence", event.sequence)
    ev.add("status", "CONFIRMED")
    organiser = vCalAddress(f"mailto:{event.organiser_address}")
    organiser.params["cn"] = vText(event.organiser_name)
    ev["organizer"] = organiser
    for address, name in event.attendees:
        attendee = vCalAddress(f"mailto:{address}")
        if name:
            attendee.params["cn"] = vText(name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        ev.add("attendee", attendee, encode=False)
    cal.add_component(ev)
    return bytes(cal.to_ical()).decode("utf-8")
