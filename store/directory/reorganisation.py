"""Reorganisations (sắp xếp đơn vị hành chính): rename, move, merge and dissolve units, each
from an effective date and under a decision.

What was made under a unit stays with it: the unit's row is never deleted, a renamed or moved
unit first copies itself into ``unit_history``, so a meeting or paper dated before the change
still shows the unit as it was. What goes on goes to the successor: people, their open
roles, logins and clearances, and the units beneath. Meetings and tasks are the meetings
layer's (``meetings.handover``), which calls these and then hands its own rows over.
Each change is one ``reorganisations`` row and one audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from store.accounts import PersonClearance, PersonLogin, UnitRole
from store.directory.history import keep_history
from store.directory.records import UnitInfo, UnitKind
from store.directory.units import _check_unique, _text, check_placement, ended, load_unit, unit_info
from store.errors import InvalidInput
from store.locking import ensure_version, flush_or_conflict, stamp
from store.models import Person, PersonRole, Reorganisation, Unit

if TYPE_CHECKING:
    from store.uow import UnitOfWork

#: Particulars a renaming may change (the old ones stay in the unit's history).
RENAMABLE = ("name", "official_name", "short_name", "place_name", "abbreviation")


class ReorganisationKind:
    RENAME = "rename"
    MOVE = "move"
    MERGE = "merge"
    DISSOLVE = "dissolve"


@dataclass(frozen=True)
class Handover:
    """Units that ended and who took over from each, from ``effective_on``; the meetings layer
    hands its open meetings and tasks over by this."""

    reorganisation_id: int
    effective_on: date
    successors: dict[int, int]  # ended unit → successor
    units: tuple[UnitInfo, ...]  # every unit changed, as it is now


def _decision(text: str | None) -> str:
    clean = _text(text)
    if not clean:
        raise InvalidInput("Cần ghi quyết định sắp xếp (số, ngày, cơ quan ban hành), ví dụ: Nghị quyết số 1680/NQ-UBTVQH15.",
                           "Give the decision behind the reorganisation (number, date, issuer).")
    return clean


def _record(uow: UnitOfWork, kind: str, effective_on: date, decision: str, details: dict) -> Reorganisation:
    row = Reorganisation(kind=kind, effective_on=effective_on, decision=decision, details=details,
                         created_at=uow.now(), created_by_id=uow.actor_id)
    uow.session.add(row)
    uow.session.flush()
    return row


def _living(unit: Unit, day: date, *, taking_over: bool = False) -> Unit:
    """``unit`` in being on ``day``; one that takes over may start that very day."""
    if ended(unit, day):
        raise InvalidInput(f"'{unit.name}' đã kết thúc hoạt động từ {unit.valid_to:%d/%m/%Y}; chọn đơn vị kế thừa.",
                           f"'{unit.name}' ended on {unit.valid_to:%d/%m/%Y}; choose its successor.")
    if unit.valid_from is not None and (day < unit.valid_from or (day == unit.valid_from and not taking_over)):
        raise InvalidInput(f"Ngày hiệu lực phải sau ngày '{unit.name}' bắt đầu hoạt động ({unit.valid_from:%d/%m/%Y}).",
                           f"The effective date must come after '{unit.name}' began ({unit.valid_from:%d/%m/%Y}).")
    return unit


def rename_unit(uow: UnitOfWork, unit_id: int, *, effective_on: date, decision: str,
                expected_version: int | None = None, **changes: str) -> UnitInfo:
    """New names from ``effective_on``; papers dated before it keep the old ones.
    ``expected_version``: the version the person's screen showed (see ``store.locking``)."""
    unknown = set(changes) - set(RENAMABLE)
    if unknown or not changes:
        raise InvalidInput(f"Đổi tên chỉ đổi: {', '.join(RENAMABLE)}.", f"A renaming changes only: {', '.join(RENAMABLE)}.")
    s = uow.session
    the_decision = _decision(decision)
    unit = _living(load_unit(s, unit_id), effective_on)
    ensure_version(s, unit, expected_version, f"Đơn vị '{unit.name}'", changes)
    clean = {f: _text(v) for f, v in changes.items()}
    empty = [f for f, v in clean.items() if not v]
    if empty:
        raise InvalidInput(f"Trường '{empty[0]}' không được để trống.", f"'{empty[0]}' cannot be empty.")
    _check_unique(s, code=None, name=clean.get("name"), parent_id=unit.parent_id, identifier=None, day=effective_on,
                  except_id=unit.id)
    before = {f: getattr(unit, f) for f in clean}
    what = f"Đơn vị '{unit.name}'"
    row = _record(uow, ReorganisationKind.RENAME, effective_on, the_decision,
                  {"unit_id": unit.id, "before": before, "after": clean})
    keep_history(s, unit, until=effective_on, reorganisation_id=row.id)
    for field, value in clean.items():
        setattr(unit, field, value)
    stamp(unit, uow)
    # Another desktop may save the unit between the version check above and this write.
    flush_or_conflict(uow, unit, what, changes)
    uow.record("unit.rename", "unit", unit.id, {"reorganisation_id": row.id, "effective_on": effective_on,
               "decision": the_decision, "before": before, "after": clean}, unit_id=unit.id)
    return unit_info(unit)


