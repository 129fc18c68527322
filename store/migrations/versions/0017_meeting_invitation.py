"""What a meeting's invitation says beyond the meeting: what to bring, whom to contact, a note.

Revision ID: 0017_meeting_invitation
Revises: 0016_incoming_register
Create Date: 2026-12-03

Three columns on ``meetings`` (empty by default), edited with the meeting by those who may
edit it: the row-level security of ``meetings`` covers them as it covers the title.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_meeting_invitation"
down_revision = "0016_incoming_register"
branch_labels = None
depends_on = None

COLUMNS = (("invite_bring", 500), ("invite_contact", 300), ("invite_note", 1000))


def upgrade() -> None:
    for name, size in COLUMNS:
        op.add_column("meetings", sa.Column(name, sa.String(size), nullable=False, server_default=""))


def downgrade() -> None:
    for name, _size in reversed(COLUMNS):
        op.drop_column("meetings", name)
