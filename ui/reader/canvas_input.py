"""The page canvas's input: touch, mouse, wheel, keys and pinch turn the page, pan, zoom, and
draw with the current tool (ink strokes and highlight boxes are kept in page coordinates).

A mixin of ``PageCanvas`` (ui/reader/page_canvas.py), which holds the state it works on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt

#: A horizontal drag this long (px, or this share of the width) turns the page.
SWIPE_PX, SWIPE_SHARE = 60, 0.12
#: Wheel travel (eighths of a degree) past the end of a page before it turns.
WHEEL_TURN = 240
#: Note colours: stored with each note drawn here, and used for a stroke or box still being drawn.
INK_COLOR, HIGHLIGHT_COLOR, TEXT_COLOR = "#1f3fbf", "#ffe14d", "#b00020"


class CanvasInput:
    """Input handlers of ``PageCanvas``; listed before QWidget in its bases."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.cache is not None:
            self._rewidth.start()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer_down(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._pointer_moved(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pointer_up(event.position())

    # One finger (touch) and the mouse's left button do the same: swipe, tap, pan, draw.
    def _pointer_down(self, pos: QPointF) -> None:
        self._press = pos
        self._press_offset = QPointF(self._offset)
        self._stroke = [pos] if self._tool in ("ink", "highlight") else []

    def _pointer_moved(self, pos: QPointF) -> None:
        if self._press is None:
            return
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

    def _pointer_up(self, end: QPointF) -> None:
        if self._press is None:
            return
        start = self._press
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

    def _touch(self, event) -> bool:
        """Touch screens: one finger as the mouse's left button; two fingers pinch to zoom
        about the point between them (what is under the fingers stays under them). Once a
        second finger came down, lifting the fingers neither swipes nor draws."""
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._press, self._pinch_gap, self._stroke = None, None, []
            self.update()
            return True
        if len(points) >= 2:
            a, b = points[0].position(), points[1].position()
            gap = max(1.0, (a - b).manhattanLength())
            if self._pinch_gap is None:
                self._press, self._stroke = None, []  # the first finger's press becomes part of the pinch
                self._pinch_gap, self._pinch_zoom = gap, self._zoom
            else:
                self.set_zoom(self._pinch_zoom * gap / self._pinch_gap, (a + b) / 2)
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
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                            QEvent.Type.TouchCancel):
            event.accept()  # handled here: no mouse events synthesized from the same fingers
            return self._touch(event)
        if event.type() == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.set_zoom(self._zoom * (1 + event.value()), event.position())
            return True
        return super().event(event)
