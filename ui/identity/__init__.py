"""'Tôi là…': who is at this desktop, proved by a PIN or by the computer account
(``store.directory.identity``); the choice applies at once to the window and every open tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow


def install_whoami_action(window: MainWindow, menu: QMenu) -> None:
    """Called once by the main window while it builds its menus."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.menu_actions import add_menu_action  # noqa: PLC0415 -- deferred for start-up: PySide6

    add_menu_action(window, menu, "whoami_action", QCoreApplication.translate("WhoAmI", "Tôi là…"),
                    lambda: open_whoami(window),
                    tip=QCoreApplication.translate("WhoAmI", "Chọn mình và chứng minh bằng mã PIN hoặc tài khoản máy"))


def open_whoami(window: MainWindow) -> None:
    from ui.identity.dialog import WhoAmIDialog, apply_person  # noqa: PLC0415 -- Qt widgets built only when asked

    if window.store is None:
        return
    dialog = WhoAmIDialog(window.store, window.runner, window.settings.person_id, window)
    if dialog.exec() == WhoAmIDialog.DialogCode.Accepted and dialog.chosen is not None:
        apply_person(window, dialog.chosen)
