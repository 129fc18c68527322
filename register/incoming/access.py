"""Who may do what in a unit's incoming register, checked by the services on both backends
(PostgreSQL checks the same again with its own rules, migration 0014).

- The **register office** of a unit is its văn thư (person role ``van_thu`` in force), as for
  numbering (``register.numbering``): it registers documents and corrects the registration.
- Its **leaders** (person role ``lanh_dao``) and the office assign handlers and deadlines.
- The **main handler** records progress and closes; co-handlers record progress.

No actor (an embedded store opened without naming a person) is trusted, as the folder is.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from store.directory.people import clerks_of, holders, load_person, roles_of
from store.directory.records import Role, UnitKind
from store.directory.units import load_unit
from store.errors import PermissionDenied

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _holds(session: Session, person_id: int, unit_id: int, role: Role, today: date) -> bool:
    return any(r.person_id == person_id for r in holders(session, unit_id, role, on=today))


def is_register_office(session: Session, person_id: int | None, unit_id: int, today: date) -> bool:
    return person_id is None or _holds(session, person_id, unit_id, Role.VAN_THU, today)


def is_leader(session: Session, person_id: int | None, unit_id: int, today: date) -> bool:
    return person_id is None or _holds(session, person_id, unit_id, Role.LANH_DAO, today)


def require_office(session: Session, person_id: int | None, unit_id: int, today: date, unit_name: str) -> None:
    if not is_register_office(session, person_id, unit_id, today):
        raise PermissionDenied(
            f"Chỉ văn thư của {unit_name} được vào sổ văn bản đến của đơn vị; "
            "hãy nhờ văn thư làm việc này.",
            f"Only the clerk (văn thư) of {unit_name} registers its incoming documents; "
            "ask the clerk to do it.")


def require_assigner(session: Session, person_id: int | None, unit_id: int, today: date, unit_name: str) -> None:
    if not (is_register_office(session, person_id, unit_id, today) or is_leader(session, person_id, unit_id, today)):
        raise PermissionDenied(
            f"Chỉ lãnh đạo hoặc văn thư của {unit_name} được giao xử lý văn bản đến.",
            f"Only a leader or the clerk (văn thư) of {unit_name} assigns incoming documents.")


def register_unit_of(session: Session, person_id: int, today: date) -> int:
    """Whose register a person opens by default (the CLI without --unit, the "Văn bản" area):

    1. the register they keep: a unit they are văn thư of today;
    2. else the register of a unit they lead today, if it keeps one (has a văn thư today);
    3. else their own unit's, unless their unit is an office or agency of a body (the Văn phòng
       UBND tỉnh, a Sở) that keeps no register of its own: then the body's, where the papers
       given to them to handle are.

    Among several units of 1 or 2, the body their own unit belongs to comes first: the Văn
    phòng's chuyên viên who is also the UBND's văn thư opens the UBND's register, the one the
    province's papers arrive in, not the Văn phòng's own."""
    own = load_unit(session, load_person(session, person_id).unit_id)
    body = own.parent_id if own.kind != UnitKind.ADMINISTRATIVE and own.parent_id is not None else None
    roles = [r for r in roles_of(session, person_id) if r.held_on(today)]

    def keeps_register(unit_id: int) -> bool:
        return bool(clerks_of(session, unit_id, on=today))

    for units in ([r.unit_id for r in roles if r.role is Role.VAN_THU],
                  [r.unit_id for r in roles if r.role is Role.LANH_DAO and keeps_register(r.unit_id)]):
        if units:
            return body if body in units else units[0]
    return body if body is not None and not keeps_register(own.id) else own.id


def registers_kept(session: Session, person_id: int, today: date) -> list[int]:
    """The registers a person may choose between in the "Văn bản" area: the one they open by
    default (``register_unit_of``) first, then every other unit they are văn thư of today, by
    name (the UBND's văn thư who also keeps its Văn phòng's or an advisory board's register)."""
    default = register_unit_of(session, person_id, today)
    kept = {r.unit_id for r in roles_of(session, person_id) if r.role is Role.VAN_THU and r.held_on(today)}
    others = sorted(kept - {default}, key=lambda unit_id: (load_unit(session, unit_id).name, unit_id))
    return [default, *others]
