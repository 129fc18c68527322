"""Units: creating, correcting and reading them.

Changes take a unit of work and write an audit row; reads take a session. A unit's place in
the map is checked against its scheme's data: which levels may stand at the top, which may
sit under which. Agencies, offices and boards sit under the body (or agency) they belong to
and share its level.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from store.clock import VN_TZ
from store.directory.identifiers import clean_identifier
from store.directory.levels import current_scheme, get_scheme, level_of
from store.directory.records import KIND_VI, UnitInfo, UnitKind
from store.errors import InvalidInput, NotFound
from store.locking import ensure_version, save_edit, stamp
from store.models import Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

#: What an office is abbreviated to in document symbols when nobody says otherwise (Decree 30: "BNV-VP").
OFFICE_ABBREVIATION = "VP"
#: Fields a correction may change (a renaming that history must remember is a reorganisation).
EDITABLE = ("code", "name", "official_name", "short_name", "place_name", "abbreviation", "identifier", "valid_from")


def unit_info(u: Unit) -> UnitInfo:
    return UnitInfo(u.id, u.code, u.name, u.level, u.parent_id, u.scheme, UnitKind(u.kind), u.official_name,
                    u.short_name, u.place_name, u.abbreviation, u.identifier, u.valid_from, u.valid_to,
                    u.successor_id, u.version)


def unit_not_found(unit_id: object) -> NotFound:
    return NotFound(f"Không có đơn vị số {unit_id}.", f"There is no unit {unit_id}.")


def today(uow: UnitOfWork) -> date:
    return uow.now().astimezone(VN_TZ).date()


def load_unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise unit_not_found(unit_id)
    return unit


def ended(unit: Unit, day: date) -> bool:
    return unit.valid_to is not None and unit.valid_to <= day


def parse_kind(kind: str | UnitKind) -> UnitKind:
    try:
        return UnitKind(kind)
    except ValueError:
        known = ", ".join(f"{k.value} ({KIND_VI[k]})" for k in UnitKind)
        raise InvalidInput(f"Loại đơn vị '{kind}' không hợp lệ; chọn: {known}.",
                           f"Unit kind '{kind}' is not valid; choose: {', '.join(k.value for k in UnitKind)}.") from None


def check_placement(session: Session, *, kind: UnitKind, scheme: str | None, level: str | None,
                    parent: Unit | None, day: date) -> tuple[str, str]:
    """The (scheme, level) a unit of ``kind`` gets under ``parent``, or a refusal saying why."""
    if parent is not None and ended(parent, day):
        raise InvalidInput(f"'{parent.name}' đã kết thúc hoạt động từ {parent.valid_to:%d/%m/%Y}; chọn đơn vị kế thừa.",
                           f"'{parent.name}' ended on {parent.valid_to:%d/%m/%Y}; choose its successor.")
    if kind != UnitKind.ADMINISTRATIVE:
        if parent is None:
            raise InvalidInput(f"Một {KIND_VI[kind]} phải thuộc một cơ quan; hãy chọn đơn vị cấp trên.",
                               f"An {kind.value} belongs to a body; choose its parent unit.")
        if level is not None and level != parent.level:
            raise InvalidInput(f"'{parent.name}' ở cấp {level_of(session, parent.scheme, parent.level).short}; "
                               "cơ quan trực thuộc ở cùng cấp với nó.",
                               f"'{parent.name}' is at level {parent.level}; the units that belong to it share it.")
        return parent.scheme, parent.level
    if parent is not None and parent.kind != UnitKind.ADMINISTRATIVE:
        raise InvalidInput(f"'{parent.name}' là {KIND_VI[UnitKind(parent.kind)]}, không thể có đơn vị hành chính trực thuộc.",
                           f"'{parent.name}' is an {parent.kind}; no administrative unit can sit under it.")
    if parent is not None and scheme is not None and scheme != parent.scheme:
        raise InvalidInput(f"'{parent.name}' thuộc hệ thống cấp {parent.scheme}, không phải {scheme}.",
                           f"'{parent.name}' is on scheme {parent.scheme}, not {scheme}.")
    the_scheme = get_scheme(session, parent.scheme) if parent is not None else (
        get_scheme(session, scheme) if scheme is not None else current_scheme(session))
    if level is None:
        raise InvalidInput("Đơn vị hành chính cần có cấp.", "An administrative unit needs a level.")
    wanted = level_of(session, the_scheme.code, level)
    if the_scheme.may_hold(parent.level if parent is not None else None, level):
        return the_scheme.code, level
    if parent is None:
        above = " hoặc ".join(f"cấp {the_scheme.level(p).short}" for p in wanted.parents if the_scheme.level(p))
        raise InvalidInput(f"Đơn vị cấp {wanted.short} phải thuộc một đơn vị {above}.",
                           f"A unit of level {level} must sit under a {' or '.join(wanted.parents)}.")
    parent_level = level_of(session, parent.scheme, parent.level)
    allowed = [lv for lv in the_scheme.levels if parent.level in lv.parents]
    allowed_vi = ", ".join(f"cấp {lv.short}" for lv in allowed) or "không có cấp nào"
    raise InvalidInput(
        f"Đơn vị cấp {wanted.short} không thể trực thuộc '{parent.name}' (cấp {parent_level.short}); "
        f"dưới cấp {parent_level.short} chỉ có: {allowed_vi}.",
        f"A unit of level {level} cannot sit under '{parent.name}' ({parent.level}); "
        f"under a {parent.level} only: {', '.join(lv.code for lv in allowed) or 'none'}.",
    )


def _check_unique(session: Session, *, code: str | None, name: str | None, parent_id: int | None,
                  identifier: str | None, day: date, except_id: int | None = None) -> None:
    if code is not None and session.execute(select(Unit.id).where(Unit.code == code, Unit.id != (except_id or 0))).first():
        raise InvalidInput(f"Mã đơn vị '{code}' đã được dùng.", f"Unit code '{code}' is already taken.")
    if identifier is not None and session.execute(
            select(Unit.id).where(Unit.identifier == identifier, Unit.id != (except_id or 0))).first():
        raise InvalidInput(f"Mã định danh {identifier} đã thuộc về đơn vị khác.",
                           f"Identifier {identifier} already belongs to another unit.")
    if name is not None:
        siblings = session.execute(select(Unit).where(
            Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id)).scalars()
        for other in siblings:
            if other.id != except_id and not ended(other, day) and other.name.casefold() == name.casefold():
                raise InvalidInput(f"Đã có đơn vị tên '{other.name}' ở cùng cấp trên (mã {other.code}).",
                                   f"A unit named '{other.name}' already exists under the same parent ({other.code}).")


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def create_unit(
    uow: UnitOfWork, *, code: str, name: str, level: str | None = None, parent_id: int | None = None,
    kind: str | UnitKind = UnitKind.ADMINISTRATIVE, scheme: str | None = None, official_name: str | None = None,
    short_name: str | None = None, place_name: str | None = None, abbreviation: str | None = None,
    identifier: str | None = None, valid_from: date | None = None,
) -> UnitInfo:
    """Add a unit where its scheme allows it (see ``check_placement``).

    An administrative body needs its official name (the name on its papers, "Ủy ban nhân
    dân tỉnh Quảng Trị") and its place name (địa danh, "Quảng Trị"); its abbreviation
    defaults to its level's (UBND). An agency, office or board defaults to its own name as
    official name and to its parent's place name; it needs an abbreviation (an office's
    defaults to VP).
    """
    s = uow.session
    day = today(uow)
    the_kind = parse_kind(kind)
    code, name = code.strip(), _text(name)
    if not code or not name:
        raise InvalidInput("Đơn vị cần có mã và tên.", "A unit needs a code and a name.")
    parent = load_unit(s, parent_id) if parent_id is not None else None
    the_scheme, the_level = check_placement(s, kind=the_kind, scheme=scheme, level=level, parent=parent, day=day)
    official, place, abbr = _text(official_name), _text(place_name), _text(abbreviation)
    if the_kind == UnitKind.ADMINISTRATIVE:
        if not official:
            raise InvalidInput(
                "Cơ quan hành chính cần có tên chính thức dùng trên văn bản (ví dụ: Ủy ban nhân dân tỉnh Quảng Trị).",
                "An administrative body needs the official name its papers carry (e.g. Ủy ban nhân dân tỉnh Quảng Trị).")
        if not place:
            raise InvalidInput("Cơ quan hành chính cần có địa danh dùng ở dòng ngày tháng (ví dụ: Quảng Trị).",
                               "An administrative body needs the place name its date lines carry (e.g. Quảng Trị).")
        abbr = abbr or level_of(s, the_scheme, the_level).default_abbreviation
    else:
        assert parent is not None
        official = official or name
        place = place or parent.place_name
        abbr = abbr or (OFFICE_ABBREVIATION if the_kind == UnitKind.OFFICE else "")
        if not abbr:
            raise InvalidInput(f"Cần có chữ viết tắt của '{name}' dùng trong số, ký hiệu văn bản (ví dụ: STC).",
                               f"'{name}' needs the abbreviation its document symbols use (e.g. STC).")
    the_identifier = clean_identifier(identifier)
    _check_unique(s, code=code, name=name, parent_id=parent_id, identifier=the_identifier, day=day)
    unit = Unit(code=code, name=name, level=the_level, parent_id=parent_id, scheme=the_scheme, kind=the_kind.value,
                official_name=official, short_name=_text(short_name) or official, place_name=place,
                abbreviation=abbr, identifier=the_identifier, valid_from=valid_from)
    stamp(unit, uow)
    s.add(unit)
    s.flush()
    info = unit_info(unit)
    uow.record("unit.create", "unit", unit.id, {k: v for k, v in info.as_json().items() if v is not None and k != "id"},
               unit_id=unit.id)
    return info


def edit_unit(uow: UnitOfWork, unit_id: int, *, expected_version: int | None = None, **changes: Any) -> UnitInfo:
    """Correct a unit's particulars (a typo, a new identifier). The correction holds for the
    past too; a renaming that old papers must not show is ``reorganisation.rename_unit``."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))} (dùng lệnh sắp xếp đơn vị để đổi cấp, "
                           "đơn vị cấp trên hay loại).",
                           f"Cannot edit: {', '.join(sorted(unknown))} (moves and re-levelling are reorganisations).")
    s = uow.session
    unit = load_unit(s, unit_id)
    ensure_version(s, unit, expected_version, f"Đơn vị '{unit.name}'", changes)
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "identifier":
            clean[field] = clean_identifier(value)
        elif field == "valid_from":
            clean[field] = value
        else:
            clean[field] = value.strip() if field == "code" else _text(value)
            if not clean[field]:
                raise InvalidInput(f"Trường '{field}' không được để trống.", f"'{field}' cannot be empty.")
    _check_unique(s, code=clean.get("code"), name=clean.get("name"), parent_id=unit.parent_id,
                  identifier=clean.get("identifier"), day=today(uow), except_id=unit.id)
    before = save_edit(uow, unit, clean, f"Đơn vị '{unit.name}'", changes)
    uow.record("unit.edit", "unit", unit.id, {"before": before, "after": clean}, unit_id=unit.id)
    return unit_info(unit)


