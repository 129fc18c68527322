"""The demo's year of outgoing documents as planned (no store): the province's first fourteen
numbers and the decision "15/QĐ-UBND" in the first half of January, then releases through the
year on working days and hours, in order, never after the demo's moment nor before its
certificates; a demo made on the first days of January still gets the sixteen, squeezed in."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from demo.outgoing_plan import board_subject, decision_subject, province_plan, ward_plan, working_day
from store.clock import VN_TZ

FLOOR = datetime(2025, 12, 1, 8, 1, tzinfo=VN_TZ)  # as ``demo.signing.issued_from``, a minute on


def _in_order_before(plan, now, floor):
    moments = [p.at for p in plan]
    assert moments == sorted(moments) and len(set(moments)) == len(moments)
    assert all(floor < at < now for at in moments)


def test_a_december_demo_has_a_year_of_releases_on_working_days():
    now = datetime(2026, 12, 3, 9, 0, tzinfo=VN_TZ)
    plan = province_plan(now, FLOOR)
    _in_order_before(plan, now, FLOOR)
    assert 35 <= len(plan) <= 60
    decision = plan[14]
    assert decision.subject == decision_subject(2026) == "Về việc ban hành Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026"
    assert decision.doc_type == "quyet_dinh" and decision.to_wards
    assert all(p.at.month == 1 and p.at.day <= 16 for p in plan[:15]) and plan[15].at.month > 1
    assert {p.doc_type for p in plan} == {"cong_van", "ke_hoach", "thong_bao", "bao_cao", "quyet_dinh"}
    assert len({p.at.month for p in plan}) == 11  # January to November, a few each
    for p in plan:
        local = p.at.astimezone(VN_TZ)
        assert working_day(local.date()) and time(7, 30) <= local.time() <= time(16, 30), p
    withdrawn = [i for i, p in enumerate(plan) if p.withdrawn_at is not None]
    assert len(withdrawn) == 1
    again = plan[withdrawn[0] + 1]
    assert plan[withdrawn[0]].at < plan[withdrawn[0]].withdrawn_at < again.at and again.subject.startswith(
        plan[withdrawn[0]].subject)
    board = [p for p in plan if p.to_wards][-1]
    assert board.subject == board_subject(2026) and now - timedelta(days=12) < board.at < now - timedelta(days=5)
    assert board.report_by is not None and board.report_by >= now.date()  # the wards' deadline is still to come


@pytest.mark.parametrize("now", [datetime(2027, 1, 3, 10, 0, tzinfo=VN_TZ),  # a Sunday: no working day yet
                                 datetime(2027, 1, 5, 14, 0, tzinfo=VN_TZ),
                                 datetime(2027, 1, 1, 0, 45, tzinfo=VN_TZ)])  # three quarters of an hour in
def test_a_demo_of_the_first_days_of_january_squeezes_the_sixteen_in(now):
    floor = datetime(2026, 12, 1, 8, 1, tzinfo=VN_TZ)
    plan = province_plan(now, floor)
    _in_order_before(plan, now, datetime(2027, 1, 1, tzinfo=VN_TZ))
    assert len(plan) == 16 and plan[14].subject == decision_subject(2027) and plan[15].subject == board_subject(2027)
    # a quarter of the time is left for the wards to take the board's document up
    assert plan[-1].at < now - (now - datetime(2027, 1, 1, tzinfo=VN_TZ)) / 5
    assert all(p.at < now for p in ward_plan(now, floor, 0) + ward_plan(now, floor, 1))


def test_certificates_made_late_in_the_year_push_the_plan_after_them():
    now = datetime(2026, 12, 3, 9, 0, tzinfo=VN_TZ)
    floor = datetime(2026, 11, 20, 10, 0, tzinfo=VN_TZ)  # a store whose CA was made in November
    plan = province_plan(now, floor)
    _in_order_before(plan, now, floor)
    assert len(plan) == 16 and plan[14].subject == decision_subject(2026)
    assert all(floor < p.at for p in ward_plan(now, floor, 1))


def test_each_ward_has_its_own_year():
    now = datetime(2026, 12, 3, 9, 0, tzinfo=VN_TZ)
    first, second = ward_plan(now, FLOOR, 0), ward_plan(now, FLOOR, 1)
    for plan in (first, second):
        _in_order_before(plan, now, FLOOR)
        assert len(plan) >= 10 and any(p.to_province for p in plan)
    assert [p.at for p in first] != [p.at for p in second]
