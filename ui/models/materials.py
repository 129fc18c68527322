"""A meeting's documents: item, title, type, number, classification, version, circulation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor

from ui.icons import icon
from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import CLASSIFICATION, DOC_TYPE, tr

if TYPE_CHECKING:
    from meetings.materials import MaterialRow

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MaterialsModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MaterialRow] = []

    def set_rows(self, rows: Sequence[MaterialRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def material(self, row: int) -> MaterialRow:
        return self._rows[row]

    def rows(self) -> list[MaterialRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        doc, col = row.document, index.column()
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return row.item_number or self.tr("(chưa xếp mục)")
            if col == 1:
                return doc.title
            if col == 2:
                return tr(DOC_TYPE, doc.doc_type)
            if col == 3:
                return doc.number
            if col == 4:
                return tr(CLASSIFICATION, doc.classification)
            if col == 5:
                return str(doc.current_version.version_no)
            if col == 6:
                return str(doc.current_version.page_count)
            if doc.recalled_at is not None:
                return self.tr("đã thu hồi")
            if not row.delivered:
                return self.tr("chưa gửi")
            return self.tr("{opened}/{delivered} đã mở").format(opened=row.opened, delivered=row.delivered)
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return icon("pdf")
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and doc.classified:
            return QBrush(QColor("#a93226"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Mục"), self.tr("Tên tài liệu"), self.tr("Loại"), self.tr("Số, ký hiệu"),
                 self.tr("Độ mật"), self.tr("Phiên bản"), self.tr("Trang"), self.tr("Lưu hành"))
        return names[section] if 0 <= section < len(names) else None
