"""Speaker requests: one queue per agenda item, in the order people asked, with a timer.

request → (withdraw) → start → finish. One person speaks at a time per item. The timer
stores only when the speaker started and how long they were given (by default the item's
planned minutes, or ``minutes=`` when the chair gives less); what remains is computed from
the unit of work's clock, so every desktop shows the same countdown and tests are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from meetings.live.attendance import _participant, live_meeting
from meetings.live.models import SpeakerRequest
from meetings.models import AgendaItem
from store.codes import LIVE_OR_ENDED
from store.errors import InvalidInput, NotFound
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

#: When an item has no planned time, a speaker is given this much.
DEFAULT_SECONDS = 5 * 60


@dataclass(frozen=True)
class SpeakerInfo:
    id: int
    meeting_id: int
    item_id: int
    person_id: int
    full_name: str
    position: int
    state: str
    allotted_seconds: int
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    def remaining_seconds(self, now: datetime) -> int | None:
        """Seconds left while speaking (negative: overrun); None before the start."""
        if self.started_at is None:
            return None
        end = self.finished_at or now
        return self.allotted_seconds - int((end - self.started_at).total_seconds())

    def spoke_seconds(self, now: datetime) -> int:
        if self.started_at is None:
            return 0
        return int(((self.finished_at or now) - self.started_at).total_seconds())

    def as_json(self, now: datetime | None = None) -> dict:
        out = {"id": self.id, "item_id": self.item_id, "person_id": self.person_id, "full_name": self.full_name,
               "position": self.position, "state": self.state, "allotted_seconds": self.allotted_seconds}
        if now is not None:
            out["remaining_seconds"] = self.remaining_seconds(now)
        return out


def _info(req: SpeakerRequest, name: str) -> SpeakerInfo:
    return SpeakerInfo(req.id, req.meeting_id, req.item_id, req.person_id, name, req.position, req.state,
                       req.allotted_seconds, req.requested_at, req.started_at, req.finished_at)


def _item(session: Session, meeting_id: int, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound(f"Cuộc họp không có mục chương trình số {item_id}.",
                       f"The meeting has no agenda item {item_id}.")
    return item


def _load(session: Session, request_id: int) -> SpeakerRequest:
    req = session.get(SpeakerRequest, request_id)
    if req is None:
        raise NotFound(f"Không có đăng ký phát biểu số {request_id}.", f"There is no speaker request {request_id}.")
    return req


def _one(uow: UnitOfWork, req: SpeakerRequest) -> SpeakerInfo:
    person = uow.session.get(Person, req.person_id)
    return _info(req, person.full_name if person else f"#{req.person_id}")


def request_to_speak(uow: UnitOfWork, meeting_id: int, item_id: int, person_id: int) -> SpeakerInfo:
    """Join the end of the item's queue (once: asking again while waiting changes nothing)."""

    s = uow.session
    live_meeting(s, meeting_id, LIVE_OR_ENDED)
    item = _item(s, meeting_id, item_id)
    _participant(s, meeting_id, person_id)
    pending = s.execute(select(SpeakerRequest).where(
        SpeakerRequest.item_id == item_id, SpeakerRequest.person_id == person_id,
        SpeakerRequest.state.in_(("waiting", "speaking")))).scalar_one_or_none()
    if pending is not None:
        return _one(uow, pending)
    last = s.execute(select(func.max(SpeakerRequest.position)).where(SpeakerRequest.item_id == item_id)).scalar_one()
    req = SpeakerRequest(meeting_id=meeting_id, item_id=item.id, person_id=person_id, position=(last or 0) + 1,
                         state="waiting", allotted_seconds=item.planned_minutes * 60 or DEFAULT_SECONDS,
                         requested_at=uow.now())
    s.add(req)
    s.flush()
    uow.record("live.speak_request", "speaker_request", req.id, {"item_id": item_id, "person_id": person_id},
               meeting_id=meeting_id)
    return _one(uow, req)


