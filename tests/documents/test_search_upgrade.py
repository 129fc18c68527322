"""Migrations 0007-0008 on a store written by version 0006: pages kept, their terms filled in,
and search over them ranks as typed, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, event, text

from documents.search.service import search
from documents.text import fold_chars
from store.engine import open_store
from store.migrate import upgrade_to

NOW = datetime(2026, 11, 28, tzinfo=UTC)
PAGES = [
    "Giao đất đai cho hộ gia đình theo Quyết định số 1234/QĐ-UBND.",
    "Dự án đạt tiến độ; đai an toàn được lắp đặt.",
    "Quy hoạch sử dụng đất đai giai đoạn 2021-2030.",
]


def _old_engine(location):
    if location.shared:
        engine = create_engine(location.database_url.replace("postgresql://", "postgresql+psycopg://"))

        @event.listens_for(engine, "connect")
        def _schema(dbapi_conn, _record) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute(f'SET search_path TO "{location.schema}"')
            dbapi_conn.commit()

        return engine
    location.home.mkdir(parents=True)
    return create_engine(f"sqlite:///{location.home / 'nghisu.sqlite3'}")


def _store_of_the_previous_version(location) -> None:
    """Schema 0006 and one document of three pages, inserted as that version did (no terms)."""
    engine = _old_engine(location)
    with engine.begin() as conn:
        upgrade_to(conn, "0006_ballot_box")
        conn.execute(text("INSERT INTO units (id, code, name, level, parent_id, version) "
                          "VALUES (1, 'QT', 'Tỉnh Quảng Trị', 'province', NULL, 1)"))
        conn.execute(text("INSERT INTO meetings (id, unit_id, title, kind, starts_at, location, status, created_at, "
                          "version) VALUES (1, 1, 'Phiên họp', 'regular', :t, '', 'draft', :t, 1)"), {"t": NOW})
        conn.execute(text("INSERT INTO blobs (sha256, size, created_at) VALUES (:s, 1, :t)"), {"s": "a" * 64, "t": NOW})
        conn.execute(text(
            "INSERT INTO documents (id, meeting_id, unit_id, position, title, doc_type, number, issuing_unit, "
            "classification, current_version_id, current_version_no, created_at, version) "
            "VALUES (1, 1, 1, 0, 'Tờ trình', 'to_trinh', '', '', 'thuong', 1, 1, :t, 1)"), {"t": NOW})
        conn.execute(text(
            "INSERT INTO document_versions (id, document_id, meeting_id, version_no, blob_sha256, size, page_count, "
            "filename, source, note, was_encrypted, repaired, created_at) "
            "VALUES (1, 1, 1, 1, :s, 1, 3, '', 'import', '', false, false, :t)"), {"s": "a" * 64, "t": NOW})
        for no, page in enumerate(PAGES, start=1):
            conn.execute(text("INSERT INTO document_pages (id, version_id, document_id, meeting_id, page_no, text, folded) "
                              "VALUES (:i, 1, 1, 1, :i, :text, :folded)"), {"i": no, "text": page, "folded": fold_chars(page)})
        if not location.shared:
            conn.execute(text("INSERT INTO page_search(rowid, folded) SELECT id, folded FROM document_pages"))
    engine.dispose()


def test_the_upgrade_fills_terms_and_search_ranks_the_old_pages_as_typed(store_location, clock):
    _store_of_the_previous_version(store_location)
    store = open_store(store_location, clock=clock, create=True)  # migrates to the head
    try:
        with store.read() as s:
            rows = s.execute(text("SELECT page_no, text, terms FROM document_pages ORDER BY page_no")).all()
            assert [r.text for r in rows] == PAGES  # nothing lost
            assert "đâts" in rows[0].terms.split() and "1234/qd-ubnd" in rows[0].terms.split()
            assert "đatj" in rows[1].terms.split()
            exact = [h.page for h in search(s, "đất đai")]
            folded = [h.page for h in search(s, "dat dai")]
            number = [h.page for h in search(s, "1234/QĐ-UBND")]
        assert exact[:2] == [3, 1] or exact[:2] == [1, 3]  # both written «đất đai» come first
        assert exact[2:] == [2] and sorted(folded) == [1, 2, 3]
        assert number == [1]
    finally:
        store.close()
