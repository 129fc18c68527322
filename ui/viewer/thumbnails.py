"""The thumbnails side panel: small page images rendered lazily, in the background, over white.

Only the thumbnails the list actually asks to paint are rendered (a 300-page book does not
render 300 images up front), through the task runner, and only once ``start()`` is called:
the viewer starts them after the first page is on screen so they never delay it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QAbstractItemView, QListView

from ui.viewer.render_cache import page_pixel_size, render_page

log = logging.getLogger(__name__)

THUMB_WIDTH = 96
_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    """One row per page: "12" as text, the page image as decoration once it is rendered."""

    thumbnailReady = Signal(int)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._doc: QPdfDocument | None = None
        self._count = 0
        self._images: dict[int, QPixmap] = {}
        self._placeholders: dict[tuple[int, int], QPixmap] = {}
        self._wanted: list[int] = []
        self._pending: set[int] = set()
        self._started = False
        self._generation = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._request_wanted)

    def set_runner(self, runner) -> None:
        self._runner = runner

    def set_document(self, doc: QPdfDocument | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._doc = doc
        self._count = doc.pageCount() if doc is not None else 0
        self._images.clear()
        self._wanted.clear()
        self._pending.clear()
        self._started = False
        self.endResetModel()

    def start(self) -> None:
        """Begin rendering what the list has asked for (and what it asks for from now on)."""
        self._started = True
        if self._wanted:
            self._flush.start()

    @property
    def rendered_count(self) -> int:
        return len(self._images)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's API)
        return 0 if parent.isValid() else self._count

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        page = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(page + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Trang {page}").format(page=page + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignHCenter)
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self._images.get(page)
            if pix is not None:
                return pix
            self._want(page)
            return self._placeholder(page)
        return None

    def _placeholder(self, page: int) -> QPixmap:
        size = page_pixel_size(self._doc, page, THUMB_WIDTH) if self._doc is not None else QSize(THUMB_WIDTH, 136)
        key = (size.width(), size.height())
        pix = self._placeholders.get(key)
        if pix is None:
            pix = QPixmap(size)
            pix.fill(QColor("#f4f4f4"))
            self._placeholders[key] = pix
        return pix

    def _want(self, page: int) -> None:
        if page in self._pending or page in self._wanted:
            return
        self._wanted.append(page)
        if self._started:
            self._flush.start()  # not from inside data(): a synchronous runner would re-enter

    def _request_wanted(self) -> None:
        if self._doc is None or self._runner is None:
            return
        wanted, self._wanted = self._wanted, []
        for page in wanted:
            if page in self._images or page in self._pending:
                continue
            self._pending.add(page)
            size = page_pixel_size(self._doc, page, THUMB_WIDTH)
            gen = self._generation
            self._runner.run("thumbnail", render_page, self._doc, page, size,
                             on_result=lambda img, p=page, g=gen: self._arrived(p, g, img),
                             on_error=lambda exc, p=page: log.warning("thumbnail %d failed: %s", p + 1, exc))

    def _arrived(self, page: int, generation: int, img: QImage) -> None:
        if generation != self._generation or img.isNull():
            return
        self._pending.discard(page)
        framed = QPixmap(img.size())
        framed.fill(Qt.GlobalColor.white)
        painter = QPainter(framed)
        painter.drawImage(0, 0, img)
        painter.setPen(QColor("#b0b0b0"))
        painter.drawRect(0, 0, img.width() - 1, img.height() - 1)
        painter.end()
        self._images[page] = framed
        idx = self.index(page, 0)
        self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
        self.thumbnailReady.emit(page)


class ThumbnailPanel(QListView):
    """A vertical strip of thumbnails; a click asks the viewer to go to that page."""

    pageActivated = Signal(int)

    def __init__(self, model: ThumbnailModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)  # never ask every row for its size (300 pages)
        self.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42)))
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(THUMB_WIDTH + 40)
        self.setMaximumWidth(THUMB_WIDTH + 60)
        self.setAccessibleName(self.tr("Hình thu nhỏ các trang"))
        self.clicked.connect(lambda idx: self.pageActivated.emit(idx.row()))
        self.activated.connect(lambda idx: self.pageActivated.emit(idx.row()))

    def show_page(self, page: int) -> None:
        """Select and scroll to ``page`` (0-based) without emitting pageActivated."""
        idx = self.model().index(page, 0)
        if idx.isValid():
            self.setCurrentIndex(idx)
            self.scrollTo(idx)
