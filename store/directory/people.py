"""People: officials of the units, their positions, and their roles in a unit.

A person works in one unit at a time (``unit_id``) and holds a position there (chức vụ,
free text as the decision names it). Roles (văn thư, thư ký, lãnh đạo, chuyên viên, đại
biểu, thành viên) are data with dates, per unit, so the register can find a unit's văn thư
and a session can count its body's members on the day it sits.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from store.directory.records import ROLE_VI, PersonInfo, Role, RoleInfo
from store.directory.units import ended, load_unit, today, unit_not_found
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, save_edit, stamp
from store.models import Person, PersonRole, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

EDITABLE = ("full_name", "position", "unit_id", "email", "active")


def person_info(p: Person) -> PersonInfo:
    return PersonInfo(p.id, p.full_name, p.position, p.unit_id, p.email, p.active, p.version)


def person_not_found(person_id: object) -> NotFound:
    return NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")


def load_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise person_not_found(person_id)
    return person


def _email(session: Session, email: str | None, except_id: int | None = None) -> str | None:
    email = email.strip().lower() if email and email.strip() else None
    if email and ("@" not in email or " " in email):
        raise InvalidInput(f"Địa chỉ thư '{email}' không hợp lệ.", f"E-mail address '{email}' is not valid.")
    if email and session.execute(select(Person.id).where(Person.email == email, Person.id != (except_id or 0))).first():
        raise InvalidInput(f"Địa chỉ thư {email} đã thuộc về người khác.", f"E-mail {email} already belongs to someone.")
    return email


def _working_unit(session: Session, unit_id: int, day: date) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise unit_not_found(unit_id)
    if ended(unit, day):
        raise InvalidInput(f"'{unit.name}' đã kết thúc hoạt động; chọn đơn vị kế thừa.",
                           f"'{unit.name}' has ended; choose its successor.")
    return unit


def create_person(
    uow: UnitOfWork, *, full_name: str, position: str, unit_id: int, email: str | None = None
) -> PersonInfo:
    s = uow.session
    full_name = " ".join(full_name.split())
    if not full_name:
        raise InvalidInput("Cần nhập họ và tên.", "A full name is required.")
    _working_unit(s, unit_id, today(uow))
    email = _email(s, email)
    person = Person(full_name=full_name, position=" ".join(position.split()), unit_id=unit_id, email=email, active=True)
    stamp(person, uow)
    s.add(person)
    s.flush()
    uow.record("person.create", "person", person.id, {"full_name": full_name, "position": person.position,
                                                      "email": email}, unit_id=unit_id)
    return person_info(person)


def edit_person(uow: UnitOfWork, person_id: int, *, expected_version: int | None = None, **changes: Any) -> PersonInfo:
    """Change a person's name, position, unit, e-mail or whether they are active."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.", f"Cannot edit: {', '.join(sorted(unknown))}.")
    s = uow.session
    person = load_person(s, person_id)
    ensure_version(s, person, expected_version, f"Cán bộ '{person.full_name}'", changes)
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "full_name":
            clean[field] = " ".join(str(value).split())
            if not clean[field]:
                raise InvalidInput("Cần nhập họ và tên.", "A full name is required.")
        elif field == "position":
            clean[field] = " ".join(str(value).split())
        elif field == "unit_id":
            clean[field] = _working_unit(s, int(value), today(uow)).id
        elif field == "email":
            clean[field] = _email(s, value, except_id=person.id)
        else:
            clean[field] = bool(value)
    before = save_edit(uow, person, clean, f"Cán bộ '{person.full_name}'", changes)
    uow.record("person.edit", "person", person.id, {"before": before, "after": clean}, unit_id=person.unit_id)
    return person_info(person)


def get_person(session: Session, person_id: int) -> PersonInfo:
    return person_info(load_person(session, person_id))


def find_person_by_email(session: Session, email: str) -> PersonInfo | None:
    person = session.execute(select(Person).where(Person.email == email.strip().lower())).scalar_one_or_none()
    return person_info(person) if person else None


def list_persons(session: Session, unit_id: int | None = None) -> list[PersonInfo]:
    q = select(Person).order_by(Person.id)
    if unit_id is not None:
        q = q.where(Person.unit_id == unit_id)
    return [person_info(p) for p in session.execute(q).scalars()]


