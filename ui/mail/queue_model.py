"""The outgoing queue as a table: one row per recipient's copy, its state and the server's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor

from store.clock import VN_TZ
from ui.models.indexes import NO_PARENT, Index

if TYPE_CHECKING:
    from mail.outbox import DeliveryInfo

HEADERS = (QT_TRANSLATE_NOOP("MailQueue", "Người nhận"), QT_TRANSLATE_NOOP("MailQueue", "Tiêu đề"),
           QT_TRANSLATE_NOOP("MailQueue", "Trạng thái"), QT_TRANSLATE_NOOP("MailQueue", "Lần thử"),
           QT_TRANSLATE_NOOP("MailQueue", "Lúc"), QT_TRANSLATE_NOOP("MailQueue", "Máy chủ trả lời"))
STATUS = {"queued": QT_TRANSLATE_NOOP("MailQueue", "chờ gửi"), "sent": QT_TRANSLATE_NOOP("MailQueue", "đã gửi"),
          "refused": QT_TRANSLATE_NOOP("MailQueue", "bị từ chối")}
COLOURS = {"sent": QColor("#1b7f3b"), "refused": QColor("#b3261e"), "queued": QColor("#8a5a00")}




def _tr(text: object) -> str:
    return QCoreApplication.translate("MailQueue", str(text))


class MailQueueModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DeliveryInfo] = []

    def set_rows(self, rows: list[DeliveryInfo]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(rows))  # newest first
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 (Qt's name)
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return COLOURS.get(str(d.status))
        if role == Qt.ItemDataRole.ToolTipRole:
            return d.reply or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = d.sent_at or d.last_attempt_at or d.queued_at
        return (f"{d.name} <{d.address}>" if d.name else d.address, d.subject, _tr(STATUS[str(d.status)]),
                str(d.attempts), when.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y"), d.reply)[index.column()]
