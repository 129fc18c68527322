"""The unit tree (levels as the store's scheme names them) with the number of upcoming meetings of each unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from store.codes import MeetingStatus
from ui.icons import level_icon
from ui.models.tree import NO_PARENT, Index, NodeTreeModel

if TYPE_CHECKING:
    from store.directory import LevelInfo, UnitInfo
    from store.engine import Store

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UPCOMING_ROLE = Qt.ItemDataRole.UserRole + 2



@dataclass(frozen=True)
class UnitTreeData:
    units: tuple[UnitInfo, ...]
    upcoming: dict[int, int] = field(default_factory=dict)
    levels: dict[tuple[str, str], LevelInfo] = field(default_factory=dict)  # (scheme, level) → names, rank


def load_unit_tree(store: Store) -> UnitTreeData:
    """Units and, per unit, meetings not yet held (start in the future, not closed)."""
    from meetings.lifecycle import list_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import level_table, list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    now = store.clock.now()
    with store.read() as s:
        units = list_units(s)
        levels = level_table(s)
        upcoming: dict[int, int] = {}
        for m in list_meetings(s):
            if m.status in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS) and (m.ends_at or m.starts_at) >= now:
                upcoming[m.unit_id] = upcoming.get(m.unit_id, 0) + 1
    return UnitTreeData(tuple(units), upcoming, levels)


class _Node:
    __slots__ = ("unit", "parent", "children", "row")

    def __init__(self, unit: UnitInfo | None, parent: _Node | None) -> None:
        self.unit, self.parent, self.children, self.row = unit, parent, [], 0


class UnitTreeModel(NodeTreeModel):
    """Column 0: the unit's name; column 1: how many meetings it has coming up."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None)
        self._upcoming: dict[int, int] = {}
        self._by_id: dict[int, _Node] = {}
        self._levels: dict[tuple[str, str], LevelInfo] = {}

    def set_data(self, data: UnitTreeData) -> None:
        self.beginResetModel()
        self._root = _Node(None, None)
        self._by_id = {}
        self._upcoming = dict(data.upcoming)
        self._levels = dict(data.levels)
        for unit in data.units:
            self._by_id[unit.id] = _Node(unit, None)
        for unit in data.units:
            node = self._by_id[unit.id]
            node.parent = self._by_id.get(unit.parent_id, self._root) if unit.parent_id else self._root
            node.row = len(node.parent.children)
            node.parent.children.append(node)
        self.endResetModel()

    def unit(self, index: Index) -> UnitInfo | None:
        node = self._node(index)
        return node.unit if node is not self._root else None

    def index_of(self, unit_id: int) -> QModelIndex:
        node = self._by_id.get(unit_id)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def units(self) -> list[UnitInfo]:
        return [n.unit for n in self._by_id.values()]

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = index.internalPointer().unit
        count = self._upcoming.get(unit.id, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return unit.name
            return str(count) if count else ""
        level = self._levels.get((unit.scheme, unit.level))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return level_icon(level.rank if level else None)
        if role == Qt.ItemDataRole.ForegroundRole and unit.valid_to is not None:
            return QColor("gray")  # merged or dissolved: kept for its history, not gone
        if role == Qt.ItemDataRole.ToolTipRole:
            # The level's short name as its scheme stores it (Vietnamese: the map is Vietnam's).
            tip = self.tr("{name} (cấp {level}): {n} cuộc họp sắp tới").format(
                name=unit.name, level=level.short if level else unit.level, n=count)
            if unit.valid_to is None:
                return tip
            ended = self.tr("kết thúc hoạt động từ {day}").format(day=f"{unit.valid_to:%d/%m/%Y}")
            return f"{tip}; {ended}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == UNIT_ID_ROLE:
            return unit.id
        if role == UPCOMING_ROLE:
            return count
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Đơn vị") if section == 0 else self.tr("Sắp họp")
        return None
