"""Written opinions (phiếu lấy ý kiến) between meetings: a question, options, a deadline.

The office asks named members of a unit; each answers once (and may change the answer
until the deadline); after the deadline the answers are counted. The tally is not shown
before the deadline, so early answers do not sway late ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from meetings.lifecycle import load_meeting
from meetings.live_models import OpinionMember, OpinionPoll
from store.directory import unit_not_found
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


@dataclass(frozen=True)
class PollInfo:
    id: int
    unit_id: int
    meeting_id: int | None
    question: str
    options: tuple[str, ...]
    deadline: datetime
    asked: int
    answered: int


@dataclass(frozen=True)
class PollTally:
    poll: PollInfo
    counts: tuple[tuple[str, int], ...]
    not_answered: tuple[str, ...]
    answers: tuple[tuple[str, str, str], ...]  # (name, option, comment)

    def as_json(self) -> dict:
        return {"poll_id": self.poll.id, "question": self.poll.question, "counts": dict(self.counts),
                "asked": self.poll.asked, "answered": self.poll.answered, "not_answered": list(self.not_answered),
                "answers": [{"full_name": n, "option": o, "comment": c} for n, o, c in self.answers]}


def _info(session: Session, poll: OpinionPoll) -> PollInfo:
    from sqlalchemy import func, select

    asked, answered = session.execute(
        select(func.count(), func.count(OpinionMember.option)).where(OpinionMember.poll_id == poll.id)).one()
    return PollInfo(poll.id, poll.unit_id, poll.meeting_id, poll.question, tuple(poll.options), poll.deadline,
                    asked, answered)


def _load(session: Session, poll_id: int) -> OpinionPoll:
    poll = session.get(OpinionPoll, poll_id)
    if poll is None:
        raise NotFound(f"Không có phiếu lấy ý kiến số {poll_id}.", f"There is no written opinion poll {poll_id}.")
    return poll


def ask_opinions(uow: UnitOfWork, *, unit_id: int, question: str, options: Sequence[str], deadline: datetime,
                 member_ids: Sequence[int], meeting_id: int | None = None) -> PollInfo:
    s = uow.session
    if s.get(Unit, unit_id) is None:
        raise unit_not_found(unit_id)
    if meeting_id is not None:
        load_meeting(s, meeting_id)
    question = " ".join(question.split())
    clean = [" ".join(o.split()) for o in options if o.strip()]
    if not question or len(clean) < 2 or len({o.casefold() for o in clean}) != len(clean):
        raise InvalidInput("Phiếu lấy ý kiến cần nội dung và ít nhất hai phương án khác nhau.",
                           "A written opinion needs a question and at least two different options.")
    if deadline.tzinfo is None or deadline <= uow.now():
        raise InvalidInput("Hạn trả lời phải là một thời điểm sau bây giờ (có múi giờ).",
                           "The deadline must be a moment after now (with a time zone).")
    people = s.query(Person).filter(Person.id.in_(set(member_ids))).all()
    if not people or len(people) != len(set(member_ids)):
        raise NotFound("Có người được hỏi ý kiến không tồn tại.", "Someone asked for an opinion does not exist.")
    poll = OpinionPoll(unit_id=unit_id, meeting_id=meeting_id, question=question, options=clean, deadline=deadline,
                       created_at=uow.now(), created_by_id=uow.actor_id, updated_at=uow.now(), updated_by_id=uow.actor_id)
    s.add(poll)
    s.flush()
    s.add_all([OpinionMember(poll_id=poll.id, person_id=p.id, unit_id=unit_id, comment="") for p in people])
    s.flush()
    uow.record("opinion.ask", "opinion_poll", poll.id,
               {"question": question, "options": clean, "deadline": deadline.isoformat(), "members": sorted(member_ids)},
               meeting_id=meeting_id, unit_id=unit_id)
    return _info(s, poll)


def answer_opinion(uow: UnitOfWork, poll_id: int, person_id: int, option: str, comment: str = "") -> PollInfo:
    s = uow.session
    poll = _load(s, poll_id)
    if uow.now() >= poll.deadline:
        raise InvalidInput("Đã quá hạn trả lời phiếu lấy ý kiến.", "The deadline for this written opinion has passed.")
    member = s.get(OpinionMember, (poll_id, person_id))
    if member is None:
        raise PermissionDenied("Bạn không có trong danh sách được hỏi ý kiến.", "You are not among those asked.")
    chosen = next((o for o in poll.options if o.casefold() == option.strip().casefold()), None)
    if chosen is None:
        raise InvalidInput(f"Phương án '{option}' không có; chọn: {', '.join(poll.options)}.",
                           f"Option '{option}' is not offered; choose: {', '.join(poll.options)}.")
    member.option, member.comment, member.responded_at = chosen, comment.strip(), uow.now()
    s.flush()
    uow.record("opinion.answer", "opinion_poll", poll_id, {"person_id": person_id, "option": chosen},
               meeting_id=poll.meeting_id, unit_id=poll.unit_id)
    return _info(s, poll)


def tally_opinions(session: Session, poll_id: int, now: datetime) -> PollTally:
    """The counts, once the deadline has passed (before it: refused, saying when)."""
    from sqlalchemy import select

    poll = _load(session, poll_id)
    if now < poll.deadline:
        raise InvalidInput(f"Chưa hết hạn trả lời ({poll.deadline.isoformat()}); kết quả chỉ có sau hạn.",
                           f"The deadline ({poll.deadline.isoformat()}) has not passed; the tally comes after it.")
    rows = session.execute(select(Person.full_name, OpinionMember.option, OpinionMember.comment)
                           .join(Person, Person.id == OpinionMember.person_id)
                           .where(OpinionMember.poll_id == poll_id).order_by(Person.id)).all()
    counts = dict.fromkeys(poll.options, 0)
    for _, option, _ in rows:
        if option is not None:
            counts[option] += 1
    return PollTally(_info(session, poll), tuple(counts.items()), tuple(n for n, o, _ in rows if o is None),
                     tuple((n, o, c) for n, o, c in rows if o is not None))
