"""The tablet reader, as a member uses it: the meetings they take part in, a tap on a material,
swipes and pinches, ink on the page, notes shared on purpose, following the chair, offline."""

from __future__ import annotations

import hashlib
import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from store.engine import open_store
from store.location import StoreLocation
from ui.commands.gui import DEMO_MEETING

MEMBER = "ha.ttt@quangtri.gov.vn"  # Trần Thị Thu Hà, a member of the December provincial meeting
OTHER_MEMBER = "dung.lq@quangtri.gov.vn"


def open_first(reader, live):
    reader.load(live["meeting"])
    material = reader.agenda.current_meeting().materials[0]
    reader.open_document(material.document_id)
    assert reader.material == material
    return material


def drag(qtbot, widget, points, button=Qt.MouseButton.LeftButton):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    qtbot.mousePress(widget, button, pos=QPoint(*map(round, points[0])))
    for x, y in points[1:]:
        QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, QPointF(x, y), QPointF(x, y),
                                                   Qt.MouseButton.NoButton, button, Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(widget, button, pos=QPoint(*map(round, points[-1])))


def test_only_my_meetings_and_only_materials_not_recalled(make_reader, live, demo_store, clerk_id, qtmodeltester):
    from documents.circulation import recall_documents
    from documents.library import list_documents

    reader = make_reader(live["member"])
    reader.load()
    titles = [m.meeting.title for m in reader.agenda.meetings]
    # Hers: December (under way) and November (closed); not the district's or commune's meetings.
    assert titles == [DEMO_MEETING, "Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026"]
    meeting = reader.agenda.current_meeting()
    with demo_store.read() as s:
        sent = [d.id for d in list_documents(s, live["meeting"]) if d.recalled_at is None]
    assert sorted(m.document_id for m in meeting.materials) == sorted(sent) and len(sent) >= 5
    qtmodeltester.check(reader.agenda.model)
    first = meeting.materials[0]
    with demo_store.uow(clerk_id) as uow:
        recall_documents(uow, live["meeting"], [first.document_id], classified_only=False)
        uow.commit()
    reader.load()
    assert first.document_id not in [m.document_id for m in reader.agenda.current_meeting().materials]


def test_a_tap_opens_a_material_and_reading_records_receipts(make_reader, live, demo_store, qtbot):
    from documents.circulation import receipts_for_meeting

    reader = make_reader(live["member"])
    reader.load(live["meeting"])
    index = reader.agenda.model.index_of_document(reader.agenda.current_meeting().materials[0].document_id)
    qtbot.mouseClick(reader.agenda.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.agenda.view.visualRect(index).center())
    assert reader.material is not None and reader.canvas.current_page() == 1
    reader.canvas.next_page()
    reader.canvas.next_page()
    reader.flush_receipts()
    with demo_store.read() as s:
        mine = [r for r in receipts_for_meeting(s, live["meeting"])
                if r.person_id == live["member"] and r.document_id == reader.material.document_id]
    assert mine[0].first_opened_at is not None and mine[0].pages_read == 3
    assert reader.pages_recorded == 3


def test_swipe_scroll_and_keys_turn_pages_from_pages_rendered_ahead(make_reader, live, qtbot):
    reader = make_reader(live["member"])
    open_first(reader, live)
    c = reader.canvas
    assert c.cache.has(0) and c.cache.has(1) and c.cache.has(2)  # the next pages are ready before the turn
    y = c.height() / 2
    drag(qtbot, c, [(c.width() * 0.8, y), (c.width() * 0.6, y + 5), (c.width() * 0.3, y + 8)])  # swipe left
    assert c.current_page() == 2 and c.showing_rendered()
    drag(qtbot, c, [(c.width() * 0.3, y), (c.width() * 0.8, y)])  # swipe right
    assert c.current_page() == 1
    qtbot.keyClick(c, Qt.Key.Key_Right)
    assert c.current_page() == 2
    notches = 0
    while c.current_page() == 2 and notches < 60:  # scrolling reads down the page, then turns it
        _wheel(c, -120)
        notches += 1
    assert c.current_page() == 3 and notches > 2 and c.placement.offset.y() == 0
    assert c.turns == 4 and c.shown_from_cache == 4
    assert reader.page_label.text() == "Trang 3/6"


def _wheel(widget, dy, modifiers=Qt.KeyboardModifier.NoModifier):
    from PySide6.QtGui import QWheelEvent

    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, dy), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)  # through the canvas's gesture filter, as a real wheel


