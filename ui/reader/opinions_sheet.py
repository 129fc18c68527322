"""Written opinions on the tablet: a banner in the reader's bottom bar says how many open
polls wait for the member's answer; tapping it opens the sheet, where each poll's options are
large buttons, a comment is optional, and "Gửi ý kiến" enters the answer. An answer can be
changed until the deadline; a closed or foreign poll is refused in the reader's message line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from store.clock import VN_TZ
from ui.reader import opinion_services as svc
from ui.reader.agenda_panel import TOUCH

if TYPE_CHECKING:
    from meetings.live.member_polls import MemberPoll
    from ui.reader.reader_window import ReaderWindow

_BIG = "font-size: 13pt;"
#: How often an open reader asks whether a poll arrived: a poll asked during the meeting shows
#: within a minute, at the cost of one small query per tablet.
RECHECK_MS = 60_000


class OpinionsSheet(QDialog):
    """The member's open polls on the left; the chosen one, its options and comment, on the right."""

    def __init__(self, link: OpinionsLink) -> None:
        super().__init__(link.reader)
        self.link = link
        self.polls: list[MemberPoll] = []
        self.setWindowTitle(self.tr("Phiếu lấy ý kiến"))
        self.list = QListWidget()
        self.list.setStyleSheet(_BIG)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show_poll)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.deadline = QLabel()
        self.options_box = QVBoxLayout()
        self.options = QButtonGroup(self)
        self.options.setExclusive(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Ý kiến thêm (không bắt buộc)"))
        self.comment.setMinimumHeight(TOUCH)
        self.comment.setStyleSheet(_BIG)
        self.submit_button = QPushButton(self.tr("Gửi ý kiến"))
        self.submit_button.setMinimumHeight(TOUCH)
        self.submit_button.setStyleSheet(_BIG + " font-weight: bold;")
        self.submit_button.clicked.connect(self.submit)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.setMinimumHeight(TOUCH)
        self.close_button.clicked.connect(self.close)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_BIG)
        detail = QWidget()
        right = QVBoxLayout(detail)
        right.addWidget(self.question)
        right.addWidget(self.deadline)
        right.addLayout(self.options_box)
        right.addWidget(self.comment)
        right.addWidget(self.submit_button)
        right.addWidget(self.message)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 2)
        row.addWidget(detail, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(min(1100, link.reader.width()), min(700, link.reader.height()))

    def set_polls(self, polls: list[MemberPoll]) -> None:
        wanted = self.current().id if self.current() is not None else None
        self.polls = polls
        self.list.blockSignals(True)
        self.list.clear()
        for poll in polls:
            state = (self.tr("Đã trả lời: {option}").format(option=poll.my_option) if poll.answered
                     else self.tr("Chưa trả lời"))
            item = QListWidgetItem(f"{poll.question}\n{state}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [i for i, p in enumerate(polls) if p.id == wanted] or [0]
        self.list.setCurrentRow(rows[0] if polls else -1)
        self._show_poll(self.list.currentRow())

    def current(self) -> MemberPoll | None:
        row = self.list.currentRow()
        return self.polls[row] if 0 <= row < len(self.polls) else None

    def _show_poll(self, _row: int) -> None:
        poll = self.current()
        for button in self.options.buttons():
            self.options.removeButton(button)
            button.deleteLater()
        self.submit_button.setEnabled(poll is not None)
        if poll is None:
            self.question.setText(self.tr("Không có phiếu lấy ý kiến nào đang chờ bạn."))
            self.deadline.clear()
            return
        self.question.setText(poll.question)
        self.deadline.setText(self.tr("{unit} · hạn trả lời {when}").format(unit=poll.unit_name,
                                                                          when=poll.deadline.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")))
        for option in poll.options:
            button = QPushButton(option)
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH)
            button.setStyleSheet(_BIG)
            button.setChecked(option == poll.my_option)
            self.options.addButton(button)
            self.options_box.addWidget(button)
        self.comment.setText(poll.my_comment)
        self.submit_button.setText(self.tr("Sửa ý kiến") if poll.answered else self.tr("Gửi ý kiến"))

    def option_button(self, text: str) -> QPushButton:
        return next(b for b in self.options.buttons() if b.text() == text)

    def submit(self) -> None:
        poll = self.current()
        chosen = self.options.checkedButton()
        if poll is None:
            return
        if chosen is None:
            self.message.setText(self.tr("Hãy chọn một phương án trước khi gửi."))
            return
        r = self.link.reader

        def done(option: str) -> None:
            self.message.setText(self.tr("Đã ghi ý kiến của bạn: {option}.").format(option=option))
            self.link.refresh()

        def failed(exc: BaseException) -> None:
            r.show_error(exc)
            self.message.setText(r.message.text())
            self.link.refresh()

        r.runner.run("reader.opinion", svc.answer, r.store, r.person_id, poll.id, chosen.text(),
                     self.comment.text(), on_result=done, on_error=failed, write=True)


class OpinionsLink(QObject):
    """The reader's side of written opinions: the banner, the sheet, and reloading both."""

    def __init__(self, reader: ReaderWindow) -> None:
        super().__init__(reader)
        self.reader = reader
        self.polls: list[MemberPoll] = []
        self.sheet: OpinionsSheet | None = None
        self.banner = QPushButton()
        self.banner.setMinimumHeight(TOUCH)
        self.banner.setStyleSheet("font-size: 12pt; font-weight: bold; color: #7d3c98;")
        self.banner.setCursor(Qt.CursorShape.PointingHandCursor)
        self.banner.clicked.connect(self.open_sheet)
        self.banner.hide()
        self.timer = QTimer(self, interval=RECHECK_MS, timeout=self._tick)

    def refresh(self) -> None:
        r = self.reader
        if r.store is None or r.person_id is None or r.offline_mode:
            return
        self.timer.start()  # from the first load on, again every minute
        r.runner.run("reader.opinions", svc.my_open_polls, r.store, r.person_id, on_result=self._loaded,
                     on_error=lambda exc: None)  # the materials' own load says when the store is away

    def _tick(self) -> None:
        if not self.reader.isVisible():  # the reader was closed: no more asking
            self.timer.stop()
            return
        self.refresh()

    def _loaded(self, polls: list[MemberPoll]) -> None:
        self.polls = polls
        waiting = sum(not p.answered for p in polls)
        if waiting:
            self.banner.setText(self.tr("{n} phiếu lấy ý kiến chờ bạn trả lời").format(n=waiting))
        else:
            self.banner.setText(self.tr("Phiếu lấy ý kiến ({n})").format(n=len(polls)))
        self.banner.setVisible(bool(polls))
        if self.sheet is not None:
            self.sheet.set_polls(polls)

    def open_sheet(self) -> OpinionsSheet:
        if self.sheet is None:
            self.sheet = OpinionsSheet(self)
        self.sheet.set_polls(self.polls)
        self.sheet.show()
        self.sheet.raise_()
        return self.sheet
