"""Search hits over every material: document, page and the marked snippet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt

from ui.icons import icon
from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import DOC_TYPE, tr

if TYPE_CHECKING:
    from documents.search.service import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchHitsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self.query = ""

    def set_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self.query, self._hits = query, list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit, col = self._hits[index.row()], index.column()
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                label = f"{hit.number} — {hit.title}" if hit.number else hit.title
                return label
            if col == 1:
                return str(hit.page)
            return hit.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{tr(DOC_TYPE, hit.doc_type)}: {hit.title}\n{hit.snippet}"
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return icon("pdf")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Tài liệu"), self.tr("Trang"), self.tr("Đoạn có từ khóa"))
        return names[section] if 0 <= section < len(names) else None
