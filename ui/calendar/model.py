"""Calendar entries as a table: day, time, meeting, unit, place, status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from meetings.calendar_records import CalendarEntry
from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import STATUS, tr, vn_time
from ui.models.meetings import MEETING_ID_ROLE, STATUS_COLORS

WEEKDAYS = (QT_TRANSLATE_NOOP("CalendarModel", "Thứ Hai"), QT_TRANSLATE_NOOP("CalendarModel", "Thứ Ba"),
            QT_TRANSLATE_NOOP("CalendarModel", "Thứ Tư"), QT_TRANSLATE_NOOP("CalendarModel", "Thứ Năm"),
            QT_TRANSLATE_NOOP("CalendarModel", "Thứ Sáu"), QT_TRANSLATE_NOOP("CalendarModel", "Thứ Bảy"),
            QT_TRANSLATE_NOOP("CalendarModel", "Chủ nhật"))


class CalendarModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[CalendarEntry] = []

    def set_entries(self, entries: list[CalendarEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[CalendarEntry]:
        return list(self._entries)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e, col = self._entries[index.row()], index.column()
        m = e.meeting
        if role == MEETING_ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                weekday = QCoreApplication.translate("CalendarModel", WEEKDAYS[e.day.weekday()])
                return f"{weekday}, {e.day:%d/%m/%Y}"
            if col == 1:
                end = vn_time(m.ends_at, "%H:%M")
                return vn_time(m.starts_at, "%H:%M") + (f" – {end}" if end else "")
            return (m.title, e.unit_name, m.location, tr(STATUS, m.status))[col - 2]
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            return QBrush(QColor(STATUS_COLORS.get(m.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return f"{m.title}\n{e.unit_name} · {m.location}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Ngày"), self.tr("Giờ"), self.tr("Cuộc họp"), self.tr("Đơn vị"), self.tr("Địa điểm"),
                self.tr("Trạng thái"))[section]
