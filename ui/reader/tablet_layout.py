"""The reader on a tablet held upright (800×1280) as well as on a desk: what changes with width.

Wide (≥ ``COMPACT_BELOW`` points): buttons with icon and label, the agenda beside the page.
Narrow: buttons show their icon only (the label stays as the tooltip and for screen readers),
the zoom buttons give way to pinching, and the agenda becomes a drawer over the page's left edge,
closed by default and closed again once a paper is chosen. The page counter is always shown.

Touch targets are sized from the screen's real density: 9 mm under a finger is
``9 / 25.4 × physical dots per inch ÷ device pixel ratio`` points, whatever the pixel count.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

if TYPE_CHECKING:
    from ui.reader.reader_window import ReaderWindow

#: Below this width (points) the reader switches to its narrow, upright-tablet layout.
COMPACT_BELOW = 1100
#: The smallest target a finger hits reliably.
TOUCH_MM = 9.0


def touch_points(widget: QWidget) -> int:
    """9 mm in the widget's logical pixels on the screen it is on (at least 44, Apple's and
    Microsoft's floor for any screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return 48
    per_inch = screen.physicalDotsPerInch() / max(screen.devicePixelRatio(), 1.0)
    return max(44, math.ceil(TOUCH_MM / 25.4 * per_inch))


class TabletLayout:
    def __init__(self, reader: ReaderWindow, bar: QHBoxLayout) -> None:
        self.reader = reader
        self.compact: bool | None = None  # not decided until the first resize
        # Narrow, the rarely used night mode and offline copy move behind "⋯", and the page
        # arrows give way to swiping and tapping the page's edges.
        self.more_button = QToolButton()
        self.more_button.setText("⋯")
        self.more_button.setToolTip(QCoreApplication.translate("TabletLayout", "Thêm"))
        self.more_button.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.more_button.setAutoRaise(True)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        self.night_action = menu.addAction(reader.night_button.icon(), reader.night_button.text())
        self.night_action.setCheckable(True)
        self.night_action.toggled.connect(reader.night_button.setChecked)
        reader.night_button.toggled.connect(self.night_action.setChecked)
        self.offline_action = menu.addAction(reader.offline_button.icon(), reader.offline_button.toolTip())
        self.offline_action.triggered.connect(reader.offline_button.click)
        self.more_button.setMenu(menu)
        self.more_button.hide()
        bar.insertWidget(bar.indexOf(reader.close_button), self.more_button)

    def labelled_buttons(self) -> list[QToolButton]:
        r = self.reader
        return [r.panel_button, *r.tool_buttons.values(), r.follow_button, r.notes_button, r.close_button]

    def size_for_touch(self) -> None:
        side = touch_points(self.reader)
        for b in self.reader.findChildren(QToolButton):
            b.setMinimumSize(max(b.minimumWidth(), side), max(b.minimumHeight(), side))

    def fit(self) -> None:
        """Called on every resize: switch layouts when the width crosses ``COMPACT_BELOW``."""
        compact = self.reader.width() < COMPACT_BELOW
        if compact == self.compact:
            self.place_drawer()
            return
        self.compact = compact
        r = self.reader
        style = Qt.ToolButtonStyle.ToolButtonIconOnly if compact else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        for b in self.labelled_buttons():
            b.setToolButtonStyle(style)
        for w in (r.zoom_out_button, r.zoom_label, r.zoom_in_button, r.prev_button, r.next_button,
                  r.night_button, r.offline_button):
            w.setVisible(not compact)  # on a tablet, two fingers zoom and a swipe turns the page
        self.more_button.setVisible(compact)
        r.title_label.setVisible(not compact)
        if compact:
            r.agenda.setParent(r)  # out of the splitter: a drawer over the page
            r.agenda.setAutoFillBackground(True)
            r.panel_button.setChecked(False)
            r.agenda.hide()
        else:
            r.splitter.insertWidget(0, r.agenda)
            r.agenda.setAutoFillBackground(False)
            r.panel_button.setChecked(True)
            r.agenda.show()
        self.size_for_touch()
        self.place_drawer()

    def place_drawer(self) -> None:
        r = self.reader
        if not self.compact:
            return
        top = r.splitter.geometry().top()
        width = min(420, int(r.width() * 0.85))
        r.agenda.setGeometry(0, top, width, r.splitter.height())
        r.agenda.raise_()

    def toggle_agenda(self, on: bool) -> None:
        self.reader.agenda.setVisible(on)
        if on:
            self.place_drawer()

    def paper_chosen(self) -> None:
        """A drawer closes once it did its job; the side panel of the wide layout stays."""
        if self.compact:
            self.reader.panel_button.setChecked(False)
