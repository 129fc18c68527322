"""Finding meetings by date and by words, across every unit: "what is on next week", "the
meeting on the 10th about the budget", without knowing which unit called it."""

from __future__ import annotations

from datetime import date, datetime

from meetings.calendar import find_meetings, meetings_between
from meetings.calendar_records import CalendarSpan, span_around
from meetings.lifecycle import create_meeting
from store.clock import VN_TZ


def test_a_week_runs_monday_to_sunday_and_a_month_to_its_last_day():
    assert span_around(date(2026, 12, 10), CalendarSpan.WEEK) == (date(2026, 12, 7), date(2026, 12, 13))
    assert span_around(date(2026, 12, 10), CalendarSpan.MONTH) == (date(2026, 12, 1), date(2026, 12, 31))
    assert span_around(date(2027, 2, 3), CalendarSpan.MONTH) == (date(2027, 2, 1), date(2027, 2, 28))
    assert span_around(date(2026, 12, 10), CalendarSpan.DAY) == (date(2026, 12, 10), date(2026, 12, 10))
    assert CalendarSpan.WEEK.vi == "tuần"


def _meeting(store, province, unit, title, when, location=""):
    with store.uow(province.secretary) as uow:
        m = create_meeting(uow, unit_id=unit.id, title=title, kind="regular", starts_at=when, location=location)
        uow.commit()
    return m.id


def test_days_are_vietnams_and_every_unit_counts(store, province):
    early = _meeting(store, province, province.qt, "Giao ban sáng thứ Năm", datetime(2026, 12, 10, 7, 0, tzinfo=VN_TZ))
    other = _meeting(store, province, province.vg, "Họp dân về ngân sách xã", datetime(2026, 12, 10, 14, 0, tzinfo=VN_TZ),
                     location="Nhà văn hóa thôn 3")
    _meeting(store, province, province.qt, "Phiên họp tháng 11", datetime(2026, 11, 20, 8, 0, tzinfo=VN_TZ))
    with store.read() as s:
        # 07:00 in Vietnam is 00:00 UTC on the same day; 06:59 would be the previous UTC day.
        assert [e.meeting.id for e in meetings_between(s, date(2026, 12, 10), date(2026, 12, 10))] == [early, other]
        week = meetings_between(s, *span_around(date(2026, 12, 8), CalendarSpan.WEEK))
        assert {e.unit_name for e in week} == {"Tỉnh Quảng Trị", "Xã Vĩnh Giang"}
        assert all(e.day == date(2026, 12, 10) for e in week)


def test_search_by_date_words_unit_or_place_without_accents(store, province):
    budget = _meeting(store, province, province.vg, "Họp dân về ngân sách xã", datetime(2026, 12, 10, 14, 0, tzinfo=VN_TZ),
                      location="Nhà văn hóa thôn 3")
    january = _meeting(store, province, province.qt, "Phiên họp đầu năm", datetime(2027, 1, 10, 8, 0, tzinfo=VN_TZ))
    today = date(2026, 12, 3)
    with store.read() as s:
        assert [e.meeting.id for e in find_meetings(s, "10/12", today=today)] == [budget]
        assert [e.meeting.id for e in find_meetings(s, "10/12/2026", today=today)] == [budget]
        assert [e.meeting.id for e in find_meetings(s, "10/1", today=today)] == [january]  # next January
        assert [e.meeting.id for e in find_meetings(s, "ngan sach", today=today)] == [budget]
        assert [e.meeting.id for e in find_meetings(s, "van hoa thon", today=today)] == [budget]  # the place
        assert budget in [e.meeting.id for e in find_meetings(s, "xa vinh giang", today=today)]  # the unit
        assert find_meetings(s, "ngân sách tỉnh", today=today) == []  # every word must match
        assert find_meetings(s, "31/2", today=today) == []  # no such day: nothing, not an error
        assert find_meetings(s, "  ", today=today) == []
