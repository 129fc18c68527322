""""Show what was signed": the signed revision in a pane beside the current file.

A signature covers the file as it was when it was made; anything appended later (a changed
page, an added stamp) is in the current file but not in that revision. Showing both side by
side, scrolled together page for page, lets a person see the difference with their own eyes.
The revision's bytes come from signing.revisions.extract_signed_revision (parsed in the
verification worker), fetched by the viewer through the task runner.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from documents.display import display_copy
from ui.viewer.page_view import PageView

log = logging.getLogger(__name__)


def load_pdf_bytes(doc: QPdfDocument, data: bytes, parent: QObject) -> QBuffer:
    """Load ``data`` into ``doc`` from memory; keep the returned buffer alive as long as ``doc``.

    QtPdf does not draw form widgets (signature stamps): it is given a display copy with
    them flattened into the page (documents.display); callers keep the original bytes.
    """

    buf = QBuffer(parent)
    buf.setData(QByteArray(display_copy(data)))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return buf


class ScrollLink(QObject):
    """Keeps two PageViews on the same page, at the same place within it."""

    def __init__(self, a: PageView, b: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._a, self._b = a, b
        self._busy = False
        self.enabled = True
        a.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(a, b))
        b.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(b, a))

    @staticmethod
    def position(view: PageView) -> tuple[int, float]:
        """(page, fraction of that page above the top of the view)."""
        doc = view.document()
        if doc is None or doc.pageCount() == 0:
            return 0, 0.0
        value = view.verticalScrollBar().value()
        for page in range(doc.pageCount()):
            rect = view.page_rect(page).translated(0, value)
            if rect.bottom() >= value:
                return page, max(0.0, (value - rect.top()) / max(1, rect.height()))
        return doc.pageCount() - 1, 0.0

    def _follow(self, source: PageView, target: PageView) -> None:
        if self._busy or not self.enabled or target.document() is None or not target.isVisible():
            return
        page, fraction = self.position(source)
        count = target.document().pageCount()
        if count == 0:
            return
        page = min(page, count - 1)
        height = target.page_rect(page).height()
        self._busy = True
        try:
            target.verticalScrollBar().setValue(target.page_top(page) + round(fraction * height))
        finally:
            self._busy = False


class SignedRevisionPane(QWidget):
    """A header naming the signature, the revision's pages, and a close button."""

    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.field = ""
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("QLabel { background: #fff8e1; padding: 6px; border: 1px solid #ffe082; }")
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Đóng bản đã ký"))
        close.clicked.connect(self.close_pane)
        self.view = PageView(self)
        self.view.setDocument(self.document)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(close)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(head)
        col.addWidget(self.view, 1)

    def show_revision(self, data: bytes, field: str, signer: str) -> None:
        self.clear()
        self.field = field
        self._buffer = load_pdf_bytes(self.document, data, self)
        # Continuous pages at once: opened on request, so a one-off size pass is acceptable here.
        self.view.setPageMode(PageView.PageMode.MultiPage)
        self.title.setText(self.tr("Nội dung đã ký — chữ ký của {signer} (ô {field}), {pages} trang. "
                                   "Bên phải là bản hiện tại.").format(
            signer=signer or "?", field=field, pages=self.document.pageCount()))
        self.show()

    def show_error(self, message: str) -> None:
        self.clear()
        self.title.setText(message)
        self.show()

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.field = ""

    def close_pane(self) -> None:
        self.clear()
        self.hide()
        self.closed.emit()

    def page_count(self) -> int:
        return self.document.pageCount() if self._buffer is not None else 0


def describe_error(exc: BaseException) -> str:
    """What went wrong, in the person's words (NghisuError carries Vietnamese and English)."""
    vi = getattr(exc, "vi", None)
    if vi:
        return str(vi)
    log.warning("extracting the signed revision failed", exc_info=exc)
    return QCoreApplication.translate("SignedRevisionPane",
                                      "Không lấy được bản đã ký; hãy thử lại hoặc báo cho quản trị viên.")
