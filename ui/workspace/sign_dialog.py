"""The signing forms: who signs in what order ("Yêu cầu ký"), with which key ("Ký"), and
in Settings, "my certificates" (a .p12 added there is registered to "who I am").

The key form takes a PKCS#12 file and its password, or a USB token (PKCS#11 library, token
label, key label, PIN). It remembers the last file, library and labels in the settings, never
the password or the PIN: those live only in the ``KeySource`` (key_source.py) handed to the
background task, for the one signature.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from signing.workflow_records import AlreadySigned, NotASigner, NotYourTurn, RequestClosed
from store.errors import InvalidInput, NghisuError
from ui.icons import icon
from ui.models.labels import ROLE, tr
from ui.settings import _PathList
from ui.workspace.key_source import KeySource, open_key, sign_with_key

if TYPE_CHECKING:
    from meetings.records import ParticipantInfo
    from signing.workflow_records import SigningRequestInfo
    from ui.settings import AppSettings
    from ui.tasks import TaskRunner

LAST_METHOD, LAST_P12 = "signing/last_method", "signing/last_p12"
LAST_TOKEN_LABEL, LAST_KEY_LABEL = "signing/last_token_label", "signing/last_key_label"


def signing_refusal(request: SigningRequestInfo | None, me: int | None, my_name: str | None) -> BaseException | None:
    """The core's own refusal when the screen already shows that ``me`` cannot sign now (so
    "Ký" never opens a form that would only be refused); None when it is ``me``'s turn."""

    if me is None:
        return InvalidInput("Chưa chọn “Tôi là” trong Cài đặt: hãy chọn mình trong danh bạ rồi ký.",
                            "“Who I am” is not set in Settings: choose yourself from the directory, then sign.")
    if request is None:
        return InvalidInput("Tài liệu chưa có yêu cầu ký; hãy tạo yêu cầu ký trước.",
                            "The document has no signing request; create one first.")
    mine = next((s for s in request.slots if s.person_id == me), None)
    if mine is None:
        return NotASigner(my_name or "Bạn", ", ".join(s.person_name for s in request.slots))
    if mine.signed:
        return AlreadySigned(mine)
    if request.status != "open":
        return RequestClosed(request.status)
    turn = request.turn
    if turn is not None and turn.person_id != me:
        return NotYourTurn(turn)
    return None


