"""Qt table models over the register's dataclasses: incoming entries and outgoing documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from documents.doctypes import doc_type_name
from register.incoming.records import IncomingInfo
from ui.models.indexes import NO_PARENT, Index
from ui.register_area.outgoing_page import status_label

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#c0392b")
SOON = QColor("#b9770e")

STATUS = {
    "received": QT_TRANSLATE_NOOP("RegisterArea", "chờ vào sổ"),
    "registered": QT_TRANSLATE_NOOP("RegisterArea", "đã vào sổ, chưa giao"),
    "assigned": QT_TRANSLATE_NOOP("RegisterArea", "đang xử lý"),
    "done": QT_TRANSLATE_NOOP("RegisterArea", "đã xử lý xong"),
}
INCOMING_HEADERS = (QT_TRANSLATE_NOOP("RegisterArea", "Số đến"), QT_TRANSLATE_NOOP("RegisterArea", "Ngày đến"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Số, ký hiệu"), QT_TRANSLATE_NOOP("RegisterArea", "Nơi gửi"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Trích yếu"), QT_TRANSLATE_NOOP("RegisterArea", "Người xử lý"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Hạn"), QT_TRANSLATE_NOOP("RegisterArea", "Trạng thái"))
OVERDUE_TIP = QT_TRANSLATE_NOOP("RegisterArea", "Quá hạn xử lý")
NEEDS_HANDLER = QT_TRANSLATE_NOOP("RegisterArea", "người xử lý đã thôi nhiệm vụ — cần giao lại")
OUTGOING_HEADERS = (QT_TRANSLATE_NOOP("RegisterArea", "Số, ký hiệu"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Ngày ban hành"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Loại"), QT_TRANSLATE_NOOP("RegisterArea", "Trích yếu"),
                    QT_TRANSLATE_NOOP("RegisterArea", "Trạng thái"))


def tr(text: object) -> str:
    return QCoreApplication.translate("RegisterArea", str(text))


class IncomingModel(QAbstractTableModel):
    """Incoming entries; overdue deadlines in red, those due within three days in amber; a
    handler who has left the unit is named with "cần giao lại", in red."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[IncomingInfo] = []
        self.today = date.today()

    def set_entries(self, rows: list[IncomingInfo], today: date) -> None:
        self.beginResetModel()
        self._rows, self.today = list(rows), today
        self.endResetModel()

    def entries(self) -> list[IncomingInfo]:
        return list(self._rows)

    def entry(self, row: int) -> IncomingInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(INCOMING_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(INCOMING_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e, col = self._rows[index.row()], index.column()
        if role == ENTRY_ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.DisplayRole:
            handler = f"{e.handler_name} ({tr(NEEDS_HANDLER)})" if e.needs_handler else e.handler_name
            return (f"{e.number:02d}" if e.number is not None else "—", f"{e.received_on:%d/%m/%Y}", e.doc_symbol,
                    e.sender_name, e.subject, handler, f"{e.due_on:%d/%m/%Y}" if e.due_on else "",
                    tr(STATUS[str(e.status)]))[col]
        if col == 5 and e.needs_handler:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr(NEEDS_HANDLER)
        if role == Qt.ItemDataRole.ForegroundRole and col in (6, 7):
            if e.overdue(self.today):
                return QBrush(OVERDUE)
            if e.due_soon(self.today):
                return QBrush(SOON)
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and e.overdue(self.today):
            return tr(OVERDUE_TIP)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return e.subject
        return None


class OutgoingModel(QAbstractTableModel):
    """Outgoing documents as the outgoing register lists them (plain dicts of its JSON shape)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(OUTGOING_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(OUTGOING_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], index.column()
        if role == ENTRY_ID_ROLE:
            return r.get("id")
        if role == Qt.ItemDataRole.DisplayRole:
            released = r.get("released_on") or ""  # ISO in the register's JSON; dd/mm/yyyy on screen
            return (r.get("symbol") or "—", "/".join(reversed(released.split("-"))) if released else "",
                    doc_type_name(str(r.get("type") or "")), r.get("subject") or "",
                    status_label(str(r.get("status") or "")))[col]
        return None