def get_unit(session: Session, unit_id: int) -> UnitInfo:
    return unit_info(load_unit(session, unit_id))


def find_unit_by_code(session: Session, code: str) -> UnitInfo | None:
    unit = session.execute(select(Unit).where(Unit.code == code)).scalar_one_or_none()
    return unit_info(unit) if unit else None


def list_units(session: Session, *, on: date | None = None) -> list[UnitInfo]:
    """Every unit (or those in being on ``on``), in the order they were entered."""
    units = [unit_info(u) for u in session.execute(select(Unit).order_by(Unit.id)).scalars()]
    return units if on is None else [u for u in units if u.valid_on(on)]


def descendant_unit_ids(session: Session, unit_id: int) -> set[int]:
    """Every unit below ``unit_id``, at any depth (not the unit itself)."""
    found: set[int] = set()
    frontier = [unit_id]
    while frontier:
        children = session.execute(select(Unit.id).where(Unit.parent_id.in_(frontier))).scalars().all()
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def body_of(session: Session, unit_id: int) -> UnitInfo:
    """The administrative body a unit belongs to (itself, if it is one): the UBND above a
    Sở or a Văn phòng. Its abbreviation heads the document symbols the unit drafts."""
    unit = load_unit(session, unit_id)
    seen = {unit.id}
    while unit.kind != UnitKind.ADMINISTRATIVE and unit.parent_id is not None and unit.parent_id not in seen:
        unit = load_unit(session, unit.parent_id)
        seen.add(unit.id)
    return unit_info(unit)
