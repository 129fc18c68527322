"""A leader (lãnh đạo) counts for an outgoing document from the day the role starts.

Revision ID: 0029_leader_from_since
Revises: 0028_outgoing_reply_by
Create Date: 2026-12-04

``nghisu_is_unit_leader`` (0019), which makes a person a ``leader`` of an outgoing document (its
drafting or issuing unit's lãnh đạo: approve, add the fields, move the reply deadline), counted
a role until its ``until`` but ignored its ``since``: someone appointed from next month already
acted as the unit's leader today. Now it counts a role from ``since`` (inclusive) until the day
before ``until``, on the server's date in Vietnam, as the read rule (0027), the register office
and ``nghisu_unit_leader`` (0016) and the Python rule (``store.directory.records.RoleInfo.held_on``)
do. Owner, grants and SECURITY DEFINER stay; the downgrade restores 0019's text exactly.
"""

from store.migrations.functions import create_or_replace, earlier_text, edited, store_schema

revision = "0029_leader_from_since"
down_revision = "0028_outgoing_reply_by"
branch_labels = None
depends_on = None

#: Vietnam's date on the server's clock, the expression 0019's text already uses.
TODAY = "(timezone('utc', clock_timestamp())\n                       + interval '7 hours')::date"
LEADER = "nghisu_is_unit_leader(p_unit integer)"

OLD_LEADER = earlier_text("0019_outgoing_documents", LEADER)
NEW_LEADER = edited(OLD_LEADER, [(
    f"AND r.role = 'lanh_dao' AND (r.until IS NULL OR {TODAY} < r.until)) $$",
    f"AND r.role = 'lanh_dao' AND (r.since IS NULL OR r.since <= {TODAY})\n"
    f"                       AND (r.until IS NULL OR {TODAY} < r.until)) $$",
)], revision, LEADER)


def _replace(body: str) -> None:
    schema = store_schema()
    if schema is None:
        return  # embedded mode: no logins, the services decide (register.outgoing.drafts.leads_unit)
    create_or_replace(LEADER, body, schema)


def upgrade() -> None:
    _replace(NEW_LEADER)


def downgrade() -> None:
    _replace(OLD_LEADER)
