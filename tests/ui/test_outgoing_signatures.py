"""The demo's released decision "Số: 15/QĐ-UBND" on its page in the "Văn bản" tab: its
signatures, verified, say who each is from. The chairman signed it; the văn thư numbered and
sealed it in the organisation's name (Decree 30 §5), so those two read as the organisation's,
applied by the văn thư, never as if the văn thư had signed as the leader."""

from __future__ import annotations

import pytest

from store.clock import FixedClock
from store.directory import find_person_by_email
from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import START

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture
def released_demo(cli_demo, tmp_path):
    """What `nghisu demo` made: the decision numbered, sealed and released by the văn thư."""
    store = open_store(StoreLocation(home=cli_demo(tmp_path / "store")), clock=FixedClock(START))
    yield store
    store.close()


def test_the_demo_decisions_page_names_the_organisation_and_its_van_thu(make_window, released_demo):
    with released_demo.read() as s:
        clerk = find_person_by_email(s, "anh.ptn@quangtri.gov.vn")
    window = make_window(released_demo, person_id=clerk.id)
    area = window.register_area
    area.lists.setCurrentWidget(area.outgoing_view)
    row = next(i for i, r in enumerate(area.outgoing.rows()) if r["symbol"] == "15/QĐ-UBND")
    area.outgoing_view.selectRow(row)
    page = area.page_view.toPlainText()
    assert not window.errors, window.errors
    assert "Chữ ký số của phiên bản" in page and "đang kiểm tra" not in page
    assert "Nguyễn Văn Minh — chữ ký của người có thẩm quyền: hợp lệ" in page, page
    organisation = "Ủy ban nhân dân tỉnh Quảng Trị (văn thư Phạm Thị Ngọc Ánh)"
    assert f"{organisation} — số và ngày ban hành: hợp lệ" in page, page
    assert f"{organisation} — chữ ký số của cơ quan, kèm hình con dấu: hợp lệ" in page, page
    assert "Phạm Thị Ngọc Ánh: hợp lệ" not in page  # the văn thư is not listed as a signer
