"""Reading register entries into ``IncomingInfo`` and writing their history, shared by the services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from register.incoming.models import IncomingCoHandler, IncomingDocument, IncomingEvent
from register.incoming.records import IncomingEventInfo, IncomingInfo
from signing.verify.report import VerificationReport
from store.codes import Classification, IncomingChannel, IncomingEventKind, IncomingStatus, Urgency
from store.errors import NotFound
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


def entry_not_found(entry_id: object) -> NotFound:
    return NotFound(f"Không có văn bản đến số hiệu {entry_id} (hoặc bạn không được xem).",
                    f"There is no incoming document with id {entry_id} (or you may not see it).")


def load_entry(session: Session, entry_id: int) -> IncomingDocument:
    row = session.get(IncomingDocument, entry_id)
    if row is None:
        raise entry_not_found(entry_id)
    return row


def entry_info(row: IncomingDocument, co_handler_ids: Sequence[int] = (), handler_name: str = "") -> IncomingInfo:
    return IncomingInfo(
        id=row.id, unit_id=row.unit_id, year=row.year, number=row.number, received_at=row.received_at,
        channel=IncomingChannel(row.channel), status=IncomingStatus(row.status), sender_name=row.sender_name,
        sender_unit_id=row.sender_unit_id, doc_symbol=row.doc_symbol, doc_type=row.doc_type, doc_date=row.doc_date,
        subject=row.subject, classification=Classification(row.classification), urgency=Urgency(row.urgency),
        file_sha256=row.file_sha256, filename=row.filename, size=row.size, page_count=row.page_count,
        verdict=row.verdict, source_outgoing_id=row.source_outgoing_id, reply_due_on=row.reply_due_on,
        handler_id=row.handler_id, due_on=row.due_on, instruction=row.instruction, assigned_at=row.assigned_at,
        done_at=row.done_at, done_note=row.done_note, reply_outgoing_id=row.reply_outgoing_id, version=row.version,
        co_handler_ids=tuple(co_handler_ids), handler_name=handler_name)


def infos(session: Session, rows: Iterable[IncomingDocument]) -> list[IncomingInfo]:
    """Rows with their co-handlers and handler names, in two queries for the lot."""
    rows = list(rows)
    ids = [r.id for r in rows]
    co: dict[int, list[int]] = {}
    if ids:
        for entry_id, person_id in session.execute(
                select(IncomingCoHandler.entry_id, IncomingCoHandler.person_id)
                .where(IncomingCoHandler.entry_id.in_(ids)).order_by(IncomingCoHandler.id)):
            co.setdefault(entry_id, []).append(person_id)
    handler_ids = {r.handler_id for r in rows if r.handler_id is not None}
    names = dict(session.execute(select(Person.id, Person.full_name).where(Person.id.in_(handler_ids))).all()) \
        if handler_ids else {}
    return [entry_info(r, co.get(r.id, ()), names.get(r.handler_id, "") if r.handler_id else "") for r in rows]


def get_incoming(session: Session, entry_id: int) -> IncomingInfo:
    return infos(session, [load_entry(session, entry_id)])[0]


def add_event(uow: UnitOfWork, row: IncomingDocument, kind: IncomingEventKind, note: str = "",
              details: dict[str, Any] | None = None) -> None:
    """One line of the entry's history, in the actor's name, at the unit of work's time."""
    uow.session.add(IncomingEvent(entry_id=row.id, unit_id=row.unit_id, at=uow.now(), person_id=uow.actor_id,
                                  person_name=uow.actor_name() or "", kind=kind, note=note, details=details or {}))


def history(session: Session, entry_id: int) -> list[IncomingEventInfo]:
    load_entry(session, entry_id)
    return [IncomingEventInfo(e.id, e.entry_id, e.at, e.person_id, e.person_name, IncomingEventKind(e.kind), e.note,
                              dict(e.details or {}))
            for e in session.execute(select(IncomingEvent).where(IncomingEvent.entry_id == entry_id)
                                     .order_by(IncomingEvent.at, IncomingEvent.id)).scalars()]


def verification_of(session: Session, entry_id: int) -> VerificationReport:
    """The signature report kept when the document was received."""
    return VerificationReport.from_dict(dict(load_entry(session, entry_id).verification))
