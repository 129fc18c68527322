"""What the "Văn bản" area asks of the core, run on the task runner (never on the main thread):
snapshots to show, and the writes (receive, register, assign, progress, done), each its own
unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from register.incoming.records import (
    IncomingEventInfo,
    IncomingInfo,
    IncomingMeta,
    Reassignment,
    ReceiveOutcome,
)
from signing.verify.report import VerificationReport
from store.clock import VN_TZ


@dataclass(frozen=True)
class AreaSnapshot:
    unit_id: int | None
    unit_name: str
    today: date
    incoming: list[IncomingInfo]
    todo: list[IncomingInfo]
    overdue: int  # the unit's open documents past their deadline
    outgoing: list[dict[str, Any]]
    #: The registers the person may choose between (id, name), the default first; one or none: no choice.
    registers: list[tuple[int, str]] = field(default_factory=list)
    #: The unit's open documents whose handler no longer works in it: the văn thư gives them to someone else.
    needs_handler: int = 0
    #: The person keeps this register (its văn thư today): the one who reassigns a gone handler's work.
    keeps_register: bool = False


@dataclass(frozen=True)
class EntryPage:
    info: IncomingInfo
    history: list[IncomingEventInfo]
    report: VerificationReport
    co_handlers: list[str]


@dataclass(frozen=True)
class AreaQuery:
    text: str = ""
    year: int | None = None
    status: str | None = None
    overdue_only: bool = False
    needs_handler_only: bool = False


def today_of(store: Any) -> date:
    """The register's day: the store clock's date in Vietnam."""
    today: date = store.clock.now().astimezone(VN_TZ).date()
    return today


def _outgoing(session: Any, unit_id: int, year: int | None) -> list[dict[str, Any]]:
    """The outgoing documents of a register's unit, through the outgoing register's own service,
    newest first. An advisory board keeps its own series: its own documents. Any other unit: what
    it issues itself, and what the body it belongs to issues (a Văn phòng drafts for its UBND)
    with the body's advisory boards."""
    from register.outgoing.queries import list_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import body_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.pickers import units_under  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.records import UnitKind  # noqa: PLC0415 -- deferred for start-up: beside the directory
    from store.directory.units import load_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if load_unit(session, unit_id).kind == UnitKind.BOARD:
        issuers = [unit_id]
    else:
        body = body_of(session, unit_id).id
        boards = [u.id for u in units_under(session, body) if u.kind == UnitKind.BOARD]
        issuers = list(dict.fromkeys([unit_id, body, *boards]))
    infos = [o for u in issuers for o in list_outgoing(session, unit_id=u, year=year)]
    return [o.as_json() for o in sorted(infos, key=lambda o: o.id, reverse=True)]


def load_area(store: Any, person_id: int | None, query: AreaQuery, unit_id: int | None = None) -> AreaSnapshot:
    """The area of the person's register: ``unit_id`` when it is one of the registers they keep
    (the chooser's choice), else the one they open by default (``register_unit_of``)."""
    from register.incoming.access import is_register_office, registers_kept  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.lists import IncomingFilter, count_incoming, list_incoming, work_to_do  # noqa: PLC0415 -- deferred for start-up
    from store.codes import IncomingStatus  # noqa: PLC0415 -- deferred for start-up: beside the lists
    from store.directory.units import load_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    today = today_of(store)
    with store.read() as s:
        if person_id is None:
            return AreaSnapshot(None, "", today, [], [], 0, [])
        kept = registers_kept(s, person_id, today)
        unit = load_unit(s, unit_id if unit_id in kept else kept[0])
        f = IncomingFilter(unit_id=unit.id, year=query.year, text=query.text or None,
                           status=IncomingStatus(query.status) if query.status else None,
                           overdue_on=today if query.overdue_only else None,
                           needs_handler_on=today if query.needs_handler_only else None)
        return AreaSnapshot(unit.id, unit.name, today, list_incoming(s, f, limit=500, today=today),
                            work_to_do(s, person_id), count_incoming(s, IncomingFilter(unit_id=unit.id, overdue_on=today)),
                            _outgoing(s, unit.id, query.year), [(u, load_unit(s, u).name) for u in kept],
                            count_incoming(s, IncomingFilter(unit_id=unit.id, needs_handler_on=today)),
                            is_register_office(s, person_id, unit.id, today))


