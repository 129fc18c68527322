"""Keeping the SQLite full-text index in step with the page rows.

SQLite: an FTS5 external-content table ``page_search`` over ``document_pages.folded`` and
``document_pages.terms`` (migration 0008). External content is not kept in step automatically: pages enter the index
through ``index_version`` and leave it through ``unindex_document``. Rows of
``page_search_docsize`` (FTS5's per-row shadow table) say which pages are indexed, which makes
both calls idempotent: FTS5 corrupts its index if a row is added twice or removed without
having been added.

PostgreSQL needs none of this: ``document_pages.search_vector`` is a stored generated column
with a GIN index, kept by the database itself. Every call here returns 0 there.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.uow import UnitOfWork

log = logging.getLogger(__name__)


def index_version(uow: UnitOfWork, version_id: int) -> int:
    """Add a version's pages to the search index (SQLite); returns how many pages were added.

    Call it in the same unit of work that inserted the pages. Pages already indexed are
    skipped, so calling it twice is harmless. PostgreSQL indexes rows itself: returns 0.
    """
    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if uow.dialect != "sqlite":
        return 0
    uow.session.flush()
    result = uow.session.execute(text(
        "INSERT INTO page_search(rowid, folded, terms) SELECT id, folded, terms FROM document_pages "
        "WHERE version_id = :v AND id NOT IN (SELECT id FROM page_search_docsize)"), {"v": version_id})
    return max(result.rowcount or 0, 0)


def unindex_document(uow: UnitOfWork, document_id: int) -> int:
    """Remove every page of every version of a document from the index (SQLite).

    For recalled classified papers: their words must no longer be findable. FTS5 external
    content needs the old values to delete a row, so this must run while the pages still
    exist (before deleting them). PostgreSQL: nothing to do. The page rows stay (they are
    the record of what was circulated); ``search`` leaves out recalled documents on both
    backends, so the rows never surface in results.
    """
    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if uow.dialect != "sqlite":
        return 0
    uow.session.flush()
    result = uow.session.execute(text(
        "INSERT INTO page_search(page_search, rowid, folded, terms) SELECT 'delete', id, folded, terms "
        "FROM document_pages WHERE document_id = :d AND id IN (SELECT id FROM page_search_docsize)"),
        {"d": document_id})
    return max(result.rowcount or 0, 0)


def rebuild_index(uow: UnitOfWork) -> int:
    """Repair: empty the SQLite index and re-add the current pages of documents not recalled."""
    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if uow.dialect != "sqlite":
        return 0
    s = uow.session
    s.flush()
    s.execute(text("INSERT INTO page_search(page_search) VALUES ('delete-all')"))
    result = s.execute(text(
        "INSERT INTO page_search(rowid, folded, terms) SELECT p.id, p.folded, p.terms FROM document_pages p "
        "JOIN documents d ON d.id = p.document_id "
        "WHERE d.current_version_id = p.version_id AND d.recalled_at IS NULL"))
    count = max(result.rowcount or 0, 0)
    optimize_index(uow)
    return count


def optimize_index(uow: UnitOfWork) -> None:
    """Merge the SQLite index into one segment, after a bulk import or a rebuild.

    FTS5 adds every batch of pages as a new segment and merges them only now and then, so a
    query reads the doclists of each word from many segments; one segment makes phrase and
    newest-first queries faster. Cost: a rewrite of the whole index (seconds at 100,000
    pages), so call it after bulk work, not after every document. PostgreSQL: nothing to do.
    """
    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if uow.dialect != "sqlite":
        return
    uow.session.flush()
    uow.session.execute(text("INSERT INTO page_search(page_search) VALUES ('optimize')"))
