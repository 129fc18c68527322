"""Live meetings: attendance, speakers, votes (secret ballots apart from voters), written
opinions, minutes, conclusions and tasks, the presenter's position; private notes.

Revision ID: 0004_live
Revises: 0002_documents
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_live"
down_revision = "0002_documents"
branch_labels = None
depends_on = None

TABLES = ("live_settings, attendance, speaker_requests, votes, vote_site_counts, roll_call_votes, secret_voters, "
          "secret_ballots, opinion_polls, opinion_members, minutes, conclusions, conclusion_tasks, "
          "presenter_positions, private_notes")
PG_GRANTS = [
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {TABLES} TO nghisu_desktop",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop",
]


def upgrade() -> None:
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('site_unit_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('deputy_person_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['deputy_person_id'], ['persons.id'], name=op.f('fk_attendance_deputy_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_attendance_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['site_unit_id'], ['units.id'], name=op.f('fk_attendance_site_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name='uq_attendance_meeting_person')
    )
    op.create_index(op.f('ix_attendance_meeting_id'), 'attendance', ['meeting_id'], unique=False)
    op.create_table('live_settings',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('quorum_rule', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_live_settings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_live_settings'))
    )
    op.create_table('minutes',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_minutes_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_minutes'))
    )
    op.create_table('opinion_polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_opinion_polls_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_opinion_polls_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_polls'))
    )
    op.create_index(op.f('ix_opinion_polls_meeting_id'), 'opinion_polls', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_opinion_polls_unit_id'), 'opinion_polls', ['unit_id'], unique=False)
    op.create_table('presenter_positions',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_presenter_positions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_presenter_positions'))
    )
    op.create_table('conclusions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_conclusions_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_conclusions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conclusions'))
    )
    op.create_index(op.f('ix_conclusions_item_id'), 'conclusions', ['item_id'], unique=False)
    op.create_index(op.f('ix_conclusions_meeting_id'), 'conclusions', ['meeting_id'], unique=False)
    op.create_table('opinion_members',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=200), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('responded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_opinion_members_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['poll_id'], ['opinion_polls.id'], name=op.f('fk_opinion_members_poll_id_opinion_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'person_id', name=op.f('pk_opinion_members'))
    )
    op.create_index(op.f('ix_opinion_members_unit_id'), 'opinion_members', ['unit_id'], unique=False)
    op.create_table('speaker_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('allotted_seconds', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_speaker_requests_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_speaker_requests_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_speaker_requests_person_id_persons'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_requests'))
    )
    op.create_index(op.f('ix_speaker_requests_item_id'), 'speaker_requests', ['item_id'], unique=False)
    op.create_index(op.f('ix_speaker_requests_meeting_id'), 'speaker_requests', ['meeting_id'], unique=False)
    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_votes_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_votes_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes'))
    )
    op.create_index(op.f('ix_votes_item_id'), 'votes', ['item_id'], unique=False)
    op.create_index(op.f('ix_votes_meeting_id'), 'votes', ['meeting_id'], unique=False)
    op.create_table('conclusion_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('conclusion_id', sa.Integer(), nullable=True),
    sa.Column('owner_unit_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['conclusion_id'], ['conclusions.id'], name=op.f('fk_conclusion_tasks_conclusion_id_conclusions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_conclusion_tasks_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['units.id'], name=op.f('fk_conclusion_tasks_owner_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conclusion_tasks'))
    )
    op.create_index(op.f('ix_conclusion_tasks_meeting_id'), 'conclusion_tasks', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_conclusion_tasks_owner_unit_id'), 'conclusion_tasks', ['owner_unit_id'], unique=False)
    op.create_table('roll_call_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=200), nullable=False),
    sa.Column('cast_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_roll_call_votes_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_roll_call_votes_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roll_call_votes')),
    sa.UniqueConstraint('vote_id', 'person_id', name='uq_roll_call_votes_vote_person')
    )
    op.create_index(op.f('ix_roll_call_votes_meeting_id'), 'roll_call_votes', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_roll_call_votes_vote_id'), 'roll_call_votes', ['vote_id'], unique=False)
    op.create_table('secret_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=200), nullable=False),
    sa.Column('receipt_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_secret_ballots_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_secret_ballots')),
    sqlite_with_rowid=False,
    )
    op.create_index(op.f('ix_secret_ballots_meeting_id'), 'secret_ballots', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_secret_ballots_vote_id'), 'secret_ballots', ['vote_id'], unique=False)
    op.create_table('secret_voters',
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_secret_voters_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_secret_voters_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('vote_id', 'person_id', name=op.f('pk_secret_voters'))
    )
    op.create_index(op.f('ix_secret_voters_meeting_id'), 'secret_voters', ['meeting_id'], unique=False)
    op.create_table('vote_site_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('site_unit_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['site_unit_id'], ['units.id'], name=op.f('fk_vote_site_counts_site_unit_id_units'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_vote_site_counts_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_site_counts')),
    sa.UniqueConstraint('vote_id', 'site_unit_id', 'option', name='uq_vote_site_counts_vote_site_option')
    )
    op.create_index(op.f('ix_vote_site_counts_meeting_id'), 'vote_site_counts', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_vote_site_counts_vote_id'), 'vote_site_counts', ['vote_id'], unique=False)
    op.create_table('private_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_private_notes_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_private_notes_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_private_notes_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_private_notes')),
    sa.UniqueConstraint('client_id', name=op.f('uq_private_notes_client_id'))
    )
    op.create_index(op.f('ix_private_notes_document_id'), 'private_notes', ['document_id'], unique=False)
    op.create_index(op.f('ix_private_notes_meeting_id'), 'private_notes', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_private_notes_person_id'), 'private_notes', ['person_id'], unique=False)
    op.create_index(op.f('ix_private_notes_version_id'), 'private_notes', ['version_id'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        for stmt in PG_GRANTS:
            op.execute(stmt.replace("{schema}", f'"{schema}"'))


def downgrade() -> None:
    raise NotImplementedError("restore a backup instead")
