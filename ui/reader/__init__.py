"""The tablet reader (members) and, through ``install_reader_mode``, what it adds to the
main window: the "Chế độ đọc" switch."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow


def install_reader_mode(window: MainWindow, menu: QMenu) -> None:
    """Called once by the main window while it builds its menus."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.icons import icon  # noqa: PLC0415 -- deferred for start-up: brings in PySide6
    from ui.menu_actions import add_menu_action  # noqa: PLC0415 -- deferred for start-up: PySide6

    add_menu_action(window, menu, "reader_action", QCoreApplication.translate("ReaderMode", "Chế độ đọc"),
                    lambda: open_reader(window), shortcut="F11", icon=icon("open"),
                    tip=QCoreApplication.translate(
                        "ReaderMode", "Đọc tài liệu toàn màn hình, ghi chú và theo dõi chủ tọa (F11)"))


def open_reader(window: MainWindow, *, full_screen: bool = True):
    """The reader for the person the window works as, on the window's store and runner."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.reader.reader_window import ReaderWindow  # noqa: PLC0415 -- import cycle: ui.reader imports this module

    if window.store is None:
        window.notify(QCoreApplication.translate("ReaderMode", "Kho dữ liệu chưa mở xong; hãy thử lại sau giây lát."))
        return None
    old = getattr(window, "reader", None)
    if old is not None:
        old.close()
        old.deleteLater()
    reader = ReaderWindow(window.store, window.runner, window.actor_id)
    window.reader = reader
    reader.showFullScreen() if full_screen else reader.show()
    reader.load()
    return reader
