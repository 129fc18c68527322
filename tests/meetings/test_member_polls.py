"""What the tablet shows a member (meetings.live.member_polls), on both backends: only the open
polls they were asked, soonest deadline first, with the answer they gave so far; a poll past
its deadline, or one asked of others, is not there."""

from __future__ import annotations

from meetings.live.member_polls import open_polls_for
from meetings.live.opinions import answer_opinion
from tests.meetings.test_opinions import _ask


def test_a_member_sees_only_their_open_polls_with_their_answer(store, province, meeting, clock):
    later = _ask(store, province, clock, members=[province.member, province.chair], days=5,
                 question="Danh mục dự án năm 2027", meeting_id=meeting.id)
    sooner = _ask(store, province, clock, members=[province.member], days=1, question="Giá đất năm 2027")
    _ask(store, province, clock, members=[province.chair], days=2, question="Chỉ hỏi chủ tịch")
    with store.read() as s:
        mine = open_polls_for(s, province.member, clock.now())
    assert [(p.id, p.question, p.answered) for p in mine] == [
        (sooner.id, "Giá đất năm 2027", False), (later.id, "Danh mục dự án năm 2027", False)]
    assert mine[1].options == ("Đồng ý", "Không đồng ý") and mine[1].unit_name == "Tỉnh Quảng Trị"
    with store.read() as s:
        assert [p.id for p in open_polls_for(s, province.member, clock.now(), meeting_id=meeting.id)] == [later.id]
        assert open_polls_for(s, province.secretary, clock.now()) == []  # asked nothing

    with store.uow(province.member) as uow:
        answer_opinion(uow, later.id, province.member, "Không đồng ý", "Cần thêm dự án thủy lợi")
        uow.commit()
    clock.advance(days=2)  # the sooner one has closed
    with store.read() as s:
        (only,) = open_polls_for(s, province.member, clock.now())
    assert (only.id, only.my_option, only.my_comment) == (later.id, "Không đồng ý", "Cần thêm dự án thủy lợi")