def _move(uow: UnitOfWork, unit: Unit, parent: Unit, level: str | None, effective_on: date, reorg_id: int) -> None:
    """Put ``unit`` under ``parent`` (checked against the scheme), history kept; agencies under
    it follow it to its new level."""
    s = uow.session
    the_kind = UnitKind(unit.kind)
    the_scheme, the_level = check_placement(s, kind=the_kind, scheme=parent.scheme, level=level or unit.level,
                                            parent=parent, day=effective_on)
    keep_history(s, unit, until=effective_on, reorganisation_id=reorg_id)
    unit.parent_id, unit.scheme, unit.level = parent.id, the_scheme, the_level
    stamp(unit, uow)
    # Written before the query below (which would flush it unguarded): another desktop may have
    # saved the unit since the version check.
    flush_or_conflict(uow, unit, f"Đơn vị '{unit.name}'", {"parent_id": parent.id, "level": level})
    for child in s.execute(select(Unit).where(Unit.parent_id == unit.id)).scalars():
        if child.kind != UnitKind.ADMINISTRATIVE and not ended(child, effective_on) and child.level != the_level:
            keep_history(s, child, until=effective_on, reorganisation_id=reorg_id)
            child.scheme, child.level = the_scheme, the_level
            stamp(child, uow)
    s.flush()


def _not_below(session, unit: Unit, parent: Unit) -> None:
    seen, at = set(), parent
    while at is not None and at.id not in seen:
        if at.id == unit.id:
            raise InvalidInput(f"Không thể đặt '{unit.name}' dưới chính nó hoặc đơn vị trực thuộc nó.",
                               f"'{unit.name}' cannot be put under itself or a unit beneath it.")
        seen.add(at.id)
        at = session.get(Unit, at.parent_id) if at.parent_id is not None else None


def move_unit(uow: UnitOfWork, unit_id: int, parent_id: int, *, effective_on: date, decision: str,
              level: str | None = None, expected_version: int | None = None) -> UnitInfo:
    """Put a unit under another parent from ``effective_on`` (at ``level``, if its level changes)."""
    s = uow.session
    the_decision = _decision(decision)
    unit = _living(load_unit(s, unit_id), effective_on)
    ensure_version(s, unit, expected_version, f"Đơn vị '{unit.name}'", {"parent_id": parent_id, "level": level})
    parent = _living(load_unit(s, parent_id), effective_on, taking_over=True)
    _not_below(s, unit, parent)
    if parent.id == unit.parent_id and (level is None or level == unit.level):
        raise InvalidInput(f"'{unit.name}' đã thuộc '{parent.name}'.", f"'{unit.name}' already sits under '{parent.name}'.")
    _check_unique(s, code=None, name=unit.name, parent_id=parent.id, identifier=None, day=effective_on, except_id=unit.id)
    before = {"parent_id": unit.parent_id, "level": unit.level, "scheme": unit.scheme}
    row = _record(uow, ReorganisationKind.MOVE, effective_on, the_decision, {"unit_id": unit.id, "before": before,
                                                                             "parent_id": parent.id})
    _move(uow, unit, parent, level, effective_on, row.id)
    after = {"parent_id": unit.parent_id, "level": unit.level, "scheme": unit.scheme}
    uow.record("unit.move", "unit", unit.id, {"reorganisation_id": row.id, "effective_on": effective_on,
               "decision": the_decision, "before": before, "after": after}, unit_id=unit.id)
    return unit_info(unit)


def _hand_over(uow: UnitOfWork, old: Unit, successor: Unit, effective_on: date, reorg_id: int) -> dict[str, int]:
    """People, open roles, logins, clearances and the units beneath ``old`` go to ``successor``."""
    s = uow.session
    counts = {"people": 0, "roles": 0, "units": 0}
    for person in s.execute(select(Person).where(Person.unit_id == old.id)).scalars():
        person.unit_id = successor.id
        stamp(person, uow)
        counts["people"] += 1
    for row in s.execute(select(PersonRole).where(PersonRole.unit_id == old.id)).scalars().all():
        if row.until is not None and row.until <= effective_on:
            continue  # ended before: the record of having held it stays as it was
        row.until = effective_on
        s.add(PersonRole(person_id=row.person_id, unit_id=successor.id, role=row.role, since=effective_on, until=None,
                         granted_at=uow.now(), granted_by_id=uow.actor_id))
        counts["roles"] += 1
    for login in s.execute(select(PersonLogin).where(PersonLogin.unit_id == old.id)).scalars():
        login.unit_id = successor.id
    for clearance in s.execute(select(PersonClearance).where(PersonClearance.unit_id == old.id)).scalars():
        clearance.unit_id = successor.id
    held = {(r.person_id, r.role) for r in s.execute(select(UnitRole).where(UnitRole.unit_id == successor.id)).scalars()}
    for grant in s.execute(select(UnitRole).where(UnitRole.unit_id == old.id)).scalars().all():
        if (grant.person_id, grant.role) not in held:
            s.add(UnitRole(person_id=grant.person_id, unit_id=successor.id, role=grant.role, granted_at=uow.now(),
                           granted_by_id=uow.actor_id))
            held.add((grant.person_id, grant.role))
    for child in s.execute(select(Unit).where(Unit.parent_id == old.id)).scalars().all():
        if not ended(child, effective_on):
            _move(uow, child, successor, None, effective_on, reorg_id)
            counts["units"] += 1
    s.flush()
    return counts