# -- roles --------------------------------------------------------------------------------------
def parse_role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(f"{r.value} ({ROLE_VI[r]})" for r in Role)
        raise InvalidInput(f"Vai trò '{role}' không hợp lệ; chọn: {known}.",
                           f"Role '{role}' is not valid; choose: {', '.join(r.value for r in Role)}.") from None


def _role_info(row: PersonRole, full_name: str) -> RoleInfo:
    return RoleInfo(row.id, row.person_id, full_name, row.unit_id, Role(row.role), row.since, row.until)


def grant_role(uow: UnitOfWork, person_id: int, unit_id: int, role: str | Role, *, since: date | None = None,
               until: date | None = None) -> RoleInfo:
    """Give a person a role in a unit (from ``since``, until ``until``). A role they already
    hold there, open-ended, is not given twice."""
    s = uow.session
    the_role = parse_role(role)
    person = load_person(s, person_id)
    load_unit(s, unit_id)
    if since is not None and until is not None and until <= since:
        raise InvalidInput("Ngày kết thúc phải sau ngày bắt đầu.", "The end must come after the start.")
    for row in s.execute(select(PersonRole).where(PersonRole.person_id == person_id, PersonRole.unit_id == unit_id,
                                                  PersonRole.role == the_role.value)).scalars():
        if row.until is None and until is None:
            return _role_info(row, person.full_name)
    row = PersonRole(person_id=person_id, unit_id=unit_id, role=the_role.value, since=since, until=until,
                     granted_at=uow.now(), granted_by_id=uow.actor_id)
    s.add(row)
    s.flush()
    uow.record("person.role_grant", "person", person_id, {"unit_id": unit_id, "role": the_role.value,
               "since": since, "until": until}, unit_id=unit_id)
    return _role_info(row, person.full_name)


def end_role(uow: UnitOfWork, person_id: int, unit_id: int, role: str | Role, *, on: date | None = None) -> RoleInfo:
    """End a role from ``on`` (today if not given); the record of having held it stays."""
    s = uow.session
    the_role = parse_role(role)
    person = load_person(s, person_id)
    day = on or today(uow)
    row = s.execute(select(PersonRole).where(
        PersonRole.person_id == person_id, PersonRole.unit_id == unit_id, PersonRole.role == the_role.value,
        PersonRole.until.is_(None))).scalars().first()
    if row is None:
        raise NotFound(f"{person.full_name} không giữ vai trò {ROLE_VI[the_role]} ở đơn vị này.",
                       f"{person.full_name} does not hold the role {the_role.value} in that unit.")
    if row.since is not None and day <= row.since:
        raise InvalidInput("Ngày kết thúc phải sau ngày bắt đầu.", "The end must come after the start.")
    row.until = day
    s.flush()
    uow.record("person.role_end", "person", person_id, {"unit_id": unit_id, "role": the_role.value, "until": day},
               unit_id=unit_id)
    return _role_info(row, person.full_name)


def roles_of(session: Session, person_id: int) -> list[RoleInfo]:
    rows = session.execute(select(PersonRole, Person.full_name).join(Person, Person.id == PersonRole.person_id)
                           .where(PersonRole.person_id == person_id).order_by(PersonRole.id)).all()
    return [_role_info(r, n) for r, n in rows]


def holders(session: Session, unit_id: int, role: str | Role, *, on: date | None = None) -> list[RoleInfo]:
    """Who holds ``role`` in ``unit_id`` (on ``on``; every holder ever if None), by name."""
    the_role = parse_role(role)
    rows = session.execute(select(PersonRole, Person.full_name).join(Person, Person.id == PersonRole.person_id)
                           .where(PersonRole.unit_id == unit_id, PersonRole.role == the_role.value)
                           .order_by(PersonRole.id)).all()
    found = [_role_info(r, n) for r, n in rows]
    return found if on is None else [r for r in found if r.held_on(on)]


def clerks_of(session: Session, unit_id: int, *, on: date) -> list[RoleInfo]:
    """The unit's văn thư on ``on``: who numbers, registers and seals its documents."""
    return holders(session, unit_id, Role.VAN_THU, on=on)
