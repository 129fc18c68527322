"""Written opinions (lấy ý kiến bằng văn bản) about the meeting, in its workspace: ask the
members a question with a deadline, answer as the person using the desktop, see the tally once
the deadline has passed or the poll is closed, and close it early (everyone answered, or the
chair decides). The services are :mod:`meetings.live.opinions`; who may close is theirs to say."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from store.clock import VN_TZ
from ui.icons import icon

if TYPE_CHECKING:
    from meetings.live.opinions import PollSummary
    from store.engine import Store
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace

DEFAULT_OPTIONS = "Đồng ý, Không đồng ý, Ý kiến khác"


def load_polls(store: Store, meeting_id: int) -> tuple[tuple[PollSummary, tuple[str, ...]], ...]:
    """The meeting's polls, each with its options (what an answer chooses from)."""
    from meetings.live.opinions import list_polls  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return tuple((p, p.options) for p in list_polls(s, store.clock.now(), meeting_id=meeting_id))


def poll_tally(store: Store, poll_id: int) -> Any:
    from meetings.live.opinions import tally_opinions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return tally_opinions(s, poll_id, store.clock.now())


def _ask(uow, unit_id: int, meeting_id: int, question: str, options: list[str], deadline: datetime,
         members: list[int]):
    from meetings.live.opinions import ask_opinions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return ask_opinions(uow, unit_id=unit_id, question=question, options=options, deadline=deadline,
                        member_ids=members, meeting_id=meeting_id)


def _answer(uow, poll_id: int, person_id: int, option: str, comment: str):
    from meetings.live.opinions import answer_opinion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return answer_opinion(uow, poll_id, person_id, option, comment)


def _close(uow, poll_id: int, actor_id: int, version: int):
    from meetings.live.opinion_closing import close_poll  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return close_poll(uow, poll_id, actor_id, expected_version=version)


class OpinionsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.bundle: MeetingBundle | None = None
        self.polls: tuple[PollSummary, ...] = ()
        self.poll_options: tuple[tuple[str, ...], ...] = ()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Nội dung xin ý kiến"), self.tr("Hạn trả lời"),
                                              self.tr("Đã trả lời"), self.tr("Tình trạng")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.question = QLineEdit()
        self.options = QLineEdit(DEFAULT_OPTIONS)
        self.deadline = QDateTimeEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.ask_button = QPushButton(icon("publish"), self.tr("Gửi phiếu lấy ý kiến"))
        self.ask_button.clicked.connect(self.ask)
        form = QFormLayout()
        form.addRow(self.tr("Nội dung xin ý kiến:"), self.question)
        form.addRow(self.tr("Các phương án:"), self.options)
        form.addRow(self.tr("Hạn trả lời:"), self.deadline)
        self.option = QComboBox()
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Ý kiến kèm theo (nếu có)"))
        self.answer_button = QPushButton(icon("edit"), self.tr("Trả lời"))
        self.answer_button.clicked.connect(self.answer)
        self.tally_button = QPushButton(icon("search"), self.tr("Xem kết quả"))
        self.tally_button.clicked.connect(self.tally)
        self.close_button = QPushButton(icon("close"), self.tr("Kết thúc lấy ý kiến"))
        self.close_button.clicked.connect(self.close_poll)
        self.result = QLabel()
        self.result.setWordWrap(True)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.option)
        answer_row.addWidget(self.comment, 1)
        answer_row.addWidget(self.answer_button)
        actions = QHBoxLayout()
        actions.addWidget(self.tally_button)
        actions.addStretch()
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(form)
        layout.addWidget(self.ask_button)
        layout.addWidget(self.table, 1)
        layout.addLayout(answer_row)
        layout.addLayout(actions)
        layout.addWidget(self.result)

    def set_bundle(self, bundle: MeetingBundle) -> None:
        self.bundle = bundle
        week = datetime.now(VN_TZ) + timedelta(days=7)
        if self.deadline.dateTime() < QDateTime.currentDateTime():
            self.deadline.setDateTime(QDateTime(QDate(week.year, week.month, week.day), QTime(17, 0)))
        self.reload()

    def reload(self) -> None:
        self.ws.ctx.runner.run("opinions.load", load_polls, self.ws.ctx.store, self.ws.meeting_id,
                               on_result=self._loaded, on_error=self.ws.ctx.show_error)

    def _loaded(self, loaded: tuple[tuple[PollSummary, tuple[str, ...]], ...]) -> None:
        self.polls = tuple(p for p, _ in loaded)
        self.poll_options = tuple(o for _, o in loaded)
        polls = self.polls
        self.table.setRowCount(len(polls))
        for row, p in enumerate(polls):
            state = self.tr("Đang lấy ý kiến") if p.status == "open" else self.tr("Đã kết thúc")
            when = p.deadline.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
            for col, text in enumerate((p.question, when, f"{p.answered}/{p.asked}", state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if polls and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._selected()

    def _current(self) -> PollSummary | None:
        row = self.table.currentRow()
        return self.polls[row] if 0 <= row < len(self.polls) else None

    def _selected(self) -> None:
        poll = self._current()
        self.option.clear()
        if poll is not None:
            self.option.addItems(list(self.poll_options[self.table.currentRow()]))
        for b in (self.answer_button, self.tally_button, self.close_button):
            b.setEnabled(poll is not None)

    def ask(self) -> None:
        if self.bundle is None or not self.question.text().strip():
            return
        members = [p.person_id for p in self.bundle.detail.participants if p.role in ("chair", "member")]
        options = [o.strip() for o in self.options.text().split(",") if o.strip()]
        dt = self.deadline.dateTime()
        d, t = dt.date(), dt.time()
        deadline = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)
        self.ws.write("opinions.ask", _ask, self.bundle.detail.unit.id, self.ws.meeting_id, self.question.text(),
                      options, deadline, members, on_result=self._asked)

    def _asked(self, _result: Any) -> None:
        self.question.clear()
        self.reload()

    def answer(self) -> None:
        poll = self._current()
        if poll is None or self.ws.ctx.actor_id is None:
            return
        self.ws.write("opinions.answer", _answer, poll.id, self.ws.ctx.actor_id, self.option.currentText(),
                      self.comment.text(), on_result=self._answered)

    def _answered(self, _result: Any) -> None:
        self.comment.clear()
        self.result.setText(self.tr("Đã ghi ý kiến của bạn; sửa được đến hạn trả lời."))
        self.reload()

    def tally(self) -> None:
        poll = self._current()
        if poll is not None:
            self.ws.ctx.runner.run("opinions.tally", poll_tally, self.ws.ctx.store, poll.id,
                                   on_result=self._tallied, on_error=self.ws.ctx.show_error)

    def _tallied(self, tally: Any) -> None:
        counts = "; ".join(f"{option}: {n}" for option, n in tally.counts)
        missing = ", ".join(tally.not_answered) or self.tr("không ai")
        self.result.setText(self.tr("Kết quả: {counts}. Chưa trả lời: {missing}.").format(counts=counts,
                                                                                       missing=missing))

    def close_poll(self) -> None:
        poll = self._current()
        if poll is None or self.ws.ctx.actor_id is None:
            return
        self.ws.write("opinions.close", _close, poll.id, self.ws.ctx.actor_id, poll.version,
                      on_result=lambda _r: self.reload())
