"""Lead the shared page: the chair or secretary opens a material in the viewer and every
page they turn is pushed (``set_presenter_position``) to the readers that follow.

Moves are pushed after a short pause (a quick flick through five pages sends one move, the
last), in the write queue, so turning pages never waits for the store.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from store.codes import MeetingStatus
from ui.icons import icon
from ui.screen_fit import fit_combo
from ui.workspace.context import document_bytes

if TYPE_CHECKING:
    from ui.console.console_tab import ConsoleTab
    from ui.console.data import LiveSnapshot

TOUCH = 44
PUSH_DELAY_MS = 250


class PresenterPanel(QWidget):
    def __init__(self, console: ConsoleTab) -> None:
        super().__init__(console)
        self.console = console
        self.snapshot: LiveSnapshot | None = None
        self.viewer = None
        self.pushed: list[tuple[int | None, int | None, int]] = []  # what was sent (tests read it)
        self._next: tuple[int | None, int | None, int] | None = None
        self._timer = QTimer(self, singleShot=True, interval=PUSH_DELAY_MS, timeout=self._push_now)
        self.doc_box = QComboBox()
        fit_combo(self.doc_box, 24)  # a paper's title is long; the console must fit beside the unit tree
        self.page_box = QSpinBox()
        self.page_box.setRange(1, 9999)
        self.page_box.setMinimumHeight(TOUCH)
        self.open_button = QPushButton(icon("pdf"), self.tr("Mở và dẫn dắt"))
        self.push_button = QPushButton(icon("publish"), self.tr("Đưa mọi người tới trang này"))
        for b in (self.open_button, self.push_button):
            b.setMinimumHeight(TOUCH)
        self.open_button.clicked.connect(self.open_and_lead)
        self.push_button.clicked.connect(lambda: self.push(self.page_box.value()))
        self.state = QLabel()
        self.state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Tài liệu:")))
        row.addWidget(self.doc_box, 1)
        row.addWidget(QLabel(self.tr("Trang:")))
        row.addWidget(self.page_box)
        row.addWidget(self.open_button)
        row.addWidget(self.push_button)
        hint = QLabel(self.tr("Khi chủ tọa hoặc thư ký lật trang trong trình xem mở từ đây, máy tính bảng của các "
                              "thành viên đang theo dõi sẽ chuyển theo."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #566573;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addWidget(hint)

    def set_snapshot(self, snap: LiveSnapshot, bundle) -> None:
        self.snapshot = snap
        wanted = self.doc_box.currentData()
        self.doc_box.blockSignals(True)
        self.doc_box.clear()
        numbers = {n.id: n.number for n in bundle.detail.agenda_items()} if bundle else {}
        for row in bundle.materials if bundle else ():
            d = row.document
            if d.recalled_at is None and not d.classified:
                prefix = f"{numbers[d.agenda_item_id]}. " if d.agenda_item_id in numbers else ""
                self.doc_box.addItem(f"{prefix}{d.title}", (d.id, d.agenda_item_id, d.current_version.page_count))
        at = self.doc_box.findData(wanted)
        self.doc_box.setCurrentIndex(max(0, at))
        self.doc_box.blockSignals(False)
        live = snap.status in (MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS)
        self.open_button.setEnabled(live and self.doc_box.count() > 0)
        self.push_button.setEnabled(live and self.doc_box.count() > 0)
        p = snap.position
        if p is None or p.document_id is None:
            self.state.setText(self.tr("Chưa dẫn dắt tài liệu nào."))
        else:
            title = next((self.doc_box.itemText(i) for i in range(self.doc_box.count())
                          if self.doc_box.itemData(i)[0] == p.document_id), f"#{p.document_id}")
            self.state.setText(self.tr("Mọi người đang theo: {title}, trang {page} (lần chuyển thứ {seq}).")
                               .format(title=title, page=p.page, seq=p.seq))

    def current(self) -> tuple[int, int | None, int] | None:
        return self.doc_box.currentData()

    def open_and_lead(self) -> None:
        """Open the chosen material in the viewer; its page turns are pushed from now on."""

        chosen = self.current()
        if chosen is None:
            return
        ctx = self.console.ws.ctx

        def opened(result) -> None:
            doc, data = result
            viewer = ctx.open_pdf(data, doc.number or doc.title, page=self.page_box.value())
            self.lead(viewer)
            self.push(self.page_box.value())

        ctx.runner.run("document.open", document_bytes, ctx.store, chosen[0], on_result=opened, on_error=ctx.show_error)

    def lead(self, viewer) -> None:
        """Push every page ``viewer`` turns to (PdfViewer.pageChanged, 1-based)."""
        if self.viewer is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.viewer.pageChanged.disconnect(self.push)
        self.viewer = viewer
        if viewer is not None and hasattr(viewer, "pageChanged"):
            viewer.pageChanged.connect(self.push)

    def push(self, page: int) -> None:
        chosen = self.current()
        if chosen is None or self.snapshot is None:
            return
        doc_id, item_id, pages = chosen
        self._next = (item_id, doc_id, max(1, min(int(page), pages)))
        self.page_box.setValue(self._next[2])
        self._timer.start()

    def _push_now(self) -> None:
        from meetings.live.follow import set_presenter_position  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if self._next is None or self.snapshot is None:
            return
        item_id, doc_id, page = self._next
        self._next = None
        self.pushed.append((item_id, doc_id, page))
        self.console.write_many("follow.push", [(set_presenter_position, (self.snapshot.meeting_id, item_id, doc_id, page),
                                                 {})])
