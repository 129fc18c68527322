"""Signing: trust store, office test CA, people's certificates, signing requests and slots,
stored verification reports.

Revision ID: 0003_signing
Revises: 0002_documents
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_signing"
down_revision = "0002_documents"
branch_labels = None
depends_on = None

TABLES = "trust_roots, office_test_ca, person_certificates, signing_requests, signing_slots, verification_reports"
PG_GRANTS = [
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {TABLES} TO nghisu_desktop",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop",
]


def upgrade() -> None:
    op.create_table('office_test_ca',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=1000), nullable=False),
    sa.Column('cert_pem', sa.Text(), nullable=False),
    sa.Column('key_pem', sa.Text(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_office_test_ca_unit_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_test_ca')),
    sa.UniqueConstraint('sha256', name=op.f('uq_office_test_ca_sha256'))
    )
    op.create_index(op.f('ix_office_test_ca_unit_id'), 'office_test_ca', ['unit_id'], unique=False)
    op.create_table('trust_roots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=1000), nullable=False),
    sa.Column('der', sa.LargeBinary(), nullable=False),
    sa.Column('not_after', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_trust_roots_unit_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trust_roots')),
    sa.UniqueConstraint('sha256', name=op.f('uq_trust_roots_sha256'))
    )
    op.create_index(op.f('ix_trust_roots_unit_id'), 'trust_roots', ['unit_id'], unique=False)
    op.create_table('person_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=1000), nullable=False),
    sa.Column('issuer', sa.String(length=1000), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('der', sa.LargeBinary(), nullable=False),
    sa.Column('not_before', sa.DateTime(), nullable=False),
    sa.Column('not_after', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_person_certificates_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_person_certificates_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_certificates')),
    sa.UniqueConstraint('sha256', name=op.f('uq_person_certificates_sha256'))
    )
    op.create_index(op.f('ix_person_certificates_person_id'), 'person_certificates', ['person_id'], unique=False)
    op.create_index(op.f('ix_person_certificates_unit_id'), 'person_certificates', ['unit_id'], unique=False)
    op.create_table('signing_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('certify_first', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=True),
    sa.Column('fields_version_no', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_signing_requests_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_signing_requests_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_signing_requests_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_requests'))
    )
    op.create_index(op.f('ix_signing_requests_document_id'), 'signing_requests', ['document_id'], unique=False)
    op.create_index(op.f('ix_signing_requests_meeting_id'), 'signing_requests', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_signing_requests_status'), 'signing_requests', ['status'], unique=False)
    op.create_index(op.f('ix_signing_requests_unit_id'), 'signing_requests', ['unit_id'], unique=False)
    op.create_table('signing_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('field_name', sa.String(length=120), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('version_no', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_signing_slots_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['signing_requests.id'], name=op.f('fk_signing_slots_request_id_signing_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_slots')),
    sa.UniqueConstraint('request_id', 'position', name='uq_signing_slots_request_position')
    )
    op.create_index(op.f('ix_signing_slots_meeting_id'), 'signing_slots', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_signing_slots_person_id'), 'signing_slots', ['person_id'], unique=False)
    op.create_index(op.f('ix_signing_slots_request_id'), 'signing_slots', ['request_id'], unique=False)
    op.create_table('verification_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=False),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_verification_reports_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_verification_reports_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verification_reports'))
    )
    op.create_index(op.f('ix_verification_reports_document_id'), 'verification_reports', ['document_id'], unique=False)
    op.create_index(op.f('ix_verification_reports_meeting_id'), 'verification_reports', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_verification_reports_unit_id'), 'verification_reports', ['unit_id'], unique=False)
    op.create_index(op.f('ix_verification_reports_version_id'), 'verification_reports', ['version_id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        for stmt in PG_GRANTS:
            op.execute(stmt.replace("{schema}", f'"{schema}"'))


def downgrade() -> None:
    raise NotImplementedError("restore a backup instead")
