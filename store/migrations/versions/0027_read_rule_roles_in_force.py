"""The read rule counts a person role only while it is in force, on the server's date in Vietnam.

Revision ID: 0027_read_rule_roles_in_force
Revises: 0026_read_rule_office_body
Create Date: 2026-12-04

``nghisu_in_unit`` (0014) and ``nghisu_my_units()`` (0020, 0024, 0026) counted every person role
a person had ever held, whatever its dates: someone transferred away, their role in the province
ended, kept reading the province's registers (incoming entries and their history, register
numbers, outgoing documents, their versions and dispatches) and could still insert a draft for
it. The Python rule (``store.directory.belonging``) counts a role on the days it is in force,
from ``since`` until the day before ``until``; now so does PostgreSQL, on its own clock's date in
Vietnam, as numbering and the register office already do (0014, 0016). A role that ends tomorrow
still counts today.

What this touches: everything that reads through the two functions, the registers only
(``incoming_documents`` and, through ``nghisu_can_see_incoming``, its co-handlers, events and
files; ``register_numbers`` and ``register_counters`` through ``nghisu_sees_series``;
``outgoing_documents`` and its versions, reviewers, comments, dispatches and files through
``nghisu_outgoing_visible``; the drafting unit an outgoing draft is inserted under). Meetings
and their papers read through participants and unit roles, which have no dates: unchanged.
What a person wrote stays theirs to read as the design says: an outgoing document they drafted,
sign or were asked to review is read through that part, not through a role. An incoming entry
is read by the unit's people only (0016): a handler whose role has ended no longer reads it,
and its văn thư or a leader gives it to someone else.

Own unit, the body above an office, agency or board, and unit roles are counted as before. Each
function keeps its language (``nghisu_in_unit`` SQL, ``nghisu_my_units()`` PL/pgSQL with the
person and the day looked up once per call, so its plans are kept as 0024 made them); owner,
grants and SECURITY DEFINER stay. The downgrade restores 0014's and 0026's texts exactly.
"""

from store.migrations.functions import create_or_replace, earlier_body, earlier_text, edited, store_schema

revision = "0027_read_rule_roles_in_force"
down_revision = "0026_read_rule_office_body"
branch_labels = None
depends_on = None

#: Vietnam's date on the server's clock, as numbering reads it (0014).
TODAY = "(timezone('utc', clock_timestamp()) + interval '7 hours')::date"
IN_UNIT = "nghisu_in_unit(p_unit integer)"
MY_UNITS = "nghisu_my_units()"

OLD_IN_UNIT = earlier_text("0014_register_numbers", IN_UNIT)
NEW_IN_UNIT = edited(OLD_IN_UNIT, [(
    "OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit)",
    "OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit\n"
    f"                       AND (r.since IS NULL OR r.since <= {TODAY})\n"
    f"                       AND (r.until IS NULL OR {TODAY} < r.until))",
)], revision, IN_UNIT)

OLD_MY_UNITS = earlier_body("0026_read_rule_office_body")
NEW_MY_UNITS = edited(OLD_MY_UNITS, [
    ("DECLARE v_me integer := nghisu_current_person();",
     f"DECLARE v_me integer := nghisu_current_person(); v_today date := {TODAY};"),
    ("UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = v_me\n",
     "UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = v_me\n"
     "                  AND (r.since IS NULL OR r.since <= v_today) AND (r.until IS NULL OR v_today < r.until)\n"),
], revision, MY_UNITS)


def _replace(bodies: dict[str, str]) -> None:
    schema = store_schema()
    if schema is None:
        return  # embedded mode has no logins, no read rule
    for head, body in bodies.items():
        create_or_replace(head, body, schema)


def upgrade() -> None:
    _replace({IN_UNIT: NEW_IN_UNIT, MY_UNITS: NEW_MY_UNITS})


def downgrade() -> None:
    _replace({IN_UNIT: OLD_IN_UNIT, MY_UNITS: OLD_MY_UNITS})
