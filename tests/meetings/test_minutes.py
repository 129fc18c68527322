"""Minutes drafted from the demo meeting's record, edited by the secretary, finalised as a
Decree 30 PDF attached to the meeting and sent for signing (secretary, then chair)."""

from __future__ import annotations

import subprocess

import pytest

from demo.store import create_demo
from documents.library import get_document
from meetings.papers.minutes import (
    draft_minutes,
    edit_minutes,
    finalise_minutes,
    get_minutes,
    render_minutes_pdf,
)
from store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def demo(store):
    report = create_demo(store, scheme="2019", with_materials=False)
    return report.meeting_ids["province-november"]


def test_the_draft_tells_attendance_speakers_votes_and_conclusions(store, demo, tmp_path):
    with store.read() as s:
        draft = get_minutes(s, demo)  # the demo drafted it from the record
    text = draft.text()
    assert "Thành viên (tính túc số): có mặt 5/6 thành viên, đủ túc số" in text
    assert "Tại phòng họp: có mặt 7/8 người được mời dự (thành viên, khách mời, thư ký)." in text
    assert "Đặng Thị Lan, Giám đốc Sở Tài chính: vắng mặt, lý do: Đi công tác tại Hà Nội" in text
    assert "Ý kiến phát biểu: Hoàng Đức Thắng, Lê Quốc Dũng, Trần Thị Thu Hà." in text
    assert "Đồng ý: 5 (83,33%); Không đồng ý: 0 (0%); Không biểu quyết: 0 (0%)" in text
    assert "Kết luận: Giao UBND các huyện đẩy nhanh tiến độ giải ngân" in text
    pdf = " ".join(pdf_text(render_minutes_pdf(store, demo), tmp_path).split())
    for expected in ("BIÊN BẢN", "Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026", "Thành phần tham dự",
                     "Đặng Thị Lan", "vắng mặt", "Đồng ý: 5", "Không biểu quyết: 1", "THƯ KÝ", "CHỦ TỌA",
                     "Phạm Thị Ngọc Ánh", "Nguyễn Văn Minh", "Cuộc họp kết thúc vào 11 giờ 00 phút"):
        assert expected in pdf, expected
    assert "DỰ THẢO" in pdf and "chưa hoàn tất và chưa ký" in pdf  # not final: it must not pass for the minutes


def test_minutes_of_a_meeting_not_held_are_refused(store):
    report = create_demo(store, with_materials=False)
    ahead = report.meeting_ids["province"]
    with pytest.raises(InvalidInput, match="chưa diễn ra") as err:
        render_minutes_pdf(store, ahead)
    assert "has not taken place" in err.value.en
    with pytest.raises(InvalidInput, match="chưa diễn ra"), store.uow() as uow:
        draft_minutes(uow, ahead)
    with store.read() as s:
        assert get_minutes(s, ahead) is None


def test_finalising_without_a_draft_names_the_command_that_drafts(store):
    from meetings.lifecycle import change_status, start_meeting

    report = create_demo(store, with_materials=False)
    ahead = report.meeting_ids["province"]
    with store.uow() as uow:
        change_status(uow, ahead, "published")
        start_meeting(uow, ahead)
        uow.commit()
    with pytest.raises(NotFound) as err:
        finalise_minutes(store, None, ahead)
    assert f"nghisu minutes {ahead} --draft" in str(err.value)


@pytest.mark.slow
def test_the_secretary_edits_then_finalises_and_the_minutes_go_to_signing(store, demo, tmp_path):
    from signing.workflow import requests_for_document

    with store.read() as s:
        draft = get_minutes(s, demo)
    with store.uow() as uow:
        edited = edit_minutes(uow, demo, {"closing": "Cuộc họp kết thúc vào 11 giờ 15 phút cùng ngày./."},
                              expected_version=draft.version)
        uow.commit()
    with pytest.raises(ConflictError) as err, store.uow() as uow:
        edit_minutes(uow, demo, {"place": "Hội trường lớn"}, expected_version=draft.version)  # a stale copy
    assert err.value.attempted == {"place": "Hội trường lớn"}  # what was typed is handed back
    with pytest.raises(InvalidInput), store.uow() as uow:
        edit_minutes(uow, demo, {"nonsense": "x"}, expected_version=edited.version)
    with pytest.raises(PermissionDenied, match="ai lấy số"):
        finalise_minutes(store, None, demo)  # numbering needs someone who may number: nothing stored
    with store.read() as s:
        assert get_minutes(s, demo).status == "draft"
    secretary = _roles(store, demo, ("secretary",))[0]
    info = finalise_minutes(store, secretary, demo)
    assert info.doc_type == "bien_ban" and info.meeting_id == demo and info.number == "01/BB-UBND"
    with store.read() as s:
        final = get_minutes(s, demo)
        requests = requests_for_document(s, info.id)
        doc = get_document(s, info.id)
    assert final.status == "final" and final.document_id == info.id
    assert [slot.person_id for slot in requests[0].slots] == [
        p for p in _roles(store, demo, ("secretary", "chair"))]
    text = " ".join(pdf_text(store.blobs.get(doc.current_version.sha256), tmp_path).split())
    assert "11 giờ 15 phút cùng ngày" in text and "Đặng Thị Lan" in text and "Số: 01/BB-UBND" in text
    assert "DỰ THẢO" not in text  # the finalised minutes carry no draft marking
    with pytest.raises(InvalidInput), store.uow() as uow:
        edit_minutes(uow, demo, {"closing": "x"}, expected_version=final.version)
    with pytest.raises(InvalidInput), store.uow() as uow:
        draft_minutes(uow, demo, regenerate=True)


def _roles(store, meeting_id, roles):
    from meetings.lifecycle import get_meeting

    with store.read() as s:
        parts = get_meeting(s, meeting_id).participants
    return [next(p.person_id for p in parts if p.role == r) for r in roles]
