"""The demo's November provincial meeting (already closed) gets what the secretary recorded:
attendance, speakers, two votes, conclusions and tasks, and a draft of the minutes, so
``nghisu minutes`` and ``nghisu archive`` have real content. Done once per store."""

from __future__ import annotations

from sqlalchemy import select

from demo import data, data2025
from meetings.lifecycle import get_meeting
from meetings.live.attendance import record_attendance
from meetings.live.models import Attendance
from meetings.live.speakers import finish_speaking, request_to_speak, start_speaking
from meetings.live.votes import cast_vote, close_vote, open_vote, record_hands
from meetings.papers.conclusions import add_conclusion, add_task
from meetings.papers.minutes import draft_minutes, get_minutes
from store.directory import find_unit_by_code
from store.engine import Store

AGREE, AGAINST, ABSTAIN = "Đồng ý", "Không đồng ý", "Không biểu quyết"


def record_demo_meeting(store: Store, meeting_id: int | None, secretary_id: int | None, scheme: str = "2025") -> bool:
    """Returns False when there is nothing to do (no such meeting, or already recorded)."""
    texts = data2025.LIVE if scheme == "2025" else data.LIVE
    if meeting_id is None:
        return False
    with store.read() as s:
        if s.execute(select(Attendance.id).where(Attendance.meeting_id == meeting_id)).first():
            if get_minutes(s, meeting_id) is not None:
                return False
            recorded_without_minutes = True  # left so by a version that drafted in a second step
        else:
            recorded_without_minutes = False
        detail = get_meeting(s, meeting_id)
        owners = {code: find_unit_by_code(s, code) for _, code, _, _ in texts.tasks}
    found = {code: u for code, u in owners.items() if u is not None}
    if detail.meeting.status != "closed" or len(found) != len(owners):
        return False
    people = {p.full_name: p.person_id for p in detail.participants}
    items = {n.number: n.id for n in detail.agenda_items()}
    if recorded_without_minutes:
        with store.uow(secretary_id) as uow:
            draft_minutes(uow, meeting_id)
            uow.commit()
        return True
    with store.uow(secretary_id) as uow:
        for name, pid in people.items():
            if name == "Đặng Thị Lan":
                record_attendance(uow, meeting_id, pid, status="absent", reason="Đi công tác tại Hà Nội")
            else:
                record_attendance(uow, meeting_id, pid)
        for name in ("Hoàng Đức Thắng", "Lê Quốc Dũng", "Trần Thị Thu Hà"):
            req = request_to_speak(uow, meeting_id, items["2"], people[name])
            start_speaking(uow, req.id, minutes=5)
            finish_speaking(uow, req.id)
        hands = open_vote(uow, meeting_id, item_id=items["2"], kind="show_of_hands",
                          question="Thông qua Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2026",
                          options=[AGREE, AGAINST, ABSTAIN])
        record_hands(uow, hands.id, detail.meeting.unit_id, {AGREE: 5, AGAINST: 0, ABSTAIN: 0})
        close_vote(uow, hands.id)
        roll = open_vote(uow, meeting_id, item_id=items["3"], kind="roll_call",
                         question=texts.roll_call,
                         options=[AGREE, AGAINST, ABSTAIN])
        for name, option in (("Nguyễn Văn Minh", AGREE), ("Trần Thị Thu Hà", AGREE), ("Lê Quốc Dũng", AGREE),
                             ("Lê Quang Huy", ABSTAIN), ("Hoàng Đức Thắng", AGREE)):
            cast_vote(uow, roll.id, people[name], option)
        close_vote(uow, roll.id)
        c1 = add_conclusion(uow, meeting_id, texts.conclusion_1, item_id=items["2"])
        c2 = add_conclusion(uow, meeting_id, texts.conclusion_2, item_id=items["3"])
        conclusions = {1: c1.id, 2: c2.id}
        for description, code, deadline, which in texts.tasks:
            add_task(uow, meeting_id, description=description, owner_unit_id=found[code].id,
                     deadline=deadline, conclusion_id=conclusions[which])
        # In the same transaction: a run killed in between left a record without minutes, and
        # the next run, seeing the attendance, never drafted them.
        draft_minutes(uow, meeting_id)
        uow.commit()
    return True
