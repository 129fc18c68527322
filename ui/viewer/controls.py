"""The viewer's toolbar and what it drives: page navigation (first, previous, the page box,
next, last), zoom steps and fit modes, and keeping every control in step with the document.

A part of ``PdfViewer`` (``ui.viewer.viewer``), which provides the document, the page view and
the panels these act on. Strings keep the "PdfViewer" translation context by name, as they
had inside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpinBox, QStyle, QWidget

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class ViewerControls:
    """The toolbar part of ``PdfViewer``; mixed into it, never used alone."""

    def _action(
        self,
        text: str,
        slot: Callable,
        shortcuts: tuple = (),
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon))
        seqs: list[QKeySequence] = []
        for s in shortcuts:  # a standard key may already be one of the explicit ones
            for seq in (
                QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]
            ):
                if seq not in seqs:
                    seqs.append(seq)
        act.setShortcuts(seqs)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in seqs)
        act.setToolTip(f"{tip or text} ({keys})" if keys else (tip or text))
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        tb = self.toolbar
        K = Qt.Key  # noqa: N806
        self.title_label = QLabel(self)
        self.title_label.setMaximumWidth(320)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.act_sidebar = self._action(
            QCoreApplication.translate("PdfViewer", "Trang thu nhỏ"),
            self._toggle_sidebar,
            ("F4",),
            QCoreApplication.translate("PdfViewer", "Hiện/ẩn trang thu nhỏ và mục lục"),
        )
        self.act_sidebar.setCheckable(True)
        self.act_sidebar.setChecked(True)
        SP = QStyle.StandardPixmap  # noqa: N806
        self.act_first = self._action(
            QCoreApplication.translate("PdfViewer", "Trang đầu"),
            self.first_page,
            (K.Key_Home,),
            icon=SP.SP_MediaSkipBackward,
        )
        self.act_prev = self._action(
            QCoreApplication.translate("PdfViewer", "Trang trước"),
            self.previous_page,
            (K.Key_PageUp,),
            icon=SP.SP_MediaSeekBackward,
        )
        self.page_box = QSpinBox(self)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAccessibleName(QCoreApplication.translate("PdfViewer", "Số trang"))
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setMinimumWidth(90)
        self.act_next = self._action(
            QCoreApplication.translate("PdfViewer", "Trang sau"),
            self.next_page,
            (K.Key_PageDown,),
            icon=SP.SP_MediaSeekForward,
        )
        self.act_last = self._action(
            QCoreApplication.translate("PdfViewer", "Trang cuối"),
            self.last_page,
            (K.Key_End,),
            icon=SP.SP_MediaSkipForward,
        )
        self.act_zoom_out = self._action(
            "−",
            self.zoom_out,
            (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"),
            QCoreApplication.translate("PdfViewer", "Thu nhỏ"),
        )
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.act_zoom_in = self._action(
            "+",
            self.zoom_in,
            (QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
            QCoreApplication.translate("PdfViewer", "Phóng to"),
        )
        self.act_fit_width = self._action(
            QCoreApplication.translate("PdfViewer", "Vừa chiều rộng"), self.fit_width, ("Ctrl+2",)
        )
        self.act_fit_page = self._action(
            QCoreApplication.translate("PdfViewer", "Vừa trang"), self.fit_page, ("Ctrl+0",)
        )
        for act in (self.act_fit_width, self.act_fit_page):
            act.setCheckable(True)
        self.act_find = self._action(
            QCoreApplication.translate("PdfViewer", "Tìm"),
            self.find_bar.open_bar,
            (QKeySequence.StandardKey.Find,),
            QCoreApplication.translate("PdfViewer", "Tìm trong tài liệu"),
        )
        self.act_signatures = self._action(
            QCoreApplication.translate("PdfViewer", "Chữ ký"),
            self._toggle_signatures,
            ("F7",),
            QCoreApplication.translate("PdfViewer", "Hiện/ẩn bảng chữ ký số"),
        )
        self.act_signatures.setCheckable(True)
        tb.addAction(self.act_sidebar)
        tb.addSeparator()
        for a in (self.act_first, self.act_prev):
            tb.addAction(a)
        tb.addWidget(self.page_box)
        for a in (self.act_next, self.act_last):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_zoom_out)
        tb.addWidget(self.zoom_label)
        for a in (self.act_zoom_in, self.act_fit_width, self.act_fit_page):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_find)
        tb.addAction(self.act_signatures)
        self.signature_button = tb.widgetForAction(self.act_signatures)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addWidget(self.title_label)

    # --- navigation and zoom ----------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
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
        self._update_controls()

    def zoom_in(self) -> None:
        z = self.zoom_factor()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > z * 1.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        z = self.zoom_factor()
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < z * 0.99), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.keep_position(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self._update_controls()

    def fit_page(self) -> None:
        self.view.keep_position(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self._update_controls()

    # --- controls ---------------------------------------------------------------------------

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)} %" if self._data is not None else "")

    def _update_controls(self) -> None:
        has = self._data is not None
        page, count = self.current_page(), self.page_count()
        self.act_first.setEnabled(has and page > 1)
        self.act_prev.setEnabled(has and page > 1)
        self.act_next.setEnabled(has and page < count)
        self.act_last.setEnabled(has and page < count)
        for act in (
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_fit_width,
            self.act_fit_page,
            self.act_find,
        ):
            act.setEnabled(has)
        self.page_box.setEnabled(has)
        mode = self.view.zoomMode()
        self.act_fit_width.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.act_fit_page.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self._update_zoom_label()
