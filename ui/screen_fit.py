"""Dialogs and panels that fit an office PC's screen at any scaling.

A 1366×768 screen at Windows' 150 % scaling leaves 911×485 points under the taskbar; a dialog
whose rows add up to more would push its Save button off the screen, where nobody can press it.
A long dialog therefore keeps its body in a scroll area (the buttons stay outside it, always
visible) and opens at its natural size only when the screen has room for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QWidget

#: Room a window manager takes around a dialog (title bar and borders), in points.
FRAME = (16, 40)


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` in a frameless scroll area that shows a scroll bar only when the screen is short."""
    area = QScrollArea()
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def open_size(dialog: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height`` or, on a smaller screen, to what the screen has room for."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME[0])
        height = min(height, room.height() - FRAME[1])
    dialog.resize(max(width, dialog.minimumSizeHint().width()), max(height, dialog.minimumSizeHint().height()))


def fit_combo(combo: QComboBox, characters: int = 16) -> None:
    """A drop-down as narrow as ``characters`` allows: its longest entry (a name with a position,
    an agenda title) shows in the open list and its tooltip instead of widening the form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.currentTextChanged.connect(combo.setToolTip)
