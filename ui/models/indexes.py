"""The two names every Qt model here uses in its signatures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

#: What Qt passes as an index: a model index or a persistent one.
Index = QModelIndex | QPersistentModelIndex
#: The invalid index, as a default argument ("no parent": the top level).
NO_PARENT = QModelIndex()
