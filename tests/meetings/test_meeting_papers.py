"""The meeting's papers before it is held: invitation (GM), programme (CTr) with clock times,
attendance sheets per site, and issuing them numbered through the register and sent to the
signer. On SQLite and PostgreSQL; every PDF read back with pdftotext."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from documents.library import get_document, list_documents
from meetings.agenda import add_agenda_item
from meetings.lifecycle import get_meeting
from meetings.papers.invitation import (
    attendance_content,
    invitation_content,
    invitation_details,
    programme_content,
    set_invitation_details,
)
from meetings.papers.issue import MeetingPaper, issue_meeting_paper
from meetings.papers.meeting_papers_pdf import render_attendance_sheets, render_invitation, render_programme
from meetings.papers.schedule import timed_agenda
from meetings.papers.signer_practice import signer_block
from meetings.sites import add_participant, add_site
from register.numbering import Series, list_numbers
from store.directory import create_person, grant_role
from store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from tests.meetings.conftest import audit_count

TODAY = date(2026, 11, 28)


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def planned(store, province, meeting):
    """The December meeting with a chair, a secretary, a member at a connected commune, a
    chief of office, and a timed agenda (10 min, then 2 sub-items of 20 and 15 min)."""
    with store.uow(province.secretary) as uow:
        office = create_person(uow, full_name="Lê Quang Huy", position="Chánh Văn phòng UBND tỉnh",
                               unit_id=province.qt.id)
        add_site(uow, meeting.id, province.vg.id)
        add_participant(uow, meeting.id, province.chair, "chair")
        add_participant(uow, meeting.id, province.secretary, "secretary")
        add_participant(uow, meeting.id, province.member, "member", site_unit_id=province.vg.id)
        add_agenda_item(uow, meeting.id, title="Khai mạc", presenter="Chủ tịch UBND tỉnh", planned_minutes=10)
        budget = add_agenda_item(uow, meeting.id, title="Dự toán ngân sách 2027", presenter="Sở Tài chính")
        add_agenda_item(uow, meeting.id, title="Tờ trình", presenter="Sở Tài chính", planned_minutes=20,
                        parent_id=budget.id)
        add_agenda_item(uow, meeting.id, title="Thảo luận", planned_minutes=15, parent_id=budget.id)
        grant_role(uow, province.secretary, province.qt.id, "van_thu", since=date(2026, 1, 1))
        uow.commit()
    return meeting, office.id


def test_the_programme_gives_each_item_its_clock_span(store, planned, tmp_path):
    meeting, _ = planned
    with store.read() as s:
        spans = [(t.node.title, t.span()) for t in timed_agenda(get_meeting(s, meeting.id))]
        content = programme_content(s, meeting.id, issued_on=TODAY)
    assert spans == [("Khai mạc", "08h00 - 08h10"), ("Dự toán ngân sách 2027", "08h10 - 08h45"),
                     ("Tờ trình", "08h10 - 08h30"), ("Thảo luận", "08h30 - 08h45")]
    text = text_of(render_programme(content)[0], tmp_path)
    assert "CHƯƠNG TRÌNH" in text and "08h30 - 08h45" in text and "/CTr-UBND" in text
    assert "DỰ THẢO" in text  # not numbered yet


def test_the_invitation_says_who_invites_whom_when_where_and_whom_to_call(store, planned, province, tmp_path):
    meeting, _ = planned
    with store.uow(province.secretary) as uow:
        set_invitation_details(uow, meeting.id, bring="Báo cáo của đơn vị", contact="Chị Ánh, 0233 3852 123")
        uow.commit()
    with store.read() as s:
        content = invitation_content(s, meeting.id, issued_on=TODAY)
    text = " ".join(text_of(render_invitation(content)[0], tmp_path).split())
    assert "GIẤY MỜI" in text and "Ủy ban nhân dân tỉnh Quảng Trị trân trọng kính mời" in text
    assert "Đồng chí Võ Thanh Tùng, Chủ tịch UBND huyện (dự tại điểm cầu Ủy ban nhân dân xã Vĩnh Giang)" in text
    assert "Nguyễn Văn Minh" in text  # the chair presides and signs: not among the invitees
    assert "từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 08 tháng 12 năm 2026" in text
    assert "Phòng họp số 1" in text and "1 điểm cầu" in text and "Dự toán ngân sách 2027" in text
    assert "Báo cáo của đơn vị" in text and "Chị Ánh, 0233 3852 123" in text
    assert "Quảng Trị, ngày 28 tháng 11 năm 2026" in text and "TM. ỦY BAN NHÂN DÂN" in text


def test_one_copy_per_invitee_names_only_them(store, planned, province, tmp_path):
    meeting, _ = planned
    with store.read() as s:
        content = invitation_content(s, meeting.id, issued_on=TODAY, for_person_id=province.member)
        with pytest.raises(NotFound):
            invitation_content(s, meeting.id, issued_on=TODAY, for_person_id=999)
    assert content.invitees == ("Đồng chí Võ Thanh Tùng, Chủ tịch UBND huyện",)
    assert content.recipients[0] == "Như trên"


def test_an_invitation_with_nobody_invited_is_refused(store, meeting):
    with store.read() as s, pytest.raises(InvalidInput, match="chưa có ai được mời"):
        invitation_content(s, meeting.id, issued_on=TODAY)


def test_the_signer_block_follows_the_office_practice():
    assert signer_block("Lê Quang Huy", "Chánh Văn phòng UBND tỉnh").lines() == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    assert signer_block("Lê Quốc Dũng", "Phó Chủ tịch UBND tỉnh").lines() == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer_block("A", "Phó Chánh Văn phòng").lines() == ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG",
                                                                  "PHÓ CHÁNH VĂN PHÒNG"]
    assert signer_block("A", "Chủ tịch UBND tỉnh", authority="TM. ỦY BAN NHÂN DÂN").lines() == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    with pytest.raises(InvalidInput, match="TM., KT., Q., TL., TUQ."):
        signer_block("A", "Chủ tịch", authority="THAY MẶT UBND")


def test_invitation_details_are_kept_with_the_meeting_and_a_stale_edit_is_refused(store, planned, province):
    meeting, _ = planned
    with store.read() as s:
        before = invitation_details(s, meeting.id)
    with store.uow(province.secretary) as uow:
        set_invitation_details(uow, meeting.id, note="Đề nghị đến trước 15 phút.", expected_version=before.version)
        uow.commit()
    with store.uow(province.secretary) as uow, pytest.raises(ConflictError):
        set_invitation_details(uow, meeting.id, note="Bản cũ", expected_version=before.version)
    with store.read() as s:
        assert invitation_details(s, meeting.id).note == "Đề nghị đến trước 15 phút."


def test_the_attendance_sheets_give_each_site_its_page(store, planned, tmp_path):
    meeting, _ = planned
    with store.read() as s:
        content = attendance_content(s, meeting.id)
    assert [sh.site for sh in content.sheets] == ["Điểm cầu chính: Ủy ban nhân dân tỉnh Quảng Trị",
                                                  "Điểm cầu Ủy ban nhân dân xã Vĩnh Giang"]
    assert [r.name for r in content.sheets[1].rows] == ["Võ Thanh Tùng"]
    pdf = render_attendance_sheets(content)
    text = text_of(pdf, tmp_path)
    assert text.count("DANH SÁCH ĐẠI BIỂU DỰ HỌP") == 2 and "Ký tên" in text and "Phạm Thị Ngọc Ánh" in text


def test_issuing_numbers_stores_and_sends_the_invitation_to_its_signer(store, planned, province, tmp_path):
    meeting, office = planned
    issued = issue_meeting_paper(store, province.secretary, meeting.id, MeetingPaper.INVITATION, signer_id=office)
    assert issued.number == "01/GM-UBND" and issued.request is not None and issued.signer_id == office
    program = issue_meeting_paper(store, province.secretary, meeting.id, MeetingPaper.PROGRAMME)
    assert program.number == "02/CTr-UBND"
    with store.read() as s:
        doc = get_document(s, issued.document.id)
        numbers = list_numbers(s, unit_id=province.qt.id, year=2026, series=Series.DI)
        pdf = store.blobs.get(doc.current_version.sha256)
    assert (doc.doc_type, doc.number) == ("giay_moi", "01/GM-UBND")
    assert [(n.symbol, n.doc_type, n.subject_id) for n in numbers] == [
        ("01/GM-UBND", "giay_moi", meeting.id), ("02/CTr-UBND", "chuong_trinh", meeting.id)]
    text = " ".join(text_of(pdf, tmp_path).split())
    assert "Số: 01/GM-UBND" in text and "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG" in text and "DỰ THẢO" not in text
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert [f.get("/FT") for f in fields.values()] == ["/Sig"]  # one empty field, for the chief of office


def test_only_the_clerk_numbers_and_a_refusal_leaves_nothing(store, planned, province):
    meeting, _ = planned
    audits = audit_count(store)
    with pytest.raises(PermissionDenied, match="văn thư"):
        issue_meeting_paper(store, province.member, meeting.id, MeetingPaper.INVITATION)
    with store.read() as s:
        assert list_documents(s, meeting.id) == []
        assert list_numbers(s, unit_id=province.qt.id, year=2026, series=Series.DI) == []
    assert audit_count(store) == audits
