"""Written opinions on the tablet: the secretary asks two members of the December meeting from
the store, the member opening the reader sees a banner with the poll waiting, taps it, chooses
an option as a large button, writes a comment and sends; the store records her answer and the
tally counts it; she changes it before the deadline; another person sees no banner; a poll
closed meanwhile is refused in the reader's message line and nothing is recorded."""

from __future__ import annotations

from datetime import timedelta

from meetings.live.models import OpinionMember
from meetings.live.opinion_closing import close_poll
from meetings.live.opinions import ask_opinions, tally_opinions


def ask(demo_store, clerk_id, live, members, question="Thống nhất lùi phiên họp sang 09h00"):
    with demo_store.uow(clerk_id) as uow:
        info = ask_opinions(uow, unit_id=_unit_of(demo_store, live["meeting"]), question=question,
                            options=["Đồng ý", "Không đồng ý", "Ý kiến khác"],
                            deadline=demo_store.clock.now() + timedelta(days=2), member_ids=members,
                            meeting_id=live["meeting"])
        uow.commit()
    return info


def _unit_of(demo_store, meeting_id):
    from meetings.lifecycle import get_meeting

    with demo_store.read() as s:
        return get_meeting(s, meeting_id).unit.id


def _chair_of(demo_store, meeting_id):
    from meetings.lifecycle import get_meeting

    with demo_store.read() as s:
        return next(p.person_id for p in get_meeting(s, meeting_id).participants if p.role == "chair")


def test_a_member_answers_an_open_poll_on_the_tablet(make_reader, live, demo_store, clerk_id):
    poll = ask(demo_store, clerk_id, live, [live["member"]])
    reader = make_reader(live["member"])
    reader.load(live["meeting"])
    banner = reader.opinions.banner
    assert banner.isVisible() and banner.text() == "1 phiếu lấy ý kiến chờ bạn trả lời"

    banner.click()
    sheet = reader.opinions.sheet
    assert sheet is not None and sheet.isVisible()
    assert sheet.question.text() == "Thống nhất lùi phiên họp sang 09h00"
    assert "hạn trả lời" in sheet.deadline.text()
    assert [b.text() for b in sheet.options.buttons()] == ["Đồng ý", "Không đồng ý", "Ý kiến khác"]
    assert all(b.minimumHeight() >= 44 for b in sheet.options.buttons())  # a finger hits them
    sheet.submit_button.click()  # nothing chosen yet
    assert sheet.message.text() == "Hãy chọn một phương án trước khi gửi."

    sheet.option_button("Đồng ý").click()
    sheet.comment.setText("Nhất trí, đề nghị báo trước cho các xã")
    sheet.submit_button.click()
    assert sheet.message.text() == "Đã ghi ý kiến của bạn: Đồng ý."
    with demo_store.read() as s:
        mine = s.get(OpinionMember, (poll.id, live["member"]))
        assert (mine.option, mine.comment) == ("Đồng ý", "Nhất trí, đề nghị báo trước cho các xã")
    assert banner.text() == "Phiếu lấy ý kiến (1)"  # answered: nothing waits any more
    assert sheet.list.item(0).text().endswith("Đã trả lời: Đồng ý")
    assert sheet.submit_button.text() == "Sửa ý kiến" and sheet.option_button("Đồng ý").isChecked()

    # She changes her mind before the deadline; the tally after it counts the new answer.
    sheet.option_button("Ý kiến khác").click()
    sheet.submit_button.click()
    demo_store.clock.advance(days=3)
    with demo_store.read() as s:
        tally = tally_opinions(s, poll.id, demo_store.clock.now())
    assert dict(tally.counts)["Ý kiến khác"] == 1 and dict(tally.counts)["Đồng ý"] == 0


def test_only_those_asked_see_it_and_a_closed_poll_is_refused(make_reader, live, demo_store, clerk_id):
    poll = ask(demo_store, clerk_id, live, [live["member"]])
    other = make_reader(live["other"])
    other.load(live["meeting"])
    assert not other.opinions.banner.isVisible() and other.opinions.polls == []
    ask(demo_store, clerk_id, live, [live["other"]], question="Hỏi thêm trong lúc họp")
    assert other.opinions.timer.isActive()
    other.opinions.timer.timeout.emit()  # a minute later: the poll asked meanwhile shows
    assert other.opinions.banner.isVisible() and other.opinions.polls[0].question == "Hỏi thêm trong lúc họp"

    reader = make_reader(live["member"])
    reader.load(live["meeting"])
    sheet = reader.opinions.open_sheet()
    sheet.option_button("Không đồng ý").click()
    chair = _chair_of(demo_store, live["meeting"])
    with demo_store.uow(chair) as uow:  # the chair closes it early meanwhile, from her desktop
        close_poll(uow, poll.id, chair)
        uow.commit()
    sheet.submit_button.click()
    assert sheet.message.text().startswith("Đã quá hạn trả lời phiếu lấy ý kiến")
    assert reader.message.text() == sheet.message.text()
    with demo_store.read() as s:
        assert s.get(OpinionMember, (poll.id, live["member"])).option is None
    assert not reader.opinions.banner.isVisible()  # reloaded: the closed poll is gone from the tablet
    assert sheet.question.text() == "Không có phiếu lấy ý kiến nào đang chờ bạn."
