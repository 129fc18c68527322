"""The selected unit's meetings as a sortable table.

The last columns are *counters*: numbers per meeting that other packages provide (the
signing workflow will say how many signatures wait). Each is a ``MeetingCounter`` with a
function ``fn(store, meeting_ids) -> {meeting_id: n}``; a meeting it does not name shows 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.models.indexes import NO_PARENT, Index
from ui.models.labels import STATUS, tr, vn_time

if TYPE_CHECKING:
    from meetings.records import MeetingSummary
    from store.engine import Store

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2



@dataclass(frozen=True)
class MeetingCounter:
    key: str
    header: str  # Vietnamese, marked with QT_TRANSLATE_NOOP("counters", ...)
    fn: Callable[[Store, list[int]], dict[int, int]]


def _signatures_waiting(store: Store, meeting_ids: list[int]) -> dict[int, int]:
    from ui.models.signing import signatures_waiting  # noqa: PLC0415 -- deferred for start-up: brings in the signing workflow

    return signatures_waiting(store, meeting_ids)


#: The counter columns of the meetings table, in order.
COUNTERS: tuple[MeetingCounter, ...] = (
    MeetingCounter("signatures_waiting", QT_TRANSLATE_NOOP("counters", "Chờ ký"), _signatures_waiting),
)


@dataclass(frozen=True)
class MeetingRow:
    meeting: MeetingSummary
    sites: int
    materials: int
    counters: dict[str, int] = field(default_factory=dict)


def load_meeting_rows(store: Store, unit_id: int | None) -> list[MeetingRow]:
    from documents.library import list_documents  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import get_meeting, list_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        rows = []
        for m in list_meetings(s, unit_id=unit_id):
            detail = get_meeting(s, m.id)
            docs = [d for d in list_documents(s, m.id) if d.recalled_at is None]
            rows.append((m, len(detail.sites), len(docs)))
    ids = [m.id for m, _, _ in rows]
    counts = {c.key: c.fn(store, ids) for c in COUNTERS}
    return [MeetingRow(m, sites, docs, {k: v.get(m.id, 0) for k, v in counts.items()}) for m, sites, docs in rows]


STATUS_COLORS = {"draft": "#5d6d7e", "published": "#1f618d", "in_progress": "#1e8449", "closed": "#6c3483",
                 "archived": "#5d6d7e"}


class MeetingTableModel(QAbstractTableModel):
    FIXED = 5  # date, title, status, sites, materials; counters follow

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingRow] = []
        self._counters = list(COUNTERS)

    def set_rows(self, rows: list[MeetingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._counters = list(COUNTERS)
        self.endResetModel()

    def row_at(self, row: int) -> MeetingRow:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.meeting.id == meeting_id), -1)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else self.FIXED + len(self._counters)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        m, col = row.meeting, index.column()
        if role == MEETING_ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return vn_time(m.starts_at)
            if col == 1:
                return m.title
            if col == 2:
                return tr(STATUS, m.status)
            return str(self._number(row, col))
        if role == SORT_ROLE:
            if col == 0:
                return m.starts_at.timestamp()
            if col == 1:
                return m.title.casefold()
            if col == 2:
                return ("draft", "published", "in_progress", "closed", "archived").index(m.status)
            return self._number(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return QBrush(QColor(STATUS_COLORS.get(m.status, "#000000")))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{m.title}\n{m.location}"
        return None

    def _number(self, row: MeetingRow, col: int) -> int:
        if col == 3:
            return row.sites
        if col == 4:
            return row.materials
        return row.counters.get(self._counters[col - self.FIXED].key, 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = (self.tr("Ngày họp"), self.tr("Tên cuộc họp"), self.tr("Trạng thái"), self.tr("Điểm cầu"),
                 self.tr("Tài liệu"))
        if section < self.FIXED:
            return fixed[section]
        if section < self.columnCount():
            return QCoreApplication.translate("counters", self._counters[section - self.FIXED].header)
        return None
