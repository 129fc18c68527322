"""The work behind editing and reorganising units from the window, off the main thread (no Qt
here): the same core calls as ``nghisu units edit|move|merge|dissolve``, each in one unit of
work under the acting person, so a refusal writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from meetings.handover import HandoverPreview, dissolve, handover_preview, merge
from store.directory import UnitKind, edit_unit
from store.directory.reorganisation import RENAMABLE, move_unit, rename_unit
from store.errors import InvalidInput

if TYPE_CHECKING:
    from store.directory import UnitInfo
    from store.directory.reorganisation import Handover
    from store.engine import Store
    from ui.directory.unit_jobs import UnitMap

#: What the edit form shows, in its order; the unit's own fields by the same names.
UNIT_FIELDS = ("code", "name", "official_name", "short_name", "place_name", "abbreviation", "identifier")


@dataclass(frozen=True)
class Decision:
    """A reorganisation's effective date and the decision behind it."""

    effective_on: date
    text: str


def changed_fields(unit: UnitInfo, typed: dict[str, str]) -> dict[str, str]:
    """The fields the person changed, compared with the unit as the screen showed it."""
    return {f: v for f, v in typed.items() if v.strip() != (getattr(unit, f) or "")}


def save_unit(store: Store, actor_id: int | None, unit: UnitInfo, typed: dict[str, str],
              decision: Decision | None) -> UnitInfo:
    """A correction (``edit_unit``: holds for the past too) or, with a decision, a renaming from
    its effective date (``rename_unit``: older papers keep the old names). Either is refused if
    someone saved the unit since the screen loaded it (``expected_version``)."""
    changes = changed_fields(unit, typed)
    if not changes:
        raise InvalidInput("Không có gì thay đổi; sửa ít nhất một ô.", "Nothing changed; edit at least one field.")
    with store.uow(actor_id) as uow:
        if decision is None:
            info = edit_unit(uow, unit.id, expected_version=unit.version, **changes)
        else:
            fixed = sorted(set(changes) - set(RENAMABLE))
            if fixed:
                raise InvalidInput("Mã và mã định danh là sửa thông tin, không đổi theo quyết định; bỏ chọn "
                                   "'Đổi tên theo quyết định' để sửa chúng.",
                                   "Code and identifier are corrections, not a renaming; untick the decision to "
                                   "change them.")
            info = rename_unit(uow, unit.id, effective_on=decision.effective_on, decision=decision.text,
                               expected_version=unit.version, **changes)
        uow.commit()
    return info


def move(store: Store, actor_id: int | None, unit: UnitInfo, parent_id: int | None, level: str | None,
         decision: Decision) -> UnitInfo:
    if parent_id is None:
        raise InvalidInput("Hãy chọn đơn vị cấp trên mới.", "Choose the new parent unit.")
    with store.uow(actor_id) as uow:
        info = move_unit(uow, unit.id, parent_id, effective_on=decision.effective_on, decision=decision.text,
                         level=level, expected_version=unit.version)
        uow.commit()
    return info


def rehearse(store: Store, actor_id: int | None, sources: Sequence[int], successor: int | None,
             decision: Decision, *, merging: bool) -> HandoverPreview:
    """What a merge (or dissolution) would hand over, for the confirmation: counted, then the
    change itself made in a unit of work that is never committed, so every refusal the real one
    would meet (a merge into itself, a unit already ended, no decision, nobody acting) is said
    before the person confirms. Nothing is written."""
    with store.uow(actor_id) as uow:
        counts = handover_preview(uow.session, sources, decision.effective_on)
        if merging:
            if successor is None:
                raise InvalidInput("Hãy chọn đơn vị kế thừa.", "Choose the unit that takes over.")
            merge(uow, sources, successor, effective_on=decision.effective_on, decision=decision.text)
        else:
            dissolve(uow, sources[0], effective_on=decision.effective_on, decision=decision.text,
                     successor_id=successor)
    return counts


def merge_units(store: Store, actor_id: int | None, sources: Sequence[int], into: int | None,
                decision: Decision) -> Handover:
    if into is None:
        raise InvalidInput("Hãy chọn đơn vị kế thừa.", "Choose the unit that takes over.")
    with store.uow(actor_id) as uow:
        handover = merge(uow, sources, into, effective_on=decision.effective_on, decision=decision.text)
        uow.commit()
    return handover


def dissolve_unit(store: Store, actor_id: int | None, unit_id: int, successor: int | None,
                  decision: Decision) -> Handover:
    with store.uow(actor_id) as uow:
        handover = dissolve(uow, unit_id, effective_on=decision.effective_on, decision=decision.text,
                            successor_id=successor)
        uow.commit()
    return handover


def _below(unit_map: UnitMap, unit_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for u in unit_map.units:
        children.setdefault(u.parent_id, []).append(u.id)
    found: set[int] = set()
    frontier = [unit_id]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, []) if c not in found]
        found.update(frontier)
    return found


def allowed_parents(unit_map: UnitMap, unit: UnitInfo, level: str | None) -> list[UnitInfo]:
    """The units ``unit`` may be moved under (at ``level``, or its own): in being, not itself or
    beneath it; for an administrative unit, an administrative one whose level the scheme lets
    hold it; for an agency, office or board, one at its level (the core's ``check_placement``
    decides again when the move is made)."""
    below = _below(unit_map, unit.id)
    wanted = level or unit.level
    found = []
    for p in unit_map.units:
        if p.valid_to is not None or p.id == unit.id or p.id in below:
            continue
        if p.id == unit.parent_id and wanted == unit.level:
            continue  # already there
        if unit.kind == UnitKind.ADMINISTRATIVE:
            lv = unit_map.levels.get((p.scheme, wanted))
            if p.kind != UnitKind.ADMINISTRATIVE or lv is None or p.level not in lv.parents:
                continue
        elif p.level != wanted:
            continue  # an agency, office or board shares its parent's level
        found.append(p)
    return found


def living_others(unit_map: UnitMap, unit: UnitInfo, *, same_kind: bool) -> list[UnitInfo]:
    """Units in being other than ``unit`` (of its kind, for a merge): who may take over from it."""
    return [u for u in unit_map.units
            if u.valid_to is None and u.id != unit.id and (not same_kind or u.kind == unit.kind)]
