"""The secretary console, through the window: attendance per site and the live quorum, the
speaker queue and its timer, votes (show of hands per site, roll-call, secret ballot) with
results and CSV, and the presenter's page pushed to followers."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from meetings.live.attendance import attendance_rows, quorum
from meetings.live.follow import current_position
from meetings.live.votes import vote_result
from ui.commands.gui import DEMO_MEETING


@pytest.fixture
def console(make_window, demo_store, clerk_id):
    """The December meeting under way, its workspace open on the console tab, as the secretary."""
    from meetings.lifecycle import list_meetings, start_meeting
    from meetings.materials import publish_meeting

    with demo_store.read() as s:
        mid = next(m.id for m in list_meetings(s) if m.title == DEMO_MEETING)
    with demo_store.uow(clerk_id) as uow:
        publish_meeting(uow, mid)
        start_meeting(uow, mid)
        uow.commit()
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(mid)
    tab = ws.pages["console"]
    ws.tabs.setCurrentWidget(tab)
    assert tab.snapshot is not None and tab.snapshot.status == "in_progress"
    return tab


def people(tab) -> dict[str, int]:
    return {r.full_name: r.person_id for r in tab.snapshot.attendance}


def test_attendance_through_the_console_and_the_live_quorum(console, demo_store, qtbot, qtmodeltester):
    panel = console.attendance
    qtmodeltester.check(panel.model)
    names = people(console)
    assert panel.quorum_label.text().startswith("Túc số: 0/16 thành viên có mặt, cần 11")  # two thirds, the law's default
    assert panel.select_person(names["Trần Thị Thu Hà"])
    qtbot.mouseClick(panel.present_button, Qt.MouseButton.LeftButton)
    assert panel.select_person(names["Đặng Thị Lan"])
    panel.mark_absent("Đi công tác tại Hà Nội")
    assert panel.select_person(names["Lê Quang Huy"])
    panel.mark_deputy(names["Bùi Đăng Khoa"])
    # A whole connected site present at once.
    site = next(i for i in range(1, panel.site_box.count()) if "Huyện Vĩnh Linh" in panel.site_box.itemText(i))
    panel.site_box.setCurrentIndex(site)
    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    with demo_store.read() as s:
        rows = {r.full_name: r for r in attendance_rows(s, console.ws.meeting_id)}
        q = quorum(s, console.ws.meeting_id)
    assert rows["Trần Thị Thu Hà"].status == "present"
    assert (rows["Đặng Thị Lan"].status, rows["Đặng Thị Lan"].reason) == ("absent", "Đi công tác tại Hà Nội")
    assert (rows["Lê Quang Huy"].status, rows["Lê Quang Huy"].deputy_name) == ("deputy", "Bùi Đăng Khoa")
    assert rows["Võ Thanh Tùng"].status == "present" and rows["Võ Thanh Tùng"].site_name == "Huyện Vĩnh Linh"
    assert (q.present, q.required, q.reached) == (2, 11, False)
    assert "2/16" in panel.quorum_label.text() and "CHƯA ĐỦ TÚC SỐ" in panel.quorum_label.text()
    panel.set_rule("all")
    assert "cần 16" in panel.quorum_label.text()


def test_speaker_queue_with_the_countdown(console, demo_store, qtmodeltester):
    panel = console.speakers
    names = people(console)
    item = next(i for i in range(panel.item_box.count()) if panel.item_box.itemText(i).startswith("2.1."))
    panel.item_box.setCurrentIndex(item)
    panel.request(names["Hoàng Đức Thắng"])
    panel.request(names["Lê Quốc Dũng"])
    assert [r.full_name for r in panel.model.rows()] == ["Hoàng Đức Thắng", "Lê Quốc Dũng"]
    panel.view.selectRow(0)
    panel.start_button.click()
    assert panel.speaking().full_name == "Hoàng Đức Thắng"
    assert panel.timer_label.text() == "20:00"  # item 2.1 is planned for 20 minutes; the test clock stands still
    qtmodeltester.check(panel.model)
    panel.finish_button.click()
    assert panel.speaking() is None and panel.timer_label.text() == "--:--"


def test_votes_show_of_hands_per_site_roll_call_secret_results_and_csv(console, demo_store, tmp_path, qtmodeltester):
    att = console.attendance
    for person in people(console).values():
        att.select_person(person)
        att.mark_present()
    votes = console.votes
    votes.new_vote("Thông qua Báo cáo tình hình kinh tế - xã hội tháng 11 năm 2026", "show_of_hands")
    assert votes.current_vote().vote.kind == "show_of_hands" and not votes.record_area.isHidden()
    votes.count_boxes["Đồng ý"].setValue(5)
    votes.count_boxes["Không biểu quyết"].setValue(1)
    votes.hands_button.click()  # the host's hall, the first site in the list
    vl = next(s.unit_id for s in console.snapshot.sites if s.name == "Huyện Vĩnh Linh")
    votes.record_hands(vl, {"Đồng ý": 1})
    votes.close_button.click()
    result = votes.current_vote()
    assert result.vote.status == "closed" and result.count("Đồng ý") == 6 and result.voted == 7
    qtmodeltester.check(votes.result)
    qtmodeltester.check(votes.votes)
    assert votes.result.index(0, 1).data() == "6" and votes.result.index(0, 2).data() == "37,5%"
    assert votes.result.headerData(4, Qt.Orientation.Horizontal) == "Huyện Vĩnh Linh"

    votes.new_vote("Thống nhất giao Sở Tài chính hoàn thiện dự thảo", "roll_call")
    votes.person_box.setCurrentIndex(votes.person_box.findData(people(console)["Trần Thị Thu Hà"]))
    votes.option_buttons[0].click()
    votes.person_box.setCurrentIndex(votes.person_box.findData(people(console)["Lê Quang Huy"]))
    votes.option_buttons[2].click()
    with demo_store.read() as s:
        roll = vote_result(s, votes.current_vote().vote.id)
    assert sorted((n, o) for _, n, o in roll.by_person) == [("Lê Quang Huy", "Không biểu quyết"),
                                                             ("Trần Thị Thu Hà", "Đồng ý")]
    assert "Trần Thị Thu Hà: Đồng ý" in votes.result_label.text()

    votes.new_vote("Bầu bổ sung thành viên Ban chỉ đạo", "secret", options=["Đồng ý", "Không đồng ý"])
    votes.person_box.setCurrentIndex(votes.person_box.findData(people(console)["Trần Thị Thu Hà"]))
    votes.option_buttons[1].click()
    assert len(votes.receipts) == 1 and votes.result.index(1, 1).data() == "—"  # hidden until the close
    votes.close_vote()
    assert votes.result.index(1, 1).data() == "1"

    out = tmp_path / "bieu-quyet.csv"
    votes.export_csv(str(out))
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["kind"] for r in rows} == {"show_of_hands", "roll_call", "secret"}
    assert any(r["scope"] == "site" and r["who"] == "Huyện Vĩnh Linh" and r["count"] == "1" for r in rows)


def test_turning_pages_in_the_viewer_moves_everyone_who_follows(console, demo_store, qtbot):
    panel = console.presenter
    assert panel.doc_box.count() >= 4 and panel.open_button.isEnabled()
    panel.open_and_lead()
    viewer = panel.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: panel.pushed == [(panel.current()[1], panel.current()[0], 1)], timeout=3000)
    viewer.nav.go_to_page(3)
    qtbot.waitUntil(lambda: len(panel.pushed) == 2, timeout=3000)
    with demo_store.read() as s:
        pos = current_position(s, console.ws.meeting_id)
    assert (pos.document_id, pos.page, pos.seq) == (panel.current()[0], 3, 2)
    assert "trang 3" in panel.state.text()