def test_pinch_and_ctrl_wheel_zoom_and_the_page_is_rendered_sharper(make_reader, live, qtbot):
    reader = make_reader(live["member"])
    open_first(reader, live)
    c = reader.canvas
    width_before = c.cache.width
    _wheel(c, 240, Qt.KeyboardModifier.ControlModifier)
    assert c.zoom() == pytest.approx(1.15 ** 2)
    assert c.current_page() == 1  # zooming never turns the page
    c.set_zoom(50)
    assert c.zoom() == 5.0
    qtbot.waitUntil(lambda: c.cache.width > width_before * 4, timeout=3000)
    assert reader.zoom_label.text() == "500%"
    # Zoomed in, a drag pans the page instead of turning it.
    y = c.height() / 2
    drag(qtbot, c, [(c.width() * 0.5, y), (c.width() * 0.5, y - 200)])
    assert c.current_page() == 1 and c.placement.offset.y() > 0
    c.set_zoom(0.2)
    assert c.zoom() == 1.0


def test_night_mode_draws_the_page_inverted(make_reader, live):
    reader = make_reader(live["member"])
    open_first(reader, live)
    c = reader.canvas
    corner = c.placement.page_rect().topLeft() + QPointF(8, 8)
    day = c.grab().toImage().pixelColor(corner.toPoint())
    reader.night_button.click()
    night = c.grab().toImage().pixelColor(corner.toPoint())
    assert day.lightness() > 240 and night.lightness() < 15


def test_ink_drawn_on_the_page_is_my_note_and_the_pdf_stays_the_same(make_reader, live, demo_store, qtbot, tmp_path,
                                                                      qtmodeltester):
    from documents.library import get_document
    from documents.reading.notes import visible_notes

    reader = make_reader(live["member"])
    material = open_first(reader, live)
    with demo_store.read() as s:
        sha_before = get_document(s, material.document_id).current_version.sha256
    c = reader.canvas
    reader.tool_buttons["ink"].click()
    start = c.placement.page_to_widget(100, 500)
    drag(qtbot, c, [(start.x() + i * 10, start.y() + (i % 2) * 6) for i in range(12)])
    with demo_store.read() as s:
        notes = visible_notes(s, live["member"], material.document_id)
    assert [(n.kind, n.page, n.shared) for n in notes] == [("ink", 1, False)]
    xs = [x for x, _ in notes[0].data["strokes"][0]]
    ys = [y for _, y in notes[0].data["strokes"][0]]
    assert min(xs) == pytest.approx(100, abs=1) and max(ys) == pytest.approx(500, abs=1)  # PDF points, lower-left origin
    assert [n.id for n in c.notes()] == [notes[0].id] and reader.notes.model.rowCount() == 1
    # A highlight box, and a text note put where the person tapped.
    reader.tool_buttons["highlight"].click()
    a, b = c.placement.page_to_widget(72, 700), c.placement.page_to_widget(300, 680)
    drag(qtbot, c, [(a.x(), a.y()), (b.x(), b.y())])
    reader.note_keeper.store_note("text", 1, {"text": "Hỏi lại số liệu giải ngân", "at": [320, 690]})
    assert [n.kind for n in reader.notes.model.notes()] == ["ink", "highlight", "text"]
    qtmodeltester.check(reader.notes.model)
    with demo_store.read() as s:
        doc = get_document(s, material.document_id)
    assert doc.current_version.sha256 == sha_before
    assert hashlib.sha256(demo_store.blobs.get(sha_before)).hexdigest() == sha_before
    out = tmp_path / "ghi-chu.pdf"
    reader.note_keeper.export_notes(str(out))
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes() != demo_store.blobs.get(sha_before)


def test_a_note_is_shared_with_the_meeting_only_on_purpose(make_reader, live, demo_store):
    from documents.reading.notes import visible_notes

    reader = make_reader(live["member"])
    material = open_first(reader, live)
    reader.note_keeper.store_note("text", 2, {"text": "Đề nghị làm rõ", "at": [100, 400]})
    note = reader.notes.model.note(0)
    with demo_store.read() as s:
        assert visible_notes(s, live["other"], material.document_id) == []
    reader.notes.view.setCurrentIndex(reader.notes.model.index(0))
    reader.notes.share_button.click()
    with demo_store.read() as s:
        seen = visible_notes(s, live["other"], material.document_id)
    assert [n.id for n in seen] == [note.id] and seen[0].shared
    assert reader.notes.share_button.text() == "Thôi chia sẻ"


