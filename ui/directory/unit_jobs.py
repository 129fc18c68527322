"""The units dialog's work, off the main thread (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.directory import create_unit, level_table, list_schemes, list_units

if TYPE_CHECKING:
    from store.directory import LevelInfo, UnitInfo
    from store.engine import Store


@dataclass(frozen=True)
class UnitMap:
    units: tuple[UnitInfo, ...]
    levels: dict[tuple[str, str], LevelInfo]  # every scheme's, to name each unit's level
    current: tuple[LevelInfo, ...]  # the store's current scheme: what a new unit may be


@dataclass(frozen=True)
class NewUnit:
    code: str
    name: str
    kind: str
    parent_id: int | None
    level: str | None
    official_name: str
    place_name: str
    abbreviation: str


def load_units(store: Store) -> UnitMap:
    with store.read() as s:
        schemes = list_schemes(s)
        current = next((sc.levels for sc in schemes if sc.current), ())
        return UnitMap(tuple(list_units(s)), level_table(s), current)


def add_unit(store: Store, actor_id: int | None, new: NewUnit) -> int:
    with store.uow(actor_id) as uow:
        unit = create_unit(uow, code=new.code, name=new.name, kind=new.kind, parent_id=new.parent_id,
                           level=new.level, official_name=new.official_name or None,
                           place_name=new.place_name or None, abbreviation=new.abbreviation or None)
        uow.commit()
    return unit.id
