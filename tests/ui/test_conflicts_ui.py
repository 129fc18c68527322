"""Two desktops, one meeting: the other desktop's change shows the bar; a conflicting save
keeps what the person typed, and saving again after the reload applies it."""

from __future__ import annotations

from meetings.agenda import edit_agenda_item
from meetings.lifecycle import get_meeting, list_meetings
from store.directory import find_person_by_email
from store.errors import ConflictError

PROVINCIAL = "Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"


def test_a_conflicting_save_keeps_the_typed_text(make_window, demo_store, clerk_id, clock):
    with demo_store.read() as s:
        meeting = next(m for m in list_meetings(s) if m.title == PROVINCIAL)
        chair = find_person_by_email(s, "minh.nv@quangtri.gov.vn")
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(meeting.id)
    agenda = ws.pages["agenda"]
    item = ws.bundle.detail.agenda[3]  # "Kế hoạch phòng, chống thiên tai …"
    agenda.select(item.id)
    assert agenda.title_edit.toPlainText() == item.title
    typed = "Kế hoạch phòng, chống thiên tai năm 2027 (bản sửa của Văn phòng)"
    agenda.title_edit.setPlainText(typed)
    agenda.minutes_edit.setValue(30)

    # Meanwhile, on the chair's desktop, the same item is edited and saved.
    with demo_store.uow(chair.id) as uow:
        edit_agenda_item(uow, item.id, expected_version=item.version, presenter="Phó Chủ tịch UBND tỉnh Lê Quốc Dũng")
        uow.commit()

    # The audit watcher sees it (the poll normally runs every few seconds).
    ws.watcher.poll()
    bar = ws.conflict_bar
    assert bar.isVisible()
    assert bar.label.text().startswith("Nguyễn Văn Minh đã sửa mục chương trình")

    # Saving the stale copy is refused; the bar says who saved first; nothing typed is lost.
    bar.hide()
    agenda.save_button.click()
    assert bar.isVisible() and "Nguyễn Văn Minh đã lưu trước bạn" in bar.label.text()
    assert agenda.title_edit.toPlainText() == typed and agenda.minutes_edit.value() == 30
    assert not any(isinstance(e, ConflictError) for e in window.errors)  # the bar, not a dialog

    # "Tải lại": the newest version comes in, the typed text stays, and saving now works.
    bar.reload_button.click()
    assert agenda.title_edit.toPlainText() == typed
    agenda.save_button.click()
    with demo_store.read() as s:
        saved = next(n for n in get_meeting(s, meeting.id).agenda_items() if n.id == item.id)
    assert (saved.title, saved.planned_minutes, saved.presenter) == (typed, 30, "Phó Chủ tịch UBND tỉnh Lê Quốc Dũng")
    assert not bar.isVisible()
    assert window.errors == []


def test_my_own_changes_do_not_raise_the_bar(make_window, demo_store, clerk_id):
    with demo_store.read() as s:
        meeting = next(m for m in list_meetings(s) if m.title == PROVINCIAL)
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(meeting.id)
    ws.pages["agenda"].add(None, title="Các vấn đề phát sinh", presenter="Chánh Văn phòng", planned_minutes=10)
    ws.watcher.poll()
    assert not ws.conflict_bar.isVisible()


def test_a_member_opening_a_paper_is_not_a_change(make_window, demo_store, clerk_id):
    """Reading is audited, but the bar that asks people to reload is for changes only."""
    from documents.circulation import record_opened
    from documents.library import list_documents
    from meetings.materials import publish_meeting

    with demo_store.read() as s:
        meeting = next(m for m in list_meetings(s) if m.title == PROVINCIAL)
        chair = find_person_by_email(s, "minh.nv@quangtri.gov.vn")
        paper = list_documents(s, meeting.id)[0]
    with demo_store.uow(clerk_id) as uow:
        publish_meeting(uow, meeting.id)  # papers are delivered (and so can be opened) once published
        uow.commit()
    window = make_window(demo_store, person_id=clerk_id)
    ws = window.open_meeting(meeting.id)

    with demo_store.uow(chair.id) as uow:
        record_opened(uow, paper.id, chair.id)
        uow.commit()
    ws.watcher.poll()
    assert not ws.conflict_bar.isVisible()

    with demo_store.uow(chair.id) as uow:  # a real change still shows
        edit_agenda_item(uow, ws.bundle.detail.agenda[0].id, expected_version=ws.bundle.detail.agenda[0].version,
                         presenter="Chủ tịch UBND tỉnh Nguyễn Văn Minh")
        uow.commit()
    ws.watcher.poll()
    assert ws.conflict_bar.isVisible()
