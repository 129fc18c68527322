"""Reading register entries into ``IncomingInfo`` and writing their history, shared by the services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, and_, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.selectable import Subquery

from register.incoming.models import IncomingCoHandler, IncomingDocument, IncomingEvent
from register.incoming.records import IncomingEventInfo, IncomingInfo
from signing.verify.report import VerificationReport
from store.codes import Classification, IncomingChannel, IncomingEventKind, IncomingStatus, Urgency
from store.directory.belonging import left_unit
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


def needs_handler(handler_id: Any, unit_id: Any, status: Any, today: date) -> ColumnElement[bool]:
    """SQL: the entry is open and its main handler no longer works in its unit on ``today``."""
    return and_(status != str(IncomingStatus.DONE), left_unit(handler_id, unit_id, today))


def entry_info(row: IncomingDocument | Row[Any], co_handler_ids: Sequence[int] = (), handler_name: str = "",
               needs: bool = False) -> IncomingInfo:
    return IncomingInfo(
        id=row.id, unit_id=row.unit_id, year=row.year, number=row.number, received_at=row.received_at,
        channel=IncomingChannel(row.channel), status=IncomingStatus(row.status), sender_name=row.sender_name,
        sender_unit_id=row.sender_unit_id, doc_symbol=row.doc_symbol, doc_type=row.doc_type, doc_date=row.doc_date,
        subject=row.subject, classification=Classification(row.classification), urgency=Urgency(row.urgency),
        file_sha256=row.file_sha256, filename=row.filename, size=row.size, page_count=row.page_count,
        verdict=row.verdict, source_outgoing_id=row.source_outgoing_id, reply_due_on=row.reply_due_on,
        handler_id=row.handler_id, due_on=row.due_on, instruction=row.instruction, assigned_at=row.assigned_at,
        done_at=row.done_at, done_note=row.done_note, reply_outgoing_id=row.reply_outgoing_id, version=row.version,
        co_handler_ids=tuple(co_handler_ids), handler_name=handler_name, needs_handler=needs)


def infos(session: Session, rows: Iterable[IncomingDocument], today: date | None = None) -> list[IncomingInfo]:
    """Rows with their co-handlers and handler names, in two queries for the lot (three with
    ``today``: which of them wait for a new handler on that day)."""
    rows = list(rows)
    co = _co_handlers(session, [r.id for r in rows])
    handler_ids = {r.handler_id for r in rows if r.handler_id is not None}
    names = dict(session.execute(select(Person.id, Person.full_name).where(Person.id.in_(handler_ids))).all()) \
        if handler_ids else {}
    d = IncomingDocument
    gone = set(session.execute(select(d.id).where(d.id.in_([r.id for r in rows]),
                                                  needs_handler(d.handler_id, d.unit_id, d.status, today))).scalars()) \
        if today is not None and handler_ids else set()
    return [entry_info(r, co.get(r.id, ()), names.get(r.handler_id, "") if r.handler_id else "", r.id in gone)
            for r in rows]


#: What a list reads of an entry: the columns ``IncomingInfo`` shows, not the pages' text, the
#: folded search text or the kept verification report (~3 KB of a row's ~3.4), which only the
#: entry's own page reads.
LIST_COLUMNS = tuple(f.name for f in fields(IncomingInfo)
                     if f.name not in ("co_handler_ids", "handler_name", "needs_handler"))


def list_columns(source: Subquery | None = None) -> list[Any]:
    """The columns a list reads, of the table or of a ``source`` subquery that selected them."""
    return [getattr(IncomingDocument, c) if source is None else source.c[c] for c in LIST_COLUMNS]


def list_infos(session: Session, where: Sequence[ColumnElement[bool]],
               order_by: Sequence[ColumnElement[Any] | QueryableAttribute[Any]],
               *, limit: int | None = None, offset: int = 0, source: Subquery | None = None,
               today: date | None = None) -> list[IncomingInfo]:
    """The entries ``where`` picks in ``order_by`` (a page when ``limit``), with their
    co-handlers and handler names: on PostgreSQL in one statement, not three. They are picked
    from the table, or from a ``source`` subquery holding ``list_columns()`` (a search's stretch).

    Each statement of a desktop's call is a round trip and one more pass of the read rule's
    functions (planned again each time); co-handlers and names in their own statements were a
    fifth of a register page's time (benchmarks/bench_register.py). Both lookups go through
    their tables' read rules as their own statements did. The statement is built flat: picking
    the page in a subquery first spared the lookups of rows an offset skips (~10 µs each) but
    built ~700 Python objects a call, a garbage collection per call and a 45 ms full one every
    hundred or so, slower on the whole. With ``today`` each entry says whether it waits for a
    new handler (``IncomingInfo.needs_handler``), in the same statement.
    """
    cols = list_columns(source)
    handler_id, entry_id = cols[LIST_COLUMNS.index("handler_id")], cols[0]
    extra: list[Any] = [select(Person.full_name).where(Person.id == handler_id).scalar_subquery().label("handler_name")]
    if today is not None:
        extra.append(needs_handler(handler_id, cols[LIST_COLUMNS.index("unit_id")], cols[LIST_COLUMNS.index("status")],
                                   today).label("needs_handler"))
    together = session.get_bind().dialect.name == "postgresql"
    if together:  # SQLite (3.40) has no ordered aggregate: its co-handlers come in a statement of their own
        extra.append(select(func.array_agg(aggregate_order_by(IncomingCoHandler.person_id, IncomingCoHandler.id)))
                     .where(IncomingCoHandler.entry_id == entry_id).scalar_subquery().label("co_handler_ids"))
    q = select(*cols, *extra).where(*where).order_by(*order_by)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    rows = session.execute(q).all()
    co = {r.id: r.co_handler_ids or () for r in rows} if together else _co_handlers(session, [r.id for r in rows])
    return [entry_info(r, co.get(r.id, ()), r.handler_name or "", bool(getattr(r, "needs_handler", False)))
            for r in rows]


def _co_handlers(session: Session, ids: list[int]) -> dict[int, list[int]]:
    co: dict[int, list[int]] = {}
    if ids:
        for entry_id, person_id in session.execute(
                select(IncomingCoHandler.entry_id, IncomingCoHandler.person_id)
                .where(IncomingCoHandler.entry_id.in_(ids)).order_by(IncomingCoHandler.id)):
            co.setdefault(entry_id, []).append(person_id)
    return co


def get_incoming(session: Session, entry_id: int, today: date | None = None) -> IncomingInfo:
    return infos(session, [load_entry(session, entry_id)], today)[0]


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
