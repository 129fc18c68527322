"""The calendar's words and spans, apart from its queries: the window imports these at start-up,
before the store (and SQLAlchemy) is loaded in the background."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from store.codes import Labelled

if TYPE_CHECKING:
    from meetings.records import MeetingSummary


class CalendarSpan(Labelled):
    DAY = "day", "ngày"
    WEEK = "week", "tuần"
    MONTH = "month", "tháng"


@dataclass(frozen=True)
class CalendarEntry:
    meeting: MeetingSummary
    unit_name: str
    day: date  # in Vietnam


def span_around(day: date, span: CalendarSpan) -> tuple[date, date]:
    """First and last day of the day, week (Monday to Sunday, as Vietnamese calendars print
    them) or month that holds ``day``."""
    if span == CalendarSpan.DAY:
        return day, day
    if span == CalendarSpan.WEEK:
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
