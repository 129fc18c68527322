"""One page at a time, touch first: swipe or scroll to turn, pinch (or Ctrl+wheel) to zoom,
night mode, and the person's notes drawn over the page.

The page comes from a ``RenderCache`` that renders the next and previous pages ahead, so a
turn shows at once. Notes are kept in PAGE coordinates (PDF points, origin lower left, what
``documents.notes`` stores), mapped to the screen when painted: they stay on their words at
any zoom, and the PDF itself is never changed.

Tools: ``browse`` (swipe, tap the left/right edge, drag to pan when zoomed), ``ink`` (draw),
``highlight`` (drag a box), ``text`` (tap where the note goes). A finished ink stroke or box is
announced with ``noteDrawn(kind, page, data)``; the reader stores it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QWidget

from ui.reader.notes_overlay import paint_notes, paint_stroke

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

    from documents.notes import NoteInfo

MIN_ZOOM, MAX_ZOOM = 1.0, 5.0
MARGIN = 12
#: A horizontal drag this long (px, or this share of the width) turns the page.
SWIPE_PX, SWIPE_SHARE = 60, 0.12
#: Wheel travel (eighths of a degree) past the end of a page before it turns.
WHEEL_TURN = 240
INK_COLOR, HIGHLIGHT_COLOR, TEXT_COLOR = "#1f3fbf", "#ffe14d", "#b00020"
TOOLS = ("browse", "ink", "highlight", "text")


class PageCanvas(QWidget):
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
        self._wheel = 0
        self.turns = 0
        self.shown_from_cache = 0  # page turns whose page was already rendered (tests, measurements)
        self._rewidth = QTimer(self, singleShot=True, interval=150, timeout=self._apply_width)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 320)

    # -- document ---------------------------------------------------------------------------
    def set_document(self, document: QPdfDocument | None, page: int = 1) -> None:
        from ui.viewer.render_cache import RenderCache

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

    # -- input ------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.cache is not None:
            self._rewidth.start()

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = event.position()
        self._press_offset = QPointF(self._offset)
        self._stroke = [event.position()] if self._tool in ("ink", "highlight") else []

    def mouseMoveEvent(self, event) -> None:
        if self._press is None:
            return
        pos = event.position()
        if self._tool == "browse":
            limit = self._max_offset()
            d = pos - self._press
            self._offset = QPointF(max(0.0, min(self._press_offset.x() - d.x(), limit.x())),
                                   max(0.0, min(self._press_offset.y() - d.y(), limit.y())))
        elif self._tool == "ink":
            self._stroke.append(pos)
        elif self._tool == "highlight":
            self._stroke = [self._press, pos]
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        start, end = self._press, event.position()
        self._press = None
        if self._tool == "browse":
            self._release_browse(start, end)
        elif self._tool == "ink":
            self._finish_ink()
        elif self._tool == "highlight":
            self._finish_highlight(start, end)
        elif self._tool == "text":
            at = self.widget_to_page(end)
            if at is not None:
                self.textNoteRequested.emit(self.current_page(), *at)
        self._stroke = []
        self.update()

    def _release_browse(self, start: QPointF, end: QPointF) -> None:
        d = end - start
        panned = self._press_offset != self._offset
        if abs(d.x()) >= max(SWIPE_PX, self.width() * SWIPE_SHARE) and abs(d.x()) > 1.5 * abs(d.y()):
            if not panned or self._max_offset().x() == 0:
                self.next_page() if d.x() < 0 else self.previous_page()
            return
        if d.manhattanLength() < 10:  # a tap: the outer fifths of the view turn the page
            if end.x() < self.width() * 0.2:
                self.previous_page()
            elif end.x() > self.width() * 0.8:
                self.next_page()

    def _finish_ink(self) -> None:
        points = [self.widget_to_page(pt) for pt in self._stroke]
        points = [[round(x, 2), round(y, 2)] for x, y in (pt for pt in points if pt is not None)]
        if len(points) >= 2:
            data = {"strokes": [points], "color": INK_COLOR, "width": 1.5}
            self.add_pending("ink", self.current_page(), data)
            self.noteDrawn.emit("ink", self.current_page(), data)

    def _finish_highlight(self, start: QPointF, end: QPointF) -> None:
        rect = QRectF(start, end).normalized().intersected(self.page_rect())
        if rect.width() < 4 or rect.height() < 4:
            return
        a, b = self.widget_to_page(rect.topLeft()), self.widget_to_page(rect.bottomRight() - QPointF(0.01, 0.01))
        if a is None or b is None:
            return
        data = {"rects": [[round(a[0], 2), round(b[1], 2), round(b[0], 2), round(a[1], 2)]], "color": HIGHLIGHT_COLOR}
        self.add_pending("highlight", self.current_page(), data)
        self.noteDrawn.emit("highlight", self.current_page(), data)

    def wheelEvent(self, event) -> None:
        dy = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self._zoom * (1.15 ** (dy / 120)), event.position())
            return
        if self._pan(QPointF(event.angleDelta().x() / 2, dy / 2)):
            self._wheel = 0
            return
        self._wheel += dy
        if self._wheel <= -WHEEL_TURN:
            self.next_page()
        elif self._wheel >= WHEEL_TURN:
            self.previous_page()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous_page()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        else:
            super().keyPressEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.Gesture:
            return self._gesture(event)
        if event.type() == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.set_zoom(self._zoom * (1 + event.value()), event.position())
            return True
        return super().event(event)

    def _gesture(self, event: QGestureEvent) -> bool:
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if pinch is None:
            return False
        if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
            center = self.mapFromGlobal(pinch.centerPoint().toPoint())
            self.set_zoom(self._zoom * pinch.scaleFactor(), QPointF(center))
        event.accept(pinch)
        return True
