"""A refusal said in one plain line, with the technical words behind "Chi tiết".

A lost PostgreSQL connection or an unreachable mail server carries the driver's or server's own
message (``NghisuError.detail``: "connection to server at … failed: Connection refused"). It
helps whoever supports the office and means nothing to the official, so the line says what
happened and what to do, and the detail waits behind a "Chi tiết" button (in a message box,
Qt's own details button, translated by qt_vi) or link (on a page's status line).
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from store.errors import NghisuError
from ui.desktop_log import current_log

log = logging.getLogger(__name__)

OK_COLOUR = "#1e8449"
ERROR_COLOUR = "#a93226"


def plain_line(exc: BaseException, language: str) -> str:
    """The line a person reads: ours in their language; anything else said generically (and
    logged, since it is a bug)."""
    if isinstance(exc, NghisuError):
        return exc.message(language)
    log.error("unexpected failure", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate(
        "ErrorLine", "Đã có lỗi không mong đợi; thao tác chưa hoàn thành. Hãy thử lại; nếu lỗi lặp lại, "
        "báo cho bộ phận kỹ thuật (chi tiết đã được ghi vào nhật ký).")


def error_detail(exc: BaseException) -> str:
    """What stands behind "Chi tiết": the server's words, or for a bug its kind and message."""
    if isinstance(exc, NghisuError):
        return exc.detail
    where = current_log()
    return f"{type(exc).__name__}: {exc}"[:1000] + (f"\n\nNhật ký (log): {where}" if where else "")


def open_message_box(parent: QWidget | None, title: str, text: str, *, detail: str = "",
                     error: bool = False) -> QMessageBox:
    """A window-modal box that does not block (background work keeps reporting), with the detail
    behind Qt's "Chi tiết…" button when there is one."""
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setDetailedText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class ErrorLine(QLabel):
    """A page's status line: progress, success in green, a refusal in red with "Chi tiết" when
    the refusal carries technical words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(lambda _link: self.show_detail())
        self.line = ""
        self.detail = ""

    def say(self, text: str, *, colour: str = "") -> None:
        self.line, self.detail = text, ""
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setToolTip("")
        self.setText(html.escape(text, quote=False))

    def say_ok(self, text: str) -> None:
        self.say(text, colour=OK_COLOUR)

    def say_error(self, exc: BaseException, language: str, *, otherwise: str = "") -> None:
        """``otherwise``: the line for an error that is not ours but expected here (a driver
        refusing a malformed address), instead of the generic "unexpected" one."""
        line = otherwise if otherwise and not isinstance(exc, NghisuError) else plain_line(exc, language)
        self.say(line, colour=ERROR_COLOUR)
        self.detail = error_detail(exc)
        if self.detail:
            link = html.escape(self.tr("Chi tiết…"), quote=False)
            self.setText(f'{html.escape(self.line, quote=False)} <a href="detail">{link}</a>')
        self.setToolTip(self.detail)

    def show_detail(self) -> QMessageBox | None:
        if not self.detail:
            return None
        return open_message_box(self.window(), self.tr("Chi tiết"), self.line, detail=self.detail, error=True)
