"""The demo on today's map (the default): the Government, merged Quảng Trị with its seat in
Đồng Hới, wards, communes and the special zone directly under the province, its current
departments; a Trung ương → tỉnh → xã conference, the provincial sessions and a ward's
session, through the meeting, book, minutes, notice and archive paths (both backends)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from demo.store import create_demo
from meetings.archive import build_archive, check_archive
from meetings.book import compile_meeting_book
from meetings.lifecycle import get_meeting
from meetings.papers.conclusions import issue_conclusion_notice
from meetings.papers.minutes import get_minutes, render_minutes_pdf
from store.directory import current_scheme, find_unit_by_code, list_units
from store.errors import InvalidInput


def text_of(data: bytes | Path, tmp_path: Path) -> str:
    path = data if isinstance(data, Path) else tmp_path / "doc.pdf"
    if not isinstance(data, Path):
        path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def demo(store):
    return create_demo(store, with_materials=False)


def test_the_demo_draws_todays_map(store, demo):
    with store.read() as s:
        assert current_scheme(s).code == "2025"
        units = {u.code: u for u in list_units(s)}
        qt, cp = units["QT"], units["CP"]
        assert (cp.level, cp.parent_id, qt.level, qt.parent_id, qt.scheme) == ("central", None, "province", cp.id, "2025")
        communes = [u for u in units.values() if u.level == "commune"]
        assert len(communes) >= 12 and all(u.parent_id == qt.id for u in communes)
        names = {u.name for u in communes}
        assert {"Phường Đồng Hới", "Đặc khu Cồn Cỏ", "Phường Đông Hà", "Xã Phong Nha", "Xã Vĩnh Linh"} <= names
        assert units["QT-CONCO"].place_name == "Cồn Cỏ" and units["QT-DHOI"].place_name == "Đồng Hới"
        agencies = {u.name: u for u in units.values() if u.kind != "administrative"}
        assert {"Sở Tài chính", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"} <= set(agencies)
        assert "Sở Kế hoạch và Đầu tư" not in agencies  # merged into Sở Tài chính in 2025
        assert all(u.level == "province" for u in agencies.values())
        assert not any(u.level == "district" for u in units.values())
        conference = get_meeting(s, demo.meeting_ids["central"])
        assert conference.unit.id == cp.id and conference.meeting.kind == "online"
        site_ids = {site.unit_id for site in conference.sites}
        assert qt.id in site_ids and units["QT-CONCO"].id in site_ids and len(site_ids) >= 4
        assert {site.level_name for site in conference.sites} == {"tỉnh", "xã"}
        december = get_meeting(s, demo.meeting_ids["province"])
        assert december.unit.id == qt.id and "Đồng Hới" in december.meeting.location
        ward = get_meeting(s, demo.meeting_ids["commune"])
        assert ward.unit.name == "Phường Đồng Hới"


def test_minutes_notice_book_and_archive_on_todays_map(store, demo, tmp_path):
    november = demo.meeting_ids["province-november"]
    with store.read() as s:
        draft = get_minutes(s, november)
        stc = find_unit_by_code(s, "QT-STC")
    assert "Đặng Thị Lan, Giám đốc Sở Tài chính: vắng mặt" in draft.text()
    minutes = text_of(render_minutes_pdf(store, november), tmp_path)
    assert "ỦY BAN NHÂN DÂN TỈNH" in minutes and "QUẢNG TRỊ" in minutes and "BIÊN BẢN" in minutes
    with store.read() as s:
        secretary = next(p.person_id for p in get_meeting(s, november).participants if p.role == "secretary")
    notice = issue_conclusion_notice(store, secretary, november)  # numbered by whoever keeps the meeting
    notice_text = text_of(store.blobs.get(notice.current_version.sha256), tmp_path)
    assert "Quảng Trị, ngày 28 tháng 11 năm 2026" in notice_text and stc.name in notice_text
    book = compile_meeting_book(store, demo.meeting_ids["commune"], tmp_path / "phuong.pdf")
    cover = text_of(book.path, tmp_path)
    assert "Đồng Hới, tháng 12 năm 2026" in cover and "PHƯỜNG ĐỒNG HỚI" in cover.upper()
    conference = compile_meeting_book(store, demo.meeting_ids["central"], tmp_path / "hoi-nghi.pdf")
    assert "Hà Nội, tháng 12 năm 2026" in text_of(conference.path, tmp_path)
    package = build_archive(store, november, tmp_path / "hop.zip")
    assert check_archive(package.path).ok


def test_the_2019_demo_stays_available_and_the_two_do_not_mix(store):
    report = create_demo(store, scheme="2019", with_materials=False)
    with store.read() as s:
        assert find_unit_by_code(s, "QT-VL").level == "district"
    assert {"province", "province-november", "district", "commune"} <= set(report.meeting_ids)
    with pytest.raises(InvalidInput, match="2019"):
        create_demo(store, with_materials=False)
    with pytest.raises(InvalidInput, match="2030"):
        create_demo(store, scheme="2030")
