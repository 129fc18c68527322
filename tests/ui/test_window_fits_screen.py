"""The main window fits the screen it opens on and keeps each person's layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication


def free_area():
    return QGuiApplication.primaryScreen().availableGeometry()


def test_the_first_start_fits_a_small_screen(make_window):
    # The offscreen test screen is 800×600: smaller than an office PC's 1366×768, so a window
    # opened at a fixed 1360×860 would hang off it, status bar and all.
    window = make_window(resize=False)
    free = free_area()
    assert free.width() < 1360 and free.height() < 860
    assert free.contains(window.frameGeometry()), (window.frameGeometry(), free)
    assert window.statusBar().isVisible()


def test_a_layout_saved_on_a_bigger_screen_is_brought_back_on_screen(make_window):
    window = make_window(resize=False)
    window.setGeometry(900, 700, 1900, 1040)  # as on a 1920×1080 screen, then moved to this one
    window.settings.set_value("window/anyone/geometry", window.saveGeometry())
    again = make_window(resize=False)
    assert free_area().contains(again.frameGeometry())


def test_each_person_keeps_their_own_layout(make_window):
    # Sizes above the window's smallest (about 610×450 with every toolbar action) and within
    # the offscreen screen (800×800).
    first = make_window(resize=False, person_id=1)
    first.resize(760, 540)
    first.close()
    second = make_window(resize=False, person_id=2)
    second.resize(700, 500)
    second.close()

    assert make_window(resize=False, person_id=1).size().toTuple() == (760, 540)
    assert make_window(resize=False, person_id=2).size().toTuple() == (700, 500)
    assert isinstance(first.settings.value("window/person-1/geometry"), QByteArray)
