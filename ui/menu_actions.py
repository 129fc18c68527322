"""One way for a part of the window to put its action in a menu: the action belongs to the
window (so its shortcut works wherever the focus is), sits in the menu, and is kept on the window
under a name that tests and the screenshot tour reach it by.

Callers pass texts already translated (``QCoreApplication.translate("Ctx", "…")`` written out
at the call), so Qt's translation tools still find every string where it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget


def add_menu_action(window: QWidget, menu: QMenu, attribute: str, text: str, slot: Callable[[], object], *,
                    tip: str = "", shortcut: str | None = None, icon: QIcon | None = None) -> QAction:
    action = QAction(icon, text, window) if icon is not None else QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(lambda: slot())
    window.addAction(action)
    menu.addAction(action)
    setattr(window, attribute, action)
    return action
