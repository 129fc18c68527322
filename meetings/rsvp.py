"""Answers to the invitation (xác nhận tham dự): an invitee attends, does not (with a reason), or
names a deputy who attends instead (cử người dự thay). The invitee answers for themselves, or
the meeting's secretary, chair or office records an answer given by telephone; the latest
answer stands and every answer is audited. Answers are taken until the meeting opens; from then
on the secretary records who is actually there (``meetings.live.attendance``), which the
attendance list shows beside the answer given.

On PostgreSQL the rules are the server's (migration 0018): an invitee writes only their own
answer to a meeting they are invited to, the meeting's managers anyone's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from meetings.lifecycle import load_meeting
from meetings.models import Participant
from store.base import Base
from store.codes import MeetingStatus, RsvpAnswer
from store.errors import InvalidInput, NotFound
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

OPEN_FOR_ANSWERS = (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)


class MeetingRsvp(Base):
    __tablename__ = "meeting_rsvps"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_meeting_rsvps_meeting_person"),
        CheckConstraint("answer IN ('yes', 'no', 'deputy')", name="answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    answer: Mapped[str] = mapped_column(String(16))
    deputy_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime]
    answered_by_id: Mapped[int | None] = mapped_column(Integer)


@dataclass(frozen=True)
class RsvpInfo:
    meeting_id: int
    person_id: int
    full_name: str
    answer: RsvpAnswer
    deputy_person_id: int | None
    deputy_name: str | None
    note: str
    answered_at: datetime
    answered_by_id: int | None

    def line(self) -> str:
        said = self.answer.vi
        if self.answer is RsvpAnswer.DEPUTY and self.deputy_name:
            said += f": {self.deputy_name}"
        return f"{self.full_name}: {said}" + (f" ({self.note})" if self.note else "")

    def as_json(self) -> dict[str, Any]:
        return {"meeting_id": self.meeting_id, "person_id": self.person_id, "full_name": self.full_name,
                "answer": str(self.answer), "deputy_person_id": self.deputy_person_id, "deputy": self.deputy_name,
                "note": self.note, "answered_at": self.answered_at.isoformat(), "answered_by_id": self.answered_by_id}


def answer_invitation(uow: UnitOfWork, meeting_id: int, person_id: int, answer: RsvpAnswer | str, *,
                      deputy_person_id: int | None = None, note: str = "") -> RsvpInfo:
    """Record (or change) ``person_id``'s answer to the invitation."""
    s = uow.session
    meeting = load_meeting(s, meeting_id)
    try:
        answer = RsvpAnswer(answer)
    except ValueError:
        raise InvalidInput(f"Câu trả lời '{answer}' không hợp lệ; chọn yes (dự họp), no (vắng mặt) hoặc deputy "
                           "(cử người dự thay).",
                           f"The answer '{answer}' is not valid; choose yes, no or deputy.") from None
    if meeting.status not in OPEN_FOR_ANSWERS:
        raise InvalidInput(f"Cuộc họp '{meeting.title}' đã {MeetingStatus(meeting.status).vi}; không xác nhận tham dự "
                           "được nữa (thư ký ghi điểm danh tại cuộc họp).",
                           f"The meeting '{meeting.title}' is {meeting.status}; attendance is no longer confirmed "
                           "ahead (the secretary records who is there).")
    invited = s.execute(select(Participant.person_id).where(Participant.meeting_id == meeting_id)).scalars().all()
    if person_id not in invited:
        raise NotFound(f"Người số {person_id} không có trong danh sách mời của cuộc họp này.",
                       f"Person {person_id} is not invited to this meeting.")
    note = " ".join(note.split())
    if answer is RsvpAnswer.NO and not note:
        raise InvalidInput("Vắng mặt cần ghi lý do.", "An absence needs a reason.")
    if answer is RsvpAnswer.DEPUTY:
        deputy = s.get(Person, deputy_person_id) if deputy_person_id is not None else None
        if deputy is None or not deputy.active:
            raise InvalidInput("Cần chọn người dự thay (mã một người đang công tác trong danh bạ).",
                               "Name the deputy who attends instead (the id of an active person in the directory).")
        if deputy.id == person_id:
            raise InvalidInput("Người dự thay phải là người khác.", "The deputy must be someone else.")
        if deputy.id in invited:
            raise InvalidInput(f"{deputy.full_name} đã được mời dự họp; hãy chọn người khác dự thay.",
                               f"{deputy.full_name} is invited already; choose someone else as deputy.")
    else:
        deputy_person_id = None
    row = s.execute(select(MeetingRsvp).where(MeetingRsvp.meeting_id == meeting_id,
                                              MeetingRsvp.person_id == person_id)).scalar_one_or_none()
    if row is None:
        row = MeetingRsvp(meeting_id=meeting_id, person_id=person_id)
        s.add(row)
    row.answer, row.deputy_person_id, row.note = answer, deputy_person_id, note
    row.answered_at, row.answered_by_id = uow.now(), uow.actor_id
    s.flush()
    uow.record("meeting.rsvp", "meeting", meeting_id, {"person_id": person_id, "answer": str(answer),
                                                       "deputy_person_id": deputy_person_id, "note": note},
               meeting_id=meeting_id, unit_id=meeting.unit_id)
    return rsvps(s, meeting_id)[person_id]


def rsvps(session: Session, meeting_id: int) -> dict[int, RsvpInfo]:
    """Every answer given to the meeting's invitation, by invitee."""
    rows = session.execute(select(MeetingRsvp).where(MeetingRsvp.meeting_id == meeting_id)).scalars().all()
    ids = {r.person_id for r in rows} | {r.deputy_person_id for r in rows if r.deputy_person_id}
    names = {pid: name for pid, name in session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))}
    return {r.person_id: RsvpInfo(r.meeting_id, r.person_id, names.get(r.person_id, "?"), RsvpAnswer(r.answer),
                                  r.deputy_person_id, names.get(r.deputy_person_id) if r.deputy_person_id else None,
                                  r.note, r.answered_at, r.answered_by_id)
            for r in rows}
