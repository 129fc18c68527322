"""The search over every material: the box in the main toolbar, and the dock listing the pages
found; activating a page opens its PDF there with the words marked.

``SearchDock`` asks its host (the main window) for the store, the task runner and where a PDF
opens, at the moment it needs them: the store is opened after the window is shown. It says
``resultsReady`` when the list is filled; the window decides where the dock goes. Strings keep
the "MainWindow" translation context they had there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLineEdit, QTableView, QWidget

from ui.icons import icon
from ui.main_window_jobs import search_materials
from ui.models.search import SearchHitsModel
from ui.workspace.context import document_bytes

if TYPE_CHECKING:
    from store.engine import Store


class SearchHost(Protocol):
    store: Store | None
    runner: Any

    def open_pdf(self, data: bytes, title: str, page: int = 1, highlight: str | None = None) -> Any: ...


class SearchDock(QDockWidget):
    """The pages found for the words in ``edit``."""

    resultsReady = Signal()

    def __init__(self, host: SearchHost, parent: QWidget) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Kết quả tìm kiếm"), parent)
        self.host = host
        self.setObjectName("searchDock")
        self.hits = SearchHitsModel(self)
        view = self.view = QTableView()
        view.setModel(self.hits)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().resizeSection(0, 380)
        view.horizontalHeader().resizeSection(1, 60)
        view.activated.connect(self.open_hit)
        self.setWidget(view)
        edit = self.edit = QLineEdit()
        edit.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "Tìm trong mọi tài liệu (có dấu hoặc không dấu)…")
        )
        edit.setClearButtonEnabled(True)
        edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        edit.setMinimumWidth(340)
        edit.returnPressed.connect(self.run)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def run(self) -> None:
        query = self.edit.text().strip()
        store = self.host.store
        if not query or store is None:
            return

        def found(hits) -> None:
            self.hits.set_hits(query, hits)
            self.setWindowTitle(
                QCoreApplication.translate("MainWindow", "Kết quả tìm kiếm “{q}”: {n} trang")
                .format(q=query, n=len(hits))
            )
            self.resultsReady.emit()
            if hits:
                self.view.selectRow(0)

        self.host.runner.run("search", search_materials, store, query, on_result=found)

    def open_hit(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        hit, query = self.hits.hit(index.row()), self.hits.query
        self.host.runner.run(
            "document.open",
            document_bytes,
            self.host.store,
            hit.document_id,
            on_result=lambda r: self.host.open_pdf(r[1], r[0].number or r[0].title, page=hit.page, highlight=query),
        )
