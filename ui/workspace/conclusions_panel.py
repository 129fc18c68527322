"""Conclusions and tasks in the meeting's papers tab: the chair's conclusions, the tasks they
give units with deadlines (overdue ones in red), marking one done, and the conclusion notice
(previewed as a draft, issued numbered and sent to its signer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from store.clock import VN_TZ
from ui.icons import icon

if TYPE_CHECKING:
    from meetings.papers.conclusions import ConclusionInfo, TaskInfo
    from store.engine import Store
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace

OVERDUE = QColor("#b03a2e")


@dataclass(frozen=True)
class ConclusionsState:
    conclusions: tuple[ConclusionInfo, ...]
    tasks: tuple[TaskInfo, ...]
    today: date
    notice: str | None  # the issued notice's number, if any


def load_conclusions(store: Store, meeting_id: int) -> ConclusionsState:
    from meetings.papers.conclusions import issued_notice, list_conclusions, list_tasks  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        notice = issued_notice(s, meeting_id)
        return ConclusionsState(tuple(list_conclusions(s, meeting_id)), tuple(list_tasks(s, meeting_id=meeting_id)),
                                store.clock.now().astimezone(VN_TZ).date(), notice.number if notice else None)


def _add_conclusion(uow, meeting_id: int, text: str):
    from meetings.papers.conclusions import add_conclusion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return add_conclusion(uow, meeting_id, text)


def _add_task(uow, meeting_id: int, description: str, unit_id: int, deadline: date):
    from meetings.papers.conclusions import add_task  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return add_task(uow, meeting_id, description=description, owner_unit_id=unit_id, deadline=deadline)


def _complete(uow, task_id: int, version: int):
    from meetings.papers.conclusions import complete_task  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return complete_task(uow, task_id, expected_version=version)


def draw_notice(store: Store, meeting_id: int) -> bytes:
    from meetings.papers.conclusions import draw_conclusion_notice  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return draw_conclusion_notice(store, meeting_id)


def issue_notice(store: Store, actor_id: int | None, meeting_id: int) -> Any:
    from meetings.papers.conclusions import issue_conclusion_notice  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return issue_conclusion_notice(store, actor_id, meeting_id)


class ConclusionsPanel(QGroupBox):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.setTitle(self.tr("Kết luận và nhiệm vụ"))
        self.ws = workspace
        self.state: ConclusionsState | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.conclusion_text = QLineEdit()
        self.conclusion_text.setPlaceholderText(self.tr("Nội dung kết luận của chủ tọa"))
        self.add_conclusion_button = QPushButton(icon("add"), self.tr("Thêm kết luận"))
        self.add_conclusion_button.clicked.connect(self.add_conclusion)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Nhiệm vụ"), self.tr("Đơn vị chủ trì"), self.tr("Thời hạn"),
                                              self.tr("Tình trạng")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.task_text = QLineEdit()
        self.task_text.setPlaceholderText(self.tr("Nhiệm vụ giao"))
        self.unit = QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(12)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.add_task_button = QPushButton(icon("add"), self.tr("Giao nhiệm vụ"))
        self.add_task_button.clicked.connect(self.add_task)
        self.done_button = QPushButton(icon("sign"), self.tr("Đánh dấu hoàn thành"))
        self.done_button.clicked.connect(self.complete)
        self.preview_button = QPushButton(icon("pdf"), self.tr("Xem thông báo kết luận"))
        self.preview_button.clicked.connect(self.preview)
        self.issue_button = QPushButton(icon("publish"), self.tr("Phát hành thông báo kết luận…"))
        self.issue_button.clicked.connect(self.issue)
        add_c = QHBoxLayout()
        add_c.addWidget(self.conclusion_text, 1)
        add_c.addWidget(self.add_conclusion_button)
        add_t = QHBoxLayout()
        add_t.addWidget(self.unit, 1)
        add_t.addWidget(self.deadline)
        add_t.addWidget(self.add_task_button)
        bar = QHBoxLayout()
        bar.addWidget(self.done_button)
        bar.addStretch()
        notice = QHBoxLayout()
        notice.addWidget(self.preview_button)
        notice.addStretch()
        notice.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(add_c)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.task_text)
        layout.addLayout(add_t)
        layout.addLayout(bar)
        layout.addLayout(notice)

    def set_bundle(self, bundle: MeetingBundle) -> None:
        current = self.unit.currentData()
        self.unit.clear()
        for u in (bundle.detail.unit, *bundle.below):
            self.unit.addItem(u.name, u.id)
        if current is not None and self.unit.findData(current) >= 0:
            self.unit.setCurrentIndex(self.unit.findData(current))
        start = bundle.detail.meeting.starts_at.astimezone(VN_TZ).date()
        self.deadline.setMinimumDate(QDate(start.year, start.month, start.day))
        self.reload()

    def reload(self) -> None:
        self.ws.ctx.runner.run("conclusions.load", load_conclusions, self.ws.ctx.store, self.ws.meeting_id,
                               on_result=self._loaded, on_error=self.ws.ctx.show_error)

    def _loaded(self, state: ConclusionsState) -> None:
        self.state = state
        overdue = [t for t in state.tasks if t.overdue(state.today)]
        notice = self.tr("thông báo đã phát hành số {n}").format(n=state.notice) if state.notice else \
            self.tr("thông báo chưa phát hành")
        self.summary.setText(self.tr("{c} kết luận, {t} nhiệm vụ ({o} quá hạn); {notice}.").format(
            c=len(state.conclusions), t=len(state.tasks), o=len(overdue), notice=notice))
        self.table.setRowCount(len(state.tasks))
        for row, t in enumerate(state.tasks):
            late = t.overdue(state.today)
            status = self.tr("Đã xong") if t.status == "done" else (self.tr("Quá hạn") if late else
                                                                      self.tr("Đang thực hiện"))
            for col, text in enumerate((t.description, t.owner_name, t.deadline.strftime("%d/%m/%Y"), status)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                if late:
                    item.setForeground(OVERDUE)
                self.table.setItem(row, col, item)
        self.issue_button.setEnabled(bool(state.conclusions) and state.notice is None)
        self.preview_button.setEnabled(bool(state.conclusions))

    def _after(self, _result: Any) -> None:
        self.reload()

    def add_conclusion(self) -> None:
        text = self.conclusion_text.text().strip()
        if text:
            self.ws.write("conclusions.add", _add_conclusion, self.ws.meeting_id, text, on_result=self._added)

    def _added(self, _result: Any) -> None:
        self.conclusion_text.clear()
        self.reload()

    def add_task(self) -> None:
        unit_id = self.unit.currentData()
        text = self.task_text.text().strip()
        if unit_id is None or not text:
            return
        d = self.deadline.date()
        self.ws.write("conclusions.task", _add_task, self.ws.meeting_id, text, unit_id,
                      date(d.year(), d.month(), d.day()), on_result=self._task_added)

    def _task_added(self, _result: Any) -> None:
        self.task_text.clear()
        self.reload()

    def complete(self) -> None:
        if self.state is None or self.table.currentRow() < 0:
            return
        task = self.state.tasks[self.table.currentRow()]
        self.ws.write("conclusions.done", _complete, task.id, task.version, on_result=self._after)

    def preview(self) -> None:
        self.ws.ctx.runner.run("conclusions.preview", draw_notice, self.ws.ctx.store, self.ws.meeting_id,
                               on_result=lambda data: self.ws.ctx.open_pdf(data, self.tr("Thông báo kết luận (dự thảo)")),
                               on_error=self.ws.ctx.show_error)

    def issue(self) -> None:
        if QMessageBox.question(self, self.tr("Phát hành thông báo kết luận"),
                                self.tr("Cấp số từ sổ văn bản đi, đính kèm cuộc họp và gửi người ký ký số? "
                                        "Sau đó thông báo không sửa được nữa.")) != QMessageBox.StandardButton.Yes:
            return
        self.ws.ctx.runner.run("conclusions.issue", issue_notice, self.ws.ctx.store, self.ws.ctx.actor_id,
                               self.ws.meeting_id, on_result=self._issued, on_error=self.ws.handle_write_error,
                               write=True)

    def _issued(self, info: Any) -> None:
        self.ws.ctx.notify(self.tr("Đã phát hành thông báo kết luận số {n}.").format(n=info.number))
        self.ws.ctx.meeting_changed(self.ws.meeting_id)
        self.ws.reload()
