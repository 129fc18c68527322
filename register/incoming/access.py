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

from store.directory.people import holders, load_person, roles_of
from store.directory.records import Role
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
    """Whose register a person works in: the unit they are văn thư of, else lead, else their own."""
    for wanted in (Role.VAN_THU, Role.LANH_DAO):
        for r in roles_of(session, person_id):
            if r.role is wanted and r.held_on(today):
                return r.unit_id
    return load_person(session, person_id).unit_id
