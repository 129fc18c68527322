"""Speaker requests per agenda item, in the order they were made, and the speaking timer.

The timer counts down from the time the speaker was given (the item's planned minutes by
default); it is computed from the start time the store keeps, so every desktop shows the
same figure. It turns red when the time is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from store.codes import LIVE_OR_ENDED
from ui.console.models import SpeakerModel, mmss
from ui.icons import icon
from ui.screen_fit import fit_combo

if TYPE_CHECKING:
    from ui.console.console_tab import ConsoleTab
    from ui.console.data import LiveSnapshot

TOUCH = 44


class SpeakersPanel(QWidget):
    def __init__(self, console: ConsoleTab) -> None:
        super().__init__(console)
        self.console = console
        self.snapshot: LiveSnapshot | None = None
        self.item_box = QComboBox()
        self.item_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.timer_label = QLabel("--:--")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setMinimumWidth(200)
        self.speaker_label = QLabel()
        self.speaker_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model = SpeakerModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(34)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 50), (2, 140), (3, 120)):
            h.resizeSection(col, width)
        self.request_button = QPushButton(icon("add"), self.tr("Đăng ký phát biểu…"))
        self.start_button = QPushButton(icon("start"), self.tr("Mời phát biểu"))
        self.finish_button = QPushButton(icon("close"), self.tr("Kết thúc lượt"))
        self.withdraw_button = QPushButton(icon("cancel"), self.tr("Rút đăng ký"))
        for b in (self.request_button, self.start_button, self.finish_button, self.withdraw_button):
            b.setMinimumHeight(TOUCH)
        self.request_button.clicked.connect(lambda: self.request())
        self.start_button.clicked.connect(lambda: self._move("start"))
        self.finish_button.clicked.connect(lambda: self._move("finish"))
        self.withdraw_button.clicked.connect(lambda: self._move("withdraw"))
        self.tick = QTimer(self, interval=1000, timeout=self._tick)
        self.tick.start()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Mục chương trình:")))
        top.addWidget(self.item_box, 1)
        fit_combo(self.item_box)  # agenda titles run long; the list opens wide
        clock = QVBoxLayout()
        clock.addWidget(self.timer_label)
        clock.addWidget(self.speaker_label)
        buttons = QVBoxLayout()
        for b in (self.request_button, self.start_button, self.finish_button, self.withdraw_button):
            buttons.addWidget(b)
        buttons.addLayout(clock)
        buttons.addStretch()
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def set_snapshot(self, snap: LiveSnapshot, items) -> None:
        self.snapshot = snap
        wanted = self.item_box.currentData()
        self.item_box.blockSignals(True)
        self.item_box.clear()
        for node in items:
            minutes = self.tr(" ({m} phút)").format(m=node.planned_minutes) if node.planned_minutes else ""
            self.item_box.addItem(f"{node.number}. {node.title}{minutes}", node.id)
        at = self.item_box.findData(wanted) if wanted is not None else -1
        if at < 0:  # the item where someone speaks or waits, else the first
            busy = next((i for i, q in snap.queues.items() if any(r.state in ("speaking", "waiting") for r in q)), None)
            at = self.item_box.findData(busy) if busy is not None else 0
        self.item_box.setCurrentIndex(max(0, at))
        self.item_box.blockSignals(False)
        live = snap.status in LIVE_OR_ENDED
        for b in (self.request_button, self.start_button, self.finish_button, self.withdraw_button):
            b.setEnabled(live)
        self._fill()

    def current_item(self) -> int | None:
        data = self.item_box.currentData()
        return int(data) if data is not None else None

    def _fill(self) -> None:
        if self.snapshot is None:
            return
        selected = self.selected()
        self.model.now = self._now()
        self.model.set_rows(self.snapshot.queues.get(self.current_item(), ()))
        if selected is not None:
            for i, r in enumerate(self.model.rows()):
                if r.id == selected.id:
                    self.view.selectRow(i)
        self._tick()

    def _now(self):
        return self.console.ws.ctx.store.clock.now()

    def speaking(self):
        return next((r for r in self.model.rows() if r.state == "speaking"), None)

    def _tick(self) -> None:
        current = self.speaking()
        if current is None:
            self.timer_label.setText("--:--")
            self.timer_label.setStyleSheet("font-size: 30pt; font-weight: bold; color: #808b96;")
            self.speaker_label.setText(self.tr("Chưa có ai đang phát biểu"))
            return
        now = self._now()
        left = current.remaining_seconds(now)
        self.timer_label.setText(mmss(left))
        self.timer_label.setStyleSheet("font-size: 30pt; font-weight: bold; color: %s;"
                                       % ("#a93226" if left < 0 else "#1e8449"))
        self.speaker_label.setText(current.full_name)
        self.model.now = now
        col = self.model.index(0, 3)
        if col.isValid():
            self.model.dataChanged.emit(col, self.model.index(self.model.rowCount() - 1, 3))

    def selected(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def request(self, person_id: int | None = None) -> None:
        from meetings.live.speakers import request_to_speak  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        item = self.current_item()
        if self.snapshot is None or item is None:
            return
        if person_id is None:
            people = [r for r in self.snapshot.attendance if r.status != "absent"]
            names = [f"{r.full_name} — {r.site_name}" for r in people]
            name, ok = QInputDialog.getItem(self, self.tr("Đăng ký phát biểu"), self.tr("Ai xin phát biểu?"), names, 0,
                                            False)
            if not ok or name not in names:
                return
            person_id = people[names.index(name)].person_id
        self.console.write_many("speak.request", [(request_to_speak, (self.snapshot.meeting_id, item, person_id), {})])

    def _move(self, action: str) -> None:
        from meetings.live import speakers as sp  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        req = self.selected()
        if action == "finish" and req is None:
            req = self.speaking()
        if req is None:
            self.console.notify(self.tr("Chọn một người trong hàng chờ trước."))
            return
        fn = {"start": sp.start_speaking, "finish": sp.finish_speaking, "withdraw": sp.withdraw_request}[action]
        self.console.write_many(f"speak.{action}", [(fn, (req.id,), {})])
