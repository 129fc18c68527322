"""Pages rendered ahead, so a page turn shows at once (the tablet reader's next/previous page).

QPdfView keeps its own cache of what it has drawn, but only of pages that were on screen. The
reader turns pages one at a time and must not wait for PDFium when it does, so this cache
renders the next and previous pages in the background (through the task runner) while the
person reads the current one. QtPdf renders onto a transparent background; every image here
is rendered over white (``fillColor``) so a page never shows through to a dark window.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

log = logging.getLogger(__name__)


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """One page at ``size`` device pixels, opaque, over white. Safe on a worker thread.

    QPdfDocument serialises PDFium calls behind its own lock (QPdfPageRenderer renders from
    a thread the same way), so this may run while the main thread paints.
    """
    return document.render(page, size, QPdfDocumentRenderOptions(), QImage.Format.Format_RGB32,
                           QColor(Qt.GlobalColor.white))


def page_pixel_size(document: QPdfDocument, page: int, width: int) -> QSize:
    """The size a page takes at ``width`` pixels wide, keeping its aspect ratio."""
    pts = document.pagePointSize(page)
    if pts.width() <= 0:
        return QSize(width, int(width * 1.414))
    return QSize(width, max(1, round(width * pts.height() / pts.width())))


class RenderCache(QObject):
    """Rendered pages of one document at one width, least recently used dropped first.

    ``prefetch_around(page)`` asks for the page and its neighbours; ``image(page)`` gives a
    page when it is ready (else None, and asks for it); ``pageReady(page)`` says one arrived.
    Pages are 0-based, like QtPdf's.
    """

    pageReady = Signal(int)

    def __init__(self, document: QPdfDocument, runner, *, width: int = 800, capacity: int = 8,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._runner = runner
        self._width = max(16, int(width))
        self._capacity = max(3, capacity)
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self.rendered_count = 0  # how many renders finished (tests and benchmarks read it)

    @property
    def width(self) -> int:
        return self._width

    def set_width(self, width: int) -> None:
        """Render at a new width from now on; what was cached at the old one is dropped."""
        width = max(16, int(width))
        if width != self._width:
            self._width = width
            self.clear()

    def clear(self) -> None:
        self._generation += 1
        self._images.clear()
        self._pending.clear()

    def image(self, page: int) -> QImage | None:
        img = self._images.get(page)
        if img is not None:
            self._images.move_to_end(page)
            return img
        self.request(page)
        return None

    def has(self, page: int) -> bool:
        return page in self._images

    def request(self, page: int) -> None:
        if not 0 <= page < self._doc.pageCount() or page in self._images or page in self._pending:
            return
        self._pending.add(page)
        generation = self._generation
        size = page_pixel_size(self._doc, page, self._width)
        self._runner.run(
            "render page", render_page, self._doc, page, size,
            on_result=lambda img, p=page, g=generation: self._arrived(p, g, img),
            on_error=lambda exc, p=page, g=generation: self._failed(p, g, exc),
        )

    def prefetch_around(self, page: int, ahead: int = 1, behind: int = 1) -> None:
        """The current page first, then the next ones, then the previous ones."""
        self.request(page)
        for d in range(1, ahead + 1):
            self.request(page + d)
        for d in range(1, behind + 1):
            self.request(page - d)

    def _arrived(self, page: int, generation: int, img: QImage) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        if img.isNull():
            log.info("page %d rendered empty", page + 1)
            return
        self.rendered_count += 1
        self._images[page] = img
        self._images.move_to_end(page)
        while len(self._images) > self._capacity:
            self._images.popitem(last=False)
        self.pageReady.emit(page)

    def _failed(self, page: int, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._pending.discard(page)
        log.warning("rendering page %d failed: %s", page + 1, exc)
