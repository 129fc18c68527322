"""Written opinions between meetings: answers until the deadline, a tally after it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetings.opinions import answer_opinion, ask_opinions, tally_opinions
from store.directory import create_person
from store.errors import InvalidInput, PermissionDenied


def test_answers_are_counted_only_after_the_deadline(store, province, clock):
    with store.uow(province.secretary) as uow:
        extra = create_person(uow, full_name="Hoàng Đức Thắng", position="Giám đốc Sở", unit_id=province.qt.id)
        poll = ask_opinions(uow, unit_id=province.qt.id, question="Thông qua Quyết định phê duyệt giá đất năm 2027",
                            options=["Đồng ý", "Không đồng ý", "Ý kiến khác"], deadline=clock.now() + timedelta(days=3),
                            member_ids=[province.chair, province.member, extra.id])
        uow.commit()
    with store.uow(province.chair) as uow:
        answer_opinion(uow, poll.id, province.chair, "Đồng ý")
        answer_opinion(uow, poll.id, province.member, "Không đồng ý", "Cần làm rõ hệ số K")
        info = answer_opinion(uow, poll.id, province.member, "đồng ý", "Đã được giải trình")  # changed before the deadline
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
    for kwargs in (dict(options=["Đồng ý"], deadline=clock.now() + timedelta(days=1)),
                   dict(options=["Đồng ý", "Không"], deadline=clock.now() - timedelta(minutes=1))):
        with pytest.raises(InvalidInput), store.uow() as uow:
            ask_opinions(uow, unit_id=province.qt.id, question="Q", member_ids=[province.chair], **kwargs)
