"""One page at a time, touch first: swipe or scroll to turn, pinch (or Ctrl+wheel) to zoom,
night mode, and the person's notes drawn over the page.

The page comes from a ``RenderCache`` that renders the next and previous pages ahead, so a
turn shows at once. Notes are kept in PAGE coordinates (PDF points, origin lower left, what
``documents.reading.notes`` stores), mapped to the screen when painted: they stay on their words at
any zoom, and the PDF itself is never changed.

Tools: ``browse`` (swipe, tap the left/right edge, drag to pan when zoomed), ``ink`` (draw),
``highlight`` (drag a box), ``text`` (tap where the note goes). A finished ink stroke or box is
announced with ``noteDrawn(kind, page, data)``; the reader stores it.

The canvas owns its parts: ``PagePlacement`` (page_placement.py: where the page lies, zoom and
pan, screen to page coordinates) and ``PageGestures`` (page_gestures.py: the event filter that
turns touch, mouse, wheel and keys into turns, zooms, pans and notes).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ui.reader.notes_overlay import paint_notes
from ui.reader.page_gestures import PageGestures
from ui.reader.page_images import PageImages
from ui.reader.page_placement import PagePlacement, page_points
from ui.viewer.render_cache import RenderCache

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

    from documents.reading.notes import NoteInfo

MIN_ZOOM, MAX_ZOOM = 1.0, 5.0


class PageCanvas(QWidget):
    pageChanged = Signal(int)  # 1-based
    zoomChanged = Signal(float)
    noteDrawn = Signal(str, int, object)  # kind, 1-based page, data in page coordinates
    textNoteRequested = Signal(int, float, float)  # page, x, y (page coordinates)

    def __init__(self, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.document: QPdfDocument | None = None
        self.cache: RenderCache | None = None
        self._page = 0  # 0-based
        self.placement = PagePlacement(self)
        self._night = False
        self._notes: list[NoteInfo] = []
        self._pending_notes: list[tuple[str, int, dict]] = []  # drawn, not stored yet (shown meanwhile)
        self.images = PageImages()
        self.gestures = PageGestures(self)
        self.turns = 0
        self.shown_from_cache = 0  # page turns whose page was already rendered (tests, measurements)
        self._rewidth = QTimer(self, singleShot=True, interval=150)
        self._rewidth.timeout.connect(self._apply_width)
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
        self.images.forget()
        self._notes = []
        self._pending_notes = []
        self.placement.zoom = 1.0
        self.placement.page_points = page_points(document, 0)
        if document is not None and document.pageCount() > 0:
            self.cache = RenderCache(document, self.runner, width=self.placement.render_width(), capacity=8,
                                     parent=self)
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
        if not count or not 1 <= page <= count or self.cache is None:  # a document with pages has its cache
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
        self.placement.page_points = page_points(self.document, index)
        self.placement.offset = QPointF(self.placement.offset.x(), 0 if down else self.placement.max_offset().y())
        self.gestures.wheel_travel = 0
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
        return self.placement.zoom

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, float(factor)))
        if math.isclose(factor, self.placement.zoom):
            return
        self.placement.zoom_about(factor, anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2))
        self._rewidth.start()
        self.update()
        self.zoomChanged.emit(self.placement.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.placement.zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.placement.zoom / 1.25)

    def night_mode(self) -> bool:
        return self._night

    def set_night_mode(self, on: bool) -> None:
        self._night = bool(on)
        self.update()

    def set_tool(self, tool: str) -> None:
        self.gestures.set_tool(tool)
        self.setCursor(Qt.CursorShape.ArrowCursor if tool == "browse" else Qt.CursorShape.CrossCursor)

    # -- geometry (PagePlacement) ----------------------------------------------------------
    def _apply_width(self) -> None:
        if self.cache is not None:
            self.cache.set_width(self.placement.render_width())
            self.images.forget_inverted()
            self.cache.prefetch_around(self._page, ahead=2, behind=1)
            self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.cache is not None:
            self._rewidth.start()

    def pan(self, delta: QPointF) -> bool:
        """Move the page by ``delta`` px; False when it was already at that edge."""
        moved = self.placement.pan(delta)
        self.update()
        return moved

    # -- painting ---------------------------------------------------------------------------
    def showing_rendered(self) -> bool:
        """Whether the current page is on screen rendered (not a placeholder)."""
        return self.cache is not None and self.cache.has(self._page)

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
        rect = self.placement.page_rect()
        img = self.images.image(self.cache, self._page, self._night)
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
        placement = self.placement
        paint_notes(p, shapes, placement.page_to_widget, placement.scale(), font_family=self.font().family(),
                    night=self._night)
        self.gestures.paint_under_way(p)

    def add_pending(self, kind: str, page: int, data: dict[str, Any]) -> None:
        """Show a note already (while it is being stored)."""
        self._pending_notes.append((kind, page, data))
        self.update()
