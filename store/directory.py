"""Units (tỉnh → huyện → xã) and the people who work in them.

Reads take a SQLAlchemy session (``store.read()`` or ``uow.session``); changes take a unit
of work and write an audit row. Callers get frozen dataclasses, never ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.errors import InvalidInput, NotFound
from store.models import LEVELS, Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

LEVEL_NAMES_VI = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "level": self.level, "parent_id": self.parent_id}


@dataclass(frozen=True)
class PersonInfo:
    id: int
    full_name: str
    position: str
    unit_id: int
    email: str | None
    active: bool


def _unit_info(u: Unit) -> UnitInfo:
    return UnitInfo(u.id, u.code, u.name, u.level, u.parent_id)


def _person_info(p: Person) -> PersonInfo:
    return PersonInfo(p.id, p.full_name, p.position, p.unit_id, p.email, p.active)


def unit_not_found(unit_id: object) -> NotFound:
    return NotFound(f"Không có đơn vị số {unit_id}.", f"There is no unit {unit_id}.")


def create_unit(uow: UnitOfWork, *, code: str, name: str, level: str, parent_id: int | None = None) -> UnitInfo:
    """Add a unit; its parent must be exactly one level up (a province has none)."""
    from sqlalchemy import select

    s = uow.session
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InvalidInput("Đơn vị cần có mã và tên.", "A unit needs a code and a name.")
    if level not in LEVELS:
        raise InvalidInput(
            f"Cấp đơn vị '{level}' không hợp lệ; chọn một trong: {', '.join(LEVELS)}.",
            f"Unit level '{level}' is not valid; choose one of: {', '.join(LEVELS)}.",
        )
    expected_parent_level = None if level == "province" else LEVELS[LEVELS.index(level) - 1]
    if expected_parent_level is None and parent_id is not None:
        raise InvalidInput("Đơn vị cấp tỉnh không có đơn vị cấp trên.", "A province has no parent unit.")
    if expected_parent_level is not None:
        parent = s.get(Unit, parent_id) if parent_id is not None else None
        if parent is None:
            raise InvalidInput(
                f"Đơn vị cấp {LEVEL_NAMES_VI[level]} cần đơn vị cấp {LEVEL_NAMES_VI[expected_parent_level]} ở trên.",
                f"A {level} needs a parent {expected_parent_level}.",
            )
        if parent.level != expected_parent_level:
            raise InvalidInput(
                f"Đơn vị cấp trên của một {LEVEL_NAMES_VI[level]} phải là cấp {LEVEL_NAMES_VI[expected_parent_level]}, "
                f"không phải '{parent.name}' (cấp {LEVEL_NAMES_VI[parent.level]}).",
                f"The parent of a {level} must be a {expected_parent_level}, not '{parent.name}' ({parent.level}).",
            )
    if s.execute(select(Unit.id).where(Unit.code == code)).first():
        raise InvalidInput(f"Mã đơn vị '{code}' đã được dùng.", f"Unit code '{code}' is already taken.")
    unit = Unit(code=code, name=name, level=level, parent_id=parent_id, updated_at=uow.now(), updated_by_id=uow.actor_id)
    s.add(unit)
    s.flush()
    uow.record("unit.create", "unit", unit.id, {"code": code, "name": name, "level": level, "parent_id": parent_id}, unit_id=unit.id)
    return _unit_info(unit)


def create_person(
    uow: UnitOfWork, *, full_name: str, position: str, unit_id: int, email: str | None = None
) -> PersonInfo:
    from sqlalchemy import select

    s = uow.session
    full_name = " ".join(full_name.split())
    if not full_name:
        raise InvalidInput("Cần nhập họ và tên.", "A full name is required.")
    if s.get(Unit, unit_id) is None:
        raise unit_not_found(unit_id)
    email = email.strip().lower() if email else None
    if email and s.execute(select(Person.id).where(Person.email == email)).first():
        raise InvalidInput(f"Địa chỉ thư {email} đã thuộc về người khác.", f"E-mail {email} already belongs to someone.")
    person = Person(
        full_name=full_name, position=position.strip(), unit_id=unit_id, email=email,
        active=True, updated_at=uow.now(), updated_by_id=uow.actor_id,
    )
    s.add(person)
    s.flush()
    uow.record("person.create", "person", person.id, {"full_name": full_name, "position": position, "email": email}, unit_id=unit_id)
    return _person_info(person)


def get_unit(session: Session, unit_id: int) -> UnitInfo:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise unit_not_found(unit_id)
    return _unit_info(unit)


def find_unit_by_code(session: Session, code: str) -> UnitInfo | None:
    from sqlalchemy import select

    unit = session.execute(select(Unit).where(Unit.code == code)).scalar_one_or_none()
    return _unit_info(unit) if unit else None


def list_units(session: Session) -> list[UnitInfo]:
    from sqlalchemy import select

    return [_unit_info(u) for u in session.execute(select(Unit).order_by(Unit.id)).scalars()]


def descendant_unit_ids(session: Session, unit_id: int) -> set[int]:
    """Every unit below ``unit_id``, at any depth (not the unit itself)."""
    from sqlalchemy import select

    found: set[int] = set()
    frontier = [unit_id]
    while frontier:
        children = session.execute(select(Unit.id).where(Unit.parent_id.in_(frontier))).scalars().all()
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def get_person(session: Session, person_id: int) -> PersonInfo:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
    return _person_info(person)


def find_person_by_email(session: Session, email: str) -> PersonInfo | None:
    from sqlalchemy import select

    person = session.execute(select(Person).where(Person.email == email.strip().lower())).scalar_one_or_none()
    return _person_info(person) if person else None


def list_persons(session: Session, unit_id: int | None = None) -> list[PersonInfo]:
    from sqlalchemy import select

    q = select(Person).order_by(Person.id)
    if unit_id is not None:
        q = q.where(Person.unit_id == unit_id)
    return [_person_info(p) for p in session.execute(q).scalars()]
