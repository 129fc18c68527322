"""What a member is asked: the open written opinions (phiếu lấy ý kiến) addressed to one
person, each with its options and the answer they gave so far, for the tablet reader to show
and answer (``answer_opinion`` enters the answer; on the shared store the server's function
lets a login answer only for its own person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from meetings.live.models import OpinionMember, OpinionPoll
from store.models import Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class MemberPoll:
    """One open poll as the person asked sees it."""

    id: int
    question: str
    options: tuple[str, ...]
    deadline: datetime
    unit_name: str
    meeting_id: int | None
    my_option: str | None  # None: not answered yet
    my_comment: str

    @property
    def answered(self) -> bool:
        return self.my_option is not None


def open_polls_for(session: Session, person_id: int, now: datetime, *,
                   meeting_id: int | None = None) -> list[MemberPoll]:
    """The person's open polls, soonest deadline first (unanswered before answered at the
    same deadline); ``meeting_id``: only that meeting's."""
    query = (
        select(OpinionPoll, OpinionMember, Unit.name)
        .join(OpinionMember, OpinionMember.poll_id == OpinionPoll.id)
        .join(Unit, Unit.id == OpinionPoll.unit_id)
        .where(OpinionMember.person_id == person_id, OpinionPoll.deadline > now)
        .order_by(OpinionPoll.deadline, OpinionPoll.id)
    )
    if meeting_id is not None:
        query = query.where(OpinionPoll.meeting_id == meeting_id)
    polls = [MemberPoll(p.id, p.question, tuple(p.options), p.deadline, unit_name, p.meeting_id, m.option,
                        m.comment or "")
             for p, m, unit_name in session.execute(query)]
    return sorted(polls, key=lambda p: (p.deadline, p.answered, p.id))
