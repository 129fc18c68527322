"""Search within the open document: the Ctrl+F bar and the search that feeds it.

``DocumentSearch`` runs text_search.find_hits through the task runner (it reads every page's
text once, then each query is a scan of folded strings) and keeps the hits and which one is
current. ``FindBar`` is the row of controls; the viewer connects the two and scrolls to hits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui.viewer.text_search import DocumentText, SearchHit, find_hits

log = logging.getLogger(__name__)


class DocumentSearch(QObject):
    """The hits of the current query in the current document, found in the background."""

    hitsChanged = Signal()  # a search finished (or was cleared)
    currentChanged = Signal(int)  # index into hits, -1 for none
    failed = Signal(str)

    def __init__(self, runner=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._text: DocumentText | None = None
        self._query = ""
        self._hits: list[SearchHit] = []
        self._current = -1
        self._generation = 0
        self._handle = None
        self.searching = False

    def set_runner(self, runner) -> None:
        self._runner = runner

    def set_document(self, data: bytes | None) -> None:
        self._cancel()
        self._text = DocumentText(data) if data is not None else None
        self._query, self._hits, self._current = "", [], -1
        self.hitsChanged.emit()
        self.currentChanged.emit(-1)

    @property
    def query(self) -> str:
        return self._query

    @property
    def hits(self) -> list[SearchHit]:
        return self._hits

    @property
    def current(self) -> int:
        return self._current

    def _cancel(self) -> None:
        self._generation += 1
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.searching = False

    def search(self, query: str, *, from_page: int = 0) -> None:
        """Find ``query``; when done, the current hit is the first one on or after ``from_page``."""
        self._cancel()
        self._query = query.strip()
        self._hits, self._current = [], -1
        if not self._query or self._text is None or self._runner is None:
            self.hitsChanged.emit()
            self.currentChanged.emit(-1)
            return
        gen = self._generation
        self.searching = True
        self.hitsChanged.emit()

        def work(text: DocumentText, q: str, task):
            return find_hits(text, q, cancelled=task.cancelled)

        self._handle = self._runner.run(
            "search in document", work, self._text, self._query,
            on_result=lambda hits, g=gen, p=from_page: self._done(g, hits, p),
            on_error=lambda exc, g=gen: self._error(g, exc),
        )

    def _done(self, generation: int, hits: list[SearchHit] | None, from_page: int) -> None:
        if generation != self._generation or hits is None:
            return
        self._handle = None
        self.searching = False
        self._hits = hits
        self.hitsChanged.emit()
        if hits:
            first = next((i for i, h in enumerate(hits) if h.page >= from_page), 0)
            self.set_current(first)
        else:
            self.set_current(-1)

    def _error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._handle = None
        self.searching = False
        log.warning("search failed", exc_info=exc)
        self.failed.emit(str(exc))
        self.hitsChanged.emit()

    def set_current(self, index: int) -> None:
        self._current = index if 0 <= index < len(self._hits) else -1
        self.currentChanged.emit(self._current)

    def next(self) -> None:
        if self._hits:
            self.set_current((self._current + 1) % len(self._hits))

    def previous(self) -> None:
        if self._hits:
            self.set_current((self._current - 1) % len(self._hits))

    def clear(self) -> None:
        self.search("")


class FindBar(QWidget):
    """[ search box ] [<] [>] "3 / 12" [x]: Enter = next hit, Shift+Enter = previous, Esc closes."""

    closed = Signal()

    def __init__(self, search: DocumentSearch, parent=None) -> None:
        super().__init__(parent)
        self._search = search
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Tìm trong tài liệu (có dấu hoặc không dấu)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Tìm trong tài liệu"))
        self.prev_button = QToolButton(self)
        self.prev_button.setText("▲")
        self.prev_button.setToolTip(self.tr("Kết quả trước (Shift+Enter)"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip(self.tr("Kết quả sau (Enter)"))
        self.status = QLabel(self)
        self.status.setMinimumWidth(110)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Đóng thanh tìm kiếm (Esc)"))
        close.setAutoRaise(True)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(QLabel(self.tr("Tìm:"), self))
        row.addWidget(self.edit, 1)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.status)
        row.addWidget(close)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._run)
        self.edit.textEdited.connect(lambda _t: self._debounce.start())
        self.edit.returnPressed.connect(self._enter)
        self.prev_button.clicked.connect(search.previous)
        self.next_button.clicked.connect(search.next)
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Shift+Return"), self.edit, search.previous,
                  context=Qt.ShortcutContext.WidgetShortcut)
        search.hitsChanged.connect(self._update_status)
        search.currentChanged.connect(lambda _i: self._update_status())
        self.from_page = lambda: 0  # the viewer sets this: search from the page on screen
        self._update_status()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def _run(self) -> None:
        if self.edit.text().strip() != self._search.query:
            self._search.search(self.edit.text(), from_page=self.from_page())

    def _enter(self) -> None:
        if self._debounce.isActive() or self.edit.text().strip() != self._search.query:
            self._debounce.stop()
            self._search.search(self.edit.text(), from_page=self.from_page())
        else:
            self._search.next()

    def _update_status(self) -> None:
        s = self._search
        has = bool(s.hits)
        self.prev_button.setEnabled(has)
        self.next_button.setEnabled(has)
        if s.searching:
            text = self.tr("Đang tìm…")
        elif not s.query:
            text = ""
        elif not has:
            text = self.tr("Không thấy")
        else:
            text = self.tr("{current} / {total} kết quả").format(current=s.current + 1, total=len(s.hits))
        self.status.setText(text)
