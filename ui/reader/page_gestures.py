"""The page canvas's input: touch, mouse, wheel, keys and pinch turn the page, pan, zoom, and
draw with the current tool (ink strokes and highlight boxes are kept in page coordinates).

``PageGestures`` is an event filter the ``PageCanvas`` (page_canvas.py) installs on itself: it
owns the state of a gesture under way (the press, the stroke being drawn, the pinch, the wheel
travel) and acts through the canvas's public calls (``next_page``, ``set_zoom``, ``pan``,
``add_pending``, ``noteDrawn``…).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QTouchEvent,
    QWheelEvent,
)

from ui.reader.notes_overlay import paint_stroke

if TYPE_CHECKING:
    from ui.reader.page_canvas import PageCanvas

#: A horizontal drag this long (px, or this share of the width) turns the page.
SWIPE_PX, SWIPE_SHARE = 60, 0.12
#: Wheel travel (eighths of a degree) past the end of a page before it turns.
WHEEL_TURN = 240
#: Note colours: stored with each note drawn here, and used for a stroke or box still being drawn.
INK_COLOR, HIGHLIGHT_COLOR, TEXT_COLOR = "#1f3fbf", "#ffe14d", "#b00020"
TOOLS = ("browse", "ink", "highlight", "text")
TOUCH_EVENTS = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)


class PageGestures(QObject):
    """Swipe, tap, pan, pinch, wheel, keys and drawing on one ``PageCanvas``."""

    def __init__(self, canvas: PageCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.tool = "browse"
        self._press: QPointF | None = None
        self._press_offset = QPointF(0, 0)
        self._stroke: list[QPointF] = []
        self._pinch_gap: float | None = None  # distance between two fingers when the pinch began
        self._pinch_zoom = 1.0
        self.wheel_travel = 0  # since the page was turned
        canvas.installEventFilter(self)

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(tool)
        self.tool = tool
        self._stroke = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in TOUCH_EVENTS:
            event.accept()  # handled here: no mouse events synthesized from the same fingers
            return self._touch(event)  # type: ignore[arg-type]  # a touch event, by its type
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease,
                    QEvent.Type.Wheel):
            event.accept()  # the canvas takes the mouse (and so its grab: the drag's moves come here)
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._pointer_down(event.position())
            return True
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer_moved(event.position())
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._pointer_up(event.position())
            return True
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            self._wheel(event)
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if (kind == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent)
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            self.canvas.set_zoom(self.canvas.zoom() * (1 + event.value()), event.position())
            return True
        return False

    # One finger (touch) and the mouse's left button do the same: swipe, tap, pan, draw.
    def _pointer_down(self, pos: QPointF) -> None:
        self._press = pos
        self._press_offset = QPointF(self.canvas.placement.offset)
        self._stroke = [pos] if self.tool in ("ink", "highlight") else []

    def _pointer_moved(self, pos: QPointF) -> None:
        if self._press is None:
            return
        if self.tool == "browse":
            placement = self.canvas.placement
            placement.offset = placement.clamped(self._press_offset - (pos - self._press))
        elif self.tool == "ink":
            self._stroke.append(pos)
        elif self.tool == "highlight":
            self._stroke = [self._press, pos]
        self.canvas.update()

    def _pointer_up(self, end: QPointF) -> None:
        if self._press is None:
            return
        start = self._press
        self._press = None
        if self.tool == "browse":
            self._release_browse(start, end)
        elif self.tool == "ink":
            self._finish_ink()
        elif self.tool == "highlight":
            self._finish_highlight(start, end)
        elif self.tool == "text":
            at = self.canvas.placement.widget_to_page(end)
            if at is not None:
                self.canvas.textNoteRequested.emit(self.canvas.current_page(), *at)
        self._stroke = []
        self.canvas.update()

    def _touch(self, event: QTouchEvent) -> bool:
        """Touch screens: one finger as the mouse's left button; two fingers pinch to zoom
        about the point between them (what is under the fingers stays under them). Once a
        second finger came down, lifting the fingers neither swipes nor draws."""
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._press, self._pinch_gap, self._stroke = None, None, []
            self.canvas.update()
            return True
        if len(points) >= 2:
            a, b = points[0].position(), points[1].position()
            gap = max(1.0, (a - b).manhattanLength())
            if self._pinch_gap is None:
                self._press, self._stroke = None, []  # the first finger's press becomes part of the pinch
                self._pinch_gap, self._pinch_zoom = gap, self.canvas.zoom()
            else:
                self.canvas.set_zoom(self._pinch_zoom * gap / self._pinch_gap, (a + b) / 2)
            if kind == QEvent.Type.TouchEnd:
                self._pinch_gap = None
            return True
        if not points:
            return True
        pos = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._pinch_gap = None
            self._pointer_down(pos)
        elif kind == QEvent.Type.TouchUpdate and self._pinch_gap is None:
            self._pointer_moved(pos)
        elif kind == QEvent.Type.TouchEnd:
            if self._pinch_gap is None:
                self._pointer_up(pos)
            self._pinch_gap = None
        return True

    def _release_browse(self, start: QPointF, end: QPointF) -> None:
        c = self.canvas
        d = end - start
        panned = self._press_offset != c.placement.offset
        if abs(d.x()) >= max(SWIPE_PX, c.width() * SWIPE_SHARE) and abs(d.x()) > 1.5 * abs(d.y()):
            if not panned or c.placement.max_offset().x() == 0:
                c.next_page() if d.x() < 0 else c.previous_page()
            return
        if d.manhattanLength() < 10:  # a tap: the outer fifths of the view turn the page
            if end.x() < c.width() * 0.2:
                c.previous_page()
            elif end.x() > c.width() * 0.8:
                c.next_page()

    def _finish_ink(self) -> None:
        c = self.canvas
        points = [c.placement.widget_to_page(pt) for pt in self._stroke]
        rounded = [[round(x, 2), round(y, 2)] for x, y in (pt for pt in points if pt is not None)]
        if len(rounded) >= 2:
            data = {"strokes": [rounded], "color": INK_COLOR, "width": 1.5}
            c.add_pending("ink", c.current_page(), data)
            c.noteDrawn.emit("ink", c.current_page(), data)

    def _finish_highlight(self, start: QPointF, end: QPointF) -> None:
        c = self.canvas
        rect = QRectF(start, end).normalized().intersected(c.placement.page_rect())
        if rect.width() < 4 or rect.height() < 4:
            return
        a = c.placement.widget_to_page(rect.topLeft())
        b = c.placement.widget_to_page(rect.bottomRight() - QPointF(0.01, 0.01))
        if a is None or b is None:
            return
        data = {"rects": [[round(a[0], 2), round(b[1], 2), round(b[0], 2), round(a[1], 2)]], "color": HIGHLIGHT_COLOR}
        c.add_pending("highlight", c.current_page(), data)
        c.noteDrawn.emit("highlight", c.current_page(), data)

    def _wheel(self, event: QWheelEvent) -> None:
        c = self.canvas
        dy = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            c.set_zoom(c.zoom() * (1.15 ** (dy / 120)), event.position())
            return
        if c.pan(QPointF(event.angleDelta().x() / 2, dy / 2)):
            self.wheel_travel = 0
            return
        self.wheel_travel += dy
        if self.wheel_travel <= -WHEEL_TURN:
            c.next_page()
        elif self.wheel_travel >= WHEEL_TURN:
            c.previous_page()

    def _key(self, event: QKeyEvent) -> bool:
        c, key = self.canvas, event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            c.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            c.previous_page()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            c.zoom_in()
        elif key == Qt.Key.Key_Minus:
            c.zoom_out()
        elif key == Qt.Key.Key_0:
            c.set_zoom(1.0)
        else:
            return False  # the canvas's own handling (Tab, Escape to the window…)
        return True

    def paint_under_way(self, p: QPainter) -> None:
        """The ink stroke or highlight box still being drawn."""
        if self.tool == "ink" and len(self._stroke) > 1:
            paint_stroke(p, self._stroke, INK_COLOR, 1.5 * self.canvas.placement.scale())
        if self.tool == "highlight" and self._press is not None and self._stroke:
            color = QColor(HIGHLIGHT_COLOR)
            color.setAlpha(100)
            p.fillRect(QRectF(self._press, self._stroke[-1]).normalized(), color)
