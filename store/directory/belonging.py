"""Who is one of a unit's people: the Python side of ``nghisu_in_unit`` (migration 0014), which
the shared store's read rule ``nghisu_my_units()`` answers for too (migrations 0026, 0027).

A person is of a unit when
- it is their own unit;
- it is the administrative body their own unit belongs to, that unit being an office, agency or
  board directly under it: the Văn phòng UBND tỉnh and a Sở work for the UBND tỉnh. One step up
  only, and never from an administrative body: a ward's or a commune's people are not the
  province's, nor is a Phòng under a Sở the UBND's;
- they hold a person role there (văn thư, lãnh đạo, chuyên viên, thành viên …) in force on the day;
- they hold a unit role there (``organiser``, ``site_clerk``).

A person role counts on the days it is in force, from ``since`` until the day before ``until``;
PostgreSQL's read rule counts it the same way on the server's date in Vietnam (migration 0027),
so someone whose role has ended reads the unit's registers no more, is given none of its work
and drafts nothing for it. Everyone counted here reads the unit's register over their own login.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select
from sqlalchemy.orm import aliased

from store.accounts import UnitRole
from store.directory.people import person_info
from store.directory.records import PersonInfo, UnitKind
from store.models import Person, PersonRole, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _in_force(day: date) -> ColumnElement[bool]:
    """The role is held on ``day`` (as ``RoleInfo.held_on``: from ``since``, until before ``until``)."""
    return and_(or_(PersonRole.since.is_(None), PersonRole.since <= day),
                or_(PersonRole.until.is_(None), PersonRole.until > day))


def units_of(session: Session, person_id: int, day: date) -> set[int]:
    """The units the person is one of on ``day`` (empty for a person not in the directory)."""
    own = session.execute(select(Unit.id, Unit.kind, Unit.parent_id).join(Person, Person.unit_id == Unit.id)
                          .where(Person.id == person_id)).first()
    if own is None:
        return set()
    found = {own.id}
    if own.kind != UnitKind.ADMINISTRATIVE and own.parent_id is not None:
        found.add(own.parent_id)
    found.update(session.execute(select(PersonRole.unit_id).where(PersonRole.person_id == person_id,
                                                                  _in_force(day))).scalars())
    found.update(session.execute(select(UnitRole.unit_id).where(UnitRole.person_id == person_id)).scalars())
    return found


def works_in(session: Session, person_id: int, unit_id: int, day: date) -> bool:
    """The person is one of the unit's people on ``day``."""
    return unit_id in units_of(session, person_id, day)


def still_works_in(person_id: ColumnElement[int], unit_id: ColumnElement[int], day: date) -> ColumnElement[bool]:
    """SQL for "an active person who ``works_in`` the unit on ``day``", over a row's columns (an
    entry's handler and unit), so that a page of the register is marked, filtered and counted
    in its own statement: one ``works_in`` call per row would be a round trip each on a shared
    store. Aliased tables, so it correlates to the row and never to a query's own ``persons``."""
    person, own, role, unit_role = aliased(Person), aliased(Unit), aliased(PersonRole), aliased(UnitRole)
    in_force = and_(or_(role.since.is_(None), role.since <= day), or_(role.until.is_(None), role.until > day))
    # The inner tests correlate to every enclosing query (the row's and the person's), not only
    # to the nearest one, or SQLAlchemy would read the whole register again inside each.
    return exists().where(person.id == person_id, person.active, or_(
        person.unit_id == unit_id,
        exists().where(own.id == person.unit_id, own.kind != UnitKind.ADMINISTRATIVE, own.parent_id == unit_id)
        .correlate_except(own),
        exists().where(role.person_id == person_id, role.unit_id == unit_id, in_force).correlate_except(role),
        exists().where(unit_role.person_id == person_id, unit_role.unit_id == unit_id).correlate_except(unit_role)))


def left_unit(person_id: ColumnElement[int], unit_id: ColumnElement[int], day: date) -> ColumnElement[bool]:
    """SQL for "someone is named (``person_id`` not NULL) who no longer works in the unit on
    ``day``, or is no longer active": transferred, retired, their role ended."""
    return and_(person_id.is_not(None), not_(still_works_in(person_id, unit_id, day)))


def people_of(session: Session, unit_id: int, day: date) -> list[PersonInfo]:
    """The active people of the unit on ``day``, those ``works_in`` counts, by name: who a
    leader or the văn thư may give one of its documents to."""
    offices = select(Unit.id).where(Unit.parent_id == unit_id, Unit.kind != UnitKind.ADMINISTRATIVE)
    roles = select(PersonRole.person_id).where(PersonRole.unit_id == unit_id, _in_force(day))
    unit_roles = select(UnitRole.person_id).where(UnitRole.unit_id == unit_id)
    rows = session.execute(select(Person).where(Person.active, or_(
        Person.unit_id == unit_id, Person.unit_id.in_(offices), Person.id.in_(roles), Person.id.in_(unit_roles)))
        .order_by(Person.full_name, Person.id)).scalars()
    return [person_info(p) for p in rows]
