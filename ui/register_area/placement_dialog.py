"""Placing the signature by hand, when approval cannot find the signature block in an imported
PDF's text (or the usual place would cover text): the page rendered as the app's viewer renders
it (QtPdf), and the person draws the signer's field on it with the mouse. The organisation's
seal, at its real size over the left third of the signer's image (Decree 30 §5), is shown dashed.

Every rectangle drawn is checked by the core's own rule (``register.outgoing.page_text
.check_clear``, on the task runner): enough room, and no text under the signature or the seal.
"Duyệt" is offered only for a place the core accepts; a refusal is shown in its own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from register.outgoing.placement import Box, SealLook, seal_over
from store.errors import NghisuError
from ui.register_area.outgoing_jobs import check_signature_box
from ui.viewer.compare import load_pdf_bytes
from ui.viewer.render_cache import page_pixel_size, render_page

if TYPE_CHECKING:
    from ui.tasks import TaskRunner

#: How wide the page is drawn: an A4 page at about 75 dpi, room to aim at a signature block.
PAGE_WIDTH = 620
GREEN, RED = QColor("#1e8449"), QColor("#c0392b")


class PageCanvas(QWidget):
    """One rendered page; press, drag and release the left button to draw a rectangle."""

    drawn = Signal(QRect)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.rect_ = QRect()
        self.seal = QRect()
        self.ok: bool | None = None  # the core's verdict on the rectangle, once it came
        self._origin: QPoint | None = None
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(False)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.rect_, self.seal, self.ok = QRect(), QRect(), None
        self.setFixedSize(image.size())
        self.update()

    def sizeHint(self) -> QSize:
        return self.image.size() if not self.image.isNull() else QSize(PAGE_WIDTH, int(PAGE_WIDTH * 1.414))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self.rect_, self.ok = QRect(self._origin, self._origin), None
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self.rect_ = QRect(self._origin, event.position().toPoint()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._origin is not None:
            self.rect_ = QRect(self._origin, event.position().toPoint()).normalized() & self.rect()
            self._origin = None
            self.update()
            if self.rect_.width() > 2 and self.rect_.height() > 2:
                self.drawn.emit(self.rect_)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self.image.isNull():
            painter.drawImage(0, 0, self.image)
        if not self.rect_.isNull():
            colour = GREEN if self.ok else RED if self.ok is False else QColor("#1f618d")
            painter.setPen(QPen(colour, 2))
            fill = QColor(colour)
            fill.setAlpha(40)
            painter.fillRect(self.rect_, fill)
            painter.drawRect(self.rect_)
            if not self.seal.isNull():
                # The round seal where the release stamps it, at its real size: over the left
                # third of the signer's image, centred on it.
                painter.setPen(QPen(RED, 1, Qt.PenStyle.DashLine))
                painter.drawEllipse(self.seal)
        painter.end()


class PlacementDialog(QDialog):
    """Where the signer's field goes on an imported PDF; ``signature_at()`` once accepted:
    (page index from 0, box in PDF points, origin bottom left), as ``approve_outgoing`` takes it."""

    def __init__(self, pdf: bytes, page: int, problem: str, runner: TaskRunner, language: str = "vi",
                 crop_boxes: tuple[Box, ...] = (), parent: QWidget | None = None, look: SealLook | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chọn vị trí chữ ký"))
        self.pdf, self.runner, self.language = pdf, runner, language
        self.crop_boxes = crop_boxes  # where each page's picture sits in PDF points (PDFium's reading)
        self.look = look  # the seal's size and the signer's image, as approval will place the seal
        self.box: Box | None = None
        self._asked = 0  # the newest check asked; older answers are dropped
        self.document = QPdfDocument(self)
        self._buffer = load_pdf_bytes(self.document, pdf, self)

        self.why = QLabel(self.tr("Không tự đặt được ô chữ ký: {problem}").format(problem=problem))
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #a93226;")
        how = QLabel(self.tr("Kéo chuột trên trang để vẽ ô chữ ký của người ký vào chỗ trống của khối chữ ký. "
                             "Con dấu của cơ quan, đúng kích thước thật, đóng trùm lên một phần ba bên trái "
                             "chữ ký (nét đứt) và không được che chữ."))
        how.setWordWrap(True)
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(1, self.document.pageCount()))
        self.page_spin.setPrefix(self.tr("Trang "))
        self.page_spin.setSuffix(self.tr(" / {n}").format(n=self.document.pageCount()))
        self.page_spin.valueChanged.connect(lambda _v: self._render())
        self.canvas = PageCanvas()
        self.canvas.drawn.connect(self._drawn)
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setMinimumSize(PAGE_WIDTH + 24, 560)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Duyệt với vị trí này"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(how, 1)
        top.addWidget(self.page_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.why)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.page_spin.setValue(min(page, self.document.pageCount() - 1) + 1)
        self._render()

    @property
    def page(self) -> int:
        return self.page_spin.value() - 1

    def _render(self) -> None:
        page = self.page
        self.box = None
        self.ok_button.setEnabled(False)
        self.verdict.clear()
        size = page_pixel_size(self.document, page, PAGE_WIDTH)

        def rendered(image: QImage) -> None:
            if page == self.page:  # not a page the person has left meanwhile
                self.canvas.set_image(image)

        self.runner.run("register.placement.render", render_page, self.document, page, size, on_result=rendered)

    # -- from the canvas to PDF points, and back --------------------------------------------------
    def _frame(self) -> tuple[float, float, float]:
        """Pixels per point, and the page's left and top edges in PDF points: the picture shows
        the visible area, which need not start at 0, 0 (the fields and the text check use the
        PDF's own coordinates)."""
        if 0 <= self.page < len(self.crop_boxes):
            left, _bottom, right, top = self.crop_boxes[self.page]
            width = right - left
        else:
            points = self.document.pagePointSize(self.page)
            left, top, width = 0.0, points.height(), points.width()
        return self.canvas.image.width() / max(width, 1.0), left, top

    def to_box(self, rect: QRect) -> Box:
        scale, left, top = self._frame()
        x1, x2 = left + rect.left() / scale, left + (rect.right() + 1) / scale
        y2, y1 = top - rect.top() / scale, top - (rect.bottom() + 1) / scale
        return (round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1))

    def to_rect(self, box: Box) -> QRect:
        scale, left, top = self._frame()
        x1, y1, x2, y2 = box
        return QRect(QPoint(round((x1 - left) * scale), round((top - y2) * scale)),
                     QPoint(round((x2 - left) * scale) - 1, round((top - y1) * scale) - 1))

    def _drawn(self, rect: QRect) -> None:
        box = self.to_box(rect)
        self.box = None
        self.ok_button.setEnabled(False)
        self.canvas.seal = self.to_rect(seal_over(box, self.look))
        self.verdict.setStyleSheet("color: #566573;")
        self.verdict.setText(self.tr("Đang kiểm tra vị trí…"))
        self._asked += 1
        asked, page = self._asked, self.page
        self.runner.run("register.placement.check", check_signature_box, self.pdf, page, box, self.look,
                        on_result=lambda _none: self._checked(asked, box, None),
                        on_error=lambda exc: self._checked(asked, box, exc))

    def _checked(self, asked: int, box: Box, refusal: BaseException | None) -> None:
        if asked != self._asked:
            return
        self.canvas.ok = refusal is None
        self.canvas.update()
        if refusal is None:
            self.box = box
            self.verdict.setStyleSheet("color: #1e8449;")
            self.verdict.setText(self.tr("Vị trí này không che chữ và đủ chỗ cho chữ ký."))
        else:
            text = refusal.message(self.language) if isinstance(refusal, NghisuError) else str(refusal)
            self.verdict.setStyleSheet("color: #a93226;")
            self.verdict.setText(text)
        self.ok_button.setEnabled(self.box is not None)

    def signature_at(self) -> tuple[int, Box] | None:
        return (self.page, self.box) if self.box is not None else None
