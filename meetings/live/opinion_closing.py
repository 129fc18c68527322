"""Closing a written opinion poll before its deadline: who may (the asker, the unit's
organisers and leaders, the chair or secretary of the poll's meeting), and when (once everyone
has answered, or earlier when the chair decides).

Closing brings the deadline forward to the moment of closing, so "the deadline has passed"
stays the one rule for refusing answers and showing the tally (``meetings.live.opinions``). The
deadline first set is kept in the audit row of the close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from meetings.live.models import OpinionPoll
from meetings.live.opinions import PollInfo, load_poll, poll_info
from meetings.models import Participant
from store.accounts import unit_roles_of
from store.clock import VN_TZ
from store.directory.people import holders
from store.directory.records import Role
from store.errors import InvalidInput, NotFound, PermissionDenied
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


def _may_close(session: Session, poll: OpinionPoll, actor_id: int, today) -> tuple[bool, bool]:
    """(may close, may decide as the chair).

    Closing is for the asker, the unit's organisers, the chair or secretary of the poll's
    meeting (the people the shared store's row security lets change the poll,
    ``nghisu_can_manage_poll``, plus the asker) and the chair. The chair is the chair of the
    poll's meeting, or for any poll a leader (lãnh đạo) of the poll's unit: written opinions
    between meetings are the chairman's to decide. Only the chair may close before everyone has
    answered; saying "the chair decided" does not make someone the chair.
    """

    role = None
    if poll.meeting_id is not None:
        role = session.execute(
            select(Participant.role).where(
                Participant.meeting_id == poll.meeting_id, Participant.person_id == actor_id
            )
        ).scalar_one_or_none()
    is_chair = role == "chair" or any(
        r.person_id == actor_id for r in holders(session, poll.unit_id, Role.LANH_DAO, on=today))
    allowed = (
        is_chair
        or actor_id == poll.created_by_id
        or (poll.unit_id, "organiser") in unit_roles_of(session, actor_id)
        or role == "secretary"
    )
    return allowed, is_chair


def close_poll(
    uow: UnitOfWork,
    poll_id: int,
    actor_id: int,
    *,
    expected_version: int | None = None,
    chair_decision: bool = False,
) -> PollInfo:
    """Close before the deadline: once everyone has answered, or earlier when the chair decides
    (``chair_decision``, implied when the chair closes it; refused from anyone else). The tally
    is available from then on and no answer is taken any more."""
    s = uow.session
    poll = load_poll(s, poll_id)
    if s.get(Person, actor_id) is None:
        raise NotFound(f"Không có người số {actor_id}.", f"There is no person {actor_id}.")
    allowed, is_chair = _may_close(s, poll, actor_id, uow.now().astimezone(VN_TZ).date())
    if not allowed:
        raise PermissionDenied(
            "Chỉ người gửi phiếu, văn phòng của đơn vị, lãnh đạo đơn vị hoặc chủ tọa, thư ký cuộc họp liên quan "
            "được đóng phiếu.",
            "Only the asker, the unit's organisers, its leaders, or the chair or secretary of its meeting may close "
            "the poll.",
        )
    if chair_decision and not is_chair:
        raise PermissionDenied(
            "Chỉ chủ tọa (chủ tọa cuộc họp liên quan hoặc lãnh đạo đơn vị) mới quyết định đóng phiếu sớm; "
            "người khác đóng được khi mọi người đã trả lời.",
            "Only the chair (of the poll's meeting, or a leader of the unit) decides to close a poll early; "
            "others may close it once everyone has answered.",
        )
    what = f"Phiếu lấy ý kiến #{poll_id}"
    ensure_version(s, poll, expected_version, what, {"close": True})
    now = uow.now()
    if now >= poll.deadline:
        when = poll.deadline.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
        raise InvalidInput(
            f"Phiếu lấy ý kiến #{poll_id} đã đóng (hạn trả lời {when}).",
            f"Written opinion poll {poll_id} is already closed (deadline {when}).",
        )
    info = poll_info(s, poll)
    if info.answered < info.asked and not is_chair:
        raise InvalidInput(
            f"Còn {info.asked - info.answered}/{info.asked} người chưa trả lời; chỉ đóng sớm khi mọi người đã trả lời "
            "hoặc theo quyết định của chủ tọa.",
            f"{info.asked - info.answered} of {info.asked} have not answered; close early only once everyone has "
            "answered or when the chair decides.",
        )
    deadline_was = poll.deadline
    poll.deadline = now
    stamp(poll, uow)
    flush_or_conflict(uow, poll, what, {"close": True})
    uow.record(
        "opinion.close",
        "opinion_poll",
        poll_id,
        {
            "deadline_was": deadline_was.isoformat(),
            "closed_by": actor_id,
            "asked": info.asked,
            "answered": info.answered,
            "chair_decision": bool(info.answered < info.asked and is_chair),
        },
        meeting_id=poll.meeting_id,
        unit_id=poll.unit_id,
    )
    return poll_info(s, poll)
