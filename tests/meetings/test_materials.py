"""Materials: attached to agenda items, versioned, circulated on publish, receipts, recall."""

from __future__ import annotations

import pytest

from demo.samples import SampleSpec, generate_pdf
from documents.circulation import (
    DocumentRecalled,
    not_opened,
    open_for_reading,
    receipts_by_site,
    receipts_for_meeting,
    record_pages_read,
)
from documents.errors import DocumentRejected, NotAPdf
from documents.library import list_documents, list_versions
from documents.records import DocumentMeta
from meetings.agenda import add_agenda_item
from meetings.lifecycle import change_status
from meetings.materials import (
    import_material,
    meeting_materials,
    publish_meeting,
    recall_classified,
    replace_material,
)
from meetings.sites import add_participant, add_site
from store.errors import InvalidInput, NotFound, PermissionDenied
from tests.meetings.conftest import audit_count


def pdf(seed: int = 0, pages: int = 2) -> bytes:
    return generate_pdf(SampleSpec(doc_type="TTr", number=f"{45 + seed}/TTr-UBND", pages=pages, seed=seed,
                                   subject="Về việc phân bổ dự toán ngân sách địa phương năm 2027"))


@pytest.fixture
def ready(store, province, meeting):
    """A meeting with an item, two sites' people, and one document attached to item 1."""
    with store.uow(province.secretary) as uow:
        add_agenda_item(uow, meeting.id, title="Dự toán ngân sách 2027")
        add_site(uow, meeting.id, province.vl.id)
        add_site(uow, meeting.id, province.dk.id)
        add_participant(uow, meeting.id, province.chair, "chair")
        add_participant(uow, meeting.id, province.member, "member", site_unit_id=province.vl.id)
        uow.commit()
    doc = import_material(store, province.secretary, meeting.id, "1", pdf(),
                          DocumentMeta(title="Tờ trình phân bổ dự toán", doc_type="to_trinh", number="45/TTr-UBND"))
    return doc


def test_an_imported_pdf_is_attached_to_its_item_with_its_text(store, meeting, ready):
    rows = meeting_materials(store, meeting.id)
    assert [(r.item_number, r.document.number, r.document.current_version.version_no) for r in rows] == [
        ("1", "45/TTr-UBND", 1)]
    with store.read() as s:
        texts = s.execute(__import__("sqlalchemy").text("SELECT text FROM document_pages")).scalars().all()
    assert any("phân bổ dự toán" in t for t in texts)


def test_bad_files_leave_the_store_unchanged(store, province, meeting, ready):
    before = audit_count(store), len(meeting_materials(store, meeting.id))
    for data, error in ((b"", DocumentRejected), (b"just text, not a pdf", NotAPdf), (pdf()[:400], DocumentRejected)):
        with pytest.raises(error):
            import_material(store, None, meeting.id, "1", data, DocumentMeta(title="X"))
    with pytest.raises(NotFound, match="không có mục 7"):
        import_material(store, None, meeting.id, "7", pdf(), DocumentMeta(title="X"))
    assert (audit_count(store), len(meeting_materials(store, meeting.id))) == before


def test_publishing_delivers_to_every_participant_at_every_site(store, province, meeting, ready):
    with store.uow(province.secretary) as uow:
        summary, sent = publish_meeting(uow, meeting.id)
        uow.commit()
    assert summary.status == "published" and sent == 2
    with store.uow(province.member) as uow:
        data = open_for_reading(uow, ready.id, province.member)
        record_pages_read(uow, ready.id, province.member, [1, 2])
        uow.commit()
    assert data.startswith(b"%PDF")
    with store.read() as s:
        sites = {r.site_name: (r.opened, r.delivered) for r in receipts_by_site(s, meeting.id, "Tỉnh Quảng Trị")}
        waiting = [r.full_name for r in not_opened(s, ready.id)]
    assert sites == {"Tỉnh Quảng Trị": (0, 1), "Huyện Vĩnh Linh": (1, 1)}
    assert waiting == ["Nguyễn Văn Minh"]


def test_a_new_version_keeps_the_old_and_tells_those_who_read_it(store, province, meeting, ready):
    with store.uow() as uow:
        publish_meeting(uow, meeting.id)
        open_for_reading(uow, ready.id, province.member)
        uow.commit()
    new = replace_material(store, province.secretary, ready.id, pdf(seed=3, pages=3), note="Sửa số liệu")
    assert new.current_version.version_no == 2
    with store.read() as s:
        versions = list_versions(s, ready.id)
        receipts = {r.full_name: r for r in receipts_for_meeting(s, meeting.id)}
    assert [v.version_no for v in versions] == [1, 2]
    assert store.blobs.get(versions[0].sha256).startswith(b"%PDF")
    assert receipts["Võ Thanh Tùng"].changed_since_opened is True
    assert receipts["Nguyễn Văn Minh"].changed_since_opened is False


def test_a_classified_paper_nobody_could_open_is_refused(store, province, meeting, ready):
    before = len(meeting_materials(store, meeting.id))
    with pytest.raises(InvalidInput, match="keys init"):
        import_material(store, province.secretary, meeting.id, "1", pdf(seed=9),
                        DocumentMeta(title="Dự thảo Nghị quyết", doc_type="du_thao_nghi_quyet", classification="mat"))
    assert len(meeting_materials(store, meeting.id)) == before


def test_classified_papers_are_recalled_after_the_meeting_and_readers_refuse_them(store, province, meeting, ready):
    from documents.classified.service import init_keys
    from store.accounts import set_clearance

    with store.uow() as uow:  # the secretary who attaches it may read it
        set_clearance(uow, province.secretary, "mat")
        init_keys(uow, province.secretary, "mật khẩu dài của thư ký", scrypt_n=2**12)
        uow.commit()
    secret = import_material(store, province.secretary, meeting.id, "1", pdf(seed=9),
                             DocumentMeta(title="Dự thảo Nghị quyết", doc_type="du_thao_nghi_quyet", classification="mat"))
    with store.uow() as uow:
        publish_meeting(uow, meeting.id)
        uow.commit()
    with pytest.raises(InvalidInput, match="sau khi cuộc họp kết thúc"), store.uow() as uow:
        recall_classified(uow, meeting.id)
    with store.uow() as uow:
        change_status(uow, meeting.id, "in_progress")
        change_status(uow, meeting.id, "closed")
        assert recall_classified(uow, meeting.id) == [secret.id]
        uow.commit()
    with pytest.raises(DocumentRecalled), store.uow() as uow:
        open_for_reading(uow, secret.id, province.member)
    with store.uow() as uow:  # the ordinary paper stays readable
        assert open_for_reading(uow, ready.id, province.member).startswith(b"%PDF")
    with pytest.raises(PermissionDenied), store.uow() as uow:
        open_for_reading(uow, ready.id, province.secretary)  # never sent to the secretary
    with store.read() as s:
        assert [d.id for d in list_documents(s, meeting.id, include_recalled=False)] == [ready.id]
