"""The navigation every tree model here shares: nodes that know their parent, their row and
their children; the invisible root is ``self._root``. Subclasses add columns and data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from ui.models.indexes import NO_PARENT, Index


class NodeTreeModel(QAbstractItemModel):
    """A QAbstractItemModel over ``_root`` and nodes with ``parent``, ``row``, ``children``."""

    _root: Any

    def _node(self, index: Index) -> Any:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer().parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)
