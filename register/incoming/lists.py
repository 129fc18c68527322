"""The incoming register as lists: filtered and searched pages, a person's work to do, and the
deadline counts per person and per unit (overdue and due soon).

Dates a person sees are Vietnam's: "today" is the register's day, a deadline passed is one
before today, "due soon" is within ``SOON_DAYS`` days from today.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal_column, or_, select

from documents.text import fold_for_search
from register.incoming.entries import list_columns, list_infos, needs_handler
from register.incoming.models import IncomingCoHandler, IncomingDocument
from register.incoming.records import IncomingInfo
from store.clock import VN_TZ
from store.codes import IncomingStatus
from store.errors import InvalidInput
from store.models import Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SOON_DAYS = 3
PAGE = 100
#: PostgreSQL: a unit's register is searched first among its newest this-many entries (see
#: ``_search_newest``); a commune's whole year fits, the province's newest months do.
NEWEST_STRETCH = 2000


@dataclass(frozen=True)
class IncomingFilter:
    """What a register page shows; every field left None means "any"."""

    unit_id: int | None = None
    year: int | None = None
    series: str | None = None  # "den" or "den_mat"
    doc_type: str | None = None
    handler_id: int | None = None  # the main handler, or a co-handler
    status: IncomingStatus | None = None
    received_from: date | None = None  # arrival dates, inclusive, Vietnam time
    received_to: date | None = None
    text: str | None = None  # full text: symbol, sender, subject and the pages' words
    overdue_on: date | None = None  # only those past their deadline on this day
    due_soon_on: date | None = None  # only open ones due soon on this day (see ``due_soon_window``)
    open_only: bool = False  # not done yet
    needs_handler_on: date | None = None  # only open ones whose handler no longer works in the unit on this day


def due_soon_window(today: date, soon_days: int = SOON_DAYS) -> tuple[date, date]:
    """The deadlines that are "due soon" on ``today``, both ends included: not passed yet (an
    overdue document is overdue, not due soon) and at most ``soon_days`` away. The list's
    filter and the deadline counts both read it, so they agree."""
    return today, today + timedelta(days=soon_days)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), VN_TZ).astimezone(UTC)


def _text_clause(session: Session, query: str) -> ColumnElement[bool]:
    words = _words(query)
    if session.get_bind().dialect.name == "postgresql":
        # Left to the planner: taking every match from the GIN index first (an OFFSET 0 subquery)
        # was measured slower, 0.8 s a call at 200,000 entries, common words matching everywhere.
        return literal_column("incoming_documents.search_vector").op("@@")(_tsquery(query))
    return and_(*(IncomingDocument.search_folded.like(f"%{w}%") for w in words))


def _words(query: str) -> list[str]:
    words = fold_for_search(query).split()
    if not words:
        raise InvalidInput("Cần nhập từ cần tìm.", "Enter the words to search for.")
    return words


def _tsquery(query: str) -> ColumnElement[Any]:
    """Every folded word, the last as a prefix (a person types as they search)."""
    words = _words(query)
    terms = " & ".join([*(f"'{w}'" for w in words[:-1]), f"'{words[-1]}':*"])
    return func.to_tsquery("simple", terms)


def _where(session: Session, f: IncomingFilter) -> list[ColumnElement[bool]]:
    d = IncomingDocument
    out: list[ColumnElement[bool]] = []
    if f.unit_id is not None:
        out.append(d.unit_id == f.unit_id)
    if f.year is not None:
        out.append(d.year == f.year)
    if f.series is not None:
        out.append(d.series == f.series)
    if f.doc_type is not None:
        out.append(d.doc_type == f.doc_type)
    if f.handler_id is not None:
        out.append(or_(d.handler_id == f.handler_id, exists().where(
            IncomingCoHandler.entry_id == d.id, IncomingCoHandler.person_id == f.handler_id)))
    if f.status is not None:
        out.append(d.status == str(f.status))
    if f.received_from is not None:
        out.append(d.received_at >= _day_start(f.received_from))
    if f.received_to is not None:
        out.append(d.received_at < _day_start(f.received_to + timedelta(days=1)))
    if f.overdue_on is not None:
        out += [d.status != str(IncomingStatus.DONE), d.due_on < f.overdue_on]
    if f.due_soon_on is not None:
        first, last = due_soon_window(f.due_soon_on)
        out += [d.status != str(IncomingStatus.DONE), d.due_on >= first, d.due_on <= last]
    if f.open_only:
        out.append(d.status != str(IncomingStatus.DONE))
    if f.needs_handler_on is not None:
        out.append(needs_handler(d.handler_id, d.unit_id, d.status, f.needs_handler_on))
    if f.text:
        out.append(_text_clause(session, f.text))
    return out


def list_incoming(session: Session, f: IncomingFilter = IncomingFilter(), *, limit: int = PAGE,
                  offset: int = 0, today: date | None = None) -> list[IncomingInfo]:
    """One page of the register, newest first (by arrival, then number); with ``today`` each
    entry says whether its handler has left the unit (``IncomingInfo.needs_handler``)."""
    d = IncomingDocument
    if f.text and f.unit_id is not None and session.get_bind().dialect.name == "postgresql":
        found = _search_newest(session, f, limit, offset, today)
        if found is not None:
            return found
    return list_infos(session, _where(session, f), (d.received_at.desc(), d.id.desc()), limit=limit, offset=offset,
                      today=today)


def _search_newest(session: Session, f: IncomingFilter, limit: int, offset: int,
                   today: date | None = None) -> list[IncomingInfo] | None:
    """The page of a unit's search among its NEWEST_STRETCH newest entries, or None when that
    stretch holds too few matches and older entries are needed too.

    Left to itself the planner intersected the words' GIN posting lists (a common folded word,
    "to" or "thu", is on most of 200,000 entries) with the unit's index and then read and
    sorted every match: 35-320 ms a call as measured on the server, for a commune of 1,200
    entries as for the province. Walking the unit's newest entries in order and checking each
    one's stored vector stops after the page is full: 1-6 ms for the province, a commune's
    whole year read at most (benchmarks/bench_register.py). The newest matches of the stretch
    are the newest of all, since everything outside it is older; a rarer query falls back to
    the index (the stretch read once more, as a count, to know whether it held every entry).
    """
    d = IncomingDocument
    order = (d.received_at.desc(), d.id.desc())
    plain = _where(session, replace(f, text=None))
    newest = (select(*list_columns(), literal_column("incoming_documents.search_vector").label("search_vector"))
              .where(*plain).order_by(*order).limit(NEWEST_STRETCH).subquery("newest"))
    # As a desktop login the read rule's conditions (one InitPlan each) make the planner expect
    # few of the unit's rows to pass, so "the newest 2,000" looked cheapest as a bitmap of all
    # the province's 33,600 entries sorted on disk (1.5-2 s); the walk of the unit's
    # newest-first index it should be is forced for this statement only (no bitmap, no sort),
    # as documents.search.backends does for its own. The page's entries come whole from the
    # same statement (list_infos), names and co-handlers by their indexes, a sort of 50 rows
    # at most, which the switch makes look dear but cannot forbid.
    session.execute(select(func.set_config("enable_bitmapscan", "off", True), func.set_config("enable_sort", "off", True)))
    found = list_infos(session, [newest.c.search_vector.op("@@")(_tsquery(f.text or ""))],
                       (newest.c.received_at.desc(), newest.c.id.desc()), limit=limit, offset=offset, source=newest,
                       today=today)
    session.execute(select(func.set_config("enable_bitmapscan", "on", True), func.set_config("enable_sort", "on", True)))
    if len(found) < limit:
        held = session.execute(select(func.count()).select_from(
            select(d.id).where(*plain).limit(NEWEST_STRETCH + 1).subquery())).scalar_one()
        if held > NEWEST_STRETCH:
            return None
    return found


def count_incoming(session: Session, f: IncomingFilter = IncomingFilter()) -> int:
    return session.execute(select(func.count()).select_from(IncomingDocument)
                           .where(*_where(session, f))).scalar_one()


def handlers_gone(session: Session, unit_id: int, today: date) -> set[int]:
    """The main handlers of the unit's open entries who no longer work in it on ``today``:
    whose work the văn thư gives to someone else (``handling.reassign``)."""
    d = IncomingDocument
    return {p for p in session.execute(select(d.handler_id).distinct().where(
        d.unit_id == unit_id, needs_handler(d.handler_id, d.unit_id, d.status, today))).scalars() if p is not None}


def work_to_do(session: Session, person_id: int, *, limit: int = PAGE) -> list[IncomingInfo]:
    """"Việc cần xử lý": what a person handles (main or co-) and has not finished, the most
    urgent deadline first (no deadline last)."""
    d = IncomingDocument
    return list_infos(session, _where(session, IncomingFilter(handler_id=person_id, open_only=True)),
                      (d.due_on.is_(None), d.due_on, d.id), limit=limit)


def waiting_for_office(session: Session, unit_id: int, *, limit: int = PAGE) -> list[IncomingInfo]:
    """Arrivals waiting for the văn thư to register them, and registered ones not yet assigned."""
    d = IncomingDocument
    return list_infos(session, [d.unit_id == unit_id, d.status.in_([str(IncomingStatus.RECEIVED),
                                                                   str(IncomingStatus.REGISTERED)])],
                      (d.received_at, d.id), limit=limit)


@dataclass(frozen=True)
class DeadlineCount:
    """Open documents of one handler (or a whole unit when ``person_id`` is None)."""

    unit_id: int
    person_id: int | None
    name: str
    open: int
    overdue: int
    due_soon: int


def today_vn(now: datetime) -> date:
    return now.astimezone(VN_TZ).date()


def deadline_counts(session: Session, unit_id: int, today: date, *, soon_days: int = SOON_DAYS) -> list[DeadlineCount]:
    """Per main handler of the unit, then the unit as a whole (last row): open, overdue, due soon."""
    d = IncomingDocument
    first, last = due_soon_window(today, soon_days)
    overdue = func.sum(case((d.due_on < today, 1), else_=0))
    due_soon = func.sum(case((and_(d.due_on >= first, d.due_on <= last), 1), else_=0))
    rows = session.execute(
        select(d.handler_id, Person.full_name, func.count(), overdue, due_soon)
        .outerjoin(Person, Person.id == d.handler_id)
        .where(d.unit_id == unit_id, d.status != str(IncomingStatus.DONE))
        .group_by(d.handler_id, Person.full_name).order_by(Person.full_name)).all()
    out = [DeadlineCount(unit_id, pid, name or "(chưa giao)", n, int(o or 0), int(s or 0))
           for pid, name, n, o, s in rows]
    out.append(DeadlineCount(unit_id, None, "", sum(c.open for c in out), sum(c.overdue for c in out),
                             sum(c.due_soon for c in out)))
    return out

