"""Written opinions from the meeting's workspace: the secretary asks the members, the chair
answers from the same desktop's panel, the chair closes the poll early and the tally shows."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime

from meetings.lifecycle import get_meeting, list_meetings


def test_ask_answer_close_and_tally_in_the_workspace(make_window, demo_store, clerk_id):
    with demo_store.read() as s:
        meeting_id = next(m.id for m in list_meetings(s) if "tháng 12" in m.title and "tỉnh" in m.title)
        chair = next(p.person_id for p in get_meeting(s, meeting_id).participants if p.role == "chair")
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(meeting_id)
    panel = ws.pages["opinions"]
    panel.question.setText("Thống nhất lùi phiên họp sang 09h00")
    panel.deadline.setDateTime(QDateTime(QDate(2026, 12, 5), QTime(17, 0)))
    panel.ask_button.click()
    assert panel.table.rowCount() == 1 and panel.table.item(0, 0).text() == "Thống nhất lùi phiên họp sang 09h00"
    assert panel.table.item(0, 1).text() == "17:00 05/12/2026" and panel.table.item(0, 3).text() == "Đang lấy ý kiến"
    assert [panel.option.itemText(i) for i in range(panel.option.count())] == ["Đồng ý", "Không đồng ý",
                                                                                "Ý kiến khác"]

    ws.ctx.actor_id = chair  # the chair at the same desktop
    panel.option.setCurrentIndex(0)
    panel.comment.setText("Nhất trí")
    panel.answer_button.click()
    assert panel.table.item(0, 2).text().startswith("1/")
    panel.close_button.click()  # the chair decides to close early
    assert panel.table.item(0, 3).text() == "Đã kết thúc"
    panel.tally_button.click()
    assert "Đồng ý: 1" in panel.result.text() and "Chưa trả lời" in panel.result.text()
