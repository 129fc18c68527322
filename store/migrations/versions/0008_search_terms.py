"""Search terms: words as typed with marks and document numbers, indexed beside the folded words.

Revision ID: 0008_search_terms
Revises: 0007_directory_map
Create Date: 2026-12-03

``document_pages.terms`` holds each page's distinct marked words and document numbers
(``documents.search.terms``: «đất» → ``đâts``, «1234/QĐ-UBND» → ``1234/qd-ubnd``), so that a
query typed with marks ranks pages written that way first and a document number is one
selective term instead of three common words. Existing pages get theirs here.

- PostgreSQL: the stored ``search_vector`` becomes the folded words plus these terms plus the
  page-id bucket (its GIN index is built again). The old column and index are dropped before
  the terms are written, so filling them does not re-parse every page twice.
- SQLite: ``page_search`` gets a second column ``terms``; its tokenizer no longer removes
  marks (the folded column has none, the terms keep theirs) and keeps ``/`` and ``-`` inside
  a token. The pages indexed before are indexed again, nothing more.

Time: the terms of every page are computed in Python (about a millisecond a page), so a
store of a million pages takes some minutes to upgrade, once.
"""

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0008_search_terms"
down_revision = "0007_directory_map"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE page_search USING fts5(
         folded, terms, content='document_pages', content_rowid='id',
         tokenize = "unicode61 remove_diacritics 0 tokenchars '/-'")""",
]
PG_FTS = [
    # The folded words (parsed as before), this page's terms taken as they are (no parser: a
    # document number keeps its / and -), and the page-id bucket '~N' (documents.search.backends
    # BUCKET_PAGES). Stripped, stored in the row: see migration 0002.
    "ALTER TABLE document_pages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple', folded)) || array_to_tsvector(string_to_array(terms, ' ')) "
    "|| array_to_tsvector(ARRAY['~' || (id / 1000)::text])) STORED",
    "ALTER TABLE document_pages ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX ix_document_pages_fts ON document_pages USING gin (search_vector) WITH (fastupdate = off)",
]
BATCH = 2000


def _fill_terms(bind) -> None:
    # A data migration: the terms are computed by the application's own function (loaded by
    # name: the store layer does not import documents/ at import time).
    page_terms = importlib.import_module("documents.search.terms").page_terms
    postgres = bind.dialect.name == "postgresql"
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, text FROM document_pages WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            return
        last = rows[-1][0]
        found = [(i, t) for i, text in rows if text and (t := page_terms(text))]
        if not found:
            continue
        if postgres:  # one statement a batch
            bind.execute(sa.text("UPDATE document_pages p SET terms = u.t FROM unnest(CAST(:ids AS integer[]), "
                                 "CAST(:ts AS text[])) AS u(i, t) WHERE p.id = u.i"),
                         {"ids": [i for i, _ in found], "ts": [t for _, t in found]})
        else:
            bind.execute(sa.text("UPDATE document_pages SET terms = :t WHERE id = :i"),
                         [{"i": i, "t": t} for i, t in found])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_document_pages_fts")
        op.execute("ALTER TABLE document_pages DROP COLUMN IF EXISTS search_vector")
    op.add_column("document_pages", sa.Column("terms", sa.Text(), nullable=False, server_default=""))
    _fill_terms(bind)
    if bind.dialect.name == "postgresql":
        for stmt in PG_FTS:
            op.execute(stmt)
        op.execute("ANALYZE document_pages")
    elif bind.dialect.name == "sqlite":
        # The pages the old index held (current versions, not recalled, not classified), again.
        op.execute("CREATE TEMP TABLE indexed_pages AS SELECT id FROM page_search_docsize")
        op.execute("DROP TABLE page_search")
        for stmt in SQLITE_FTS:
            op.execute(stmt)
        op.execute("INSERT INTO page_search(rowid, folded, terms) SELECT id, folded, terms FROM document_pages "
                   "WHERE id IN (SELECT id FROM indexed_pages)")
        op.execute("INSERT INTO page_search(page_search) VALUES ('optimize')")
        op.execute("DROP TABLE indexed_pages")


def downgrade() -> None:
    """Back to 0007: the terms go; the vector and the FTS5 table are as migration 0002 made them."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_document_pages_fts")
        op.execute("ALTER TABLE document_pages DROP COLUMN IF EXISTS search_vector")
        op.drop_column("document_pages", "terms")
        op.execute("ALTER TABLE document_pages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
                   "(strip(to_tsvector('simple', folded)) || array_to_tsvector(ARRAY['~' || (id / 1000)::text])) STORED")
        op.execute("ALTER TABLE document_pages ALTER COLUMN search_vector SET STORAGE MAIN")
        op.execute("CREATE INDEX ix_document_pages_fts ON document_pages USING gin (search_vector) WITH (fastupdate = off)")
    elif bind.dialect.name == "sqlite":
        op.execute("CREATE TEMP TABLE indexed_pages AS SELECT id FROM page_search_docsize")
        op.execute("DROP TABLE page_search")
        op.drop_column("document_pages", "terms")
        op.execute("""CREATE VIRTUAL TABLE page_search USING fts5(
             folded, content='document_pages', content_rowid='id',
             tokenize = "unicode61 remove_diacritics 2")""")
        op.execute("INSERT INTO page_search(rowid, folded) SELECT id, folded FROM document_pages "
                   "WHERE id IN (SELECT id FROM indexed_pages)")
        op.execute("DROP TABLE indexed_pages")
