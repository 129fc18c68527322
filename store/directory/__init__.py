"""The directory: level schemes, units (administrative bodies and their agencies) and the
people who work in them, with their roles, and what each unit was called over time.

Reads take a SQLAlchemy session (``store.read()`` or ``uow.session``); changes take a unit
of work and write an audit row. Callers get frozen dataclasses, never ORM objects.
Reorganisations (merge, rename, move, dissolve) are in ``reorganisation``, which also hands
meetings and tasks over to successors.
"""

from store.directory.history import keep_history, names_over_time, unit_as_of, units_as_of
from store.directory.identifiers import clean_identifier
from store.directory.identity import (
    anyone_identified,
    bind_os_user,
    check_pin,
    identity_of,
    person_for_os_user,
    set_pin,
)
from store.directory.levels import current_scheme, get_scheme, level_of, level_table, list_schemes, use_scheme
from store.directory.people import (
    clerks_of,
    create_person,
    edit_person,
    end_role,
    find_person_by_email,
    get_person,
    grant_role,
    holders,
    list_persons,
    person_not_found,
    roles_of,
)
from store.directory.records import (
    KIND_VI,
    ROLE_VI,
    LevelInfo,
    PersonInfo,
    Role,
    RoleInfo,
    SchemeInfo,
    UnitInfo,
    UnitKind,
)
from store.directory.units import (
    body_of,
    create_unit,
    descendant_unit_ids,
    edit_unit,
    find_unit_by_code,
    get_unit,
    list_units,
    unit_not_found,
)

__all__ = [
    "KIND_VI", "ROLE_VI", "LevelInfo", "PersonInfo", "Role", "RoleInfo", "SchemeInfo", "UnitInfo", "UnitKind",
    "body_of", "clean_identifier", "clerks_of", "create_person", "create_unit", "current_scheme", "descendant_unit_ids",
    "edit_person", "edit_unit", "end_role", "find_person_by_email", "find_unit_by_code", "get_person", "get_scheme", "get_unit",
    "grant_role", "holders", "keep_history", "level_of", "level_table", "list_persons", "list_schemes", "list_units",
    "names_over_time", "person_not_found", "roles_of", "unit_as_of", "unit_not_found", "units_as_of", "use_scheme",
    "anyone_identified", "bind_os_user", "check_pin", "identity_of", "person_for_os_user", "set_pin",
]