class SignDialog(QDialog):
    """Choose the key for one signature; ``source()`` after it was accepted."""

    def __init__(self, settings: AppSettings, document_title: str, signer: str, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Ký số tài liệu"))
        self.setWindowIcon(icon("sign"))
        what = QLabel(self.tr("Ký “{title}” với tư cách <b>{signer}</b>.").format(title=document_title, signer=signer))
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.RichText)

        self.use_p12 = QRadioButton(self.tr("Tệp chứng thư số (.p12, .pfx)"))
        self.use_token = QRadioButton(self.tr("USB ký số (token PKCS#11)"))
        group = QButtonGroup(self)
        group.addButton(self.use_p12)
        group.addButton(self.use_token)

        p12_page = QWidget()
        pform = QFormLayout(p12_page)
        self.p12_path = QComboBox()
        self.p12_path.setEditable(True)
        self.p12_path.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        last = str(settings.value(LAST_P12, "") or "")
        for path in dict.fromkeys([last, *settings.certificates]):
            if path:
                self.p12_path.addItem(path)
        self.p12_path.setCurrentText(last or (settings.certificates[0] if settings.certificates else ""))
        self.p12_path.lineEdit().setPlaceholderText(self.tr("Đường dẫn tệp .p12 của bạn"))
        browse = QPushButton(icon("open"), self.tr("Chọn…"))
        browse.clicked.connect(self._browse_p12)
        row = QHBoxLayout()
        row.addWidget(self.p12_path, 1)
        row.addWidget(browse)
        pform.addRow(self.tr("Tệp:"), row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        pform.addRow(self.tr("Mật khẩu:"), self.password)

        token_page = QWidget()
        tform = QFormLayout(token_page)
        self.library = QLineEdit(settings.token_library)
        self.library.setPlaceholderText("/usr/lib/…/libpkcs11.so")
        self.token_label = QLineEdit(str(settings.value(LAST_TOKEN_LABEL, "") or ""))
        self.key_label = QLineEdit(str(settings.value(LAST_KEY_LABEL, "") or ""))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        tform.addRow(self.tr("Thư viện PKCS#11:"), self.library)
        tform.addRow(self.tr("Tên token:"), self.token_label)
        tform.addRow(self.tr("Tên khóa trên token:"), self.key_label)
        tform.addRow(self.tr("Mã PIN:"), self.pin)

        self.pages = QStackedWidget()
        self.pages.addWidget(p12_page)
        self.pages.addWidget(token_page)
        note = QLabel(self.tr("Mật khẩu và mã PIN chỉ dùng cho lần ký này, không được lưu lại."))
        note.setStyleSheet("color: #566573;")
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ký"))
        self.ok_button.setIcon(icon("sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.use_p12)
        layout.addWidget(self.use_token)
        layout.addWidget(self.pages)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for edit in (self.password, self.library, self.token_label, self.key_label, self.pin):
            edit.textChanged.connect(self._update)
        self.p12_path.currentTextChanged.connect(self._update)
        self.use_p12.toggled.connect(self._update)
        (self.use_token if settings.value(LAST_METHOD, "") == "token" else self.use_p12).setChecked(True)
        self._update()
        self.resize(560, self.sizeHint().height())
        (self.pin if self.use_token.isChecked() else self.password).setFocus()

    def _browse_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp chứng thư số"), self.p12_path.currentText(),
                                              self.tr("Chứng thư số (*.p12 *.pfx)"))
        if path:
            self.p12_path.setCurrentText(path)

    def _update(self) -> None:
        token = self.use_token.isChecked()
        self.pages.setCurrentIndex(1 if token else 0)
        if token:
            ready = all(e.text().strip() for e in (self.library, self.token_label, self.key_label)) and bool(self.pin.text())
        else:
            ready = bool(self.p12_path.currentText().strip())
        self.ok_button.setEnabled(ready)

    def source(self) -> KeySource:
        if self.use_token.isChecked():
            return KeySource("token", library=self.library.text().strip(), token_label=self.token_label.text().strip(),
                             key_label=self.key_label.text().strip(), pin=self.pin.text())
        return KeySource("pkcs12", path=self.p12_path.currentText().strip(), password=self.password.text())

    def accept(self) -> None:
        s = self.settings
        if self.use_token.isChecked():
            s.set_value(LAST_METHOD, "token")
            s.token_library = self.library.text().strip()
            s.set_value(LAST_TOKEN_LABEL, self.token_label.text().strip())
            s.set_value(LAST_KEY_LABEL, self.key_label.text().strip())
        else:
            s.set_value(LAST_METHOD, "pkcs12")
            s.set_value(LAST_P12, self.p12_path.currentText().strip())
        s.sync()
        super().accept()


class RequestSignaturesDialog(QDialog):
    """Pick the signers, in order, from the meeting's participants; certify or not; a reason."""

    def __init__(self, participants: Sequence[ParticipantInfo], document_title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Yêu cầu ký số"))
        self.setWindowIcon(icon("sign"))
        what = QLabel(self.tr("Chọn người ký “{title}” theo thứ tự ký: người thứ nhất ký trước, người sau ký khi "
                              "người trước đã ký.").format(title=document_title))
        what.setWordWrap(True)
        self.available = QListWidget()
        self.chosen = QListWidget()
        for lst in (self.available, self.chosen):
            lst.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            lst.setMinimumHeight(220)
            lst.setSpacing(1)
        people = {p.person_id: p for p in participants}  # one row per person, whatever their sites
        for p in people.values():
            self.available.addItem(self._item(p))
        # The usual order for minutes: the secretary signs first, then the chair.
        for role in ("secretary", "chair"):
            person = next((p for p in people.values() if p.role == role), None)
            if person is not None:
                self._move(self.available, self.chosen, self._row_of(self.available, person.person_id))
        add = QPushButton(icon("add"), self.tr("Thêm"))
        remove = QPushButton(icon("remove"), self.tr("Bỏ"))
        up = QPushButton(icon("up"), self.tr("Lên"))
        down = QPushButton(icon("down"), self.tr("Xuống"))
        add.clicked.connect(lambda: self._move(self.available, self.chosen, self.available.currentRow()))
        remove.clicked.connect(lambda: self._move(self.chosen, self.available, self.chosen.currentRow()))
        self.available.itemDoubleClicked.connect(lambda it: self._move(self.available, self.chosen,
                                                                       self.available.row(it)))
        self.chosen.itemDoubleClicked.connect(lambda it: self._move(self.chosen, self.available, self.chosen.row(it)))
        up.clicked.connect(lambda: self._shift(-1))
        down.clicked.connect(lambda: self._shift(1))
        middle = QVBoxLayout()
        middle.addStretch()
        for b in (add, remove, up, down):
            middle.addWidget(b)
        middle.addStretch()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Thành phần dự họp:")), 0, 0)
        grid.addWidget(QLabel(self.tr("Người ký, theo thứ tự:")), 0, 2)
        grid.addWidget(self.available, 1, 0)
        grid.addLayout(middle, 1, 1)
        grid.addWidget(self.chosen, 1, 2)
        self.certify = QCheckBox(self.tr("Chữ ký thứ nhất chứng nhận tài liệu (sau đó chỉ được ký tiếp, "
                                         "không được sửa nội dung)"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Ví dụ: Xác nhận biên bản phiên họp"))
        form = QFormLayout()
        form.addRow(self.tr("Lý do ký:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Tạo yêu cầu ký"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(grid, 1)
        layout.addWidget(self.certify)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._update()
        self.resize(760, 440)

    def _item(self, p: ParticipantInfo) -> QListWidgetItem:
        text = f"{p.full_name} ({tr(ROLE, p.role)})" + (f"\n{p.position}" if p.position else "")
        item = QListWidgetItem(icon("person"), text)
        item.setData(Qt.ItemDataRole.UserRole, p.person_id)
        return item

    @staticmethod
    def _row_of(lst: QListWidget, person_id: int) -> int:
        return next((i for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == person_id), -1)

    def _move(self, source: QListWidget, target: QListWidget, row: int) -> None:
        if 0 <= row < source.count():
            target.addItem(source.takeItem(row))
            target.setCurrentRow(target.count() - 1)
        self._update()

    def _shift(self, step: int) -> None:
        row = self.chosen.currentRow()
        to = row + step
        if 0 <= row < self.chosen.count() and 0 <= to < self.chosen.count():
            self.chosen.insertItem(to, self.chosen.takeItem(row))
            self.chosen.setCurrentRow(to)
        self._update()

    def _update(self) -> None:
        if hasattr(self, "ok_button"):  # not yet while the lists are first filled
            self.ok_button.setEnabled(self.chosen.count() > 0)

    def choose(self, person_ids: Sequence[int]) -> None:
        """Set the signers and their order (tests, and a future "same as last time")."""
        while self.chosen.count():
            self._move(self.chosen, self.available, 0)
        for pid in person_ids:
            self._move(self.available, self.chosen, self._row_of(self.available, pid))

    def signer_ids(self) -> list[int]:
        return [int(self.chosen.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.chosen.count())]

    def values(self) -> dict:
        return {"signer_person_ids": self.signer_ids(), "certify_first": self.certify.isChecked(),
                "reason": self.reason.text().strip() or None}


# -- Settings: my certificates ---------------------------------------------------------------
def register_p12(store, person_id: int, path: str, password: str):
    """Open the .p12 (to prove it is the person's and read its certificate) and register the
    certificate to them; the key itself never leaves the file."""
    from signing.keys.certificates import register_certificate  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    key = open_key(KeySource("pkcs12", path=path, password=password))
    try:
        der = key.certificate_der
    finally:
        key.close()
    with store.uow(person_id) as uow:
        info = register_certificate(uow, person_id, der, source="import")
        uow.commit()
    return info


def common_name(subject: str) -> str:
    return next((part[3:] for part in subject.split(",") if part.startswith("CN=")), subject)


def say(label: QLabel, text: str, ok: bool) -> None:
    label.setStyleSheet("color: #1e8449;" if ok else "color: #a93226;")
    label.setText(text)
    label.show()


def message_of(exc: BaseException, language: str) -> str:
    if isinstance(exc, NghisuError):
        return exc.message(language)
    return QCoreApplication.translate("CertificateList", "Không thực hiện được: {detail}").format(detail=str(exc)[:200])


class CertificateList(_PathList):
    """My .p12 files: adding one asks its password and registers its certificate to "who I am"."""

    def __init__(self, settings: AppSettings, runner: TaskRunner, store, person, parent=None) -> None:
        super().__init__(settings.certificates, self.tr("Chứng thư số (*.p12 *.pfx)"), self.tr("Chọn tệp chứng thư số"),
                         parent)
        self.settings, self.runner, self.store, self._person = settings, runner, store, person
        self.list.setMaximumHeight(96)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()

    def add_paths(self, paths: list[str]) -> None:
        for path in paths:
            if self.store is None:  # no store open: remembered only, registered when added again
                super().add_paths([path])
                continue
            password, ok = QInputDialog.getText(self, self.tr("Mật khẩu chứng thư số"),
                                                self.tr("Mật khẩu của “{name}”:").format(name=Path(path).name),
                                                QLineEdit.EchoMode.Password)
            if ok:
                self.register(path, password)

    def register(self, path: str, password: str) -> None:
        person = self._person()
        if person is None:
            say(self.status, self.tr("Hãy chọn “Tôi là” trước khi thêm chứng thư số."), False)
            return

        def done(info) -> None:
            super(CertificateList, self).add_paths([path])
            say(self.status, self.tr("Đã đăng ký chứng thư “{name}” cho người dùng đã chọn.").format(
                name=common_name(info.subject)), True)

        self.runner.run("settings.certificate", register_p12, self.store, person, path, password, write=True,
                        on_result=done, on_error=lambda exc: say(self.status, message_of(exc, self.settings.language),
                                                                  False))


__all__ = ["LAST_KEY_LABEL", "LAST_METHOD", "LAST_P12", "LAST_TOKEN_LABEL", "CertificateList", "KeySource",
           "RequestSignaturesDialog", "SignDialog", "common_name", "message_of", "open_key", "register_p12", "say",
           "sign_with_key", "signing_refusal"]
