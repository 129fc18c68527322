"""Drawing a person's notes over a page: highlight boxes, ink strokes, text notes as sticky
notes. Notes are in page coordinates (PDF points, origin lower left); ``to_widget(x, y)``
maps them to the screen and ``scale`` is screen pixels per point, so they sit on the same
words at any zoom."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

ToWidget = Callable[[float, float], QPointF]


def path_through(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath(points[0])
    for pt in points[1:]:
        path.lineTo(pt)
    return path


def paint_stroke(p: QPainter, points: list[QPointF], color: str | QColor, width: float) -> None:
    pen = QPen(QColor(color), max(1.0, width))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.drawPath(path_through(points))


def paint_notes(p: QPainter, shapes: Iterable[tuple[str, dict[str, Any]]], to_widget: ToWidget, scale: float, *,
                font_family: str, night: bool = False) -> None:
    for kind, data in shapes:
        color = QColor(data.get("color", "#000000"))
        if kind == "highlight":
            color.setAlpha(100)
            for x0, y0, x1, y1 in data["rects"]:
                p.fillRect(QRectF(to_widget(min(x0, x1), max(y0, y1)), to_widget(max(x0, x1), min(y0, y1))), color)
        elif kind == "ink":
            for stroke in data["strokes"]:
                paint_stroke(p, [to_widget(x, y) for x, y in stroke], color, data.get("width", 1.5) * scale)
        elif kind == "text":
            paint_text_note(p, data, color, to_widget(*data["at"]), scale, font_family, night)


def paint_text_note(p: QPainter, data: dict, color: QColor, at: QPointF, scale: float, font_family: str,
                    night: bool) -> None:
    """A sticky note: pale paper, a coloured edge, dark text (the note's colour at night)."""
    font = QFont(font_family)
    font.setPixelSize(max(11, round(9 * scale)))
    metrics = QFontMetricsF(font)
    lines = data["text"].splitlines() or [""]
    width = max(metrics.horizontalAdvance(line) for line in lines) + 12
    height = metrics.lineSpacing() * len(lines) + 8
    box = QRectF(at.x(), at.y() - metrics.ascent() - 4, width, height)
    p.setPen(QPen(color, 1.5))
    p.setBrush(QColor("#fff8c4"))
    p.drawRoundedRect(box, 4, 4)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setFont(font)
    p.setPen(color if night else QColor("#5b2c0f"))
    for i, line in enumerate(lines):
        p.drawText(QPointF(box.left() + 6, box.top() + 4 + metrics.ascent() + i * metrics.lineSpacing()), line)
