"""One page at a time, touch first: swipe or scroll to turn, pinch (or Ctrl+wheel) to zoom,
night mode, and the person's notes drawn over the page.

The page comes from a ``RenderCache`` that renders the next and previous pages ahead, so a
turn shows at once. Notes are kept in PAGE coordinates (PDF points, origin lower left, what
``documents.reading.notes`` stores), mapped to the screen when painted: they stay on their words at
any zoom, and the PDF itself is never changed.

Tools: ``browse`` (swipe, tap the left/right edge, drag to pan when zoomed), ``ink`` (draw),
``highlight`` (drag a box), ``text`` (tap where the note goes). A finished ink stroke or box is
announced with ``noteDrawn(kind, page, data)``; the reader stores it. The input handlers live in
``CanvasInput`` (canvas_input.py).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from ui.reader.canvas_input import (
    HIGHLIGHT_COLOR,
    INK_COLOR,
    SWIPE_PX,
    SWIPE_SHARE,
    TEXT_COLOR,
    WHEEL_TURN,
    CanvasInput,
)
from ui.reader.notes_overlay import paint_notes, paint_stroke
from ui.viewer.render_cache import RenderCache

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

    from documents.reading.notes import NoteInfo

MIN_ZOOM, MAX_ZOOM = 1.0, 5.0
MARGIN = 12
TOOLS = ("browse", "ink", "highlight", "text")


class PageCanvas(CanvasInput, QWidget):
    pageChanged = Signal(int)  # 1-based
    zoomChanged = Signal(float)
    noteDrawn = Signal(str, int, object)  # kind, 1-based page, data in page coordinates
    textNoteRequested = Signal(int, float, float)  # page, x, y (page coordinates)

    def __init__(self, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.document: QPdfDocument | None = None
        self.cache = None
        self._page = 0  # 0-based
        self._zoom = 1.0
        self._offset = QPointF(0, 0)  # how far the page is panned (px, when larger than the view)
        self._night = False
        self._tool = "browse"
        self._notes: list[NoteInfo] = []
        self._pending_notes: list[tuple[str, int, dict]] = []  # drawn, not stored yet (shown meanwhile)
        self._last: tuple[int, QImage] | None = None  # last image painted: shown scaled while a new one renders
        self._inverted: dict[int, QImage] = {}
        self._press: QPointF | None = None
        self._press_offset = QPointF(0, 0)
        self._stroke: list[QPointF] = []
        self._pinch_gap: float | None = None  # distance between two fingers when the pinch began
        self._pinch_zoom = 1.0
        self._wheel = 0
        self.turns = 0
        self.shown_from_cache = 0  # page turns whose page was already rendered (tests, measurements)
        self._rewidth = QTimer(self, singleShot=True, interval=150, timeout=self._apply_width)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 320)

    # -- document ---------------------------------------------------------------------------
    def set_document(self, document: QPdfDocument | None, page: int = 1) -> None:
        if self.cache is not None:
            self.cache.pageReady.disconnect(self._page_ready)
            self.cache.deleteLater()
            self.cache = None
        self.document = document
        self._last = None
        self._inverted.clear()
        self._notes = []
        self._pending_notes = []
        self._zoom = 1.0
        if document is not None and document.pageCount() > 0:
            self.cache = RenderCache(document, self.runner, width=self._render_width(), capacity=8, parent=self)
            self.cache.pageReady.connect(self._page_ready)
            self._page = -1
            self.go_to(page)
        self.update()

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def current_page(self) -> int:
        return self._page + 1 if self.page_count() else 0

    def set_notes(self, notes) -> None:
        self._notes = list(notes)
        self._pending_notes = []
        self.update()

    def notes(self) -> list[NoteInfo]:
        return list(self._notes)

    # -- navigation -------------------------------------------------------------------------
    def go_to(self, page: int) -> bool:
        """Show ``page`` (1-based); False when there is no such page."""
        count = self.page_count()
        if not count or not 1 <= page <= count:
            return False
        index = page - 1
        if index == self._page:
            return True
        if self._page >= 0:
            self.turns += 1
            if self.cache.has(index):
                self.shown_from_cache += 1
        down = index > self._page
        self._page = index
        self._offset = QPointF(self._offset.x(), 0 if down or self._page < 0 else self._max_offset().y())
        self._wheel = 0
        self.cache.prefetch_around(index, ahead=2, behind=1)
        self.update()
        self.pageChanged.emit(page)
        return True

    def next_page(self) -> bool:
        return self.go_to(self.current_page() + 1)

    def previous_page(self) -> bool:
        return self.go_to(self.current_page() - 1)

    def _page_ready(self, page: int) -> None:
        if page == self._page:
            self.update()

    # -- zoom, night, tools -----------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, float(factor)))
        if math.isclose(factor, self._zoom):
            return
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before = self.widget_to_page(anchor)
        self._zoom = factor
        if before is not None:  # keep the point under the fingers where it was
            now = self.page_to_widget(*before)
            self._offset += now - anchor
            self._offset = QPointF(max(0.0, min(self._offset.x(), self._max_offset().x())),
                                   max(0.0, min(self._offset.y(), self._max_offset().y())))
        self._rewidth.start()
        self.update()
        self.zoomChanged.emit(self._zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def night_mode(self) -> bool:
        return self._night

    def set_night_mode(self, on: bool) -> None:
        self._night = bool(on)
        self.update()

    def tool(self) -> str:
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(tool)
        self._tool = tool
        self._stroke = []
        self.setCursor(Qt.CursorShape.ArrowCursor if tool == "browse" else Qt.CursorShape.CrossCursor)

    # -- geometry ---------------------------------------------------------------------------
    def _page_points(self) -> tuple[float, float]:
        if self.document is None or self._page < 0:
            return 595.0, 842.0
        size = self.document.pagePointSize(self._page)
        return (size.width(), size.height()) if size.width() > 0 else (595.0, 842.0)

    def _base_width(self) -> float:
        """Zoom 1: the whole page width in view (or the whole page, when the view is wide)."""
        pw, ph = self._page_points()
        fit_width = max(50.0, self.width() - 2 * MARGIN)
        fit_page = max(50.0, (self.height() - 2 * MARGIN) * pw / ph)
        return fit_width if self.height() > self.width() else min(fit_width, max(fit_page, fit_width * 0.62))

    def _render_width(self) -> int:
        return int(self._base_width() * self._zoom * self.devicePixelRatioF())

    def _apply_width(self) -> None:
        if self.cache is not None:
            self.cache.set_width(self._render_width())
            self._inverted.clear()
            self.cache.prefetch_around(self._page, ahead=2, behind=1)
            self.update()

    def page_rect(self) -> QRectF:
        pw, ph = self._page_points()
        w = self._base_width() * self._zoom
        h = w * ph / pw
        x = (self.width() - w) / 2 if w <= self.width() - 2 * MARGIN else MARGIN - self._offset.x()
        y = (self.height() - h) / 2 if h <= self.height() - 2 * MARGIN else MARGIN - self._offset.y()
        return QRectF(x, y, w, h)

    def _max_offset(self) -> QPointF:
        pw, ph = self._page_points()
        w = self._base_width() * self._zoom
        h = w * ph / pw
        return QPointF(max(0.0, w + 2 * MARGIN - self.width()), max(0.0, h + 2 * MARGIN - self.height()))

    def scale(self) -> float:
        """Screen pixels per PDF point."""
        return self.page_rect().width() / self._page_points()[0]

    def page_to_widget(self, x: float, y: float) -> QPointF:
        rect, s = self.page_rect(), self.scale()
        return QPointF(rect.left() + x * s, rect.top() + (self._page_points()[1] - y) * s)

    def widget_to_page(self, point: QPointF) -> tuple[float, float] | None:
        rect = self.page_rect()
        if not rect.contains(point):
            return None
        s = self.scale()
        return (point.x() - rect.left()) / s, self._page_points()[1] - (point.y() - rect.top()) / s

    def _pan(self, delta: QPointF) -> bool:
        """Move the page by ``delta`` px; False when it was already at that edge."""
        limit = self._max_offset()
        new = QPointF(max(0.0, min(self._offset.x() - delta.x(), limit.x())),
                      max(0.0, min(self._offset.y() - delta.y(), limit.y())))
        moved = new != self._offset
        self._offset = new
        self.update()
        return moved

    # -- painting ---------------------------------------------------------------------------
    def showing_rendered(self) -> bool:
        """Whether the current page is on screen rendered (not a placeholder)."""
        return self.cache is not None and self.cache.has(self._page)

    def _image(self) -> QImage | None:
        img = self.cache.image(self._page) if self.cache is not None else None
        if img is None:
            return self._last[1] if self._last and self._last[0] == self._page else None
        self._last = (self._page, img)
        if not self._night:
            return img
        inv = self._inverted.get(self._page)
        if inv is None or inv.size() != img.size():
            inv = img.copy()
            inv.invertPixels()
            self._inverted = {self._page: inv}
        return inv

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#111111" if self._night else "#5d6d7e"))
        if self.document is None or self._page < 0:
            p.setPen(QColor("#eaecee"))
            p.setFont(QFont(self.font().family(), 16))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.tr("Chọn một tài liệu trong chương trình để đọc."))
            return
        rect = self.page_rect()
        img = self._image()
        if img is not None:
            p.drawImage(rect, img)
        else:
            p.fillRect(rect, QColor("#1c1c1c" if self._night else "white"))
            p.setPen(QColor("#808b96"))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Đang hiển thị trang {n}…").format(n=self._page + 1))
        self._paint_notes(p)
        p.end()

    def _paint_notes(self, p: QPainter) -> None:
        page = self._page + 1
        shapes = [(n.kind, n.data) for n in self._notes if n.page == page]
        shapes += [(k, d) for k, pg, d in self._pending_notes if pg == page]
        paint_notes(p, shapes, self.page_to_widget, self.scale(), font_family=self.font().family(), night=self._night)
        if self._tool == "ink" and len(self._stroke) > 1:
            paint_stroke(p, self._stroke, INK_COLOR, 1.5 * self.scale())
        if self._tool == "highlight" and self._press is not None and self._stroke:
            color = QColor(HIGHLIGHT_COLOR)
            color.setAlpha(100)
            p.fillRect(QRectF(self._press, self._stroke[-1]).normalized(), color)

    def add_pending(self, kind: str, page: int, data: dict[str, Any]) -> None:
        """Show a note already (while it is being stored)."""
        self._pending_notes.append((kind, page, data))
        self.update()


__all__ = ["HIGHLIGHT_COLOR", "INK_COLOR", "MARGIN", "MAX_ZOOM", "MIN_ZOOM", "SWIPE_PX", "SWIPE_SHARE", "TEXT_COLOR",
           "TOOLS", "WHEEL_TURN", "PageCanvas"]