def _end(uow: UnitOfWork, unit: Unit, effective_on: date, successor: Unit | None) -> None:
    unit.valid_to = effective_on
    unit.successor_id = successor.id if successor is not None else None
    stamp(unit, uow)


def merge_units(uow: UnitOfWork, source_ids: Sequence[int], into_id: int, *, effective_on: date,
                decision: str) -> Handover:
    """A + B → C: the sources end on ``effective_on`` and ``into_id`` takes over from them.
    C is an existing unit (one of the merged ones going on under its name, or a new unit
    entered beforehand with ``create_unit``)."""
    s = uow.session
    the_decision = _decision(decision)
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        raise InvalidInput("Cần ít nhất một đơn vị được hợp nhất.", "Name at least one unit to merge.")
    if into_id in ids:
        raise InvalidInput("Không thể hợp nhất một đơn vị vào chính nó.", "A unit cannot be merged into itself.")
    into = _living(load_unit(s, into_id), effective_on, taking_over=True)
    sources = [_living(load_unit(s, i), effective_on) for i in ids]
    for src in sources:
        _not_below(s, src, into)  # a unit cannot go into one beneath it
        if src.kind != into.kind:
            raise InvalidInput(f"'{src.name}' và '{into.name}' không cùng loại đơn vị; không hợp nhất được.",
                               f"'{src.name}' and '{into.name}' are not the same kind of unit.")
    row = _record(uow, ReorganisationKind.MERGE, effective_on, the_decision,
                  {"sources": ids, "into": into.id})
    moved: dict[str, dict[str, int]] = {}
    for src in sources:
        moved[str(src.id)] = _hand_over(uow, src, into, effective_on, row.id)
        _end(uow, src, effective_on, into)
    s.flush()
    uow.record("unit.merge", "unit", into.id, {"reorganisation_id": row.id, "effective_on": effective_on,
               "decision": the_decision, "sources": ids, "names": [u.name for u in sources], "handed_over": moved},
               unit_id=into.id)
    return Handover(row.id, effective_on, {src.id: into.id for src in sources},
                    tuple(unit_info(u) for u in [*sources, into]))


def dissolve_unit(uow: UnitOfWork, unit_id: int, *, effective_on: date, decision: str,
                  successor_id: int | None = None) -> Handover:
    """End a unit. Whatever it still holds (people, units beneath) goes to ``successor_id``;
    with nothing to hand over, no successor is needed."""
    s = uow.session
    the_decision = _decision(decision)
    unit = _living(load_unit(s, unit_id), effective_on)
    successor = None
    if successor_id is not None:
        if successor_id == unit.id:
            raise InvalidInput("Đơn vị kế thừa không thể là chính nó.", "A unit cannot succeed itself.")
        successor = _living(load_unit(s, successor_id), effective_on, taking_over=True)
        _not_below(s, unit, successor)
    elif (s.execute(select(Person.id).where(Person.unit_id == unit.id, Person.active.is_(True)).limit(1)).first()
          or any(not ended(c, effective_on) for c in s.execute(select(Unit).where(Unit.parent_id == unit.id)).scalars())):
        raise InvalidInput(f"'{unit.name}' còn cán bộ hoặc đơn vị trực thuộc; chỉ định đơn vị kế thừa (--successor).",
                           f"'{unit.name}' still has people or units beneath it; name a successor (--successor).")
    row = _record(uow, ReorganisationKind.DISSOLVE, effective_on, the_decision,
                  {"unit_id": unit.id, "successor_id": successor_id})
    moved = _hand_over(uow, unit, successor, effective_on, row.id) if successor is not None else {}
    _end(uow, unit, effective_on, successor)
    s.flush()
    uow.record("unit.dissolve", "unit", unit.id, {"reorganisation_id": row.id, "effective_on": effective_on,
               "decision": the_decision, "successor_id": successor_id, "handed_over": moved}, unit_id=unit.id)
    changed = [unit] + ([successor] if successor is not None else [])
    return Handover(row.id, effective_on, {unit.id: successor.id} if successor is not None else {},
                    tuple(unit_info(u) for u in changed))
