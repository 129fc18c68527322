"""The PDF viewer of the desktop app: pages, zoom, thumbnails, outline, search and signatures.

Contract with the main window (keep it): ``PdfViewer.open_bytes(data, title, page=1,
highlight=None)``, ``current_page()``, ``pageChanged(int)`` (1-based), ``set_task_runner``,
``set_trust(provider)``, ``close_document()``. Everything slow (search, thumbnails,
verification, extracting a signed revision) goes through the task runner; opening a document
only loads it into QtPdf and lets QPdfView paint the first page, and the rest starts once that
page is on screen, so it never delays it.

The viewer owns its parts: ``PageNavigation`` (navigation.py: page and zoom commands on the
page view), ``ViewerToolbar`` (toolbar.py), the find bar, the thumbnails and outline, the
signature panel and the signed-revision pane; it connects them and keeps the document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from signing.verify.revisions import extract_signed_revision
from ui.tasks import TaskRunner
from ui.viewer.compare import ScrollLink, SignedRevisionPane, describe_error, load_pdf_bytes
from ui.viewer.find_bar import DocumentSearch, FindBar
from ui.viewer.navigation import ZOOM_STEPS, PageNavigation
from ui.viewer.page_view import PageView
from ui.viewer.signature_panel import SignaturePanel
from ui.viewer.thumbnails import ThumbnailModel, ThumbnailPanel
from ui.viewer.toolbar import ViewerToolbar

log = logging.getLogger(__name__)

#: If the first page has not been painted by then (hidden viewer), start the background work anyway.
_BACKGROUND_FALLBACK_MS = 400


class PdfViewer(QWidget):
    """A PDF document with its toolbar, side panels, find bar and signature panel."""

    pageChanged = Signal(int)  # 1-based
    firstPagePainted = Signal()
    documentOpened = Signal(str)  # title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = None
        self._own_runner = None
        self._data: bytes | None = None
        self._buffer = None
        self._title = ""
        self._painted_first = False
        self._background_started = False
        self._auto_verify = True
        self._verified = False
        self.document = QPdfDocument(self)
        self.view = PageView(self)
        self.view.setDocument(self.document)
        self.nav = PageNavigation(self.view, self.document)
        self.search = DocumentSearch(None, self)
        self.find_bar = FindBar(self.search, self)
        self.find_bar.hide()
        self.find_bar.from_page = lambda: self.current_page() - 1
        self.thumbnail_model = ThumbnailModel(None, self)
        self.thumbnails = ThumbnailPanel(self.thumbnail_model, self)
        self.outline_model = QPdfBookmarkModel(self)
        self.outline_model.setDocument(self.document)
        self.outline = QTreeView(self)
        self.outline.setModel(self.outline_model)
        self.outline.setHeaderHidden(True)
        self.signature_panel = SignaturePanel(self)
        self.signature_panel.hide()
        self.compare_pane = SignedRevisionPane(self)
        self.compare_pane.hide()
        self.scroll_link = ScrollLink(self.compare_pane.view, self.view, self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(_BACKGROUND_FALLBACK_MS)
        self._fallback.timeout.connect(self._start_background)
        self.toolbar = ViewerToolbar(self, self.nav)
        self._build_layout()
        self._connect()
        self.toolbar.update_controls()

    # --- construction -----------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.side = QTabWidget(self)
        self.side.addTab(self.thumbnails, self.tr("Trang"))
        self.side.addTab(self.outline, self.tr("Mục lục"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.compare_pane)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.signature_panel)
        for i, stretch in enumerate((0, 1, 1, 0)):
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setCollapsible(2, False)
        self.side.setMaximumWidth(200)
        self.splitter.setSizes([170, 0, 800, 300])
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.toolbar)
        col.addWidget(self.find_bar)
        col.addWidget(self.message)
        col.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        nav = self.view.pageNavigator()
        nav.currentPageChanged.connect(self._on_page_changed)
        self.view.pagePainted.connect(self._on_page_painted)
        self.view.zoomStepRequested.connect(lambda step: self.nav.zoom_in() if step > 0 else self.nav.zoom_out())
        self.view.layoutChanged.connect(self.toolbar.update_zoom_label)
        self.view.zoomModeChanged.connect(lambda _m: self.toolbar.update_controls())
        self.view.zoomFactorChanged.connect(lambda _z: self.toolbar.update_zoom_label())
        self.toolbar.sidebarToggled.connect(self.side.setVisible)
        self.toolbar.signaturesToggled.connect(self.show_signature_panel)
        self.toolbar.findRequested.connect(self.find_bar.open_bar)
        self.thumbnails.pageActivated.connect(lambda p: self.nav.go_to_page(p + 1))
        self.outline.activated.connect(self._outline_activated)
        self.outline.clicked.connect(self._outline_activated)
        self.search.hitsChanged.connect(lambda: self.view.set_hits(self.search.hits, self.search.current))
        self.search.currentChanged.connect(self._show_hit)
        self.find_bar.closed.connect(self._find_closed)
        self.signature_panel.reportReady.connect(lambda report: self.toolbar.show_verdict(report.verdict))
        self.signature_panel.showSignedRequested.connect(self.show_signed_revision)
        self.compare_pane.closed.connect(lambda: self.scroll_link.__setattr__("enabled", False))

    # --- the contract -----------------------------------------------------------------------

    def set_task_runner(self, runner) -> None:
        self._runner = runner
        for part in (self.search, self.thumbnail_model):
            part.set_runner(runner)
        self.signature_panel.set_task_runner(runner)

    def set_trust(self, trust_roots_provider: Callable) -> None:
        """``trust_roots_provider()`` -> TrustRoots, called on a worker thread at each verification."""
        self.signature_panel.set_trust(trust_roots_provider)

    def set_auto_verify(self, on: bool) -> None:
        """Verify signatures by itself after each open (default), or only when the panel is opened."""
        self._auto_verify = bool(on)

    def runner(self):
        if self._runner is None:  # standalone use: a private runner, shut down with the viewer

            self._own_runner = TaskRunner(self)
            self.set_task_runner(self._own_runner)
        return self._runner

    def open_bytes(self, data: bytes, title: str, *, page: int = 1, highlight: str | None = None) -> None:
        """Show ``data`` at ``page`` (1-based); with ``highlight``, find and mark that term."""
        self.runner()
        self.close_document()
        self._data = bytes(data)
        self.nav.opened = True
        self._title = title
        self.toolbar.show_title(title)
        self.setWindowTitle(title)
        self._buffer = load_pdf_bytes(self.document, self._data, self)
        if self.document.status() != QPdfDocument.Status.Ready:
            self._show_load_error()
            return
        count = self.document.pageCount()
        self.toolbar.show_page_count(count)
        self.thumbnail_model.set_document(self.document)
        self.side.setTabVisible(1, self.outline_model.rowCount() > 0)
        self.search.set_document(self._data)
        self.nav.go_to_page(page)
        self.toolbar.update_controls()
        self._fallback.start()
        if highlight:
            self.find_bar.edit.setText(highlight)
            self.find_bar.show()
            self.search.search(highlight, from_page=max(0, min(page, count) - 1))
        self.documentOpened.emit(title)

    def current_page(self) -> int:
        return self.nav.current_page()

    def page_count(self) -> int:
        return self.nav.page_count()

    def close_document(self) -> None:
        """Forget the document; background results still on their way are ignored."""
        self._fallback.stop()
        self.compare_pane.close_pane()
        self.search.set_document(None)
        self.signature_panel.clear()
        self.thumbnail_model.set_document(None)
        self.view.set_hits([])
        self.view.reset_paint_tracking()
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._data = None
        self.nav.opened = False
        self._painted_first = self._background_started = self._verified = False
        self.message.hide()
        self.toolbar.show_page_count(None)
        self.toolbar.update_controls()

    def shutdown(self) -> None:
        """Stop what this viewer started (its private runner, if any); the app calls it on quit."""
        self.close_document()
        if self._own_runner is not None:
            self._own_runner.shutdown()

    # --- reactions --------------------------------------------------------------------------

    def _on_page_changed(self, index: int) -> None:
        if self._data is None:
            return
        self.toolbar.show_page(index + 1)
        self.thumbnails.show_page(index)
        self.toolbar.update_controls()
        self.pageChanged.emit(index + 1)

    def _on_page_painted(self, _page: int) -> None:
        if not self._painted_first and self._data is not None:
            self._painted_first = True
            self.firstPagePainted.emit()
            QTimer.singleShot(0, self._start_background)

    def _start_background(self) -> None:
        """After the first page is on screen: thumbnails and signature verification."""
        if self._background_started or self._data is None:
            return
        self._background_started = True
        self._fallback.stop()
        data = self._data
        self.runner().run(
            "page sizes", _read_page_sizes, self.document, on_result=lambda _n, d=data: self._all_pages(d)
        )
        self.thumbnail_model.start()
        if self._auto_verify or self.signature_panel.isVisible():
            self._verify()

    def _all_pages(self, data: bytes) -> None:
        """Every page size is known now (cheap to ask again): show all pages one under another."""
        if data is self._data and self.view.pageMode() != QPdfView.PageMode.MultiPage:
            self.view.keep_position(lambda: self.view.setPageMode(QPdfView.PageMode.MultiPage))

    def _verify(self) -> None:
        if self._data is not None and not self._verified:
            self._verified = True
            self.signature_panel.verify(self._data)

    def _show_hit(self, index: int) -> None:
        self.view.set_current_hit(index)
        if not 0 <= index < len(self.search.hits):
            return
        hit = self.search.hits[index]
        page = self.view.page_rect(hit.page)
        rect = self.view.hit_rect(hit)
        if page.isEmpty() or rect.isEmpty():
            self.nav.go_to_page(hit.page + 1)
            return
        vbar, hbar = self.view.verticalScrollBar(), self.view.horizontalScrollBar()
        vh, vw = self.view.viewport().height(), self.view.viewport().width()
        top = page.top() + vbar.value()
        hit_y = rect.top() + vbar.value()
        # Hit at about a third of the height, but keep QPdfView's "current page" line (40 %) on its page.
        value = max(
            top - int(0.4 * vh) + 2, min(int(hit_y - 0.33 * vh), top + page.height() - int(0.4 * vh) - 3)
        )
        nav = self.view.pageNavigator()
        if nav.currentPage() != hit.page:
            nav.jump(hit.page, QPointF(), self.view.zoomFactor())
        vbar.setValue(value)
        hit_x = rect.left() + hbar.value()
        if not hbar.value() <= hit_x <= hbar.value() + vw - rect.width():
            hbar.setValue(int(hit_x - vw / 3))

    def _find_closed(self) -> None:
        self.search.clear()
        self.view.setFocus()

    def _outline_activated(self, index) -> None:
        page = index.data(QPdfBookmarkModel.Role.Page.value)
        if page is not None and int(page) >= 0:
            self.nav.go_to_page(int(page) + 1)

    def show_signature_panel(self, show: bool = True) -> None:
        self.signature_panel.setVisible(show)
        self.toolbar.show_signature_switch(show)
        if show and self._data is not None:
            self._start_background()
            self._verify()

    def show_signed_revision(self, field: str, signer: str = "") -> None:
        """Open what the signature in ``field`` covered, beside the current file (background)."""
        if self._data is None:
            return

        data = self._data
        self.runner().run(
            "extract signed revision",
            extract_signed_revision,
            data,
            field,
            on_result=lambda rev, d=data: self._revision_ready(d, rev, field, signer),
            on_error=lambda exc: self.compare_pane.show_error(describe_error(exc)),
        )

    def _revision_ready(self, data: bytes, revision: bytes, field: str, signer: str) -> None:
        if data is not self._data:
            return
        self.compare_pane.show_revision(revision, field, signer)
        self.scroll_link.enabled = True
        self.compare_pane.view.setZoomMode(self.view.zoomMode())
        self.compare_pane.view.setZoomFactor(self.view.zoomFactor())
        sizes = self.splitter.sizes()
        both = sizes[1] + sizes[2]
        self.splitter.setSizes([sizes[0], both // 2, both - both // 2, sizes[3]])
        page, fraction = self.view.position()
        self.compare_pane.view.scroll_to_position(page, fraction)

    def _show_load_error(self) -> None:
        err = self.document.error()
        log.info("QtPdf could not open %r: %s", self._title, err)
        self.message.setText(
            self.tr(
                "Không mở được tệp PDF “{title}”: tệp hỏng, có mật khẩu hoặc không phải PDF. "
                "Hãy xin lại bản gốc."
            ).format(title=self._title)
        )
        self.message.setStyleSheet("QLabel { background: #ffebee; color: #b71c1c; padding: 12px; }")
        self.message.show()
        self._data = None
        self.nav.opened = False
        self.toolbar.update_controls()


__all__ = ["PdfViewer", "ZOOM_STEPS", "render_demo_screenshot"]


def _read_page_sizes(document: QPdfDocument) -> int:
    """Ask PDFium for every page's size once, off the main thread.

    The first time, PDFium loads each page's dictionary (about 0.7 ms a page here: 200 ms for a
    300-page book); QPdfView's continuous layout needs them all. Read here, they are cached, and
    the switch to the continuous layout on the main thread costs about 1 ms.
    """
    for page in range(document.pageCount()):
        document.pagePointSize(page)
    return document.pageCount()


def render_demo_screenshot(path, **kwargs):
    """The viewer with a signed document and the signature panel open, saved as PNG (see demo.py)."""
    from ui.viewer.demo import render_demo_screenshot as render  # noqa: PLC0415 -- import cycle: ui.viewer.demo imports this module

    return render(path, **kwargs)
