"""Agenda positions are unique per level: two items can no longer share a place.

Revision ID: 0013_agenda_positions
Revises: 0012_signer_roll_call_guards
Create Date: 2026-12-03

Concurrent additions on PostgreSQL could give two items of one level the same position
(issue 11). The agenda code now takes the meeting's agenda lock, and these partial unique
indexes make a duplicate impossible whatever writes the rows:

- ``ux_agenda_items_top_position``: (meeting_id, position) of the top-level items;
- ``ux_agenda_items_sub_position``: (parent_id, position) of the sub-items.

Existing agendas are first renumbered 0..n-1 per level, in their current order (position,
then id), which is the order every screen already showed; duplicates left by the old race
keep that order.
"""

from alembic import op

revision = "0013_agenda_positions"
down_revision = "0012_signer_roll_call_guards"
branch_labels = None
depends_on = None

RENUMBER = """
UPDATE agenda_items SET position = (
    SELECT r.rn FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY meeting_id, parent_id ORDER BY position, id) - 1 AS rn
        FROM agenda_items
    ) AS r WHERE r.id = agenda_items.id
)
"""


def upgrade() -> None:
    op.execute(RENUMBER)
    op.execute("CREATE UNIQUE INDEX ux_agenda_items_top_position ON agenda_items (meeting_id, position) "
               "WHERE parent_id IS NULL")
    op.execute("CREATE UNIQUE INDEX ux_agenda_items_sub_position ON agenda_items (parent_id, position) "
               "WHERE parent_id IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ux_agenda_items_sub_position")
    op.execute("DROP INDEX IF EXISTS ux_agenda_items_top_position")
