"""Meetings by date and by what people remember of them, across every unit one may see.

The unit tree answers "what does this unit hold"; officials more often ask "what is on next
week" or "the meeting on the 10th about the budget", without knowing which unit called it.
Dates are Vietnam's (a meeting at 07:30 on the 10th is on the 10th, whatever the server's zone).
On a shared PostgreSQL store row-level security already limits the rows to what the person may
see; nothing here widens that.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from documents.text import fold_for_search
from meetings.calendar_records import CalendarEntry
from meetings.lifecycle import summary
from meetings.models import Meeting
from store.clock import VN_TZ
from store.models import Unit


def meetings_between(session: Session, first: date, last: date) -> list[CalendarEntry]:
    """Every meeting starting on a day from ``first`` to ``last`` (Vietnam's days), in time order."""
    start = datetime.combine(first, time.min, VN_TZ)
    end = datetime.combine(last + timedelta(days=1), time.min, VN_TZ)
    rows = session.execute(
        select(Meeting, Unit.name).join(Unit, Unit.id == Meeting.unit_id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end)
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    return [_entry(m, name) for m, name in rows]


_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")


def find_meetings(session: Session, query: str, *, today: date, limit: int = 200) -> list[CalendarEntry]:
    """Meetings matching ``query`` in any unit: a date ("10/12", "10/12/2026", "10-12") finds that
    day's meetings (this year's, or the coming one's when the day has passed by more than half a
    year); words find meetings whose title, unit, place or kind contain all of them, with or
    without accents ("ngan sach" finds "ngân sách")."""
    query = query.strip()
    if not query:
        return []
    wanted = _as_date(query, today)
    if wanted is not None:
        return meetings_between(session, wanted, wanted)[:limit]
    words = fold_for_search(query).split()
    rows = session.execute(
        select(Meeting, Unit.name).join(Unit, Unit.id == Meeting.unit_id).order_by(Meeting.starts_at.desc(), Meeting.id)
    ).all()
    found = []
    for m, unit_name in rows:
        haystack = " " + fold_for_search(" ".join((m.title, unit_name, m.location or ""))) + " "
        if all(word in haystack for word in words):
            found.append(_entry(m, unit_name))
            if len(found) >= limit:
                break
    # The nearest to today first: next week's meeting before last year's.
    return sorted(found, key=lambda e: abs((e.day - today).days))


def _as_date(text: str, today: date) -> date | None:
    match = _DATE.match(text)
    if match is None:
        return None
    day, month, year = int(match[1]), int(match[2]), match[3]
    try:
        if year is not None:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        guess = date(today.year, month, day)
    except ValueError:
        return None
    if (today - guess).days > 183:  # "10/1" said in December is next January's
        guess = guess.replace(year=today.year + 1)
    return guess


def _entry(m: Meeting, unit_name: str) -> CalendarEntry:
    return CalendarEntry(summary(m), unit_name, m.starts_at.astimezone(VN_TZ).date())
