"""QPdfView with our own search highlights, Ctrl+wheel zoom and a "first page painted" signal.

QPdfView draws QPdfSearchModel's hits itself, but that model is diacritic-sensitive and Qt
places its rectangles with the Custom zoom factor even in fit-width mode. We draw our own
hits (from text_search) on top, so we need each page's place in the viewport; QPdfView keeps
that private, so ``page_rect`` mirrors QPdfViewPrivate::calculateDocumentLayout (Qt 6.6 to
6.12: page sizes from screen DPI / 72, margins, spacing, pages centred horizontally).
tests/ui/test_viewer.py checks it against where the page really is drawn.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtPdfWidgets import QPdfView

from ui.viewer.text_search import SearchHit

_HIT_FILL = QColor(255, 213, 0, 90)


def _qround(v: float) -> int:
    """Qt's qRound (half away from zero), which QSize *= qreal uses; Python's round() is not."""
    return int(v + 0.5) if v >= 0 else -int(-v + 0.5)
_CURRENT_PEN = QColor(230, 81, 0)


class PageView(QPdfView):
    """The scrolling page area: all pages one under another (MultiPage)."""

    #: 0-based page whose rendered image has just been painted for the first time.
    pagePainted = Signal(int)
    #: +1 / -1 from Ctrl+wheel.
    zoomStepRequested = Signal(int)
    #: the page sizes may have changed (resize in a fit mode, zoom).
    layoutChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Single page until every page's size is known (see PdfViewer: sizes are read in the
        # background after the first paint), then all pages one under another.
        self.setPageMode(QPdfView.PageMode.SinglePage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fitting the width while the vertical scroll bar comes and goes makes a loop: the bar
        # appears, the page gets narrower and shorter, the bar is no longer needed, the page
        # widens... At some window sizes (seen at 150 % scaling) it never settles, resizing
        # thousands of times a second. A bar that is always there gives the page one width.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._hits: list[SearchHit] = []
        self._current_hit = -1
        self._rendered: set[int] = set()
        self._painted: set[int] = set()
        self._layout_key: tuple | None = None
        self._layout_rects: list[QRect] = []
        self._anchor: tuple[int, float] = (0, 0.0)
        self._restoring = False
        renderer = self.findChild(QPdfPageRenderer)
        if renderer is not None:  # Qt's private renderer: tells us when a page image exists
            renderer.pageRendered.connect(self._on_rendered)

    # --- highlights -------------------------------------------------------------------------

    def set_hits(self, hits: list[SearchHit], current: int = -1) -> None:
        self._hits = list(hits)
        self._current_hit = current
        self.viewport().update()

    def set_current_hit(self, index: int) -> None:
        self._current_hit = index
        self.viewport().update()

    def reset_paint_tracking(self) -> None:
        self._rendered.clear()
        self._painted.clear()

    # --- geometry ---------------------------------------------------------------------------

    def _screen_resolution(self) -> float:
        screen = QGuiApplication.primaryScreen()
        return (screen.logicalDotsPerInch() if screen else 72.0) / 72.0

    def _page_size(self, doc: QPdfDocument, page: int) -> QSize:
        res = self._screen_resolution()
        pts = doc.pagePointSize(page)
        vp = self.viewport().size()
        m = self.documentMargins()
        mode = self.zoomMode()
        if mode == QPdfView.ZoomMode.Custom:
            z = self.zoomFactor()
            return QSizeF(pts.width() * res * z, pts.height() * res * z).toSize()
        base = QSizeF(pts.width() * res, pts.height() * res).toSize()
        if mode == QPdfView.ZoomMode.FitToWidth:
            if base.width() <= 0:
                return base
            factor = (vp.width() - m.left() - m.right()) / base.width()
            return QSize(_qround(base.width() * factor), _qround(base.height() * factor))
        return base.scaled(QSize(vp.width() - m.left() - m.right(), vp.height() - self.pageSpacing()),
                           Qt.AspectRatioMode.KeepAspectRatio)

    def _layout(self) -> list[QRect]:
        """Every page's rectangle in document coordinates, recomputed only when inputs change."""
        doc = self.document()
        if doc is None or doc.status() != QPdfDocument.Status.Ready:
            return []
        m = self.documentMargins()
        key = (id(doc), doc.pageCount(), self.pageMode(), self.pageNavigator().currentPage(), self.zoomMode(), self.zoomFactor(), self.viewport().size().toTuple(),
               (m.left(), m.top(), m.right(), m.bottom()), self.pageSpacing(), self._screen_resolution())
        if key == self._layout_key:
            return self._layout_rects
        if self.pageMode() == QPdfView.PageMode.SinglePage:
            # Only the current page is laid out (QPdfView does the same): no size pass over all pages.
            current = max(0, self.pageNavigator().currentPage())
            size = self._page_size(doc, current)
            width = max(size.width() + m.left() + m.right(), self.viewport().width())
            rects = [QRect() for _ in range(doc.pageCount())]
            rects[current] = QRect((width - size.width()) // 2, m.top(), size.width(), size.height())
            self._layout_key, self._layout_rects = key, rects
            return rects
        sizes = [self._page_size(doc, p) for p in range(doc.pageCount())]
        total_width = (max(s.width() for s in sizes) if sizes else 0) + m.left() + m.right()
        width = max(total_width, self.viewport().width())
        rects, y = [], m.top()
        for size in sizes:
            rects.append(QRect((width - size.width()) // 2, y, size.width(), size.height()))
            y += size.height() + self.pageSpacing()
        self._layout_key, self._layout_rects = key, rects
        return rects

    def page_rect(self, page: int) -> QRect:
        """Where ``page`` (0-based) is drawn, in viewport coordinates (empty if no such page)."""
        rects = self._layout()
        if not 0 <= page < len(rects):
            return QRect()
        return rects[page].translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def page_top(self, page: int) -> int:
        """The vertical scroll value that puts the top of ``page`` at the top of the view."""
        rects = self._layout()
        return rects[page].y() if 0 <= page < len(rects) else 0

    def position(self) -> tuple[int, float]:
        """(0-based page at the top of the view, fraction of it scrolled past)."""
        rects = self._layout()
        if not rects:
            return 0, 0.0
        value = self.verticalScrollBar().value()
        if self.pageMode() == QPdfView.PageMode.SinglePage:
            page = max(0, self.pageNavigator().currentPage())
        else:
            tops = [r.y() for r in rects]
            page = max(0, bisect_right(tops, value) - 1)
        rect = rects[page]
        return page, min(1.0, max(0.0, (value - rect.y()) / max(1, rect.height())))

    def scroll_to_position(self, page: int, fraction: float = 0.0) -> None:
        rects = self._layout()
        if not rects:
            return
        page = min(max(0, page), len(rects) - 1)
        if rects[page].isNull():  # single-page mode, another page: QPdfView lays it out on the jump
            self.pageNavigator().jump(page, QPointF(), self.zoomFactor())
            rects = self._layout()
        self.verticalScrollBar().setValue(rects[page].y() + round(fraction * rects[page].height()))
        self._anchor = (page, fraction)

    def keep_position(self, change) -> None:
        """Run ``change()`` (a zoom) and put the same page, same place back at the top."""
        anchor = self.position() if self._layout() else self._anchor
        self._restoring = True
        try:
            change()
        finally:
            self._restoring = False
        self.scroll_to_position(*anchor)
        self.layoutChanged.emit()

    def effective_zoom(self) -> float:
        """The zoom factor actually shown (fit modes compute their own)."""
        doc = self.document()
        if self.zoomMode() == QPdfView.ZoomMode.Custom or doc is None or doc.pageCount() == 0:
            return self.zoomFactor()
        page = max(0, self.pageNavigator().currentPage())
        pts = doc.pagePointSize(page)
        if pts.width() <= 0:
            return 1.0
        return self._page_size(doc, page).width() / (pts.width() * self._screen_resolution())

    def hit_rect(self, hit: SearchHit) -> QRectF:
        """The union of a hit's rectangles in viewport coordinates."""
        page = self.page_rect(hit.page)
        doc = self.document()
        pts = doc.pagePointSize(hit.page) if doc is not None else QSizeF()
        if page.isEmpty() or pts.width() <= 0:
            return QRectF()
        scale = page.width() / pts.width()
        out = QRectF()
        for x, y, w, h in hit.rects:
            out = out.united(QRectF(page.x() + x * scale, page.y() + y * scale, w * scale, h * scale))
        return out

    # --- events -----------------------------------------------------------------------------

    def _on_rendered(self, page: int, *_args) -> None:
        self._rendered.add(page)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        doc = self.document()
        if doc is None or doc.status() != QPdfDocument.Status.Ready:
            return
        visible = self.viewport().rect()
        newly = [p for p in self._rendered - self._painted if self.page_rect(p).intersects(visible)]
        if self._hits:
            self._paint_hits(visible)
        for p in sorted(newly):
            self._painted.add(p)
            self.pagePainted.emit(p)

    def _paint_hits(self, visible: QRect) -> None:
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            cache: dict[int, bool] = {}
            for i, hit in enumerate(self._hits):
                if hit.page not in cache:
                    cache[hit.page] = self.page_rect(hit.page).intersects(visible)
                if not cache[hit.page]:
                    continue
                rect = self.hit_rect(hit).adjusted(-1, -1, 1, 1)
                painter.fillRect(rect, _HIT_FILL)
                if i == self._current_hit:
                    painter.setPen(QPen(_CURRENT_PEN, 2))
                    painter.drawRect(rect)
        finally:
            painter.end()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        if not self._restoring:
            self._anchor = self.position()

    def resizeEvent(self, event) -> None:  # noqa: N802
        # Qt keeps the scroll value in pixels across a relayout; we keep the page instead, so a
        # document opened at page 12 before the window was shown is still at page 12 after.
        anchor = self._anchor
        self._restoring = True
        try:
            super().resizeEvent(event)
        finally:
            self._restoring = False
        self.scroll_to_position(*anchor)
        self.layoutChanged.emit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomStepRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
