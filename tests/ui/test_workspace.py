"""Through the window, as a clerk would: create a meeting, build its agenda, drag items, drop
a PDF onto an item, see it among the materials, connect sites, compile the book, publish."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox

from demo.samples import SampleSpec, generate_pdf
from meetings.lifecycle import get_meeting, list_meetings
from store.errors import InvalidInput


def answer_next_dialog(fill, tries: int = 200) -> None:
    """Fill and accept the next modal dialog as soon as it opens (dialogs run their own loop)."""

    def attempt(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(10, lambda: attempt(left - 1))
            return
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, lambda: attempt(tries))


def titles(model, parent=None):
    parent = parent if parent is not None else QModelIndex()
    return [model.index(r, 1, parent).data() for r in range(model.rowCount(parent))]


@pytest.fixture
def sample_pdf(tmp_path):
    spec = SampleSpec(doc_type="TTr", number="77/TTr-UBND", issuing_agency="Ủy ban nhân dân huyện Đakrông",
                      subject="Về việc sửa chữa trường tiểu học xã Tà Rụt", issued_on=date(2026, 11, 25), pages=3,
                      scheme="2019")  # a district's paper, for the 2019 demo's Huyện Đakrông
    path = tmp_path / "To_trinh-77 sua truong.pdf"
    path.write_bytes(generate_pdf(spec))
    return path


def test_the_whole_path_through_the_window(make_window, demo_store, clerk_id, sample_pdf, monkeypatch, qtbot):
    window = make_window(demo_store, person_id=clerk_id)
    window.unit_view.setCurrentIndex(window.units.index(1, 0, window.units.index(0, 0)))  # Huyện Đakrông
    assert window.unit_title.text() == "Huyện Đakrông"

    # 1. A new meeting (Ctrl+N), filled in its dialog.
    def fill_meeting(d):
        d.title.setText("Họp UBND huyện Đakrông về trường học vùng cao")
        d.location.setText("Hội trường UBND huyện Đakrông")

    answer_next_dialog(fill_meeting)
    window.new_action.trigger()
    ws = window.meeting_tabs.current_workspace()
    assert ws is not None and ws.title() == "Họp UBND huyện Đakrông về trường học vùng cao"
    assert window.meetings.rowCount() == 1 and window.units.index(1, 1, window.units.index(0, 0)).data() == "1"
    agenda = ws.pages["agenda"]

    # 2. Three items through the "Thêm mục" dialog.
    for title, minutes in (("Khai mạc", 5), ("Báo cáo hiện trạng trường học", 20), ("Kết luận", 10)):
        def fill_item(d, title=title, minutes=minutes):
            d.title.setText(title)
            d.presenter.setText("Chủ tịch UBND huyện")
            d.minutes.setValue(minutes)

        answer_next_dialog(fill_item)
        agenda.add_button.click()
    assert titles(agenda.model) == ["Khai mạc", "Báo cáo hiện trạng trường học", "Kết luận"]
    assert "35 phút" in agenda.total.text()

    # 3. Drag "Kết luận" to the top, then drop "Khai mạc" onto the report: it becomes item 2.1.
    model = agenda.model
    model.dropMimeData(model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles(model) == ["Kết luận", "Khai mạc", "Báo cáo hiện trạng trường học"]
    model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, -1, 0, model.index(2, 0))
    assert titles(model) == ["Kết luận", "Báo cáo hiện trạng trường học"]
    report = model.index(1, 0)
    assert titles(model, report) == ["Khai mạc"] and model.index(0, 0, report).data() == "2.1"

    # 4. A refused move (an item with sub-items cannot become a sub-item): said, tree unchanged.
    model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, -1, 0, model.index(0, 0))
    assert isinstance(window.errors[-1], InvalidInput) and "hai cấp" in window.errors[-1].vi
    assert titles(model) == ["Kết luận", "Báo cáo hiện trạng trường học"]

    # 5. A PDF dropped from the file manager onto item 2: imported, shown among the materials.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_pdf))])
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, model.index(1, 0))
    assert model.index(1, 5).data() == "1"
    materials = ws.pages["materials"].model
    assert materials.rowCount() == 1
    assert [materials.index(0, c).data() for c in (0, 1, 5, 6)] == ["2", "To trinh 77 sua truong", "1", "3"]

    # 6. A connected site, ticked in the tree.
    sites = ws.pages["sites"].sites
    ta_rut = next(sites.index(r, 0) for r in range(sites.rowCount()) if sites.index(r, 0).data() == "Xã Tà Rụt")
    sites.setData(ta_rut, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    with demo_store.read() as s:
        assert [x.name for x in get_meeting(s, ws.meeting_id).sites] == ["Xã Tà Rụt"]
    assert ws.pages["sites"].sites_count.text() == "1 điểm cầu tham dự"

    # 7. The book (Ctrl+B), with its progress bar; then open it.
    window.book_action.trigger()
    book = ws.pages["book"]
    assert book.result is not None and book.result.page_count >= 3 + 2
    assert "trang" in book.status.text() and book.progress.value() == book.progress.maximum()
    opened = []
    monkeypatch.setattr(window, "open_pdf", lambda data, title, **kw: opened.append((data[:5], title)))
    ws.ctx.open_pdf = window.open_pdf
    book.open_button.click()
    assert opened and opened[0][0] == b"%PDF-"

    # 8. Publish: the action says what it will do, then does it.
    asked = []

    def confirm(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    ws.action_buttons["published"].click()
    assert "gửi 1 tài liệu" in asked[0]
    assert ws.status_label.text() == "đã phát hành"
    assert set(ws.action_buttons) == {"in_progress"}
    assert window.errors[1:] == []


def test_status_move_cancelled_changes_nothing(make_window, demo_store, clerk_id, monkeypatch):
    window = make_window(demo_store, person_id=clerk_id)
    with demo_store.read() as s:
        meeting = next(m for m in list_meetings(s) if m.status == "draft" and m.title.startswith("Phiên họp"))
    ws = window.open_meeting(meeting.id)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    assert ws.run_status_action("published") is False
    with demo_store.read() as s:
        assert get_meeting(s, meeting.id).meeting.status == "draft"


def test_through_the_real_background_runner(make_window, demo_store, clerk_id, qtbot):
    """The store opens in the background, the window answers meanwhile, and the lists fill in."""
    from ui.tasks import TaskRunner

    window = make_window(None, runner=TaskRunner(), person_id=clerk_id)
    assert window.store_label.text() == "Đang mở kho dữ liệu…"
    window.open_store(demo_store.location)
    qtbot.waitUntil(lambda: window.meetings.rowCount() == 2, timeout=60000)
    assert window.unit_title.text() == "Tỉnh Quảng Trị"
    ws = window.open_meeting(window.meetings.row_at(1).meeting.id)
    qtbot.waitUntil(lambda: ws.pages["materials"].model.rowCount() >= 5, timeout=60000)
    book = ws.pages["book"]
    book.compile()
    book.cancel()
    qtbot.waitUntil(lambda: book.compile_button.isEnabled(), timeout=60000)
    assert book.status.text().startswith(("Đã hủy", "Đã tạo"))
    window.close()
    assert window.runner.active_count() == 0


def test_a_meeting_closed_while_it_loads_leaves_no_error(make_window, demo_store, clerk_id, qtbot):
    """Opened and closed at once (a mistaken double-click): what the tab asked for still
    arrives, after the tab and its widgets are gone, and is dropped without a word."""
    from ui.tasks import TaskRunner

    window = make_window(demo_store, runner=TaskRunner(), person_id=clerk_id)
    qtbot.waitUntil(lambda: window.meetings.rowCount() == 2, timeout=60000)
    for _ in range(3):
        ws = window.open_meeting(window.meetings.row_at(1).meeting.id)
        window.meeting_tabs.close_tab(window.tabs.indexOf(ws))
    assert window.runner.wait_idle()
    qtbot.wait(200)  # the deferred deletes, then the queued results: an exception here fails the test
    assert window.runner.active_count() == 0
    assert window.tabs.count() == 1 + sum(bool(getattr(window.tabs.widget(i), "permanent", False))
                                          for i in range(1, window.tabs.count()))
