"""The people dialog's work, off the main thread (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from store.clock import VN_TZ
from store.directory import (
    create_person,
    edit_person,
    end_role,
    grant_role,
    list_persons,
    list_units,
    roles_of,
)
from store.errors import InvalidInput

if TYPE_CHECKING:
    from store.directory import PersonInfo, Role, RoleInfo, UnitInfo
    from store.engine import Store


@dataclass(frozen=True)
class Directory:
    people: tuple[PersonInfo, ...]
    units: tuple[UnitInfo, ...]
    roles: dict[int, tuple[RoleInfo, ...]]
    today: date | None = None  # on the store's clock: which roles are still held


def store_today(store: Store) -> date:
    """Today on the store's clock, in Vietnam: what the core counts as today, and where a date
    field starts."""
    return store.clock.now().astimezone(VN_TZ).date()


def load_directory(store: Store) -> Directory:
    with store.read() as s:
        people = tuple(list_persons(s))
        return Directory(people, tuple(list_units(s)), {p.id: tuple(roles_of(s, p.id)) for p in people},
                         store_today(store))


def add_person(store: Store, actor_id: int | None, full_name: str, position: str, unit_id: int, email: str) -> int:
    with store.uow(actor_id) as uow:
        person = create_person(uow, full_name=full_name, position=position, unit_id=unit_id, email=email or None)
        uow.commit()
    return person.id


def give_role(store: Store, actor_id: int | None, person_id: int, unit_id: int, role: str) -> None:
    with store.uow(actor_id) as uow:
        grant_role(uow, person_id, unit_id, role)
        uow.commit()


def save_person(store: Store, actor_id: int | None, person: PersonInfo, typed: dict[str, Any]) -> PersonInfo:
    """``edit_person`` with what the person changed on the form, refused if someone saved the
    person since the form loaded them (``expected_version``)."""
    changes = {f: v for f, v in typed.items() if v != (getattr(person, f) if f != "email" else person.email or "")}
    if not changes:
        raise InvalidInput("Không có gì thay đổi; sửa ít nhất một ô.", "Nothing changed; edit at least one field.")
    with store.uow(actor_id) as uow:
        info = edit_person(uow, person.id, expected_version=person.version, **changes)
        uow.commit()
    return info


def load_roles(store: Store, person_id: int) -> tuple[RoleInfo, ...]:
    with store.read() as s:
        return tuple(roles_of(s, person_id))


def finish_role(store: Store, actor_id: int | None, role: RoleInfo, on: date) -> RoleInfo:
    """End ``role`` from ``on``; the record of having held it stays."""
    the_role: Role = role.role
    with store.uow(actor_id) as uow:
        info = end_role(uow, role.person_id, role.unit_id, the_role, on=on)
        uow.commit()
    return info
