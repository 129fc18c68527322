"""The place in a date line (địa danh, Decree 30 §3) is the unit's own place name, as its data
says: never cut from the unit's name. Checked on the real PDFs (the conclusion notice's date
line, the book cover's line) read back as text.

"Thành phố Hà Nội" cut at its first space gave "phố Hà Nội", "Đặc khu Cồn Cỏ" gave "khu Cồn Cỏ".
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from meetings.book import compile_meeting_book
from meetings.lifecycle import change_status, create_meeting, get_meeting
from meetings.papers.conclusions import add_conclusion, issue_conclusion_notice
from meetings.sites import add_participant
from store.clock import VN_TZ
from store.directory import create_person, create_unit

#: (code, unit name, level, place name, official name), under the Government on the 2025 map.
UNITS = [
    ("QT", "Tỉnh Quảng Trị", "province", "Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị"),
    ("DH", "Phường Đồng Hới", "commune", "Đồng Hới", "Ủy ban nhân dân phường Đồng Hới"),
    ("CC", "Đặc khu Cồn Cỏ", "commune", "Cồn Cỏ", "Ủy ban nhân dân đặc khu Cồn Cỏ"),
    ("HN", "Thành phố Hà Nội", "province", "Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
]


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def meetings_2025(store):
    """A closed meeting with one conclusion for each unit, each chaired by its own chair."""
    made: dict[str, int] = {}
    with store.uow() as uow:
        cp = create_unit(uow, code="CP", name="Chính phủ", level="central", official_name="Chính phủ",
                         place_name="Hà Nội")
        ids = {"CP": cp.id}
        for code, name, level, place, official in UNITS:
            parent = ids["QT"] if level == "commune" else cp.id
            ids[code] = create_unit(uow, code=code, name=name, level=level, parent_id=parent, place_name=place,
                                    official_name=official).id
        chairs = {code: create_person(uow, full_name=f"Chủ tọa {code}", position="Chủ tịch", unit_id=ids[code]).id
                  for code, *_ in UNITS}
        uow.commit()
    for code, name, *_ in UNITS:
        with store.uow(chairs[code]) as uow:
            m = create_meeting(uow, unit_id=ids[code], title=f"Phiên họp thường kỳ tháng 12 năm 2026 của {name}",
                               kind="regular", starts_at=datetime(2026, 12, 4, 8, 0, tzinfo=VN_TZ),
                               ends_at=datetime(2026, 12, 4, 11, 0, tzinfo=VN_TZ), location="Hội trường")
            add_participant(uow, m.id, chairs[code], "chair")
            for status in ("published", "in_progress"):
                change_status(uow, m.id, status)
            add_conclusion(uow, m.id, "Thống nhất thông qua báo cáo.")
            uow.commit()
        made[code] = m.id
    return made


def test_each_units_papers_carry_its_own_place_name(store, meetings_2025, tmp_path):
    for code, name, _level, place, official in UNITS:
        meeting_id = meetings_2025[code]
        with store.read() as s:
            chair = next(p.person_id for p in get_meeting(s, meeting_id).participants if p.role == "chair")
        notice = issue_conclusion_notice(store, chair, meeting_id)  # the chair numbers the meeting's notice
        path = tmp_path / f"tb-{code}.pdf"
        path.write_bytes(store.blobs.get(notice.current_version.sha256))
        text = text_of(path)
        # The store's clock reads 28/11/2026 in Vietnam.
        assert f"{place}, ngày 28 tháng 11 năm 2026" in text, (code, text[:300])
        assert official.upper() in text.upper()
        book = compile_meeting_book(store, meeting_id, tmp_path / f"book-{code}.pdf")
        cover = text_of(book.path)
        assert f"{place}, tháng 12 năm 2026" in cover, (code, cover[:300])
        # The cut-at-the-first-space guess is nowhere.
        cut = name.split(" ", 1)[1]
        if cut != place:
            assert f"{cut}, ngày" not in text and f"{cut}, tháng" not in cover
