"""The agenda as a two-level tree, with drag-and-drop.

The model never changes itself on a drop: it *asks* (``moveRequested``, ``filesDropped``) and
the workspace calls the service; the agenda is then reloaded from what the store says. A move
the rules refuse therefore leaves the tree exactly as it was, with the service's message shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ui.models.tree import NO_PARENT, Index, NodeTreeModel

if TYPE_CHECKING:
    from meetings.records import AgendaNode

AGENDA_MIME = "application/x-nghisu-agenda-item"
URI_MIME = "text/uri-list"
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = 6  # number, title, presenter, minutes, running total, documents


def pdf_paths(mime: QMimeData) -> list[Path]:
    """Local PDF files among the dropped URLs (other files are left out)."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == ".pdf"]


class _Node:
    __slots__ = ("item", "parent", "children", "row", "running")

    def __init__(self, item: AgendaNode | None, parent: _Node | None, row: int) -> None:
        self.item, self.parent, self.row, self.children, self.running = item, parent, row, [], 0


class AgendaModel(NodeTreeModel):
    #: item id, new parent id (None: top level), index among the new siblings (None: at the end)
    moveRequested = Signal(int, object, object)
    #: item id the files were dropped on, list of paths
    filesDropped = Signal(int, list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None, 0)
        self._by_id: dict[int, _Node] = {}
        self._documents: dict[int, int] = {}
        self.editable = True

    def set_agenda(self, agenda: Sequence[AgendaNode], documents: dict[int, int] | None = None) -> None:
        self.beginResetModel()
        self._root = _Node(None, None, 0)
        self._by_id = {}
        self._documents = dict(documents or {})
        running = 0

        def add(parent: _Node, nodes: Sequence[AgendaNode]) -> None:
            nonlocal running
            for row, item in enumerate(nodes):
                node = _Node(item, parent, row)
                parent.children.append(node)
                self._by_id[item.id] = node
                if not item.children:  # a heading's time is the sum of its sub-items
                    running += item.planned_minutes
                add(node, item.children)
                node.running = running

        add(self._root, agenda)
        self.endResetModel()

    def item(self, index: Index) -> AgendaNode | None:
        return index.internalPointer().item if index.isValid() else None

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        node = self._by_id.get(item_id)
        return self.createIndex(node.row, column, node) if node else QModelIndex()

    def items(self) -> list[AgendaNode]:
        return [n.item for n in self._by_id.values()]

    def total_minutes(self) -> int:
        return sum(n.item.planned_minutes for n in self._by_id.values() if not n.item.children)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        item, col = node.item, index.column()
        if role == ITEM_ID_ROLE:
            return item.id
        if role == NODE_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return item.number
            if col == 1:
                return item.title
            if col == 2:
                return item.presenter
            if col == 3:
                minutes = item.planned_minutes if not item.children else sum(c.planned_minutes for c in item.children)
                return str(minutes) if minutes else ""
            if col == 4:
                return str(node.running)
            count = self._documents.get(item.id, 0)
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col in (0, 1) and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Mục"), self.tr("Nội dung"), self.tr("Người trình bày"), self.tr("Phút"),
                 self.tr("Lũy kế"), self.tr("Tài liệu"))
        return names[section] if 0 <= section < len(names) else None

    # -- drag and drop ----------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            return base
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | base
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME, URI_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self.item(i).id for i in indexes if i.isValid() and i.column() == 0]
        if ids:
            mime.setData(AGENDA_MIME, QByteArray(str(ids[0]).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.editable:
            return False
        if data.hasFormat(AGENDA_MIME):
            return True
        return bool(pdf_paths(data)) and parent.isValid() and row == -1

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if data.hasFormat(AGENDA_MIME):
            item_id = int(bytes(data.data(AGENDA_MIME).data()).decode())
            moving = self._by_id.get(item_id)
            if moving is None:
                return False
            target = self._node(parent)
            if row == -1 and target is not self._root:  # dropped onto an item: becomes its last sub-item
                new_parent, index = target.item.id, None
            else:
                new_parent = target.item.id if target is not self._root else None
                index = None if row == -1 else row
                if index is not None and moving.parent is target and moving.row < index:
                    index -= 1  # the service counts siblings without the item being moved
            self.moveRequested.emit(item_id, new_parent, index)
            # False: nothing changed here; the view must not remove the dragged row either.
            return False
        node = self._node(parent.siblingAtColumn(0) if parent.isValid() else parent)
        self.filesDropped.emit(node.item.id, [str(p) for p in pdf_paths(data)])
        return True
