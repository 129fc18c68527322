"""Connected sites as a checkable tree of the units below the host, and the participants.

Ticking a unit does not change the model: it asks (``siteToggled``) and the workspace calls
``add_site``/``remove_site``; the ticks then follow what the store says after the reload.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    Qt,
    Signal,
)

from ui.icons import icon, level_icon
from ui.models.labels import ROLE, tr
from ui.models.tree import NO_PARENT, Index, NodeTreeModel

if TYPE_CHECKING:
    from meetings.records import ParticipantInfo
    from store.directory import LevelInfo, UnitInfo

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _Node:
    __slots__ = ("unit", "parent", "children", "row")

    def __init__(self, unit: UnitInfo | None, parent: _Node | None, row: int) -> None:
        self.unit, self.parent, self.row, self.children = unit, parent, row, []


class SiteTreeModel(NodeTreeModel):
    siteToggled = Signal(int, bool)  # unit id, wanted connected

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None, 0)
        self._connected: set[int] = set()
        self.editable = True
        self._levels: Mapping[tuple[str, str], LevelInfo] = {}

    def set_units(self, host_id: int, below: Sequence[UnitInfo], connected: set[int],
                  levels: Mapping[tuple[str, str], LevelInfo] | None = None) -> None:
        """``below``: every unit under the host (any depth), parents before children;
        ``levels``: the schemes' levels, for each unit's icon."""
        self.beginResetModel()
        self._levels = dict(levels or {})
        self._root = _Node(None, None, 0)
        self._connected = set(connected)
        nodes: dict[int, _Node] = {}
        for unit in below:
            parent = nodes.get(unit.parent_id) if unit.parent_id != host_id else self._root
            if parent is None:
                continue
            node = _Node(unit, parent, len(parent.children))
            parent.children.append(node)
            nodes[unit.id] = node
        self.endResetModel()

    def connected(self) -> set[int]:
        return set(self._connected)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.editable else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = index.internalPointer().unit
        if role == Qt.ItemDataRole.DisplayRole:
            return unit.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if unit.id in self._connected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            level = self._levels.get((unit.scheme, unit.level))
            return level_icon(level.rank if level else None)
        if role == UNIT_ID_ROLE:
            return unit.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self.editable:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        unit = index.internalPointer().unit
        if wanted != (unit.id in self._connected):
            self.siteToggled.emit(unit.id, wanted)
        return False  # the tick follows the store after the reload

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 0:
            return self.tr("Đơn vị cấp dưới (đánh dấu để kết nối điểm cầu)")
        return None


class ParticipantsModel(QAbstractTableModel):
    """Who takes part: name, position, role, and where from (the host's hall or a site)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantInfo] = []
        self._site_names: dict[int, str] = {}
        self._host_name = ""

    def set_participants(self, rows: Sequence[ParticipantInfo], site_names: dict[int, str], host_name: str) -> None:
        self.beginResetModel()
        self._rows, self._site_names, self._host_name = list(rows), dict(site_names), host_name
        self.endResetModel()

    def participant(self, row: int) -> ParticipantInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        if role == PERSON_ID_ROLE:
            return p.person_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == 0:
                return p.full_name
            if col == 1:
                return p.position
            if col == 2:
                return tr(ROLE, p.role)
            if p.site_unit_id is None:
                return self.tr("Hội trường chính ({host})").format(host=self._host_name)
            return self._site_names.get(p.site_unit_id, str(p.site_unit_id))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return icon("person")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Vai trò"), self.tr("Dự tại"))
        return names[section] if 0 <= section < len(names) else None
