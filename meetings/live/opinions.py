"""Written opinions (phiếu lấy ý kiến) between meetings: a question, options, a deadline.

The office asks named members of a unit; each answers once (and may change the answer
until the deadline); after the deadline the answers are counted. The tally is not shown
before the deadline, so early answers do not sway late ones.

Closing early (``close_poll``, in ``meetings.live.opinion_closing``) brings the deadline forward to the moment of closing, so
"the deadline has passed" stays the one rule for refusing answers and showing the tally.
The deadline first set is kept in the audit row of the close (and of the request).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from documents.text import fold_for_search
from meetings.lifecycle import load_meeting
from meetings.live.models import OpinionMember, OpinionPoll
from store.clock import VN_TZ
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
        return {
            "poll_id": self.poll.id,
            "question": self.poll.question,
            "counts": dict(self.counts),
            "asked": self.poll.asked,
            "answered": self.poll.answered,
            "not_answered": list(self.not_answered),
            "answers": [{"full_name": n, "option": o, "comment": c} for n, o, c in self.answers],
        }


def vn_time(moment: datetime) -> str:
    """A moment as people here read it: Vietnam's time, whatever zone it is stored in."""
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") + " (giờ Việt Nam)"


def match_option(options: Sequence[str], typed: str) -> str | None:
    """The option meant by ``typed``: exactly (ignoring case), else the one it matches the way
    search matches words (marks and đ folded: "Dong y" is "Đồng ý"), when only one does."""

    wanted = " ".join(typed.split()).casefold()
    exact = [o for o in options if o.casefold() == wanted]
    if exact:
        return exact[0]
    folded = fold_for_search(typed)
    loose = [o for o in options if folded and fold_for_search(o) == folded]
    return loose[0] if len(loose) == 1 else None


def poll_info(session: Session, poll: OpinionPoll) -> PollInfo:
    asked, answered = session.execute(
        select(func.count(), func.count(OpinionMember.option)).where(OpinionMember.poll_id == poll.id)
    ).one()
    return PollInfo(
        poll.id,
        poll.unit_id,
        poll.meeting_id,
        poll.question,
        tuple(poll.options),
        poll.deadline,
        asked,
        answered,
    )


def load_poll(session: Session, poll_id: int) -> OpinionPoll:
    poll = session.get(OpinionPoll, poll_id)
    if poll is None:
        raise NotFound(
            f"Không có phiếu lấy ý kiến số {poll_id}.", f"There is no written opinion poll {poll_id}."
        )
    return poll


def ask_opinions(
    uow: UnitOfWork,
    *,
    unit_id: int,
    question: str,
    options: Sequence[str],
    deadline: datetime,
    member_ids: Sequence[int],
    meeting_id: int | None = None,
) -> PollInfo:
    s = uow.session
    if s.get(Unit, unit_id) is None:
        raise unit_not_found(unit_id)
    if meeting_id is not None:
        load_meeting(s, meeting_id)
    question = " ".join(question.split())
    clean = [" ".join(o.split()) for o in options if o.strip()]
    if not question or len(clean) < 2 or len({o.casefold() for o in clean}) != len(clean):
        raise InvalidInput(
            "Phiếu lấy ý kiến cần nội dung và ít nhất hai phương án khác nhau.",
            "A written opinion needs a question and at least two different options.",
        )
    if deadline.tzinfo is None:
        raise InvalidInput("Hạn trả lời cần có múi giờ.", "The deadline needs a time zone.")
    if deadline <= uow.now():
        raise InvalidInput(
            f"Hạn trả lời {vn_time(deadline)} đã qua (bây giờ là {vn_time(uow.now())}); hãy chọn một thời điểm "
            "sau bây giờ.",
            f"The deadline {vn_time(deadline)} has already passed (it is now {vn_time(uow.now())}); choose a moment "
            "after now.",
        )
    people = s.query(Person).filter(Person.id.in_(set(member_ids))).all()
    if not people or len(people) != len(set(member_ids)):
        raise NotFound(
            "Có người được hỏi ý kiến không tồn tại.", "Someone asked for an opinion does not exist."
        )
    poll = OpinionPoll(
        unit_id=unit_id,
        meeting_id=meeting_id,
        question=question,
        options=clean,
        deadline=deadline,
        created_at=uow.now(),
        created_by_id=uow.actor_id,
        updated_at=uow.now(),
        updated_by_id=uow.actor_id,
    )
    s.add(poll)
    s.flush()
    s.add_all([OpinionMember(poll_id=poll.id, person_id=p.id, unit_id=unit_id, comment="") for p in people])
    s.flush()
    uow.record(
        "opinion.ask",
        "opinion_poll",
        poll.id,
        {
            "question": question,
            "options": clean,
            "deadline": deadline.isoformat(),
            "members": sorted(member_ids),
        },
        meeting_id=meeting_id,
        unit_id=unit_id,
    )
    return poll_info(s, poll)


