"""Documents: versions, page text and its search index, deliveries and receipts, office policy.

Revision ID: 0002_documents
Revises: 0001_foundation
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_documents"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

# Search runs over `document_pages.folded`: the page text lower-cased with diacritics and
# đ/Đ folded by `documents.text.fold_for_search`, character for character, so a hit's
# offsets in the folded text are its offsets in the real text (for the snippet).
# SQLite: an FTS5 index over that column (external content; the tokenizer folds too, so a
# query typed with marks still matches). PostgreSQL: a GIN index over the 'simple'
# text-search vector of the same column, stored (see PG_FTS).
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE page_search USING fts5(
         folded, content='document_pages', content_rowid='id',
         tokenize = "unicode61 remove_diacritics 2")""",
    # documents.search joins each FTS5 hit to its page's version and document: this narrow
    # covering index (~20 bytes a page) answers that without reading the wide page rows
    # (text + folded, several KiB each), ~2x faster candidate scans at 100,000 pages.
    "CREATE INDEX ix_document_pages_search ON document_pages (id, version_id, document_id)",
]
PG_FTS = [
    # The page's words, stored (not an expression index): a search walking pages newest first
    # checks each row's vector, and an expression index made PostgreSQL re-parse the page text
    # (several KiB) for every such row: seconds at 100,000 pages. Stripped of positions: half
    # the size (≈1.5 KiB a page), so it stays in the row (MAIN) instead of TOAST, where fetching
    # it cost ~20 µs a row; documents.search checks phrases on the candidates' folded text.
    # One more word, '~N' for page ids N·1000 to N·1000+999 (no folded text yields '~'), lets
    # the GIN index itself pick a stretch of pages, so "the newest matches" need not visit
    # every match (documents.search_backends BUCKET_PAGES; keep the two in step).
    # Not mapped in the ORM (SQLite has no such column); read by name through text() SQL.
    "ALTER TABLE document_pages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple', folded)) || array_to_tsvector(ARRAY['~' || (id / 1000)::text])) STORED",
    "ALTER TABLE document_pages ALTER COLUMN search_vector SET STORAGE MAIN",
    # fastupdate off: no pending list that every search would have to scan until the next
    # vacuum; an import writes a few hundred pages at most, so direct inserts cost little.
    "CREATE INDEX ix_document_pages_fts ON document_pages USING gin (search_vector) WITH (fastupdate = off)",
    # documents.search keeps only candidate pages of current versions: found by this index.
    "CREATE INDEX ix_documents_current_version_id ON documents (current_version_id)",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON documents, document_versions, document_pages, deliveries, office_policy TO nghisu_desktop",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop",
]


def upgrade() -> None:
    op.create_table('office_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('allow_decrypted_storage', sa.Boolean(), nullable=False),
    sa.Column('max_upload_mb', sa.Integer(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_policy'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('doc_type', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('issuing_unit', sa.String(length=300), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('classification', sa.String(length=16), nullable=False),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.Column('current_version_no', sa.Integer(), nullable=False),
    sa.Column('recalled_at', sa.DateTime(), nullable=True),
    sa.Column('recalled_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_documents_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_documents_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_documents_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_agenda_item_id'), 'documents', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_documents_doc_type'), 'documents', ['doc_type'], unique=False)
    op.create_index(op.f('ix_documents_meeting_id'), 'documents', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_documents_unit_id'), 'documents', ['unit_id'], unique=False)
    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('blob_sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('was_encrypted', sa.Boolean(), nullable=False),
    sa.Column('repaired', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['blob_sha256'], ['blobs.sha256'], name=op.f('fk_document_versions_blob_sha256_blobs'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_versions_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_versions')),
    sa.UniqueConstraint('document_id', 'version_no', name='uq_document_versions_doc_no')
    )
    op.create_index(op.f('ix_document_versions_document_id'), 'document_versions', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_versions_meeting_id'), 'document_versions', ['meeting_id'], unique=False)
    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('site_unit_id', sa.Integer(), nullable=True),
    sa.Column('delivered_at', sa.DateTime(), nullable=False),
    sa.Column('first_opened_at', sa.DateTime(), nullable=True),
    sa.Column('last_read_at', sa.DateTime(), nullable=True),
    sa.Column('pages_read', sa.JSON(), nullable=False),
    sa.Column('changed_from_version_no', sa.Integer(), nullable=True),
    sa.Column('change_seen_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_deliveries_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_deliveries_person_id_persons'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_deliveries_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('version_id', 'person_id', name='uq_deliveries_version_person')
    )
    op.create_index(op.f('ix_deliveries_document_id'), 'deliveries', ['document_id'], unique=False)
    op.create_index(op.f('ix_deliveries_meeting_id'), 'deliveries', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_deliveries_person_id'), 'deliveries', ['person_id'], unique=False)
    op.create_index(op.f('ix_deliveries_version_id'), 'deliveries', ['version_id'], unique=False)
    op.create_table('document_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('page_no', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_pages_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_pages'))
    )
    op.create_index(op.f('ix_document_pages_document_id'), 'document_pages', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_pages_meeting_id'), 'document_pages', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_document_pages_version_id'), 'document_pages', ['version_id'], unique=False)
    op.bulk_insert(
        sa.table("office_policy", sa.column("id", sa.Integer), sa.column("allow_decrypted_storage", sa.Boolean),
                 sa.column("max_upload_mb", sa.Integer), sa.column("extra", sa.JSON)),
        [{"id": 1, "allow_decrypted_storage": False, "max_upload_mb": 200, "extra": {}}],
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for stmt in SQLITE_FTS:
            op.execute(stmt)
    elif bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        for stmt in PG_FTS:
            op.execute(stmt.format(schema=f'"{schema}"'))


def downgrade() -> None:
    raise NotImplementedError("restore a backup instead")
