"""Clock times for the agenda: each item's start and end from the meeting's start and the
planned minutes of the items before it (``08h00 - 08h10``), as a programme (chương trình) prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from meetings.records import AgendaNode, MeetingDetail
from store.clock import VN_TZ

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class TimedItem:
    node: AgendaNode
    depth: int
    starts: datetime
    ends: datetime

    def span(self) -> str:
        """``08h00 - 08h10`` (an item with no planned time: its start only)."""
        if self.ends == self.starts:
            return clock(self.starts)
        return f"{clock(self.starts)} - {clock(self.ends)}"


def clock(at: datetime) -> str:
    """``08h05``: the way programmes write the time of day (Vietnam time)."""
    local = at.astimezone(VN_TZ)
    return f"{local.hour:02d}h{local.minute:02d}"


def hour_words(at: datetime) -> str:
    """``08 giờ 00 phút`` (Vietnam time)."""
    local = at.astimezone(VN_TZ)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def spoken_time(at: datetime, *, until: datetime | None = None) -> str:
    """``08 giờ 00 phút, thứ Ba, ngày 08 tháng 12 năm 2026`` (Vietnam time, Decree 30 date
    words); with ``until`` on the same day: ``từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, …``."""
    from documents.papers.typeset import date_words  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    local = at.astimezone(VN_TZ)
    hours = f"từ {hour_words(at)} đến {hour_words(until)}" if until is not None else hour_words(at)
    return f"{hours}, {WEEKDAYS[local.weekday()]}, {date_words(local)}"


def timed_agenda(detail: MeetingDetail) -> list[TimedItem]:
    """Every item depth first with its clock span: a leaf takes its planned minutes, a parent
    spans its children (or its own minutes when it has none), all in agenda order."""
    out: list[TimedItem] = []

    def walk(node: AgendaNode, depth: int, at: datetime) -> datetime:
        index = len(out)
        out.append(TimedItem(node, depth, at, at))  # replaced once the children are timed
        end = at
        if node.children:
            for child in node.children:
                end = walk(child, depth + 1, end)
        else:
            end = at + timedelta(minutes=node.planned_minutes)
        out[index] = TimedItem(node, depth, at, end)
        return end

    at = detail.meeting.starts_at
    for top in detail.agenda:
        at = walk(top, 0, at)
    return out
