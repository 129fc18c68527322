"""Where the page lies in the reader's view: its size at a zoom, how far it is panned, and the
mapping between screen pixels and PAGE coordinates (PDF points, origin lower left, what
``documents.reading.notes`` stores).

At zoom 1 the whole page width is in view (or the whole page, when the view is wide); larger
than the view, the page is panned by ``offset`` and never past its edges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

MARGIN = 12
A4_POINTS = (595.0, 842.0)  # shown while there is no page


def page_points(document: QPdfDocument | None, index: int) -> tuple[float, float]:
    """The size in PDF points of page ``index`` (0-based) of ``document``; A4 when there is none."""
    if document is None or not 0 <= index < document.pageCount():
        return A4_POINTS
    size = document.pagePointSize(index)
    return (size.width(), size.height()) if size.width() > 0 else A4_POINTS


class PagePlacement:
    """The page's rectangle in ``view`` for the current ``zoom``, ``offset`` and ``page_points``."""

    def __init__(self, view: QWidget) -> None:
        self.view = view
        self.zoom = 1.0
        self.offset = QPointF(0, 0)  # how far the page is panned (px, when larger than the view)
        self.page_points = A4_POINTS  # the shown page's size in PDF points

    def base_width(self) -> float:
        """Zoom 1: the whole page width in view (or the whole page, when the view is wide)."""
        pw, ph = self.page_points
        fit_width = max(50.0, self.view.width() - 2 * MARGIN)
        fit_page = max(50.0, (self.view.height() - 2 * MARGIN) * pw / ph)
        return fit_width if self.view.height() > self.view.width() else min(fit_width, max(fit_page, fit_width * 0.62))

    def render_width(self) -> int:
        """Device pixels across the page at this zoom: the width to render it at."""
        return int(self.base_width() * self.zoom * self.view.devicePixelRatioF())

    def page_rect(self) -> QRectF:
        pw, ph = self.page_points
        w = self.base_width() * self.zoom
        h = w * ph / pw
        x = (self.view.width() - w) / 2 if w <= self.view.width() - 2 * MARGIN else MARGIN - self.offset.x()
        y = (self.view.height() - h) / 2 if h <= self.view.height() - 2 * MARGIN else MARGIN - self.offset.y()
        return QRectF(x, y, w, h)

    def max_offset(self) -> QPointF:
        pw, ph = self.page_points
        w = self.base_width() * self.zoom
        h = w * ph / pw
        return QPointF(max(0.0, w + 2 * MARGIN - self.view.width()), max(0.0, h + 2 * MARGIN - self.view.height()))

    def clamped(self, offset: QPointF) -> QPointF:
        """``offset`` kept within the page's edges."""
        limit = self.max_offset()
        return QPointF(max(0.0, min(offset.x(), limit.x())), max(0.0, min(offset.y(), limit.y())))

    def scale(self) -> float:
        """Screen pixels per PDF point."""
        return self.page_rect().width() / self.page_points[0]

    def page_to_widget(self, x: float, y: float) -> QPointF:
        rect, s = self.page_rect(), self.scale()
        return QPointF(rect.left() + x * s, rect.top() + (self.page_points[1] - y) * s)

    def widget_to_page(self, point: QPointF) -> tuple[float, float] | None:
        rect = self.page_rect()
        if not rect.contains(point):
            return None
        s = self.scale()
        return (point.x() - rect.left()) / s, self.page_points[1] - (point.y() - rect.top()) / s

    def pan(self, delta: QPointF) -> bool:
        """Move the page by ``delta`` px; False when it was already at that edge."""
        new = self.clamped(self.offset - delta)
        moved = new != self.offset
        self.offset = new
        return moved

    def zoom_about(self, factor: float, anchor: QPointF) -> None:
        """Zoom to ``factor`` keeping the point under ``anchor`` (the fingers, the wheel) where it was."""
        before = self.widget_to_page(anchor)
        self.zoom = factor
        if before is not None:
            self.offset = self.clamped(self.offset + self.page_to_widget(*before) - anchor)
