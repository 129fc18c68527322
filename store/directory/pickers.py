"""The directory as the desktop's choosers show it: the active people of some units by name,
the units under a body, and the names of people and units by id (for a page that lists who
drafted, signed, reviewed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from store.directory.people import person_info
from store.directory.records import PersonInfo, UnitInfo
from store.directory.units import unit_info
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def active_people_in(session: Session, unit_ids: Iterable[int]) -> list[PersonInfo]:
    """The active people working in ``unit_ids``, by name."""
    rows = session.execute(select(Person).where(Person.unit_id.in_(list(unit_ids)), Person.active)
                           .order_by(Person.full_name)).scalars()
    return [person_info(p) for p in rows]


def person_names(session: Session, person_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in person_ids if i is not None]
    return {int(pid): name for pid, name in session.execute(
        select(Person.id, Person.full_name).where(Person.id.in_(wanted)))}


def unit_names(session: Session, unit_ids: Iterable[int | None]) -> dict[int, str]:
    """Each unit's name as papers write it: the official name ("Ủy ban nhân dân tỉnh …"), else its name."""
    wanted = [i for i in unit_ids if i is not None]
    return {u.id: u.official_name or u.name for u in session.execute(select(Unit).where(Unit.id.in_(wanted))).scalars()}


def units_under(session: Session, parent_id: int) -> list[UnitInfo]:
    """The units directly under ``parent_id`` (a body's offices and boards), by name."""
    rows = session.execute(select(Unit).where(Unit.parent_id == parent_id).order_by(Unit.name)).scalars()
    return [unit_info(u) for u in rows]
