"""What a unit was called, and where it sat, on a given day.

A reorganisation that renames, moves or re-levels a unit first copies the unit as it was
into ``unit_history`` (``valid_to`` = the day the change took effect). A meeting, paper or
signature made before that day shows the unit as it was then.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from store.directory.records import UnitInfo, UnitKind
from store.directory.units import load_unit, unit_info
from store.models import Unit, UnitHistory

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def period_start(session: Session, unit: Unit) -> date | None:
    """When the unit's present particulars took effect (its last change, or its start)."""
    last = session.execute(select(func.max(UnitHistory.valid_to)).where(UnitHistory.unit_id == unit.id)).scalar_one()
    return last or unit.valid_from


def keep_history(session: Session, unit: Unit, *, until: date, reorganisation_id: int | None) -> None:
    """Copy the unit as it is now into its history, valid until ``until``."""
    session.add(UnitHistory(
        unit_id=unit.id, valid_from=period_start(session, unit), valid_to=until, code=unit.code, name=unit.name,
        official_name=unit.official_name, short_name=unit.short_name, place_name=unit.place_name,
        abbreviation=unit.abbreviation, identifier=unit.identifier, scheme=unit.scheme, level=unit.level,
        kind=unit.kind, parent_id=unit.parent_id, reorganisation_id=reorganisation_id))
    session.flush()


def _as_of(unit: Unit, periods: list[UnitHistory], day: date) -> UnitInfo:
    for row in periods:  # oldest first
        if day < row.valid_to:
            return UnitInfo(unit.id, row.code, row.name, row.level, row.parent_id, row.scheme, UnitKind(row.kind),
                            row.official_name, row.short_name, row.place_name, row.abbreviation, row.identifier,
                            unit.valid_from, unit.valid_to, unit.successor_id, unit.version)
    return unit_info(unit)


def unit_as_of(session: Session, unit_id: int, day: date) -> UnitInfo:
    """The unit with the name, place, level and parent it had on ``day``."""
    unit = load_unit(session, unit_id)
    periods = session.execute(select(UnitHistory).where(UnitHistory.unit_id == unit_id)
                              .order_by(UnitHistory.valid_to)).scalars().all()
    return _as_of(unit, list(periods), day)


def units_as_of(session: Session, unit_ids: Iterable[int], day: date) -> dict[int, UnitInfo]:
    """``unit_as_of`` for many units in two queries (a meeting's host and its sites)."""
    ids = set(unit_ids)
    if not ids:
        return {}
    units = session.execute(select(Unit).where(Unit.id.in_(ids))).scalars().all()
    periods: dict[int, list[UnitHistory]] = {}
    for row in session.execute(select(UnitHistory).where(UnitHistory.unit_id.in_(ids))
                               .order_by(UnitHistory.valid_to)).scalars():
        periods.setdefault(row.unit_id, []).append(row)
    return {u.id: _as_of(u, periods.get(u.id, []), day) for u in units}


def names_over_time(session: Session, unit_id: int) -> list[tuple[date | None, date | None, str]]:
    """(from, until, name) for each period of the unit, oldest first; the last is today's."""
    unit = load_unit(session, unit_id)
    periods = session.execute(select(UnitHistory).where(UnitHistory.unit_id == unit_id)
                              .order_by(UnitHistory.valid_to)).scalars().all()
    out: list[tuple[date | None, date | None, str]] = [(p.valid_from, p.valid_to, p.name) for p in periods]
    out.append((period_start(session, unit), unit.valid_to, unit.name))
    return out
