"""Answers to the invitation (xác nhận tham dự): one row per invitee and meeting.

Revision ID: 0018_meeting_rsvps
Revises: 0017_meeting_invitation
Create Date: 2026-12-03

Shared store (PostgreSQL): whoever sees the meeting sees the answers (the attendance list and
the expected quorum read them). An invitee writes only their own answer, to a meeting they are
invited to; the meeting's chair, secretary and office write anyone's (an answer given by
telephone). Only the answer's own columns may be changed, never whose or which meeting's it is;
nobody deletes an answer (a changed mind is a new answer, audited).
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_meeting_rsvps"
down_revision = "0017_meeting_invitation"
branch_labels = None
depends_on = None

MAY_ANSWER = ("nghisu_can_manage_meeting(meeting_id) OR (person_id = nghisu_current_person() AND EXISTS "
              "(SELECT 1 FROM participants p WHERE p.meeting_id = meeting_rsvps.meeting_id "
              "AND p.person_id = meeting_rsvps.person_id))")
POLICIES = {"select": "USING (nghisu_can_see_meeting(meeting_id))", "insert": f"WITH CHECK ({MAY_ANSWER})",
            "update": f"USING ({MAY_ANSWER}) WITH CHECK ({MAY_ANSWER})"}
UPDATABLE = "answer, deputy_person_id, note, answered_at, answered_by_id"


def upgrade() -> None:
    op.create_table(
        "meeting_rsvps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("deputy_person_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("answer IN ('yes', 'no', 'deputy')", name=op.f("ck_meeting_rsvps_answer")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_rsvps_meeting_id_meetings"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_meeting_rsvps_person_id_persons"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["deputy_person_id"], ["persons.id"],
                                name=op.f("fk_meeting_rsvps_deputy_person_id_persons"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_rsvps")),
        sa.UniqueConstraint("meeting_id", "person_id", name="uq_meeting_rsvps_meeting_person"),
    )
    op.create_index(op.f("ix_meeting_rsvps_meeting_id"), "meeting_rsvps", ["meeting_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'
    op.execute("GRANT SELECT, INSERT ON meeting_rsvps TO nghisu_desktop")
    op.execute(f"GRANT UPDATE ({UPDATABLE}) ON meeting_rsvps TO nghisu_desktop")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop")
    op.execute('ALTER TABLE "meeting_rsvps" ENABLE ROW LEVEL SECURITY')
    for command, clause in POLICIES.items():
        op.execute(f'CREATE POLICY "meeting_rsvps_{command}" ON "meeting_rsvps" FOR {command.upper()} '
                   f"TO nghisu_desktop {clause}")


def downgrade() -> None:
    op.drop_table("meeting_rsvps")
