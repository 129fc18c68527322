"""The meetings calendar: next week's meetings of every unit in one list, and a search box that
finds a meeting by date, words, unit or place from anywhere; a double-click opens it."""

from __future__ import annotations

from datetime import date

from meetings.calendar_records import CalendarSpan
from ui.calendar.tab import CalendarTab


def titles(tab: CalendarTab) -> list[str]:
    return [e.meeting.title for e in tab.model.entries()]


def test_a_week_across_units_and_a_search_from_anywhere(make_window, demo_store, clerk_id):
    window = make_window(demo_store, person_id=clerk_id)
    window.calendar_action.trigger()
    tab = window.tabs.currentWidget()
    assert isinstance(tab, CalendarTab)

    tab.set_span(CalendarSpan.WEEK)
    tab.show_day(date(2026, 12, 9))
    assert tab.range_label.text() == "Tuần 07/12 – 13/12/2026"
    week = tab.model.entries()
    # The province's session on Tuesday and the Government's conference on Saturday: two units.
    assert len({e.meeting.unit_id for e in week}) >= 2
    assert all(date(2026, 12, 7) <= e.day <= date(2026, 12, 13) for e in week)
    assert tab.model.index(0, 0).data().startswith("Thứ Ba, 08/12/2026")

    tab.step(1)
    assert tab.range_label.text() == "Tuần 14/12 – 20/12/2026"
    tab.set_span(CalendarSpan.MONTH)
    assert tab.range_label.text() == "Tháng 12/2026"
    assert set(titles(tab)) >= {e.meeting.title for e in week}

    tab.search_edit.setText("8/12")
    tab.refresh()
    assert tab.range_label.text() == "Kết quả tìm “8/12”"
    assert titles(tab) and all(e.day == date(2026, 12, 8) for e in tab.model.entries())

    tab.search_edit.setText("phong hop so 1")  # the place, typed without accents
    tab.refresh()
    found = tab.model.entries()
    assert found and all("Phòng họp số 1" in e.meeting.location for e in found)

    tab.open_meeting(tab.model.index(0, 2))
    assert found[0].meeting.id in window.meeting_tabs.workspaces

    tab.search_edit.setText("không có cuộc họp nào như thế")
    tab.refresh()
    assert tab.model.rowCount() == 0 and "Không tìm thấy" in tab.empty_label.text()

    window.calendar_action.trigger()  # opened once, brought to the front again
    assert sum(isinstance(window.tabs.widget(i), CalendarTab) for i in range(window.tabs.count())) == 1
