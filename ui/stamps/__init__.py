"""Tệp → Chữ ký và con dấu…: each person's signature image and each unit's seal image, kept in
the store and drawn by themselves when that person signs or the unit's văn thư releases."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow


def install_stamp_action(window: MainWindow, menu: QMenu) -> None:
    """Called once by the main window while it builds its menus."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.menu_actions import add_menu_action  # noqa: PLC0415 -- deferred for start-up: PySide6

    add_menu_action(window, menu, "stamps_action", QCoreApplication.translate("Stamps", "Chữ ký và con dấu…"),
                    lambda: open_stamps(window),
                    tip=QCoreApplication.translate("Stamps", "Ảnh chữ ký của từng người và ảnh con dấu của từng đơn vị"))


def open_stamps(window: MainWindow):
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.stamps.dialog import StampsDialog  # noqa: PLC0415 -- deferred for start-up: the dialog and Pillow

    if window.store is None:
        window.notify(QCoreApplication.translate("Stamps", "Hãy mở kho dữ liệu trước."))
        return None
    dialog = StampsDialog(window)
    dialog.show()
    return dialog
