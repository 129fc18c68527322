"""The people dialog's work, off the main thread (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.directory import create_person, grant_role, list_persons, list_units, roles_of

if TYPE_CHECKING:
    from store.directory import PersonInfo, RoleInfo, UnitInfo
    from store.engine import Store


@dataclass(frozen=True)
class Directory:
    people: tuple[PersonInfo, ...]
    units: tuple[UnitInfo, ...]
    roles: dict[int, tuple[RoleInfo, ...]]


def load_directory(store: Store) -> Directory:
    with store.read() as s:
        people = tuple(list_persons(s))
        return Directory(people, tuple(list_units(s)), {p.id: tuple(roles_of(s, p.id)) for p in people})


def add_person(store: Store, actor_id: int | None, full_name: str, position: str, unit_id: int, email: str) -> int:
    with store.uow(actor_id) as uow:
        person = create_person(uow, full_name=full_name, position=position, unit_id=unit_id, email=email or None)
        uow.commit()
    return person.id


def give_role(store: Store, actor_id: int | None, person_id: int, unit_id: int, role: str) -> None:
    with store.uow(actor_id) as uow:
        grant_role(uow, person_id, unit_id, role)
        uow.commit()
