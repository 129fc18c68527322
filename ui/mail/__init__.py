"""The desktop's official e-mail: the unit's mail account (settings), the outgoing queue with
its per-recipient state, sending and fetching in the background, and the invitee's answer to an
invitation (xác nhận tham dự)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow


def install_mail_actions(window: MainWindow, menu: QMenu) -> None:
    """Called once by the main window while it builds its menus: Thư công vụ…, Xác nhận tham dự…"""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.menu_actions import add_menu_action  # noqa: PLC0415 -- deferred for start-up: PySide6

    add_menu_action(window, menu, "mail_action", QCoreApplication.translate("Mail", "Thư công vụ…"),
                    lambda: open_mail(window), shortcut="Ctrl+Shift+M",
                    tip=QCoreApplication.translate("Mail", "Hộp thư đi, gửi và lấy thư, tài khoản thư của đơn vị"))
    add_menu_action(window, menu, "rsvp_action", QCoreApplication.translate("Mail", "Xác nhận tham dự…"),
                    lambda: open_rsvp(window),
                    tip=QCoreApplication.translate("Mail", "Trả lời giấy mời của cuộc họp đang mở: dự họp, vắng mặt "
                                                           "hoặc cử người dự thay"))


def open_mail(window: MainWindow):
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.mail.dialog import MailDialog  # noqa: PLC0415 -- import cycle: ui.mail.dialog imports this package

    unit_id = window.current_unit_id()
    if window.store is None or unit_id is None:
        window.notify(QCoreApplication.translate("Mail", "Hãy chọn một đơn vị trước."))
        return None
    dialog = MailDialog(window, unit_id, getattr(window, "unit_title").text())  # noqa: B009 (built by the layout)
    dialog.show()
    return dialog


def open_rsvp(window: MainWindow):
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.mail.rsvp_dialog import RsvpDialog  # noqa: PLC0415 -- import cycle: ui.mail.rsvp_dialog imports this package

    workspace = window.meeting_tabs.current_workspace()
    if window.store is None or workspace is None:
        window.notify(QCoreApplication.translate("Mail", "Hãy mở cuộc họp trước (nhấp đúp trong danh sách cuộc họp)."))
        return None
    dialog = RsvpDialog(window, workspace.meeting_id)
    dialog.show()
    return dialog