def test_following_the_chair_across_store_connections(make_reader, live, demo_store, clerk_id, qtbot):
    """A second Store object (another desktop) moves the presenter; the reader's Follower
    (SQLite polling) hears it and the page turns; stop following and rejoin."""
    from meetings.live.follow import set_presenter_position

    reader = make_reader(live["member"], poll_interval=0.05)
    reader.load(live["meeting"])
    materials = reader.agenda.current_meeting().materials
    assert reader.follow.following and reader.follow_button.text() == "Thôi theo dõi"
    chair_desk = open_store(StoreLocation(home=demo_store.location.home), clock=demo_store.clock)
    try:
        def move(doc, page):
            with chair_desk.uow(clerk_id) as uow:
                set_presenter_position(uow, live["meeting"], materials[doc].item_id, materials[doc].document_id, page)
                uow.commit()
            return time.monotonic()

        sent = move(0, 3)
        qtbot.waitUntil(lambda: reader.material is not None and reader.canvas.current_page() == 3, timeout=5000)
        first_delay = time.monotonic() - sent
        sent = move(1, 2)  # another material: opened at the presenter's page
        qtbot.waitUntil(lambda: reader.material.document_id == materials[1].document_id
                        and reader.canvas.current_page() == 2, timeout=5000)
        assert time.monotonic() - sent < 2.0 and first_delay < 2.0
        reader.follow_button.click()  # Thôi theo dõi: the member reads on their own
        assert reader.follow_button.text() == "Theo dõi lại"
        reader.canvas.go_to(4)
        move(1, 3)
        time.sleep(0.3)
        qtbot.wait(100)
        assert reader.canvas.current_page() == 4
        reader.follow_button.click()  # Theo dõi lại: straight to where the presenter is now
        qtbot.waitUntil(lambda: reader.canvas.current_page() == 3, timeout=5000)
    finally:
        chair_desk.close()
    reader.close()
    assert reader.follow.follower is None


def test_offline_reading_from_the_encrypted_cache_and_notes_sync_back(make_reader, live, demo_store, tmp_path, qtbot):
    from documents.reading.notes import visible_notes
    from documents.reading.offline_cache import OfflineCache, OfflineCacheLocked

    online = make_reader(live["member"])
    online.load(live["meeting"])
    online.save_offline("mật khẩu đọc ngoại tuyến")
    # Every material; the classified draft is cached as the store holds it: sealed, readable only with its key.
    sent = len(online.agenda.current_meeting().materials)
    assert len(online.offline.documents()) == sent
    assert not list((tmp_path / "offline").rglob("*passphrase*"))
    with pytest.raises(OfflineCacheLocked):
        OfflineCache(tmp_path / "offline", passphrase="sai mật khẩu")

    offline = make_reader(live["member"], store=None)
    offline.go_offline("mật khẩu đọc ngoại tuyến")
    assert offline.offline_mode and len(offline.agenda.current_meeting().materials) == sent
    material = offline.agenda.current_meeting().materials[0]
    offline.open_document(material.document_id)
    assert offline.canvas.page_count() == material.pages
    offline.note_keeper.store_note("text", 1, {"text": "Ghi khi mất mạng", "at": [90, 700]})
    assert offline.offline.pending() == 1

    offline.store = demo_store  # the connection is back
    offline.save_offline()
    assert offline.offline.last_report.notes_sent == 1 and offline.offline.pending() == 0
    with demo_store.read() as s:
        assert [n.data["text"] for n in visible_notes(s, live["member"], material.document_id)] == ["Ghi khi mất mạng"]


def test_the_main_window_switches_to_reading_mode_and_the_cli_knows_the_reader(make_window, demo_store, live, qtbot):
    from ui.cli import build_parser
    from ui.commands import reader as reader_command

    window = make_window(demo_store, person_id=live["member"])
    assert window.reader_action.text() == "Chế độ đọc"
    window.reader_action.trigger()
    reader = window.reader
    try:
        assert reader.isFullScreen() and reader.person_id == live["member"]
        assert [m.meeting.id for m in reader.agenda.meetings][0] == live["meeting"]
        assert min(b.minimumHeight() for b in reader.tool_buttons.values()) >= 44  # large touch targets
    finally:
        reader.close()
    assert reader.follow.follower is None
    args = build_parser().parse_args(["reader", "--as", str(live["member"])])
    assert args.handler is reader_command.run and args.actor == live["member"]