def _move(uow: UnitOfWork, request_id: int, frm: tuple[str, ...], to: str, action: str) -> SpeakerRequest:
    req = _load(uow.session, request_id)
    live_meeting(uow.session, req.meeting_id, LIVE_OR_ENDED)
    if req.state not in frm:
        raise InvalidInput(
            f"Đăng ký phát biểu đang ở trạng thái '{req.state}', không chuyển sang '{to}' được.",
            f"The speaker request is '{req.state}'; it cannot become '{to}'.",
        )
    req.state = to
    return req


def withdraw_request(uow: UnitOfWork, request_id: int) -> SpeakerInfo:
    req = _move(uow, request_id, ("waiting",), "withdrawn", "withdraw")
    uow.session.flush()
    uow.record("live.speak_withdraw", "speaker_request", req.id, {"person_id": req.person_id}, meeting_id=req.meeting_id)
    return _one(uow, req)


def start_speaking(uow: UnitOfWork, request_id: int, *, minutes: int | None = None) -> SpeakerInfo:
    """Give the floor; refused while someone else on the same item still speaks."""

    req = _load(uow.session, request_id)
    current = uow.session.execute(select(SpeakerRequest).where(
        SpeakerRequest.item_id == req.item_id, SpeakerRequest.state == "speaking",
        SpeakerRequest.id != req.id)).scalar_one_or_none()
    if current is not None:
        raise InvalidInput("Đang có người phát biểu ở mục này; hãy kết thúc lượt đó trước.",
                           "Someone is still speaking on this item; finish that turn first.")
    if minutes is not None and not 0 < minutes <= 240:
        raise InvalidInput("Thời gian phát biểu phải từ 1 đến 240 phút.", "Speaking time must be 1 to 240 minutes.")
    req = _move(uow, request_id, ("waiting",), "speaking", "start")
    if minutes is not None:
        req.allotted_seconds = minutes * 60
    req.started_at = uow.now()
    uow.session.flush()
    uow.record("live.speak_start", "speaker_request", req.id,
               {"person_id": req.person_id, "allotted_seconds": req.allotted_seconds}, meeting_id=req.meeting_id)
    return _one(uow, req)


def finish_speaking(uow: UnitOfWork, request_id: int) -> SpeakerInfo:
    req = _move(uow, request_id, ("speaking",), "done", "finish")
    req.finished_at = uow.now()
    uow.session.flush()
    uow.record("live.speak_finish", "speaker_request", req.id,
               {"person_id": req.person_id, "seconds": int((req.finished_at - req.started_at).total_seconds())},
               meeting_id=req.meeting_id)
    return _one(uow, req)


def speaker_queue(session: Session, item_id: int, *, include_closed: bool = True) -> list[SpeakerInfo]:
    """The item's requests in the order they were made (withdrawn ones only if asked)."""

    q = (select(SpeakerRequest, Person.full_name).join(Person, Person.id == SpeakerRequest.person_id)
         .where(SpeakerRequest.item_id == item_id).order_by(SpeakerRequest.position))
    if not include_closed:
        q = q.where(SpeakerRequest.state.in_(("waiting", "speaking")))
    return [_info(r, name) for r, name in session.execute(q).all()]


def meeting_speakers(session: Session, meeting_id: int) -> dict[int, list[SpeakerInfo]]:
    """Who spoke (started) on each item, in order: what the minutes record."""

    rows = session.execute(select(SpeakerRequest, Person.full_name).join(Person, Person.id == SpeakerRequest.person_id)
                           .where(SpeakerRequest.meeting_id == meeting_id, SpeakerRequest.started_at.is_not(None))
                           .order_by(SpeakerRequest.item_id, SpeakerRequest.position)).all()
    out: dict[int, list[SpeakerInfo]] = {}
    for req, name in rows:
        out.setdefault(req.item_id, []).append(_info(req, name))
    return out
