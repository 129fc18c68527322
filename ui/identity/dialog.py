"""The 'Tôi là' dialog: choose yourself, then your PIN (set the first time, typed twice) or
this computer's account. Refusals show on one line in the dialog and change nothing."""

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
    QRadioButton,
)

from ui.commands.whoami import os_user
from ui.error_line import ERROR_COLOUR, ErrorLine
from ui.identity.follow import follow_person
from ui.identity.jobs import Answer, Proof, people_with_identity, sign_in

if TYPE_CHECKING:
    from store.engine import Store
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner


class WhoAmIDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, current: int | None, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.current = store, runner, current
        self.chosen: int | None = None
        self.account = os_user() or ""
        self._known: dict[int, tuple[bool, str | None]] = {}
        self.setWindowTitle(self.tr("Tôi là"))
        self.person = QComboBox()
        self.by_pin = QRadioButton(self.tr("Mã PIN"))
        self.by_account = QRadioButton(self.tr("Tài khoản máy này ({account})").format(account=self.account or "?"))
        self.by_account.setEnabled(bool(self.account))
        group = QButtonGroup(self)
        group.addButton(self.by_pin)
        group.addButton(self.by_account)
        self.by_pin.setChecked(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again_label = QLabel(self.tr("Nhập lại mã PIN:"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = ErrorLine()  # one line under the form; a server's words behind "Chi tiết"
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Tôi là:"), self.person)
        form.addRow(self.tr("Chứng minh bằng:"), self.by_pin)
        form.addRow("", self.by_account)
        form.addRow(self.tr("Mã PIN:"), self.pin)
        form.addRow(self.pin_again_label, self.pin_again)
        form.addRow(self.note)
        form.addRow(self.error)
        form.addRow(self.buttons)
        for signal in (self.person.currentIndexChanged, self.by_pin.toggled):
            signal.connect(lambda *_: self._explain())
        self.runner.run("whoami.people", people_with_identity, store, on_result=self._fill)

    def _fill(self, rows) -> None:
        for person, has_pin, account in rows:
            self._known[person.id] = (has_pin, account)
            self.person.addItem(f"{person.full_name} — {person.position}", person.id)
        if self.current is not None and self.person.findData(self.current) >= 0:
            self.person.setCurrentIndex(self.person.findData(self.current))
        self._explain()

    def _explain(self) -> None:
        has_pin, account = self._known.get(self.person.currentData(), (False, None))
        first_pin = self.by_pin.isChecked() and not has_pin
        self.pin_again.setVisible(first_pin)
        self.pin_again_label.setVisible(first_pin)
        self.pin.setEnabled(self.by_pin.isChecked() or has_pin)
        if self.by_pin.isChecked():
            self.note.setText(self.tr("Nhập mã PIN của mình.") if has_pin else
                              self.tr("Lần đầu: đặt mã PIN ít nhất 6 chữ số; chỉ lưu dạng băm, không ai đọc được."))
        elif account == self.account:
            self.note.setText(self.tr("Tài khoản máy này đã gắn với bạn."))
        else:
            self.note.setText(self.tr("Từ nay ai đăng nhập máy bằng tài khoản này là bạn, không cần mã PIN"
                                      "{pin}.").format(pin=self.tr(" (nhập mã PIN hiện có để xác nhận)") if has_pin else ""))

    def submit(self) -> None:
        person_id = self.person.currentData()
        if person_id is None:
            self.error.say(self.tr("Hãy chọn mình trong danh sách."), colour=ERROR_COLOUR)
            return
        answer = Answer(int(person_id), Proof.PIN if self.by_pin.isChecked() else Proof.ACCOUNT,
                        pin=self.pin.text().strip(), pin_again=self.pin_again.text().strip(), account=self.account)
        self.error.say("")
        self.buttons.setEnabled(False)
        self.runner.run("whoami.sign_in", sign_in, self.store, answer, on_result=self._signed_in,
                        on_error=self._refused, write=True)

    def _signed_in(self, person_id: int) -> None:
        self.buttons.setEnabled(True)
        self.chosen = person_id
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.pin.clear()
        self.pin_again.clear()
        self.error.say_error(exc, "vi")


def apply_person(window: MainWindow, person_id: int) -> None:
    """The window, the Văn bản tab and every open meeting tab act as this person from now on."""
    window.settings.person_id = person_id
    window.settings.sync()
    follow_person(window)
    window.reload()
