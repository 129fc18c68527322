"""The viewer's toolbar: the side panel switch, page navigation (first, previous, the page box,
next, last), zoom steps and fit modes, find, the signature panel switch with the verdict, and
the document's title; every control kept in step with the document.

``ViewerToolbar`` drives the ``PageNavigation`` it is given; its shortcuts are registered on
``host`` (the viewer), so they work wherever the focus is inside the viewer. Strings keep the
"PdfViewer" translation context they had inside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpinBox, QStyle, QToolBar, QWidget

from ui.viewer.navigation import PageNavigation
from ui.viewer.signature_panel import VERDICT_COLOURS, verdict_label


class ViewerToolbar(QToolBar):
    """The toolbar of one ``PdfViewer``."""

    sidebarToggled = Signal(bool)
    signaturesToggled = Signal(bool)
    findRequested = Signal()

    def __init__(self, host: QWidget, nav: PageNavigation) -> None:
        super().__init__(host)
        self.host, self.nav = host, nav
        self._build()
        self.page_box.valueChanged.connect(lambda v: self.nav.go_to_page(v))
        nav.zoomChanged.connect(self.update_controls)

    def _action(
        self,
        text: str,
        slot: Callable,
        shortcuts: tuple = (),
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        act = QAction(text, self.host)
        if icon is not None:
            act.setIcon(self.host.style().standardIcon(icon))
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
        self.host.addAction(act)
        return act

    def _build(self) -> None:
        nav = self.nav
        K = Qt.Key  # noqa: N806
        self.title_label = QLabel(self.host)
        self.title_label.setMaximumWidth(320)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.act_sidebar = self._action(
            QCoreApplication.translate("PdfViewer", "Trang thu nhỏ"),
            lambda: self.sidebarToggled.emit(self.act_sidebar.isChecked()),
            ("F4",),
            QCoreApplication.translate("PdfViewer", "Hiện/ẩn trang thu nhỏ và mục lục"),
        )
        self.act_sidebar.setCheckable(True)
        self.act_sidebar.setChecked(True)
        SP = QStyle.StandardPixmap  # noqa: N806
        self.act_first = self._action(
            QCoreApplication.translate("PdfViewer", "Trang đầu"),
            nav.first_page,
            (K.Key_Home,),
            icon=SP.SP_MediaSkipBackward,
        )
        self.act_prev = self._action(
            QCoreApplication.translate("PdfViewer", "Trang trước"),
            nav.previous_page,
            (K.Key_PageUp,),
            icon=SP.SP_MediaSeekBackward,
        )
        self.page_box = QSpinBox(self.host)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAccessibleName(QCoreApplication.translate("PdfViewer", "Số trang"))
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setMinimumWidth(90)
        self.act_next = self._action(
            QCoreApplication.translate("PdfViewer", "Trang sau"),
            nav.next_page,
            (K.Key_PageDown,),
            icon=SP.SP_MediaSeekForward,
        )
        self.act_last = self._action(
            QCoreApplication.translate("PdfViewer", "Trang cuối"),
            nav.last_page,
            (K.Key_End,),
            icon=SP.SP_MediaSkipForward,
        )
        self.act_zoom_out = self._action(
            "−",
            nav.zoom_out,
            (QKeySequence.StandardKey.ZoomOut, "Ctrl+-"),
            QCoreApplication.translate("PdfViewer", "Thu nhỏ"),
        )
        self.zoom_label = QLabel(self.host)
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.act_zoom_in = self._action(
            "+",
            nav.zoom_in,
            (QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
            QCoreApplication.translate("PdfViewer", "Phóng to"),
        )
        self.act_fit_width = self._action(
            QCoreApplication.translate("PdfViewer", "Vừa chiều rộng"), nav.fit_width, ("Ctrl+2",)
        )
        self.act_fit_page = self._action(
            QCoreApplication.translate("PdfViewer", "Vừa trang"), nav.fit_page, ("Ctrl+0",)
        )
        for act in (self.act_fit_width, self.act_fit_page):
            act.setCheckable(True)
        self.act_find = self._action(
            QCoreApplication.translate("PdfViewer", "Tìm"),
            lambda: self.findRequested.emit(),
            (QKeySequence.StandardKey.Find,),
            QCoreApplication.translate("PdfViewer", "Tìm trong tài liệu"),
        )
        self.act_signatures = self._action(
            QCoreApplication.translate("PdfViewer", "Chữ ký"),
            lambda: self.signaturesToggled.emit(self.act_signatures.isChecked()),
            ("F7",),
            QCoreApplication.translate("PdfViewer", "Hiện/ẩn bảng chữ ký số"),
        )
        self.act_signatures.setCheckable(True)
        self.addAction(self.act_sidebar)
        self.addSeparator()
        for a in (self.act_first, self.act_prev):
            self.addAction(a)
        self.addWidget(self.page_box)
        for a in (self.act_next, self.act_last):
            self.addAction(a)
        self.addSeparator()
        self.addAction(self.act_zoom_out)
        self.addWidget(self.zoom_label)
        for a in (self.act_zoom_in, self.act_fit_width, self.act_fit_page):
            self.addAction(a)
        self.addSeparator()
        self.addAction(self.act_find)
        self.addAction(self.act_signatures)
        self.signature_button = self.widgetForAction(self.act_signatures)
        spacer = QWidget(self.host)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.addWidget(self.title_label)

    # --- in step with the document ----------------------------------------------------------

    def show_title(self, title: str) -> None:
        self.title_label.setText(title)
        self.title_label.setToolTip(title)

    def show_page_count(self, count: int | None) -> None:
        """The open document's page count in the page box (None: no document)."""
        if count is None:
            self.page_box.setSuffix("")
            return
        self.page_box.setRange(1, max(1, count))
        self.page_box.setSuffix(f" / {count}")

    def show_page(self, page: int) -> None:
        """The view moved to ``page`` (1-based): the box follows without jumping again."""
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)

    def show_signature_switch(self, on: bool) -> None:
        self.act_signatures.setChecked(on)

    def show_verdict(self, verdict: str) -> None:
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["cannot_verify"])
        self.act_signatures.setText(
            QCoreApplication.translate("PdfViewer", "Chữ ký: {verdict}").format(verdict=verdict_label(verdict))
        )
        if self.signature_button is not None:
            self.signature_button.setStyleSheet(f"QToolButton {{ color: {colour.name()}; font-weight: bold; }}")

    def update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.nav.zoom_factor() * 100)} %" if self.nav.opened else "")

    def update_controls(self) -> None:
        has = self.nav.opened
        page, count = self.nav.current_page(), self.nav.page_count()
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
        mode = self.nav.view.zoomMode()
        self.act_fit_width.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.act_fit_page.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.update_zoom_label()
