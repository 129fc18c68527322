"""Reorganising units, with the meetings layer's part: after the directory has ended a unit
(``store.directory.reorganisation``), its meetings not yet held and its open tasks go to the
successor. Meetings already held, their papers, votes and signatures stay with the unit they
were made under, which still shows its name as it was on the day.

A meeting counts as not yet held when it is a draft or published and starts on or after the
effective date; one that is under way or closed is history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from meetings.live.models import ConclusionTask
from meetings.models import Meeting, MeetingSite, Participant
from store.clock import VN_TZ
from store.directory.reorganisation import Handover, dissolve_unit, merge_units
from store.errors import InvalidInput
from store.locking import stamp
from store.models import Person, PersonRole, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

OPEN_STATUSES = ("draft", "published")


@dataclass(frozen=True)
class HandoverPreview:
    """What ending some units would hand to their successor, counted before anyone confirms."""

    people: int
    roles: int  # open roles held in them
    units: int  # units beneath them, still in being
    meetings: int  # meetings not yet held
    tasks: int  # open conclusion tasks


def handover_preview(session: Session, unit_ids: Sequence[int], effective_on: date) -> HandoverPreview:
    """Count what ``merge`` or ``dissolve`` of ``unit_ids`` on ``effective_on`` would move (the
    same rows ``_hand_over`` and ``_hand_over_work`` move), for the confirmation a person reads."""
    ids = list(unit_ids)
    start = datetime.combine(effective_on, time(0, 0), tzinfo=VN_TZ)

    def count(q) -> int:
        return int(session.execute(q).scalar_one())

    return HandoverPreview(
        people=count(select(func.count(Person.id)).where(Person.unit_id.in_(ids))),
        roles=count(select(func.count(PersonRole.id)).where(
            PersonRole.unit_id.in_(ids), (PersonRole.until.is_(None)) | (PersonRole.until > effective_on))),
        units=count(select(func.count(Unit.id)).where(
            Unit.parent_id.in_(ids), (Unit.valid_to.is_(None)) | (Unit.valid_to > effective_on))),
        meetings=count(select(func.count(Meeting.id)).where(
            Meeting.unit_id.in_(ids), Meeting.status.in_(OPEN_STATUSES), Meeting.starts_at >= start)),
        tasks=count(select(func.count(ConclusionTask.id)).where(
            ConclusionTask.owner_unit_id.in_(ids), ConclusionTask.status == "open")),
    )


def _hand_over_work(uow: UnitOfWork, handover: Handover) -> dict[str, list[int]]:
    s = uow.session
    if not handover.successors:
        return {"meetings": [], "tasks": [], "sites": []}
    old_ids = list(handover.successors)
    start = datetime.combine(handover.effective_on, time(0, 0), tzinfo=VN_TZ)
    moved_meetings: list[int] = []
    for m in s.execute(select(Meeting).where(Meeting.unit_id.in_(old_ids), Meeting.status.in_(OPEN_STATUSES),
                                             Meeting.starts_at >= start)).scalars():
        m.unit_id = handover.successors[m.unit_id]
        stamp(m, uow)
        moved_meetings.append(m.id)
    # Sites of meetings not yet held (any host's) connect the successor instead.
    open_ids = select(Meeting.id).where(Meeting.status.in_(OPEN_STATUSES), Meeting.starts_at >= start)
    moved_sites: list[int] = []
    for site in s.execute(select(MeetingSite).where(MeetingSite.unit_id.in_(old_ids),
                                                    MeetingSite.meeting_id.in_(open_ids))).scalars().all():
        new_unit = handover.successors[site.unit_id]
        taken = s.execute(select(MeetingSite.id).where(MeetingSite.meeting_id == site.meeting_id,
                                                       MeetingSite.unit_id == new_unit)).first()
        if taken or s.get(Meeting, site.meeting_id).unit_id == new_unit:
            s.delete(site)
        else:
            site.unit_id = new_unit
        moved_sites.append(site.meeting_id)
    for p in s.execute(select(Participant).where(Participant.site_unit_id.in_(old_ids),
                                                 Participant.meeting_id.in_(open_ids))).scalars():
        host = s.get(Meeting, p.meeting_id).unit_id
        p.site_unit_id = None if handover.successors[p.site_unit_id] == host else handover.successors[p.site_unit_id]
    moved_tasks: list[int] = []
    for task in s.execute(select(ConclusionTask).where(ConclusionTask.owner_unit_id.in_(old_ids),
                                                       ConclusionTask.status == "open")).scalars():
        task.owner_unit_id = handover.successors[task.owner_unit_id]
        stamp(task, uow)
        moved_tasks.append(task.id)
    s.flush()
    moved = {"meetings": moved_meetings, "tasks": moved_tasks, "sites": sorted(set(moved_sites))}
    if any(moved.values()):
        uow.record("unit.handover", "reorganisation", handover.reorganisation_id,
                   {"successors": {str(k): v for k, v in handover.successors.items()}, **moved})
    return moved


def merge(uow: UnitOfWork, source_ids: Sequence[int], into_id: int, *, effective_on: date, decision: str) -> Handover:
    """``merge_units``, then the merged units' meetings not yet held and open tasks go to ``into_id``."""
    handover = merge_units(uow, source_ids, into_id, effective_on=effective_on, decision=decision)
    _hand_over_work(uow, handover)
    return handover


def dissolve(uow: UnitOfWork, unit_id: int, *, effective_on: date, decision: str,
             successor_id: int | None = None) -> Handover:
    """``dissolve_unit``; with a successor, its meetings not yet held and open tasks go there.
    Without one, a unit that still has meetings to hold or open tasks is refused."""

    if successor_id is None:
        start = datetime.combine(effective_on, time(0, 0), tzinfo=VN_TZ)
        s = uow.session
        pending = s.execute(select(Meeting.id).where(Meeting.unit_id == unit_id, Meeting.status.in_(OPEN_STATUSES),
                                                     Meeting.starts_at >= start).limit(1)).first() or \
            s.execute(select(ConclusionTask.id).where(ConclusionTask.owner_unit_id == unit_id,
                                                      ConclusionTask.status == "open").limit(1)).first()
        if pending:
            raise InvalidInput("Đơn vị còn cuộc họp chưa diễn ra hoặc nhiệm vụ đang mở; chỉ định đơn vị kế thừa (--successor).",
                               "The unit still has meetings to hold or open tasks; name a successor (--successor).")
    handover = dissolve_unit(uow, unit_id, effective_on=effective_on, decision=decision, successor_id=successor_id)
    _hand_over_work(uow, handover)
    return handover
