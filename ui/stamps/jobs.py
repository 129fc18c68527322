"""The core calls the signature-and-seal screen makes, run on the task runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from signing.stamp_library import StampImage, StampKind

if TYPE_CHECKING:
    from store.engine import Store


@dataclass(frozen=True)
class StampOwners:
    """Who may have an image: people (signature) and units (seal), as (id, label)."""

    people: list[tuple[int, str]]
    units: list[tuple[int, str]]


def load_owners(store: Store) -> StampOwners:
    from store.directory import list_persons, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        units = list_units(s)
        names = {u.id: u.name for u in units}
        people = [(p.id, f"{p.full_name} — {p.position}, {names.get(p.unit_id, '')}".rstrip(", "))
                  for p in list_persons(s) if p.active]
    return StampOwners(people, [(u.id, u.name) for u in units])


def load_image(store: Store, kind: StampKind, owner_id: int) -> StampImage | None:
    from signing.stamp_library import get_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return get_stamp_image(s, kind, owner_id)


def set_image(store: Store, actor_id: int | None, kind: StampKind, owner_id: int, png: bytes,
              diameter_mm: float | None = None) -> StampImage:
    from signing.stamp_library import set_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(actor_id) as uow:
        image = set_stamp_image(uow, kind, owner_id, png, diameter_mm=diameter_mm)
        uow.commit()
    return image


def remove_image(store: Store, actor_id: int | None, kind: StampKind, owner_id: int) -> bool:
    from signing.stamp_library import remove_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(actor_id) as uow:
        removed = remove_stamp_image(uow, kind, owner_id)
        uow.commit()
    return removed
