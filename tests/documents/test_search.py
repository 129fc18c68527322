"""Full-text search: with or without diacritics, ranked, filtered, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import text

from documents.models import Document, DocumentPage, DocumentVersion
from documents.search.service import (
    SearchHit,
    index_version,
    optimize_index,
    rebuild_index,
    search,
    unindex_document,
)
from documents.search.terms import page_row
from documents.text import normalize_text
from meetings.lifecycle import create_meeting
from store.clock import VN_TZ
from store.directory import create_unit
from store.errors import InvalidInput

_blob_counter = itertools.count()


def add_version(uow, doc: Document, pages: list[str]) -> int:
    """Insert a version and its pages the way the library does (NFC text, folded char for char, terms)."""
    ref = uow.put_blob(b"%PDF-1.7 test version " + str(next(_blob_counter)).encode())
    version = DocumentVersion(
        document_id=doc.id, meeting_id=doc.meeting_id, version_no=doc.current_version_no + 1,
        blob_sha256=ref.sha256, size=ref.size, page_count=len(pages), created_at=uow.now())
    uow.session.add(version)
    uow.session.flush()
    texts = [normalize_text(p) for p in pages]
    uow.session.execute(DocumentPage.__table__.insert(), [
        {"version_id": version.id, "document_id": doc.id, "meeting_id": doc.meeting_id,
         "page_no": i, **page_row(t)} for i, t in enumerate(texts, start=1)])
    index_version(uow, version.id)
    doc.current_version_id = version.id
    doc.current_version_no = version.version_no
    uow.session.flush()
    return version.id


def add_document(uow, *, meeting_id: int, unit_id: int, title: str, pages: list[str], doc_type: str = "to_trinh",
                 number: str = "", issued_on: date | None = None) -> int:
    doc = Document(meeting_id=meeting_id, unit_id=unit_id, title=title, doc_type=doc_type, number=number,
                   issued_on=issued_on, current_version_no=0, created_at=uow.now())
    uow.session.add(doc)
    uow.session.flush()
    add_version(uow, doc, pages)
    return doc.id


@dataclass
class Library:
    province: int
    district: int
    meeting: int
    district_meeting: int
    decision: int
    report: int
    plan: int


DECISION_PAGES = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nQuyết định số 1234/QĐ-UBND ngày 05 tháng 3 năm 2026\n"
    "về việc phê duyệt kế hoạch đầu tư công trung hạn.",
    "Điều 2. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện.",
]
REPORT_PAGES = [
    "BÁO CÁO tình hình kinh tế - xã hội. Các đại biểu Hội đồng nhân dân đã thảo luận.",
    "Kinh phí đầu tư, kinh phí sự nghiệp, kinh phí thường xuyên, kinh phí dự phòng: "
    "tổng kinh phí năm 2026 tăng so với năm trước.",
]
PLAN_PAGES = [
    "KẾ HOẠCH phòng, chống thiên tai năm 2026 tại huyện Đakrông và huyện Hướng Hóa. Bố trí kinh phí hợp lý.",
]


@pytest.fixture
def library(store) -> Library:
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        dk = create_unit(uow, code="DK", name="Huyện Đakrông", level="district", official_name="Ủy ban nhân dân huyện Đakrông", place_name="Đakrông", parent_id=qt.id)
        when = datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ)
        m1 = create_meeting(uow, unit_id=qt.id, title="Phiên họp UBND tỉnh tháng 12", kind="regular", starts_at=when)
        m2 = create_meeting(uow, unit_id=dk.id, title="Phiên họp UBND huyện", kind="regular", starts_at=when)
        decision = add_document(uow, meeting_id=m1.id, unit_id=qt.id, title="Quyết định phê duyệt kế hoạch",
                                pages=DECISION_PAGES, doc_type="quyet_dinh", number="1234/QĐ-UBND",
                                issued_on=date(2026, 3, 5))
        report = add_document(uow, meeting_id=m1.id, unit_id=qt.id, title="Báo cáo kinh tế - xã hội",
                              pages=REPORT_PAGES, doc_type="bao_cao", number="88/BC-UBND", issued_on=date(2026, 11, 20))
        plan = add_document(uow, meeting_id=m2.id, unit_id=dk.id, title="Kế hoạch phòng chống thiên tai",
                            pages=PLAN_PAGES, doc_type="ke_hoach", number="12/KH-UBND", issued_on=date(2026, 6, 1))
        uow.commit()
    return Library(qt.id, dk.id, m1.id, m2.id, decision, report, plan)


def find(store, query: str, **kw) -> list[SearchHit]:
    with store.read() as session:
        return search(session, query, **kw)


def pages_of(hits: list[SearchHit]) -> list[tuple[int, int]]:
    return [(h.document_id, h.page) for h in hits]


def test_a_decision_is_found_typed_with_or_without_diacritics(store, library):
    for query in ("quyết định", "quyet dinh", "QUYẾT ĐỊNH", "Quyet Dinh"):
        hits = find(store, query)
        assert pages_of(hits) == [(library.decision, 1)], query
    hit = find(store, "quyet dinh")[0]
    assert (hit.title, hit.number, hit.doc_type, hit.meeting_id) == (
        "Quyết định phê duyệt kế hoạch", "1234/QĐ-UBND", "quyet_dinh", library.meeting)


def test_d_with_stroke_is_folded_both_ways(store, library):
    assert pages_of(find(store, "dai bieu")) == [(library.report, 1)]
    assert pages_of(find(store, "đại biểu")) == [(library.report, 1)]
    assert pages_of(find(store, "Đakrông")) == pages_of(find(store, "dakrong")) == [(library.plan, 1)]


def test_a_number_and_symbol_is_found_as_typed_or_plain(store, library):
    for query in ("1234/QĐ-UBND", "qd-ubnd", "QĐ-UBND", "1234 qd ubnd"):
        assert pages_of(find(store, query)) == [(library.decision, 1)], query
    assert find(store, "1235/QĐ-UBND") == []


def test_every_word_must_match(store, library):
    assert pages_of(find(store, "kinh phí thiên tai")) == [(library.plan, 1)]
    assert find(store, "quyết định thiên tai") == []


def test_the_page_mentioning_the_term_most_ranks_first(store, library):
    hits = find(store, "kinh phi")
    assert pages_of(hits)[0] == (library.report, 2)
    assert set(pages_of(hits)) == {(library.report, 2), (library.plan, 1)}
    assert hits[0].score > hits[1].score


def test_snippet_marks_the_hit_in_the_original_text(store, library):
    hit = find(store, "quyet dinh 1234/qd-ubnd")[0]
    assert "«Quyết định» số «1234/QĐ-UBND»" in hit.snippet
    hit = find(store, "dai bieu")[0]
    assert "«đại biểu»" in hit.snippet
    assert "\n" not in find(store, "phe duyet")[0].snippet


def test_snippet_of_a_long_page_is_short_and_centred_on_the_first_hit(store, library):
    filler = "Các cơ quan, đơn vị triển khai nhiệm vụ được giao theo đúng tiến độ. " * 20
    with store.uow() as uow:
        doc = add_document(uow, meeting_id=library.meeting, unit_id=library.province, title="Dài",
                           pages=[filler + "Hội đồng thẩm định dự án Cồn Cỏ họp ngày 05/3. " + filler])
        uow.commit()
    hit = find(store, "thẩm định")[0]
    assert hit.document_id == doc
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "«thẩm định» dự án Cồn Cỏ" in hit.snippet
    assert len(hit.snippet) <= 170


def test_filters_by_meeting_unit_type_and_date(store, library):
    everything = {(library.report, 2), (library.plan, 1)}
    assert set(pages_of(find(store, "kinh phí"))) == everything
    assert pages_of(find(store, "kinh phí", meeting_id=library.meeting)) == [(library.report, 2)]
    assert pages_of(find(store, "kinh phí", meeting_id=library.district_meeting)) == [(library.plan, 1)]
    assert pages_of(find(store, "kinh phí", unit_id=library.district)) == [(library.plan, 1)]
    assert pages_of(find(store, "kinh phí", doc_type="bao_cao")) == [(library.report, 2)]
    assert pages_of(find(store, "kinh phí", date_from=date(2026, 7, 1))) == [(library.report, 2)]
    assert pages_of(find(store, "kinh phí", date_to=date(2026, 6, 1))) == [(library.plan, 1)]
    assert pages_of(find(store, "kinh phí", date_from=date(2026, 6, 1), date_to=date(2026, 6, 1))) == [(library.plan, 1)]
    assert find(store, "kinh phí", date_from=date(2027, 1, 1)) == []


def test_limit_and_offset_page_through_ranked_results(store, library):
    first, second = find(store, "kinh phí", limit=1), find(store, "kinh phí", limit=1, offset=1)
    assert pages_of(first + second) == pages_of(find(store, "kinh phí"))
    assert find(store, "kinh phí", limit=0) == []


def test_empty_or_punctuation_only_queries_find_nothing(store, library):
    for query in ("", "   ", "...", "*", '"', "''", "()", "-", "/", "«»", "\x00", "\ud800"):
        assert find(store, query) == [], repr(query)


HOSTILE = [
    '"quyết định', 'quyết" định"', "quyết*", "NEAR(quyết định)", "NEAR(quyết định, 2)", "quyết OR định",
    "quyết AND NOT định", "(quyết) định)", "quyết ^ định", "folded:quyết", "{folded}: dinh", "quyết - định",
    "'; DROP TABLE documents; --", "NOT", "a:*", "quyết & !định | x", "<->", "a" * 5000, "quyết " * 100,
    "quyết\x00định",
]


def test_hostile_queries_never_raise(store, library):
    for query in HOSTILE:
        for prefix in (False, True):
            hits = find(store, query, prefix=prefix)
            assert all(isinstance(h, SearchHit) for h in hits), query
    assert pages_of(find(store, "quyet dinh")) == [(library.decision, 1)]  # and the store is intact


def test_operators_are_plain_words(store, library):
    # "OR" is a word to look for, not an operator: no page holds "or", so nothing matches.
    assert find(store, "quyết OR thiên") == []
    assert pages_of(find(store, '"quyết định"')) == [(library.decision, 1)]


def test_prefix_matching_is_for_type_ahead(store, library):
    assert find(store, "quyet di") == []
    assert pages_of(find(store, "quyet di", prefix=True)) == [(library.decision, 1)]
    assert "«Quyết đ" in find(store, "quyết đ", prefix=True)[0].snippet


def test_only_the_current_version_is_searched(store, library):
    with store.uow() as uow:
        doc = uow.session.get(Document, library.decision)
        new_version = add_version(uow, doc, ["Quyết định số 1234/QĐ-UBND đã được sửa: bổ sung danh mục dự án."])
        uow.commit()
    hits = find(store, "quyet dinh")
    assert [(h.document_id, h.version_id, h.page) for h in hits] == [(library.decision, new_version, 1)]
    assert find(store, "phê duyệt kế hoạch đầu tư") == []
    assert pages_of(find(store, "bo sung danh muc")) == [(library.decision, 1)]


def test_recalled_documents_are_not_found(store, library):
    with store.uow() as uow:
        doc = uow.session.get(Document, library.report)
        doc.recalled_at = uow.now()
        unindex_document(uow, library.report)
        uow.commit()
    assert find(store, "dai bieu") == []
    assert pages_of(find(store, "kinh phí")) == [(library.plan, 1)]


def index_terms(store) -> dict[str, tuple[int, int]]:
    """What the FTS5 index holds: word → (pages, occurrences), read through fts5vocab."""
    with store.engine.begin() as conn:
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, page_search, 'row')"))
        return {t: (d, c) for t, d, c in conn.execute(text("SELECT term, doc, cnt FROM temp.vocab"))}


def expected_terms(store, *, exclude_document: int) -> dict[str, tuple[int, int]]:
    """What it should hold: the words and terms of every current page of the other documents."""
    from collections import Counter

    docs, counts = Counter(), Counter()
    with store.engine.begin() as conn:
        for folded, terms in conn.execute(text(
                "SELECT p.folded, p.terms FROM document_pages p JOIN documents d ON d.current_version_id = p.version_id "
                "WHERE d.recalled_at IS NULL AND d.id != :d"), {"d": exclude_document}):
            words = folded.split() + terms.split()
            counts.update(words)
            docs.update(set(words))
    return {t: (docs[t], counts[t]) for t in counts}


def test_indexing_twice_or_unindexing_twice_is_harmless(store, library):
    with store.uow() as uow:
        version_id = uow.session.get(Document, library.decision).current_version_id
        added_again = index_version(uow, version_id)
        uow.commit()
    assert pages_of(find(store, "quyet dinh")) == [(library.decision, 1)]
    with store.uow() as uow:
        removed = unindex_document(uow, library.plan), unindex_document(uow, library.plan)
        uow.commit()
    if store.dialect == "sqlite":
        assert added_again == 0 and removed == (1, 0)
        assert find(store, "Đakrông") == []  # out of the index, though not recalled
        assert index_terms(store) == expected_terms(store, exclude_document=library.plan)


def test_rebuilding_the_index_keeps_current_pages_only(store, library):
    with store.uow() as uow:
        doc = uow.session.get(Document, library.decision)
        add_version(uow, doc, ["Bản sửa đổi của quyết định."])
        uow.session.get(Document, library.plan).recalled_at = uow.now()
        rebuilt = rebuild_index(uow)
        uow.commit()
    assert pages_of(find(store, "quyet dinh")) == [(library.decision, 1)]
    assert find(store, "dakrong") == []
    if store.dialect == "sqlite":
        assert rebuilt == 1 + len(REPORT_PAGES)
        assert index_terms(store) == expected_terms(store, exclude_document=library.plan)


def test_bad_filters_are_refused_in_plain_words(store, library):
    with pytest.raises(InvalidInput):
        find(store, "kinh phí", meeting_id="một")
    with pytest.raises(InvalidInput):
        find(store, "kinh phí", date_from="2026-01-01")
    with pytest.raises(InvalidInput):
        find(store, None)


def test_a_phrase_needs_its_words_next_to_each_other(store, library):
    with store.uow() as uow:
        scattered = add_document(uow, meeting_id=library.meeting, unit_id=library.province, title="Rời rạc",
                                 pages=["UBND tỉnh giao 1234 hộ gia đình; QĐ cũ hết hiệu lực."])
        uow.commit()
    assert pages_of(find(store, "1234/QĐ-UBND")) == [(library.decision, 1)]
    assert set(pages_of(find(store, "1234 qd ubnd"))) == {(library.decision, 1), (scattered, 1)}
    assert pages_of(find(store, '"ubnd tinh giao"')) == [(scattered, 1)]
    assert find(store, '"giao ubnd"') == []


def test_a_quoted_phrase_can_end_in_a_prefix(store, library):
    assert pages_of(find(store, '"quyet dinh so 12"', prefix=True)) == [(library.decision, 1)]
    assert find(store, '"quyet dinh so 12"') == []


def test_older_pages_are_found_behind_many_newer_ones_that_do_not_count(store, library):
    """More newer pages than one batch of candidates hold the words, but apart or in a recalled
    paper: the search keeps going back until it reaches the pages that do count."""
    apart = ["Dự án trọng điểm. Huyện đảo Cồn Cỏ đề xuất bổ sung kinh phí."] * 140
    with store.uow() as uow:
        older = add_document(uow, meeting_id=library.meeting, unit_id=library.province, title="Đảo",
                             pages=["Dự án Cồn Cỏ được bố trí vốn năm 2026."])
        add_document(uow, meeting_id=library.meeting, unit_id=library.province, title="Nhiều trang", pages=apart)
        recalled = add_document(uow, meeting_id=library.meeting, unit_id=library.province, title="Thu hồi",
                                pages=["Bố trí vốn cho dự án Cồn Cỏ: kinh phí mật."] * 140)
        uow.session.get(Document, recalled).recalled_at = uow.now()
        unindex_document(uow, recalled)
        uow.commit()
    assert pages_of(find(store, '"du an con co"')) == [(older, 1)]
    assert pages_of(find(store, "bo tri von con co")) == [(older, 1)]
    assert len(find(store, "con co", limit=200)) == 141


def test_a_broad_filter_keeps_only_the_documents_it_names(store, library):
    with store.uow() as uow:
        for i in range(105):  # more documents than the few-versions shortcut takes
            add_document(uow, meeting_id=library.district_meeting, unit_id=library.district, title=f"Phụ lục {i}",
                         doc_type="phu_luc", pages=[f"Phụ lục số {i}: kinh phí thực hiện."])
        uow.commit()
    hits = find(store, "kinh phí", unit_id=library.district, limit=200)
    assert len(hits) == 106 and all(h.meeting_id == library.district_meeting for h in hits)
    assert pages_of(find(store, "kinh phí", unit_id=library.district, doc_type="ke_hoach")) == [(library.plan, 1)]
    assert len(find(store, "kinh phí", doc_type="phu_luc", limit=200)) == 105


def test_optimizing_the_index_changes_no_result(store, library):
    before = {q: pages_of(find(store, q)) for q in ("kinh phí", "quyet dinh", "1234/QĐ-UBND", "dakrong")}
    with store.uow() as uow:
        optimize_index(uow)
        uow.commit()
    assert {q: pages_of(find(store, q)) for q in before} == before
    if store.dialect == "sqlite":
        assert index_terms(store) == expected_terms(store, exclude_document=0)
