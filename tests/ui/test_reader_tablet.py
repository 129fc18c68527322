"""The reader on a 10-inch tablet: real touch events (swipe, pinch), upright and sideways, with
every control reachable and finger-sized at the screen's real density."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QInputDevice
from PySide6.QtTest import QTest

from tests.ui.test_reader import open_first


@pytest.fixture(scope="module")
def touchscreen():
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen, QInputDevice.Capability.Position)


def swipe(canvas, device, start: QPoint, end: QPoint, steps: int = 8) -> None:
    QTest.touchEvent(canvas, device).press(0, start, canvas).commit()
    for i in range(1, steps + 1):
        at = start + (end - start) * (i / steps)
        QTest.touchEvent(canvas, device).move(0, at, canvas).commit()
    QTest.touchEvent(canvas, device).release(0, end, canvas).commit()


def pinch(canvas, device, center: QPoint, start_gap: int, end_gap: int, steps: int = 10) -> None:
    def points(gap: int) -> tuple[QPoint, QPoint]:
        return center - QPoint(gap // 2, 0), center + QPoint(gap // 2, 0)

    a, b = points(start_gap)
    QTest.touchEvent(canvas, device).press(0, a, canvas).press(1, b, canvas).commit()
    for i in range(1, steps + 1):
        a, b = points(round(start_gap + (end_gap - start_gap) * i / steps))
        QTest.touchEvent(canvas, device).move(0, a, canvas).move(1, b, canvas).commit()
        QTest.qWait(5)
    QTest.touchEvent(canvas, device).release(0, a, canvas).release(1, b, canvas).commit()


def test_a_finger_swipes_pages_and_two_pinch_to_zoom(make_reader, live, touchscreen, qtbot):
    reader = make_reader(live["member"])
    reader.resize(760, 760)  # on the offscreen screen (800×800): touches off the screen are dropped
    open_first(reader, live)
    canvas = reader.canvas
    assert canvas.current_page() == 1 and canvas.page_count() > 1
    mid = canvas.height() // 2

    swipe(canvas, touchscreen, QPoint(canvas.width() - 60, mid), QPoint(60, mid))
    qtbot.waitUntil(lambda: canvas.current_page() == 2, timeout=3000)
    swipe(canvas, touchscreen, QPoint(60, mid), QPoint(canvas.width() - 60, mid))
    qtbot.waitUntil(lambda: canvas.current_page() == 1, timeout=3000)

    before = canvas.zoom()
    pinch(canvas, touchscreen, QPoint(canvas.width() // 2, mid), 120, 360)
    qtbot.waitUntil(lambda: canvas.zoom() > before * 1.5, timeout=3000)
    assert canvas.current_page() == 1  # a pinch is not a swipe



def test_upright_tablet_every_control_whole_and_finger_sized(make_reader, live, qtbot):

    from ui.reader.tablet_layout import touch_points

    reader = make_reader(live["member"])
    reader.resize(790, 780)  # an upright 800-point-wide tablet, as far as the 800×800 offscreen screen allows
    qtbot.waitUntil(lambda: reader.tablet.compact is True)
    open_first(reader, live)
    assert reader.width() <= 790  # the bar no longer forces the window wider

    # The page counter is whole and inside the window.
    label = reader.page_label
    assert label.isVisible() and label.text().startswith("Trang 1/")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
    assert reader.rect().contains(label.mapTo(reader, label.rect().bottomRight()))
    # Every button is an icon with its name as a tooltip, nothing clipped to "Ch…nh", all on screen.
    side = touch_points(reader)
    assert side >= 44
    for b in reader.tablet.labelled_buttons():
        assert b.toolButtonStyle() == b.toolButtonStyle().ToolButtonIconOnly and b.toolTip()
        assert b.width() >= side and b.height() >= side, (b.toolTip(), b.size())
        assert reader.rect().contains(b.mapTo(reader, b.rect().bottomRight())), b.toolTip()
    # Pen, highlight, text note and the notes list no longer share an icon.
    icons = [b.icon().cacheKey() for b in (*reader.tool_buttons.values(), reader.notes_button)]
    assert len(set(icons)) == len(icons)
    # Night mode and the offline copy wait behind "⋯"; swiping and the page's edges turn pages.
    more = reader.tablet.more_button
    assert more.isVisible() and not reader.night_button.isVisible() and not reader.prev_button.isVisible()
    reader.tablet.night_action.trigger()
    assert reader.night_button.isChecked() and reader.canvas.night_mode()
    reader.tablet.night_action.trigger()

    # The agenda is a drawer: closed, opened over the page, closed again by choosing a paper.
    assert not reader.agenda.isVisible()
    reader.panel_button.click()
    assert reader.agenda.isVisible() and reader.agenda.parent() is reader
    assert reader.agenda.width() < reader.width()
    open_first(reader, live)
    assert not reader.agenda.isVisible()

    reader.resize(760, 500)  # wide again (not quite: still narrow on this screen) …
    reader.tablet.compact = None
    reader.resize(1200, 700)  # … a desk: labels and the agenda beside the page come back
    qtbot.waitUntil(lambda: reader.tablet.compact is False)
    assert reader.agenda.parent() is reader.splitter and reader.agenda.isVisible()
    assert reader.panel_button.toolButtonStyle() == reader.panel_button.toolButtonStyle().ToolButtonTextUnderIcon
