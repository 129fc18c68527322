"""Screenshots of the reader (with notes drawn) and of the secretary console, for
``nghisu gui --screenshot DIR``.

The demo's December meeting is still a draft; these hooks publish and open it (in the
screenshot's own store), record some attendance, a speaker and a vote, and push the
presenter's page, so the pictures show a meeting as it runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from store.codes import MeetingStatus
from ui.commands.gui import DEMO_MEETING, _meeting_id, grab, settle

if TYPE_CHECKING:
    from store.engine import Store
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
READER_EMAIL = "ha.ttt@quangtri.gov.vn"  # Trần Thị Thu Hà, a member of the provincial meeting


def prepare_live_demo(store: Store, meeting_id: int, secretary_id: int | None) -> int:
    """Publish and start the meeting, record a live session's first half hour; returns the
    reader's person id. Does nothing twice."""
    from meetings.lifecycle import get_meeting, start_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.attendance import attendance_recorded, record_attendance  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.follow import set_presenter_position  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.speakers import request_to_speak, start_speaking  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.votes import open_vote, record_hands  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.materials import publish_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import find_person_by_email  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        reader = find_person_by_email(s, READER_EMAIL).id
        detail = get_meeting(s, meeting_id)
        recorded = attendance_recorded(s, meeting_id)
    if recorded:
        return reader
    with store.uow(secretary_id) as uow:
        if detail.meeting.status == MeetingStatus.DRAFT:
            publish_meeting(uow, meeting_id)
        if detail.meeting.status in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
            start_meeting(uow, meeting_id)
        uow.commit()
    items = {n.number: n.id for n in detail.agenda_items()}
    sites = [s.unit_id for s in detail.sites]
    with store.uow(secretary_id) as uow:
        for p in detail.participants:
            if p.full_name == "Đặng Thị Lan":
                record_attendance(uow, meeting_id, p.person_id, status="absent", reason="Đi công tác tại Hà Nội")
            elif p.site_unit_id is None or p.site_unit_id in sites[:4]:
                record_attendance(uow, meeting_id, p.person_id)
        by_name = {p.full_name: p.person_id for p in detail.participants}
        asked = [request_to_speak(uow, meeting_id, items["2.1"], by_name[name])
                 for name in ("Hoàng Đức Thắng", "Lê Quốc Dũng")]
        start_speaking(uow, asked[0].id)
        vote = open_vote(uow, meeting_id, item_id=items["2.1"], kind="show_of_hands",
                         question="Thông qua Báo cáo tình hình kinh tế - xã hội tháng 11 năm 2026")
        # Only the committee's own members vote, all in the hall: the communes' chairs who
        # joined as sites attend and speak but do not vote (one member is away, see above).
        record_hands(uow, vote.id, detail.unit.id, {"Đồng ý": 5, "Không đồng ý": 0, "Không biểu quyết": 1})
        uow.commit()
    from documents.library import list_documents  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        first = next(d for d in list_documents(s, meeting_id) if d.agenda_item_id == items["2.1"])
    with store.uow(secretary_id) as uow:
        set_presenter_position(uow, meeting_id, items["2.1"], first.id, 2)
        uow.commit()
    return reader


def _ready(window: MainWindow):
    mid = _meeting_id(window, DEMO_MEETING)
    if mid is None or window.store is None:
        return None, None
    done: list[int] = []
    window.runner.run("demo.live", prepare_live_demo, window.store, mid, window.actor_id,
                      on_result=done.append, write=True)
    settle(window)
    return mid, (done[0] if done else None)


def shot_reader(window: MainWindow, out: Path) -> list[Path]:
    from PySide6.QtCore import QPointF, Qt  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6
    from PySide6.QtTest import QTest  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.reader.reader_window import ReaderWindow  # noqa: PLC0415 -- deferred for start-up: brings in PySide6
    from ui.viewer.demo import wait_ms, wait_until  # noqa: PLC0415 -- deferred for start-up: brings in PySide6

    mid, person = _ready(window)
    if person is None:
        return []
    reader = ReaderWindow(window.store, window.runner, person)
    written = []
    try:
        reader.resize(window.screen().availableGeometry().size())  # the whole screen --size named
        reader.show()
        reader.load(mid)
        wait_until(lambda: reader.material is not None and reader.canvas.showing_rendered(), 30000)
        c = reader.canvas
        # A highlight and an underline stroke drawn with the "finger" (mouse events), a text note by the API.
        reader.tool_buttons["highlight"].setChecked(True)
        a, b = c.placement.page_to_widget(70, 640), c.placement.page_to_widget(520, 610)
        QTest.mousePress(c, Qt.MouseButton.LeftButton, pos=a.toPoint())
        QTest.mouseMove(c, b.toPoint())
        QTest.mouseRelease(c, Qt.MouseButton.LeftButton, pos=b.toPoint())
        reader.tool_buttons["ink"].setChecked(True)
        points = [c.placement.page_to_widget(80 + i * 12, 476 + 6 * ((i % 4) - 1.5)) for i in range(30)]
        QTest.mousePress(c, Qt.MouseButton.LeftButton, pos=points[0].toPoint())
        for pt in points[1:]:
            QApplication.sendEvent(c, _move_event(pt))
        QTest.mouseRelease(c, Qt.MouseButton.LeftButton, pos=points[-1].toPoint())
        reader.tool_buttons["browse"].setChecked(True)
        reader.note_keeper.store_note("text", c.current_page(),
                                      {"text": "Hỏi Sở KH-ĐT: số liệu giải ngân\nđã gồm vốn ODA chưa?", "at": [330, 470]})
        wait_until(lambda: len(reader.notes.model.notes()) >= 3, 20000)
        reader.notes_button.setChecked(True)
        wait_until(lambda: reader.canvas.showing_rendered(), 10000)
        wait_ms(300)
        path = out / "20-che-do-doc-ghi-chu.png"
        reader.grab().save(str(path))
        written.append(path)
        reader.night_button.setChecked(True)
        reader.canvas.set_zoom(1.6, QPointF(c.width() / 2, c.height() / 3))
        wait_until(lambda: reader.canvas.showing_rendered(), 10000)
        wait_ms(500)
        path = out / "21-che-do-doc-ban-dem.png"
        reader.grab().save(str(path))
        written.append(path)
    finally:
        reader.close()
        reader.deleteLater()
    return written


def _move_event(pt):
    from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6
    from PySide6.QtGui import QMouseEvent  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    return QMouseEvent(QEvent.Type.MouseMove, QPointF(pt), QPointF(pt), Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def shot_console(window: MainWindow, out: Path) -> list[Path]:
    mid, person = _ready(window)
    if mid is None:
        return []
    ws = window.open_meeting(mid)
    settle(window)
    ws.reload()
    settle(window)
    tab = ws.pages.get("console")
    if tab is None:
        return []
    ws.tabs.setCurrentWidget(tab)
    window.search_dock.hide()
    ws.conflict_bar.hide()  # the reader's notes a moment ago are "changes by someone else"
    settle(window)
    written = []
    speakers = tab.speakers
    speakers.item_box.setCurrentIndex(next((i for i in range(speakers.item_box.count())
                                            if speakers.item_box.itemText(i).startswith("2.1.")), 0))
    for index, name in ((0, "22-dieu-hanh-diem-danh.png"), (1, "23-dieu-hanh-phat-bieu.png"),
                        (2, "24-dieu-hanh-bieu-quyet.png")):
        tab.sections.setCurrentIndex(index)
        settle(window)
        written.append(grab(window, out / name))
    return written
