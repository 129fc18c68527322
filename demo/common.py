"""What both demos share: the report, e-mail addresses made from names, and adding a meeting
once (found again by unit and title)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from meetings.agenda import add_agenda_item
from meetings.lifecycle import change_status, create_meeting, find_meeting
from meetings.sites import add_participant, add_site
from store.engine import Store

if TYPE_CHECKING:
    from demo.outgoing import DemoDecision


@dataclass(frozen=True)
class LiveRecord:
    """What the secretary recorded at the demo's November session (``demo.live``)."""

    roll_call: str  # the question put to a roll-call vote
    conclusion_1: str
    conclusion_2: str
    tasks: tuple[tuple[str, str, date, int], ...]  # (task, owner unit code, deadline, which conclusion)


@dataclass
class DemoReport:
    units_created: int = 0
    people_created: int = 0
    meetings_created: list[str] = field(default_factory=list)
    provincial_meeting_id: int | None = None
    meeting_ids: dict[str, int] = field(default_factory=dict)
    documents_created: int = 0
    decision: DemoDecision | None = None  # the province's year of releases (``demo.outgoing``), when made


def ascii_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def person_email(full_name: str, unit_code: str) -> str:
    """``phuoc.nh.qt-dhoi@quangtri.gov.vn``: given name, initials, unit code (an invented address)."""
    parts = ascii_fold(full_name).lower().split()
    initials = "".join(p[0] for p in parts[:-1])
    return f"{parts[-1]}.{initials}.{unit_code.lower()}@quangtri.gov.vn"


def _add_agenda(uow, meeting_id: int, agenda) -> None:
    for title, presenter, minutes, children in agenda:
        top = add_agenda_item(uow, meeting_id, title=title, presenter=presenter, planned_minutes=minutes)
        for ctitle, cpresenter, cminutes, _ in children:
            add_agenda_item(uow, meeting_id, title=ctitle, presenter=cpresenter, planned_minutes=cminutes, parent_id=top.id)


def add_meeting(store: Store, report: DemoReport, key: str, *, actor: int, unit: int, title: str, kind: str,
                start: datetime, hours: float, location: str, agenda, sites: list[int],
                people: list[tuple[int, str, int | None]], status_path: tuple[str, ...] = ()) -> None:
    with store.uow(actor) as uow:
        existing = find_meeting(uow.session, unit_id=unit, title=title)
        if existing is not None:
            report.meeting_ids[key] = existing.id
            return
        m = create_meeting(uow, unit_id=unit, title=title, kind=kind, starts_at=start,
                           ends_at=start + timedelta(hours=hours), location=location)
        for site in sites:
            add_site(uow, m.id, site)
        for person_id, role, site in people:
            add_participant(uow, m.id, person_id, role, site_unit_id=site)
        _add_agenda(uow, m.id, agenda)
        for status in status_path:
            change_status(uow, m.id, status)
        uow.commit()
    report.meetings_created.append(title)
    report.meeting_ids[key] = m.id
