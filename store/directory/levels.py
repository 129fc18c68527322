"""Level schemes: the levels of each map, their names, and which level may sit under which.

The schemes are data in the store (seeded by migration 0007); nothing here knows what a
province or a commune is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from store.directory.records import LevelInfo, SchemeInfo
from store.errors import InvalidInput
from store.models import LevelParent, LevelScheme, Unit, UnitLevel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork


def list_schemes(session: Session) -> list[SchemeInfo]:
    """Every scheme in the store, the current one first."""
    parents: dict[tuple[str, str], list[str]] = {}
    for row in session.execute(select(LevelParent)).scalars():
        parents.setdefault((row.scheme, row.child_level), []).append(row.parent_level)
    levels: dict[str, list[LevelInfo]] = {}
    for lv in session.execute(select(UnitLevel).order_by(UnitLevel.scheme, UnitLevel.rank)).scalars():
        levels.setdefault(lv.scheme, []).append(LevelInfo(
            lv.scheme, lv.code, lv.rank, lv.name, lv.short, lv.name_en, lv.short_en, lv.may_be_root,
            lv.default_abbreviation, tuple(sorted(parents.get((lv.scheme, lv.code), ())))))
    schemes = [SchemeInfo(s.code, s.name, s.valid_from, s.valid_to, s.current, tuple(levels.get(s.code, ())))
               for s in session.execute(select(LevelScheme)).scalars()]
    return sorted(schemes, key=lambda s: (not s.current, s.code))


def level_table(session: Session) -> dict[tuple[str, str], LevelInfo]:
    """Every level of every scheme by (scheme, code): how screens and papers name a unit's level."""
    return {(lv.scheme, lv.code): lv for scheme in list_schemes(session) for lv in scheme.levels}


def unknown_scheme(code: str, known: list[SchemeInfo]) -> InvalidInput:
    names = ", ".join(s.code for s in known)
    return InvalidInput(f"Không có hệ thống cấp hành chính '{code}'; chọn một trong: {names}.",
                        f"There is no level scheme '{code}'; choose one of: {names}.")


def get_scheme(session: Session, code: str) -> SchemeInfo:
    schemes = list_schemes(session)
    found = next((s for s in schemes if s.code == code), None)
    if found is None:
        raise unknown_scheme(code, schemes)
    return found


def current_scheme(session: Session) -> SchemeInfo:
    schemes = list_schemes(session)
    if not schemes or not schemes[0].current:
        raise InvalidInput("Kho dữ liệu chưa chọn hệ thống cấp hành chính.", "The store has no current level scheme.")
    return schemes[0]


def level_of(session: Session, scheme: str, code: str) -> LevelInfo:
    """The level ``code`` of ``scheme``; an unknown one is refused naming the known ones."""
    found = get_scheme(session, scheme)
    level = found.level(code)
    if level is None:
        known_vi = ", ".join(f"{lv.code} ({lv.short})" for lv in found.levels)
        known_en = ", ".join(lv.code for lv in found.levels)
        raise InvalidInput(f"Cấp '{code}' không có trong hệ thống {found.code}; chọn một trong: {known_vi}.",
                           f"Level '{code}' is not in scheme {found.code}; choose one of: {known_en}.")
    return level


def use_scheme(uow: UnitOfWork, code: str) -> SchemeInfo:
    """Choose the scheme a store starts on. Only while it holds no unit: a store that has
    units moves its units onto another scheme by reorganisation (``reorganisation.move_unit``, ``merge_units``, ``dissolve_unit``), which keeps history."""
    s = uow.session
    target = get_scheme(s, code)
    if target.current:
        return target
    if s.execute(select(Unit.id).limit(1)).first():
        raise InvalidInput(
            "Kho đã có đơn vị; chuyển từng đơn vị sang hệ thống cấp mới bằng quyết định sắp xếp (nghisu units move/merge/dissolve; lịch sử được giữ).",
            "The store already has units; move them onto another scheme by reorganisation (nghisu units move/merge/dissolve; history is kept).",
        )
    set_current_scheme(s, code)
    uow.record("scheme.use", "scheme", code, {"scheme": code})
    return get_scheme(s, code)


def set_current_scheme(session: Session, code: str) -> None:
    for row in session.execute(select(LevelScheme)).scalars():
        row.current = row.code == code
    session.flush()