def load_page(store: Any, entry_id: int) -> EntryPage:
    from register.incoming.entries import get_incoming, history, verification_of  # noqa: PLC0415 -- deferred for start-up
    from store.directory.people import load_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        info = get_incoming(s, entry_id, today_of(store))
        return EntryPage(info, history(s, entry_id), verification_of(s, entry_id),
                         [load_person(s, p).full_name for p in info.co_handler_ids])


def unit_people(store: Any, unit_id: int) -> list[tuple[int, str, str]]:
    """Who the unit's documents may be given to (``store.directory.belonging``): its own people
    first, then those of its Văn phòng and agencies (and anyone holding a role in it), unit by
    unit; the position says which unit someone of another works in."""
    from store.directory.belonging import people_of  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.pickers import unit_names  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        people = people_of(s, unit_id, today_of(store))
        units = unit_names(s, {p.unit_id for p in people})
    people.sort(key=lambda p: (p.unit_id != unit_id, units.get(p.unit_id, ""), p.full_name))
    return [(p.id, p.full_name, p.position if p.unit_id == unit_id else
             ", ".join(x for x in (p.position, units.get(p.unit_id, "")) if x)) for p in people]


def reassign_choices(store: Any, unit_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """For the "Giao lại việc…" form: the unit's gone handlers (id, name), and who may take their
    work (``unit_people``: the people of the unit today)."""
    from register.incoming.lists import handlers_gone  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory.people import load_person  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        gone = sorted(((p, load_person(s, p).full_name) for p in handlers_gone(s, unit_id, today_of(store))),
                      key=lambda g: (g[1], g[0]))
    return gone, unit_people(store, unit_id)


def reassign_work(store: Any, person_id: int | None, unit_id: int, from_id: int, to_id: int) -> Reassignment:
    from register.incoming.handling import reassign  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        moved = reassign(uow, from_id=from_id, to_id=to_id, unit_id=unit_id)
        uow.commit()
    return moved


def receive(store: Any, person_id: int | None, unit_id: int, path: str, meta: IncomingMeta) -> ReceiveOutcome:
    from documents.intake.limits import DEFAULT_LIMITS, read_candidate  # noqa: PLC0415 -- deferred for start-up
    from register.incoming.receive import receive_file  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    data = read_candidate(Path(path), DEFAULT_LIMITS)
    return receive_file(store, unit_id, data, meta, filename=Path(path).name, actor_id=person_id)


def register_entry(store: Any, person_id: int | None, entry_id: int) -> IncomingInfo:
    from register.incoming.receive import register_received  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = register_received(uow, entry_id)
        uow.commit()
    return info


def assign_entry(store: Any, person_id: int | None, entry_id: int, handler_id: int, co: list[int], due: date,
                 note: str) -> IncomingInfo:
    from register.incoming.handling import assign  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = assign(uow, entry_id, handler_id=handler_id, co_handler_ids=co, due_on=due, instruction=note)
        uow.commit()
    return info


def progress_entry(store: Any, person_id: int | None, entry_id: int, note: str) -> IncomingInfo:
    from register.incoming.handling import record_progress  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = record_progress(uow, entry_id, note)
        uow.commit()
    return info


def done_entry(store: Any, person_id: int | None, entry_id: int, reply: int | None, note: str) -> IncomingInfo:
    from register.incoming.handling import mark_done  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        info = mark_done(uow, entry_id, reply_outgoing_id=reply, note=note)
        uow.commit()
    return info
