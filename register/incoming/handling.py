"""Handling an incoming document (Decree 30, Điều 24): the leader or the office assigns a main
handler and co-handlers with a deadline and an instruction (bút phê); the handlers record
their progress; the main handler closes it, with the outgoing document that answers it.

Handlers are people of the receiving unit as ``store.directory.belonging`` counts them: its own,
those of its Văn phòng and agencies (the Chủ tịch gives most of the UBND's papers to the Văn
phòng's chuyên viên or to a Sở), and those holding a role in it today; the shared store's read
rule lets each of them read and work on the entry over their own login.

When a handler's role ends (transferred, retired) their open entries wait for nobody: the
register marks them (``IncomingInfo.needs_handler``) and the văn thư moves all of one person's
open work in the unit to someone who works there now (``reassign``).

Every step is a line of the entry's history (who, what, when) and of the audit chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from register.incoming.access import is_leader, is_register_office, require_assigner
from register.incoming.entries import add_event, get_incoming, load_entry
from register.incoming.models import IncomingCoHandler, IncomingDocument
from register.incoming.records import IncomingInfo, Reassignment
from register.outgoing.queries import load_outgoing
from register.outgoing.records import OutgoingStatus
from store.clock import VN_TZ
from store.codes import IncomingEventKind, IncomingStatus
from store.directory.belonging import works_in
from store.directory.people import load_person
from store.directory.units import load_unit
from store.errors import InvalidInput, PermissionDenied
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

MAX_NOTE = 4000


def _today(uow: UnitOfWork) -> date:
    return uow.now().astimezone(VN_TZ).date()


def _note(text: str | None) -> str:
    """A bút phê or a note as written: one too long for the register is refused, not cut."""
    value = (text or "").strip()
    if len(value) > MAX_NOTE:
        raise InvalidInput(f"Ghi chú dài {len(value)} ký tự, quá {MAX_NOTE}; hãy viết ngắn lại.",
                           f"The note is {len(value)} characters long, over {MAX_NOTE}; shorten it.")
    return value


def _label(row: IncomingDocument) -> str:
    return f"văn bản đến số {row.number}" if row.number is not None else f"văn bản đến #{row.id}"


def _check_handler(session: Session, person_id: int, unit_id: int, today: date, unit_name: str) -> Person:
    person = load_person(session, person_id)
    if not person.active:
        raise InvalidInput(f"{person.full_name} (#{person_id}) không còn công tác; hãy giao cho người khác.",
                           f"{person.full_name} (#{person_id}) is no longer active; assign someone else.")
    if not works_in(session, person_id, unit_id, today):
        raise InvalidInput(f"{person.full_name} (#{person_id}) không thuộc {unit_name}; chỉ giao xử lý cho người "
                           "của đơn vị nhận văn bản, của văn phòng, cơ quan thuộc đơn vị, hoặc người đang giữ vai trò "
                           "ở đơn vị.",
                           f"{person.full_name} (#{person_id}) is not of {unit_name}; assign only people of the "
                           "unit that received the document, of its office and agencies, or holding a role in it now.")
    return person


def assign(uow: UnitOfWork, entry_id: int, *, handler_id: int, due_on: date | None = None,
           co_handler_ids: Sequence[int] = (), instruction: str = "") -> IncomingInfo:
    """Give the document to a main handler (and co-handlers) with a deadline and the leader's
    instruction. Assigning again replaces the handlers and the deadline (the history keeps both).

    ``due_on`` defaults to the entry's deadline: the date its sender asked for an answer by, for
    a document another unit of the store released with one (``reply_due_on``). The handler's
    deadline may be earlier than the sender's, not later (unless the sender's has passed)."""
    s = uow.session
    row = load_entry(s, entry_id)
    today = _today(uow)
    unit = load_unit(s, row.unit_id)
    require_assigner(s, uow.actor_id, row.unit_id, today, unit.name)
    if row.number is None:
        raise InvalidInput(f"{_label(row).capitalize()} chưa vào sổ; văn thư vào sổ trước rồi mới giao xử lý.",
                           f"Incoming document #{row.id} is not registered yet; the clerk registers it first.")
    if row.status == IncomingStatus.DONE:
        raise InvalidInput(f"{_label(row).capitalize()} đã xử lý xong; không giao lại.",
                           f"Incoming document number {row.number} is already done; it is not assigned again.")
    if due_on is None:
        due_on = row.due_on
        if due_on is None:
            raise InvalidInput("Cần hạn xử lý (--due).", "The assignment needs a deadline (--due).")
    if due_on < today:
        raise InvalidInput(f"Hạn xử lý {due_on:%d/%m/%Y} đã qua (hôm nay {today:%d/%m/%Y}); hãy chọn một ngày từ "
                           "hôm nay trở đi.",
                           f"The deadline {due_on:%d/%m/%Y} is in the past (today is {today:%d/%m/%Y}); choose today "
                           "or a later day.")
    asked = row.reply_due_on
    if asked is not None and today <= asked < due_on:
        raise InvalidInput(f"Hạn xử lý {due_on:%d/%m/%Y} muộn hơn hạn {row.sender_name} đề nghị trả lời "
                           f"({asked:%d/%m/%Y}); hãy chọn một ngày không muộn hơn.",
                           f"The deadline {due_on:%d/%m/%Y} is after the one {row.sender_name} asked an answer by "
                           f"({asked:%d/%m/%Y}); choose that day or an earlier one.")
    co = list(dict.fromkeys(co_handler_ids))
    if handler_id in co:
        raise InvalidInput("Người xử lý chính không đồng thời là người phối hợp.",
                           "The main handler cannot also be a co-handler.")
    for pid in (handler_id, *co):
        _check_handler(s, pid, row.unit_id, today, unit.name)
    now = uow.now()
    row.handler_id, row.due_on, row.instruction = handler_id, due_on, _note(instruction)
    row.assigned_by_id, row.assigned_at = uow.actor_id, now
    row.status = IncomingStatus.ASSIGNED
    row.updated_at, row.updated_by_id = now, uow.actor_id
    current = set(s.execute(select(IncomingCoHandler.person_id).where(IncomingCoHandler.entry_id == row.id)).scalars())
    if current - set(co):
        s.execute(delete(IncomingCoHandler).where(IncomingCoHandler.entry_id == row.id,
                                                  IncomingCoHandler.person_id.in_(current - set(co))))
    for pid in co:
        if pid not in current:
            s.add(IncomingCoHandler(entry_id=row.id, unit_id=row.unit_id, person_id=pid, added_at=now,
                                    added_by_id=uow.actor_id))
    s.flush()
    details = {"handler_id": handler_id, "co_handler_ids": co, "due_on": due_on.isoformat()}
    add_event(uow, row, IncomingEventKind.ASSIGNED, row.instruction, details)
    uow.record("incoming.assign", "incoming", row.id, details, unit_id=row.unit_id)
    s.flush()
    return get_incoming(s, row.id)


def reassign(uow: UnitOfWork, *, from_id: int, to_id: int, unit_id: int) -> Reassignment:
    """The văn thư gives every open entry of the unit that ``from_id`` handles (main or co-) to
    ``to_id``, who must work in the unit today (``store.directory.belonging``): the way out for
    the work of someone transferred or retired. Deadlines and bút phê stay; each entry's history
    and the audit chain say who moved it from whom to whom; closed entries are not touched.

    Only the văn thư: the register office answers for who holds each of its entries (a leader
    assigns one document at a time with ``assign``)."""
    s = uow.session
    today = _today(uow)
    unit = load_unit(s, unit_id)
    if not is_register_office(s, uow.actor_id, unit_id, today):
        raise PermissionDenied(f"Chỉ văn thư của {unit.name} được giao lại việc của một người cho người khác.",
                               f"Only the clerk (văn thư) of {unit.name} reassigns someone's documents.")
    gone = load_person(s, from_id)
    if to_id == from_id:
        raise InvalidInput("Người nhận việc phải khác người đang giữ việc.",
                           "Reassign to someone other than the person who holds the work.")
    to = _check_handler(s, to_id, unit_id, today, unit.name)
    d = IncomingDocument
    open_ = (d.unit_id == unit_id, d.status != str(IncomingStatus.DONE))
    now = uow.now()
    handled: list[int] = []
    for row in s.execute(select(d).where(*open_, d.handler_id == from_id).order_by(d.id)).scalars().all():
        row.handler_id, row.assigned_by_id, row.assigned_at = to_id, uow.actor_id, now
        row.updated_at, row.updated_by_id = now, uow.actor_id
        # The new main handler is not also a co-handler of the same entry.
        s.execute(delete(IncomingCoHandler).where(IncomingCoHandler.entry_id == row.id,
                                                  IncomingCoHandler.person_id == to_id))
        details = {"from_id": from_id, "handler_id": to_id, "role": "main"}
        add_event(uow, row, IncomingEventKind.REASSIGNED, f"{gone.full_name} → {to.full_name}", details)
        uow.record("incoming.reassign", "incoming", row.id, details, unit_id=unit_id)
        handled.append(row.id)
    co_handled: list[int] = []
    for row in s.execute(select(d).join(IncomingCoHandler, IncomingCoHandler.entry_id == d.id)
                         .where(*open_, IncomingCoHandler.person_id == from_id).order_by(d.id)).scalars().all():
        s.execute(delete(IncomingCoHandler).where(IncomingCoHandler.entry_id == row.id,
                                                  IncomingCoHandler.person_id == from_id))
        if row.handler_id != to_id and to_id not in _co_handlers(s, row.id):
            s.add(IncomingCoHandler(entry_id=row.id, unit_id=row.unit_id, person_id=to_id, added_at=now,
                                    added_by_id=uow.actor_id))
        row.updated_at, row.updated_by_id = now, uow.actor_id
        details = {"from_id": from_id, "handler_id": to_id, "role": "co"}
        add_event(uow, row, IncomingEventKind.REASSIGNED, f"{gone.full_name} → {to.full_name} (phối hợp)", details)
        uow.record("incoming.reassign", "incoming", row.id, details, unit_id=unit_id)
        co_handled.append(row.id)
    s.flush()
    return Reassignment(unit_id, from_id, to_id, to.full_name, tuple(handled), tuple(co_handled))


def _co_handlers(session: Session, entry_id: int) -> set[int]:
    return set(session.execute(select(IncomingCoHandler.person_id)
                               .where(IncomingCoHandler.entry_id == entry_id)).scalars())


def record_progress(uow: UnitOfWork, entry_id: int, note: str) -> IncomingInfo:
    """A handler (main or co-), the office or a leader notes how the work is going."""
    s = uow.session
    row = load_entry(s, entry_id)
    text = _note(note)
    if not text:
        raise InvalidInput("Cần ghi nội dung tiến độ.", "A progress note needs some text.")
    today = _today(uow)
    me = uow.actor_id
    if not (me is None or me == row.handler_id or me in _co_handlers(s, row.id)
            or is_register_office(s, me, row.unit_id, today) or is_leader(s, me, row.unit_id, today)):
        raise PermissionDenied("Chỉ người được giao xử lý, lãnh đạo hoặc văn thư ghi tiến độ văn bản này.",
                               "Only the document's handlers, a leader or the clerk record its progress.")
    if row.status == IncomingStatus.DONE:
        raise InvalidInput(f"{_label(row).capitalize()} đã xử lý xong.", f"Incoming document #{row.id} is already done.")
    add_event(uow, row, IncomingEventKind.PROGRESS, text)
    uow.record("incoming.progress", "incoming", row.id, {"chars": len(text)}, unit_id=row.unit_id)
    s.flush()
    return get_incoming(s, row.id)


def mark_done(uow: UnitOfWork, entry_id: int, *, reply_outgoing_id: int | None = None, note: str = "") -> IncomingInfo:
    """Close the document: by its main handler, the office or a leader; ``reply_outgoing_id``
    links the outgoing document that answers it. A registered document that needs no handling
    (for information) is closed by the office or a leader without an assignment."""
    s = uow.session
    row = load_entry(s, entry_id)
    today = _today(uow)
    me = uow.actor_id
    manager = is_register_office(s, me, row.unit_id, today) or is_leader(s, me, row.unit_id, today)
    if not (manager or (me is not None and me == row.handler_id)):
        raise PermissionDenied("Chỉ người xử lý chính, lãnh đạo hoặc văn thư đánh dấu văn bản này đã xử lý xong.",
                               "Only the main handler, a leader or the clerk closes this document.")
    if row.status == IncomingStatus.DONE:
        raise InvalidInput(f"{_label(row).capitalize()} đã xử lý xong từ trước.",
                           f"Incoming document #{row.id} is already done.")
    if row.number is None:
        raise InvalidInput(f"Văn bản đến #{row.id} chưa vào sổ.", f"Incoming document #{row.id} is not registered yet.")
    if reply_outgoing_id is not None:
        check_reply(s, row, reply_outgoing_id)
    now = uow.now()
    row.status = IncomingStatus.DONE
    row.done_at, row.done_by_id, row.done_note, row.reply_outgoing_id = now, me, _note(note), reply_outgoing_id
    row.updated_at, row.updated_by_id = now, me
    details = {"reply_outgoing_id": reply_outgoing_id}
    add_event(uow, row, IncomingEventKind.DONE, row.done_note, details)
    uow.record("incoming.done", "incoming", row.id, details, unit_id=row.unit_id)
    s.flush()
    return get_incoming(s, row.id)


def check_reply(session: Session, row: IncomingDocument, reply_outgoing_id: int) -> None:
    """The reply is an outgoing document of the receiving unit (``register.outgoing``), drafted
    at least: a handler closes the work once the answer is in the register, even before it is
    signed; a cancelled one answers nothing."""
    reply = load_outgoing(session, reply_outgoing_id)
    if reply.unit_id != row.unit_id:
        raise InvalidInput(f"Văn bản đi #{reply_outgoing_id} không phải của đơn vị nhận văn bản này; chọn văn bản "
                           "trả lời do chính đơn vị ban hành.",
                           f"Outgoing document #{reply_outgoing_id} is not the receiving unit's; choose the reply "
                           "the unit itself issues.")
    if reply.status == OutgoingStatus.CANCELLED:
        raise InvalidInput(f"Văn bản đi #{reply_outgoing_id} đã bị hủy phát hành, không dùng làm văn bản trả lời.",
                           f"Outgoing document #{reply_outgoing_id} was cancelled; it cannot be the reply.")
