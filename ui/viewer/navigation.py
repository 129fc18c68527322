"""Page and zoom commands on the viewer's ``PageView``: go to a page (first, previous, next,
last, any), zoom in steps or to a factor, fit the width or the page. The position on the page
is kept across a zoom (``PageView.keep_position``).

``PageNavigation`` is owned by ``PdfViewer`` (ui/viewer/viewer.py), which says whether a
document is open; the toolbar (ui/viewer/toolbar.py) and the viewer's panels call it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from ui.viewer.page_view import PageView

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class PageNavigation(QObject):
    """Where the view is in the document, and how large."""

    zoomChanged = Signal()  # a zoom command ran (the toolbar shows the factor and the fit mode)

    def __init__(self, view: PageView, document: QPdfDocument) -> None:
        super().__init__(view)
        self.view, self.document = view, document
        self.opened = False  # the viewer sets it: a document is open and readable

    def current_page(self) -> int:
        """1-based; 0 with no document."""
        return self.view.pageNavigator().currentPage() + 1 if self.opened else 0

    def page_count(self) -> int:
        return self.document.pageCount() if self.opened else 0

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (1-based; out of range, the nearest page)."""
        count = self.page_count()
        if count == 0:
            return
        index = min(max(1, int(page)), count) - 1
        nav = self.view.pageNavigator()
        if nav.currentPage() != index:
            nav.jump(index, QPointF(), self.view.zoomFactor())
        self.view.scroll_to_position(index, 0.0)

    def first_page(self) -> None:
        self.go_to_page(1)

    def last_page(self) -> None:
        self.go_to_page(self.page_count())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def zoom_factor(self) -> float:
        return self.view.effective_zoom()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

        def change() -> None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

        self.view.keep_position(change)
        self.zoomChanged.emit()

    def zoom_in(self) -> None:
        z = self.zoom_factor()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > z * 1.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        z = self.zoom_factor()
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < z * 0.99), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.keep_position(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.zoomChanged.emit()

    def fit_page(self) -> None:
        self.view.keep_position(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoomChanged.emit()
