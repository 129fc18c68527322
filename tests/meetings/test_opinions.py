"""Written opinions between meetings: answers until the deadline, a tally after it; the office
lists its polls and may close one early (everyone answered, or the chair decided)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetings.live.opinion_closing import close_poll
from meetings.live.opinions import answer_opinion, ask_opinions, list_polls, tally_opinions
from meetings.sites import add_participant
from store.accounts import grant_unit_role
from store.clock import VN_TZ
from store.directory import create_person
from store.directory.people import grant_role
from store.errors import ConflictError, InvalidInput, PermissionDenied
from store.models import AuditEntry


def test_answers_are_counted_only_after_the_deadline(store, province, clock):
    with store.uow(province.secretary) as uow:
        extra = create_person(
            uow, full_name="Hoàng Đức Thắng", position="Giám đốc Sở", unit_id=province.qt.id
        )
        poll = ask_opinions(
            uow,
            unit_id=province.qt.id,
            question="Thông qua Quyết định phê duyệt giá đất năm 2027",
            options=["Đồng ý", "Không đồng ý", "Ý kiến khác"],
            deadline=clock.now() + timedelta(days=3),
            member_ids=[province.chair, province.member, extra.id],
        )
        uow.commit()
    with store.uow(province.chair) as uow:
        answer_opinion(uow, poll.id, province.chair, "Đồng ý")
        answer_opinion(uow, poll.id, province.member, "Không đồng ý", "Cần làm rõ hệ số K")
        info = answer_opinion(
            uow, poll.id, province.member, "đồng ý", "Đã được giải trình"
        )  # changed before the deadline
        uow.commit()
    assert (info.asked, info.answered) == (3, 2)
    with store.read() as s, pytest.raises(InvalidInput):
        tally_opinions(s, poll.id, clock.now())
    with pytest.raises(PermissionDenied), store.uow() as uow:
        answer_opinion(uow, poll.id, province.secretary, "Đồng ý")
    clock.advance(days=3)
    with pytest.raises(InvalidInput), store.uow() as uow:
        answer_opinion(uow, poll.id, extra.id, "Đồng ý")  # too late
    with store.read() as s:
        tally = tally_opinions(s, poll.id, clock.now())
    assert dict(tally.counts) == {"Đồng ý": 2, "Không đồng ý": 0, "Ý kiến khác": 0}
    assert tally.not_answered == ("Hoàng Đức Thắng",)
    assert ("Võ Thanh Tùng", "Đồng ý", "Đã được giải trình") in tally.answers


def test_a_poll_needs_options_and_a_future_deadline(store, province, clock):
    for kwargs in (
        dict(options=["Đồng ý"], deadline=clock.now() + timedelta(days=1)),
        dict(options=["Đồng ý", "Không"], deadline=clock.now() - timedelta(minutes=1)),
    ):
        with pytest.raises(InvalidInput), store.uow() as uow:
            ask_opinions(uow, unit_id=province.qt.id, question="Q", member_ids=[province.chair], **kwargs)


def _ask(
    store, province, clock, *, members, meeting_id=None, days=3, question="Thông qua danh mục dự án năm 2027"
):
    with store.uow(province.secretary) as uow:
        poll = ask_opinions(
            uow,
            unit_id=province.qt.id,
            question=question,
            options=["Đồng ý", "Không đồng ý"],
            deadline=clock.now() + timedelta(days=days),
            member_ids=members,
            meeting_id=meeting_id,
        )
        uow.commit()
    return poll


def test_the_office_lists_its_polls_open_and_closed_with_who_answered(store, province, meeting, clock):
    land = _ask(
        store, province, clock, members=[province.chair, province.member], question="Giá đất năm 2027"
    )
    budget = _ask(
        store,
        province,
        clock,
        members=[province.chair],
        meeting_id=meeting.id,
        days=1,
        question="Dự toán ngân sách",
    )
    with store.uow(province.chair) as uow:
        answer_opinion(uow, land.id, province.chair, "Đồng ý")
        uow.commit()
    with store.read() as s:
        polls = list_polls(s, clock.now())
        assert [p.id for p in polls] == [land.id, budget.id]  # latest deadline first
        first = polls[0]
        assert (first.question, first.unit_name, first.status, first.answered, first.asked) == (
            "Giá đất năm 2027",
            "Tỉnh Quảng Trị",
            "open",
            1,
            2,
        )
        assert [p.id for p in list_polls(s, clock.now(), meeting_id=meeting.id)] == [budget.id]
        assert list_polls(s, clock.now(), unit_id=province.vl.id) == []
    clock.advance(days=2)  # the budget poll's deadline passes by itself
    with store.read() as s:
        assert [(p.id, p.status) for p in list_polls(s, clock.now())] == [
            (land.id, "open"),
            (budget.id, "closed"),
        ]
        assert [p.id for p in list_polls(s, clock.now(), open_only=True)] == [land.id]


def test_the_asker_closes_early_once_everyone_answered_and_the_tally_is_there_at_once(store, province, clock):
    poll = _ask(store, province, clock, members=[province.chair, province.member])
    with store.uow(province.chair) as uow:
        answer_opinion(uow, poll.id, province.chair, "Đồng ý")
        answer_opinion(uow, poll.id, province.member, "Không đồng ý")
        uow.commit()
    clock.advance(hours=1)
    with store.uow(province.secretary) as uow:
        closed = close_poll(uow, poll.id, province.secretary)
        uow.commit()
    assert closed.deadline == clock.now() and (closed.answered, closed.asked) == (2, 2)
    with store.read() as s:
        assert dict(tally_opinions(s, poll.id, clock.now()).counts) == {"Đồng ý": 1, "Không đồng ý": 1}
        assert list_polls(s, clock.now())[0].status == "closed"
        audit = s.query(AuditEntry).filter_by(action="opinion.close").one()
        assert (audit.actor_id, audit.details["deadline_was"]) == (
            province.secretary,
            poll.deadline.isoformat(),
        )
    with pytest.raises(InvalidInput, match="đã đóng"), store.uow(province.member) as uow:
        answer_opinion(uow, poll.id, province.member, "Đồng ý")  # no change after the close
    with pytest.raises(InvalidInput, match="đã đóng"), store.uow(province.secretary) as uow:
        close_poll(uow, poll.id, province.secretary)  # once is enough


def test_closing_before_everyone_answered_needs_the_chairs_decision(store, province, meeting, clock):
    poll = _ask(store, province, clock, members=[province.chair, province.member])
    with (
        pytest.raises(InvalidInput, match="Còn 2/2 người chưa trả lời"),
        store.uow(province.secretary) as uow,
    ):
        close_poll(uow, poll.id, province.secretary)
    # The clerk who asked cannot claim the chair's decision: saying so does not make her the chair.
    with pytest.raises(PermissionDenied, match="Chỉ chủ tọa"), store.uow(province.secretary) as uow:
        close_poll(uow, poll.id, province.secretary, chair_decision=True)
    with store.uow() as uow:
        grant_role(uow, province.chair, province.qt.id, "lanh_dao")  # the chairman of the province
        uow.commit()
    with store.uow(province.chair) as uow:
        assert close_poll(uow, poll.id, province.chair, chair_decision=True).answered == 0
        uow.commit()
    with store.read() as s:
        assert tally_opinions(s, poll.id, clock.now()).not_answered == ("Nguyễn Văn Minh", "Võ Thanh Tùng")
        assert s.query(AuditEntry).filter_by(action="opinion.close").one().details["chair_decision"] is True

    # The chair of the poll's meeting decides by closing it.
    with store.uow(province.secretary) as uow:
        add_participant(uow, meeting.id, province.member, "chair")
        uow.commit()
    tied = _ask(store, province, clock, members=[province.chair], meeting_id=meeting.id)
    with store.uow(province.member) as uow:
        close_poll(uow, tied.id, province.member)
        uow.commit()


def test_a_poll_asked_by_no_one_in_particular_can_still_be_closed_by_the_chair(store, province, clock):
    with store.uow() as uow:  # no actor: as `nghisu opinions ask` without --as
        poll = ask_opinions(uow, unit_id=province.qt.id, question="Q", options=["Đồng ý", "Không đồng ý"],
                            deadline=clock.now() + timedelta(days=3), member_ids=[province.member])
        grant_role(uow, province.chair, province.qt.id, "lanh_dao")
        uow.commit()
    with pytest.raises(PermissionDenied), store.uow(province.secretary) as uow:
        close_poll(uow, poll.id, province.secretary, chair_decision=True)
    with store.uow(province.chair) as uow:
        close_poll(uow, poll.id, province.chair, chair_decision=True)
        uow.commit()


def test_an_option_typed_without_marks_is_the_option_meant(store, province, clock):
    poll = _ask(store, province, clock, members=[province.member])
    with store.uow(province.member) as uow:
        assert answer_opinion(uow, poll.id, province.member, "khong  dong y").answered == 1
        uow.commit()
    with store.uow(province.member) as uow, pytest.raises(InvalidInput, match="Phương án 'dong'"):
        answer_opinion(uow, poll.id, province.member, "dong")
    clock.advance(days=30)
    with store.read() as s:
        assert tally_opinions(s, poll.id, clock.now()).answers == (("Võ Thanh Tùng", "Không đồng ý", ""),)


def test_the_deadline_is_told_in_vietnam_time(store, province, clock):
    poll = _ask(store, province, clock, members=[province.member])
    shown = poll.deadline.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
    with store.read() as s, pytest.raises(InvalidInput) as err:
        tally_opinions(s, poll.id, clock.now())
    assert f"{shown} (giờ Việt Nam)" in str(err.value)
    with pytest.raises(InvalidInput, match="đã qua"), store.uow() as uow:
        ask_opinions(uow, unit_id=province.qt.id, question="Q", options=["A", "B"],
                     deadline=clock.now() - timedelta(hours=1), member_ids=[province.member])


def test_only_the_asker_the_units_organisers_or_the_meetings_chair_may_close(store, province, clock):
    poll = _ask(store, province, clock, members=[province.chair, province.member])
    with pytest.raises(PermissionDenied), store.uow(province.member) as uow:
        close_poll(uow, poll.id, province.member, chair_decision=True)  # asked, but not the asker
    with store.uow(province.chair) as uow:
        answer_opinion(uow, poll.id, province.chair, "Đồng ý")
        answer_opinion(uow, poll.id, province.member, "Đồng ý")
        uow.commit()
    with pytest.raises(PermissionDenied), store.uow(province.member) as uow:
        close_poll(uow, poll.id, province.member)  # everyone answered, but still not hers to close
    with store.uow() as uow:
        grant_unit_role(uow, province.member, province.qt.id, "organiser")
        uow.commit()
    with store.uow(province.member) as uow:
        close_poll(uow, poll.id, province.member)
        uow.commit()


def test_closing_from_a_stale_screen_says_who_closed_it_first(store, province, clock):
    poll = _ask(store, province, clock, members=[province.chair])
    with store.uow(province.chair) as uow:
        answer_opinion(uow, poll.id, province.chair, "Đồng ý")
        uow.commit()
    with store.read() as s:
        seen = list_polls(s, clock.now())[0].version
    with store.uow() as uow:
        grant_unit_role(uow, province.member, province.qt.id, "organiser")
        uow.commit()
    with store.uow(province.secretary) as uow:
        close_poll(uow, poll.id, province.secretary, expected_version=seen)
        uow.commit()
    with pytest.raises(ConflictError, match="Phạm Thị Ngọc Ánh"), store.uow(province.member) as uow:
        close_poll(uow, poll.id, province.member, expected_version=seen)
