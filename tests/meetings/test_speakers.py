"""Speaker queues per agenda item, and the speaking timer read from the injected clock."""

from __future__ import annotations

import pytest

from meetings.agenda import add_agenda_item
from meetings.live.speakers import (
    finish_speaking,
    meeting_speakers,
    request_to_speak,
    speaker_queue,
    start_speaking,
    withdraw_request,
)
from store.errors import InvalidInput, NotFound
from tests.meetings.test_attendance import live_setup


@pytest.fixture
def item_live(store, province, meeting):
    with store.uow(province.secretary) as uow:
        item = add_agenda_item(uow, meeting.id, title="Dự thảo Nghị quyết ngân sách", presenter="Giám đốc Sở Tài chính",
                               planned_minutes=7)
        other = add_agenda_item(uow, meeting.id, title="Kết luận", planned_minutes=0)
        uow.commit()
    return live_setup(store, province, meeting), item.id, other.id


def test_the_queue_keeps_the_order_people_asked_in(store, item_live):
    live, item, _ = item_live
    a, b, c = live.members[0], live.members[1], live.members[2]
    with store.uow(live.secretary) as uow:
        ra = request_to_speak(uow, live.meeting_id, item, a)
        rb = request_to_speak(uow, live.meeting_id, item, b)
        rc = request_to_speak(uow, live.meeting_id, item, c)
        again = request_to_speak(uow, live.meeting_id, item, a)  # asking twice keeps the first place
        uow.commit()
    assert again.id == ra.id
    with store.uow(live.secretary) as uow:
        withdraw_request(uow, rb.id)
        uow.commit()
    with store.read() as s:
        waiting = speaker_queue(s, item, include_closed=False)
        everyone = speaker_queue(s, item)
    assert [r.person_id for r in waiting] == [a, c]
    assert [(r.person_id, r.state) for r in everyone] == [(a, "waiting"), (b, "withdrawn"), (c, "waiting")]
    assert rc.position > rb.position > ra.position


def test_the_timer_starts_from_the_items_planned_minutes_and_counts_down_with_the_clock(store, item_live, clock):
    live, item, other = item_live
    with store.uow(live.secretary) as uow:
        first = request_to_speak(uow, live.meeting_id, item, live.members[0])
        second = request_to_speak(uow, live.meeting_id, item, live.members[1])
        unplanned = request_to_speak(uow, live.meeting_id, other, live.members[2])
        speaking = start_speaking(uow, first.id)
        uow.commit()
    assert speaking.allotted_seconds == 7 * 60 and unplanned.allotted_seconds == 5 * 60
    clock.advance(minutes=2, seconds=30)
    with store.read() as s:
        now_speaking = next(r for r in speaker_queue(s, item) if r.state == "speaking")
    assert now_speaking.remaining_seconds(clock.now()) == 270
    with pytest.raises(InvalidInput), store.uow(live.secretary) as uow:
        start_speaking(uow, second.id)  # one speaker at a time
    clock.advance(minutes=5)
    assert now_speaking.remaining_seconds(clock.now()) == -30  # an overrun shows as negative
    with store.uow(live.secretary) as uow:
        done = finish_speaking(uow, first.id)
        nxt = start_speaking(uow, second.id, minutes=3)
        uow.commit()
    assert done.spoke_seconds(clock.now()) == 450 and done.remaining_seconds(clock.now()) == -30
    assert nxt.allotted_seconds == 180
    with store.read() as s:
        spoken = meeting_speakers(s, live.meeting_id)
    assert [r.person_id for r in spoken[item]] == [live.members[0], live.members[1]]


def test_wrong_moves_are_refused(store, item_live):
    live, item, _ = item_live
    with store.uow(live.secretary) as uow:
        req = request_to_speak(uow, live.meeting_id, item, live.members[0])
        uow.commit()
    with pytest.raises(InvalidInput), store.uow() as uow:
        finish_speaking(uow, req.id)  # not started
    with pytest.raises(NotFound), store.uow() as uow:
        request_to_speak(uow, live.meeting_id, item, live.outsider)
    with pytest.raises(NotFound), store.uow() as uow:
        withdraw_request(uow, 999_999)
