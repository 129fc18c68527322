"""Cuộc họp → Xác nhận tham dự…: the invitee answers the invitation (dự họp, vắng mặt with the
reason, or cử người dự thay), or the secretary records an answer given by telephone; below, every
answer given so far and the quorum they let one expect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
)

from store.codes import RsvpAnswer
from store.errors import NghisuError
from ui.mail import jobs

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class RsvpDialog(QDialog):
    def __init__(self, window: MainWindow, meeting_id: int) -> None:
        super().__init__(window)
        self.window_ = window
        self.meeting_id = meeting_id
        self.setWindowTitle(self.tr("Xác nhận tham dự"))
        self.resize(620, 520)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.who = QComboBox()
        self.choices = QButtonGroup(self)
        form = QFormLayout()
        form.addRow(self.tr("Người được mời"), self.who)
        self.radios: dict[RsvpAnswer, QRadioButton] = {}
        for code, text in ((RsvpAnswer.YES, self.tr("Dự họp")), (RsvpAnswer.NO, self.tr("Vắng mặt")),
                           (RsvpAnswer.DEPUTY, self.tr("Cử người dự thay"))):
            self.radios[code] = QRadioButton(text)
            self.choices.addButton(self.radios[code])
            form.addRow("", self.radios[code])
        self.radios[RsvpAnswer.YES].setChecked(True)
        self.deputy = QComboBox()
        self.deputy.setEditable(False)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Lý do vắng mặt, hoặc ghi chú"))
        form.addRow(self.tr("Người dự thay"), self.deputy)
        form.addRow(self.tr("Lý do / ghi chú"), self.note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.answers = QListWidget()
        self.forecast = QLabel()
        self.forecast.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Gửi xác nhận"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Các câu trả lời đã nhận:")))
        layout.addWidget(self.answers)
        layout.addWidget(self.forecast)
        layout.addWidget(buttons)
        self.choices.buttonToggled.connect(lambda *_: self._enable())
        self._enable()
        self.refresh()

    def _enable(self) -> None:
        self.deputy.setEnabled(self.radios[RsvpAnswer.DEPUTY].isChecked())

    def refresh(self) -> None:
        w = self.window_
        w.runner.run("rsvp.load", jobs.load_rsvp, w.store, self.meeting_id, on_result=self._shown)

    def _shown(self, state: jobs.RsvpState) -> None:
        self.heading.setText(self.tr("<b>{title}</b>").format(title=state.title))
        current = self.who.currentData()
        self.who.clear()
        for pid, label in state.invitees:
            self.who.addItem(label, pid)
        wanted = current if current is not None else self.window_.actor_id
        index = self.who.findData(wanted)
        self.who.setCurrentIndex(max(index, 0))
        self.deputy.clear()
        for pid, label in state.people:
            self.deputy.addItem(label, pid)
        self.answers.clear()
        for info in state.answers.values():
            self.answers.addItem(info.line())
        self.forecast.setText(state.forecast)

    def submit(self) -> None:
        said = next(code for code, radio in self.radios.items() if radio.isChecked())
        deputy = self.deputy.currentData() if said is RsvpAnswer.DEPUTY else None
        person = self.who.currentData()
        if person is None:
            return
        w = self.window_

        def done(info) -> None:
            self.message.setText(self.tr("Đã ghi: {line}").format(line=info.line()))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.message.setText(str(exc) if isinstance(exc, NghisuError) else self.tr("Lỗi không mong đợi."))

        w.runner.run("rsvp.answer", jobs.answer, w.store, w.actor_id, self.meeting_id, person, str(said), deputy,
                     self.note.text(), on_result=done, on_error=failed, write=True)
