"""The workspace's "Văn bản cuộc họp" tab, as a secretary uses it: the invitation's details
saved with the meeting and previewed, the minutes drafted from the record, one section edited
and saved, then finalised: numbered through the register and sent for signing."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from meetings.lifecycle import change_status, list_meetings, start_meeting
from meetings.papers.invitation import invitation_details
from meetings.papers.minutes import get_minutes
from store.directory import find_person_by_email


def test_a_secretary_prepares_the_papers_and_finalises_the_minutes(make_window, demo_store, clerk_id, monkeypatch):
    with demo_store.read() as s:
        meeting_id = next(m.id for m in list_meetings(s) if "tháng 12" in m.title and "tỉnh" in m.title)
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(meeting_id)
    tab = ws.pages["papers"]
    opened = []
    monkeypatch.setattr(ws.ctx, "open_pdf", lambda data, title: opened.append((title, data[:5])))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    tab.bring.setText("Báo cáo kết quả tháng 11 của đơn vị")
    tab.save_details_button.click()
    with demo_store.read() as s:
        assert invitation_details(s, meeting_id).bring == "Báo cáo kết quả tháng 11 của đơn vị"
    for key in ("invitation", "programme", "attendance"):
        tab.preview_buttons[key].click()
    assert [t for t, head in opened if head == b"%PDF-"] == ["Giấy mời (dự thảo)", "Chương trình (dự thảo)",
                                                              "Danh sách đại biểu"]
    assert not tab.draft_button.isEnabled()  # nothing to record before the meeting is held

    with demo_store.uow(clerk_id) as uow:
        change_status(uow, meeting_id, "published")
        start_meeting(uow, meeting_id)
        uow.commit()
    ws.reload()
    tab.draft_button.click()
    keys = [tab.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(tab.sections.count())]
    assert keys[:3] == ["time", "place", "attendance"]
    tab.sections.setCurrentRow(1)
    tab.editor.setPlainText("Hội trường lớn, trụ sở UBND tỉnh.")
    assert tab.save_minutes_button.isEnabled()
    tab.save_minutes_button.click()
    with demo_store.read() as s:
        assert get_minutes(s, meeting_id).section("place").text == "Hội trường lớn, trụ sở UBND tỉnh."

    tab.finalise_button.click()
    with demo_store.read() as s:
        minutes = get_minutes(s, meeting_id)
        secretary = find_person_by_email(s, "anh.ptn@quangtri.gov.vn")
    assert minutes.status == "final" and minutes.document_id is not None and secretary.id == clerk_id
    assert "đã hoàn tất" in tab.minutes_status.text() and tab.editor.isReadOnly()


def test_conclusions_and_tasks_in_the_tab_with_the_overdue_in_red(make_window, demo_store, clerk_id, monkeypatch):
    with demo_store.read() as s:
        november = next(m.id for m in list_meetings(s) if "tháng 11" in m.title)
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(november)
    panel = ws.pages["papers"].conclusions
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert "quá hạn" in panel.summary.text() and panel.table.rowCount() == 3  # the demo's tasks
    late = [panel.table.item(r, 3).text() for r in range(3)]
    assert "Quá hạn" in late
    panel.conclusion_text.setText("Giao Sở Tài chính rà soát dự toán năm 2027")
    panel.add_conclusion_button.click()
    panel.task_text.setText("Rà soát dự toán năm 2027")
    units = [panel.unit.itemText(i) for i in range(panel.unit.count())]
    assert "Huyện Đakrông" in units, units
    panel.unit.setCurrentIndex(panel.unit.findText("Huyện Đakrông"))
    panel.deadline.setDate(QDate(2026, 12, 20))
    panel.add_task_button.click()
    assert panel.table.rowCount() == 4
    row = next(r for r in range(4) if panel.table.item(r, 0).text() == "Rà soát dự toán năm 2027")
    assert panel.table.item(row, 1).text() == "Huyện Đakrông" and panel.table.item(row, 2).text() == "20/12/2026"
    panel.table.selectRow(row)
    panel.done_button.click()
    assert panel.table.item(row, 3).text() == "Đã xong"
    panel.issue_button.click()
    assert "đã phát hành số" in panel.summary.text() and not panel.issue_button.isEnabled()