def answer_opinion(uow: UnitOfWork, poll_id: int, person_id: int, option: str, comment: str = "") -> PollInfo:
    s = uow.session
    poll = load_poll(s, poll_id)
    if uow.now() >= poll.deadline:
        raise InvalidInput(
            "Đã quá hạn trả lời phiếu lấy ý kiến (phiếu đã đóng).",
            "The deadline for this written opinion has passed (it is closed).",
        )
    member = s.get(OpinionMember, (poll_id, person_id))
    if member is None:
        raise PermissionDenied(
            "Bạn không có trong danh sách được hỏi ý kiến.", "You are not among those asked."
        )
    chosen = match_option(poll.options, option)
    if chosen is None:
        raise InvalidInput(
            f"Phương án '{option}' không có; chọn: {', '.join(poll.options)}.",
            f"Option '{option}' is not offered; choose: {', '.join(poll.options)}.",
        )
    _enter_answer(uow, member, chosen, comment.strip())
    uow.record(
        "opinion.answer",
        "opinion_poll",
        poll_id,
        {"person_id": person_id, "option": chosen},
        meeting_id=poll.meeting_id,
        unit_id=poll.unit_id,
    )
    return poll_info(s, poll)


def _enter_answer(uow: UnitOfWork, member: OpinionMember, option: str, comment: str) -> None:
    """Shared store: only the server's ``nghisu_answer_opinion`` writes an answer (migration
    0011), for the login's own person, in a poll they were asked, before its deadline."""
    if uow.dialect != "postgresql":
        member.option, member.comment, member.responded_at = option, comment, uow.now()
        uow.session.flush()
        return

    s = uow.session
    s.flush()
    try:
        with s.begin_nested():
            s.execute(text("SELECT nghisu_answer_opinion(:poll, :person, :option, :comment, :at)"), {
                "poll": member.poll_id, "person": member.person_id, "option": option, "comment": comment,
                "at": uow.now().astimezone(UTC).replace(tzinfo=None)})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "55000":
            raise InvalidInput("Đã quá hạn trả lời phiếu lấy ý kiến (phiếu đã đóng).",
                               "The deadline for this written opinion has passed (it is closed).") from exc
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise PermissionDenied("Chỉ chính người được hỏi ý kiến trả lời được, bằng tài khoản của mình.",
                                   "Only the person asked answers, with their own login.") from exc
        raise
    s.refresh(member)


def tally_opinions(session: Session, poll_id: int, now: datetime) -> PollTally:
    """The counts, once the deadline has passed (before it: refused, saying when)."""

    poll = load_poll(session, poll_id)
    if now < poll.deadline:
        raise InvalidInput(
            f"Chưa hết hạn trả lời ({vn_time(poll.deadline)}); kết quả chỉ có sau hạn.",
            f"The deadline ({vn_time(poll.deadline)}) has not passed; the tally comes after it.",
        )
    rows = session.execute(
        select(Person.full_name, OpinionMember.option, OpinionMember.comment)
        .join(Person, Person.id == OpinionMember.person_id)
        .where(OpinionMember.poll_id == poll_id)
        .order_by(Person.id)
    ).all()
    counts = dict.fromkeys(poll.options, 0)
    for _, option, _ in rows:
        if option is not None:
            counts[option] += 1
    return PollTally(
        poll_info(session, poll),
        tuple(counts.items()),
        tuple(n for n, o, _ in rows if o is None),
        tuple((n, o, c) for n, o, c in rows if o is not None),
    )


@dataclass(frozen=True)
class PollSummary:
    """One line of the list of polls: enough to pick one to answer, close or count."""

    id: int
    question: str
    unit_id: int
    unit_name: str
    meeting_id: int | None
    deadline: datetime
    status: str  # "open" until the deadline (or the early close), then "closed"
    asked: int
    answered: int
    version: int  # what a desktop passes back to close_poll as expected_version
    options: tuple[str, ...] = ()  # what an answer chooses from

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "unit_id": self.unit_id,
            "unit_name": self.unit_name,
            "meeting_id": self.meeting_id,
            "deadline": self.deadline.isoformat(),
            "status": self.status,
            "asked": self.asked,
            "answered": self.answered,
            "version": self.version,
        }


def list_polls(
    session: Session,
    now: datetime,
    *,
    unit_id: int | None = None,
    meeting_id: int | None = None,
    open_only: bool = False,
) -> list[PollSummary]:
    """Polls newest deadline first; on the shared store, only those the person may see (row security)."""

    counts = (
        select(
            OpinionMember.poll_id,
            func.count().label("asked"),
            func.count(OpinionMember.option).label("answered"),
        )
        .group_by(OpinionMember.poll_id)
        .subquery()
    )
    query = (
        select(OpinionPoll, Unit.name, counts.c.asked, counts.c.answered)
        .join(Unit, Unit.id == OpinionPoll.unit_id)
        .outerjoin(counts, counts.c.poll_id == OpinionPoll.id)
        .order_by(OpinionPoll.deadline.desc(), OpinionPoll.id.desc())
    )
    if unit_id is not None:
        query = query.where(OpinionPoll.unit_id == unit_id)
    if meeting_id is not None:
        query = query.where(OpinionPoll.meeting_id == meeting_id)
    if open_only:
        query = query.where(OpinionPoll.deadline > now)
    return [
        PollSummary(
            p.id,
            p.question,
            p.unit_id,
            unit_name,
            p.meeting_id,
            p.deadline,
            "open" if now < p.deadline else "closed",
            asked or 0,
            answered or 0,
            p.version,
            tuple(p.options),
        )
        for p, unit_name, asked, answered in session.execute(query)
    ]
