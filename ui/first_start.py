"""The first-start assistant: where the office's store is, who you are (and, on this machine,
how you prove it), your signing key, and whether to load the demo. Everything it asks has a
default (this machine, the demo, this computer's account, no key yet), so "Tiếp, Tiếp, Hoàn tất"
gives a working window; it can be run again from the File menu.

It only collects answers (``FirstStartChoice``) and tests the connection; the window applies them
(settings saved, the store opened, then ``prove_identity``) so the same path serves the first
start and a re-run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from store.errors import InvalidInput
from store.location import StoreLocation, default_home
from store.pin_rule import check_new_pin
from ui.commands.whoami import os_user
from ui.error_line import ErrorLine
from ui.icons import icon
from ui.main_window_jobs import demo_clerk
from ui.settings import AppSettings, list_people, location_from, probe_store
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DONE_KEY = "first_start/done"


@dataclass(frozen=True)
class FirstStartChoice:
    mode: str  # "folder" (this machine) or "postgres" (the province's shared store)
    store_dir: str
    database_url: str
    demo: bool
    person_id: int | None
    certificate: str
    token_library: str
    #: How the person at this desk proves who they are on a folder store ("account": this
    #: computer's account, "pin"), applied by ``prove_identity``; "" on a shared store, where
    #: the login proves it. The PIN lives only here, on its way to its hash: never shown nor saved.
    proof: str = ""
    account: str = ""
    pin: str = field(default="", repr=False)

    def location(self) -> StoreLocation:
        return location_from(self.store_dir if self.mode == "folder" else None,
                             self.database_url if self.mode == "postgres" else None)


def needs_first_start(settings: AppSettings) -> bool:
    """Not yet run, and no store chosen some other way (Settings, or an older version's use)."""
    return not settings.value(DONE_KEY, False) and not settings.store_mode


def mark_done(settings: AppSettings) -> None:
    settings.set_value(DONE_KEY, True)


class StorePage(QWizardPage):
    def __init__(self, wizard: FirstStartWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Kho dữ liệu"))
        self.setSubTitle(self.tr("Nơi lưu cuộc họp, tài liệu và chữ ký của cơ quan."))
        self.here = QRadioButton(self.tr("Trên máy này (một cơ quan, một máy)"))
        self.shared = QRadioButton(self.tr("Kho dùng chung của tỉnh (PostgreSQL, do bộ phận CNTT cấp)"))
        group = QButtonGroup(self)
        group.addButton(self.here)
        group.addButton(self.shared)
        self.here.setChecked(True)
        self.dir_edit = QLineEdit(str(default_home()))
        browse = QPushButton(icon("open"), self.tr("Chọn…"))
        browse.clicked.connect(self._browse)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql://tên_đăng_nhập@máy_chủ:5432/nghisu")
        self.test_button = QPushButton(self.tr("Kiểm tra kết nối"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = ErrorLine()
        self.tested_url: str | None = None  # the URL that answered; "Tiếp" needs it for a shared store
        row = QHBoxLayout()
        row.addWidget(self.dir_edit, 1)
        row.addWidget(browse)
        test = QHBoxLayout()
        test.addWidget(self.test_button)
        test.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.here)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.shared)
        layout.addWidget(self.url_edit)
        layout.addLayout(test)
        layout.addStretch(1)
        for signal in (self.here.toggled, self.url_edit.textChanged):
            signal.connect(lambda *_: self.completeChanged.emit())

    def mode(self) -> str:
        return "folder" if self.here.isChecked() else "postgres"

    def isComplete(self) -> bool:
        if self.mode() == "folder":
            return bool(self.dir_edit.text().strip())
        return self.tested_url is not None and self.tested_url == self.url_edit.text().strip()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục kho dữ liệu"), self.dir_edit.text())
        if folder:
            self.dir_edit.setText(folder)
            self.here.setChecked(True)

    def test_connection(self) -> None:
        url = self.url_edit.text().strip()
        self.shared.setChecked(True)
        self.test_button.setEnabled(False)
        self.result.say(self.tr("Đang kết nối…"))

        def ok(units: str) -> None:
            self.test_button.setEnabled(True)
            self.tested_url = url
            self.result.say_ok(self.tr("Kết nối được; kho có {n} đơn vị.").format(n=units))
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.tested_url = None
            self.result.say_error(exc, self.wizard_.settings.language, otherwise=self.tr("Không kết nối được."))
            self.completeChanged.emit()

        try:
            location = location_from(None, url)
        except Exception as exc:  # a malformed address: said on the page, like any refusal
            failed(exc)
            return
        self.wizard_.runner.run("first_start.test", probe_store, location, on_result=ok, on_error=failed)


class PersonPage(QWizardPage):
    """Who you are: on a shared store, one of its people (the store is already reachable; the
    login proves it); on this machine the demo's secretary when the demo is loaded, proved by
    this computer's account (the default: nothing to type) or by a PIN typed twice."""

    def __init__(self, wizard: FirstStartWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Bạn là ai"))
        self.setSubTitle(self.tr("Mọi việc bạn làm được ghi vào nhật ký kiểm tra dưới tên này."))
        self.demo = QCheckBox(self.tr("Nạp dữ liệu mẫu (UBND tỉnh Quảng Trị sau sắp xếp năm 2025) để dùng thử"))
        self.demo.setChecked(True)
        self.person = QComboBox()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #566573;")
        self.account = os_user() or ""
        self.by_account = QRadioButton(self.tr("Tài khoản máy này ({account})").format(account=self.account or "?"))
        self.by_account.setEnabled(bool(self.account))
        self.by_pin = QRadioButton(self.tr("Mã PIN"))
        group = QButtonGroup(self)
        group.addButton(self.by_account)
        group.addButton(self.by_pin)
        (self.by_account if self.account else self.by_pin).setChecked(True)
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("ít nhất 6 chữ số"))
        self.proof_note = QLabel(self.tr(
            "Tài khoản máy: ai đăng nhập máy bằng tài khoản này là bạn, không phải gõ gì thêm. "
            "Mã PIN (gõ hai lần, chỉ lưu dạng băm): chọn khi nhiều người dùng chung một tài khoản máy."))
        self.proof_note.setWordWrap(True)
        self.error = ErrorLine()
        form = QFormLayout(self)
        form.addRow(self.demo)
        form.addRow(self.tr("Tôi là:"), self.person)
        form.addRow(self.note)
        self.proof_rows = [(self.tr("Chứng minh bằng:"), self.by_account), ("", self.by_pin),
                           (self.tr("Mã PIN:"), self.pin), (self.tr("Nhập lại mã PIN:"), self.pin_again)]
        for label, widget in self.proof_rows:
            form.addRow(label, widget)
        form.addRow(self.proof_note)
        form.addRow(self.error)
        self.form = form
        for signal in (self.demo.toggled, self.by_pin.toggled):
            signal.connect(lambda *_: self._explain())

    def asks_proof(self) -> bool:
        """A folder on this machine with someone to be (the demo's secretary), on the first start
        (a re-run changes the store from the next start: Tệp → Tôi là… is for the one open)."""
        return self.wizard_.first and self.wizard_.store_page.mode() == "folder" and self.demo.isChecked()

    def proof(self) -> str:
        if not self.asks_proof():
            return ""
        return "pin" if self.by_pin.isChecked() else "account"

    def _explain(self) -> None:
        shared = self.wizard_.store_page.mode() == "postgres"
        for _label, widget in self.proof_rows:
            self.form.setRowVisible(widget, not shared and self.wizard_.first)
        self.proof_note.setVisible(not shared and self.wizard_.first)
        asks = self.asks_proof()
        self.by_account.setEnabled(asks and bool(self.account))
        self.by_pin.setEnabled(asks)
        for edit in (self.pin, self.pin_again):
            edit.setEnabled(asks and self.by_pin.isChecked())
        self.error.say("")
        if shared:
            return
        if not self.wizard_.first:
            self.note.setText(self.tr("Mã PIN hay tài khoản máy của bạn: Tệp → Tôi là… trong kho đang mở."))
        elif self.demo.isChecked():
            self.note.setText(self.tr("Với dữ liệu mẫu, bạn là chuyên viên Văn phòng UBND tỉnh của dữ liệu mẫu; "
                                      "đổi trong Tệp → Tôi là…"))
        else:
            self.note.setText(self.tr("Kho mới chưa có ai: thêm mình vào danh bạ, rồi chọn Tệp → Tôi là… để đặt "
                                      "mã PIN hoặc gắn tài khoản máy."))

    def initializePage(self) -> None:
        shared = self.wizard_.store_page.mode() == "postgres"
        self.demo.setVisible(not shared)  # a shared store is never filled with demo data
        self.person.clear()
        self._explain()
        if shared:
            self.note.setText(self.tr("Đang đọc danh sách cán bộ của kho…"))
            location = location_from(None, self.wizard_.store_page.url_edit.text().strip())
            self.wizard_.runner.run("first_start.people", _people_at, location, on_result=self._fill)
        else:
            self.person.addItem(self.tr("(chọn sau, trong Cài đặt)"), None)

    def _fill(self, people: list) -> None:
        for p in people:
            self.person.addItem(f"{p.full_name} — {p.position}", p.id)
        self.note.setText(self.tr("Chọn đúng tên mình: kho dùng chung kiểm tra quyền theo tên đăng nhập "
                                  "và người được chọn."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.wizard_.store_page.mode() == "postgres":
            return self.person.currentData() is not None
        return True

    def validatePage(self) -> bool:
        """A PIN is refused here, in one line, before anything is written."""
        if self.proof() != "pin":
            return True
        try:
            check_new_pin(self.pin.text().strip(), self.pin_again.text().strip())
        except InvalidInput as exc:
            self.pin.clear()
            self.pin_again.clear()
            self.error.say_error(exc, self.wizard_.settings.language)
            return False
        return True


class KeyPage(QWizardPage):
    def __init__(self, wizard: FirstStartWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Chữ ký số"))
        self.setSubTitle(self.tr("Tệp chứng thư số (.p12, .pfx) hoặc USB ký số; có thể để trống và thêm sau."))
        self.p12_edit = QLineEdit()
        self.p12_edit.setPlaceholderText(self.tr("(chưa có)"))
        p12_browse = QPushButton(icon("open"), self.tr("Chọn…"))
        p12_browse.clicked.connect(self._browse_p12)
        self.token_edit = QLineEdit(wizard.settings.token_library)
        self.token_edit.setPlaceholderText("/usr/lib/…/libpkcs11.so")
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.p12_edit, 1)
        row.addWidget(p12_browse)
        form.addRow(self.tr("Tệp chứng thư số:"), row)
        form.addRow(self.tr("Thư viện USB ký số (PKCS#11):"), self.token_edit)

    def _browse_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp chứng thư số"), "",
                                              self.tr("Chứng thư số (*.p12 *.pfx)"))
        if path:
            self.p12_edit.setText(path)


class FirstStartWizard(QWizard):
    def __init__(self, settings: AppSettings, runner: TaskRunner, parent=None, *, first: bool = True) -> None:
        super().__init__(parent)
        self.settings, self.runner, self.first = settings, runner, first
        self.setWindowTitle(self.tr("Thiết lập Nghị Sự"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 400)
        self.store_page = StorePage(self)
        self.person_page = PersonPage(self)
        self.key_page = KeyPage(self)
        for page in (self.store_page, self.person_page, self.key_page):
            self.addPage(page)

    def choice(self) -> FirstStartChoice:
        mode = self.store_page.mode()
        return FirstStartChoice(
            mode=mode,
            store_dir=self.store_page.dir_edit.text().strip(),
            database_url=self.store_page.url_edit.text().strip(),
            demo=mode == "folder" and self.person_page.demo.isChecked(),
            person_id=self.person_page.person.currentData(),
            certificate=self.key_page.p12_edit.text().strip(),
            token_library=self.key_page.token_edit.text().strip(),
            proof=self.person_page.proof(),
            account=self.person_page.account,
            pin=self.person_page.pin.text().strip() if self.person_page.proof() == "pin" else "",
        )


def _people_at(location: StoreLocation) -> list:
    from store.engine import open_store  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = open_store(location)
    try:
        return list_people(store)
    finally:
        store.close()


def apply_choice(settings: AppSettings, choice: FirstStartChoice) -> None:
    """Save the answers; the window then opens the store they name."""
    settings.set_store(choice.mode, choice.store_dir if choice.mode == "folder" else "",
                       choice.database_url if choice.mode == "postgres" else "")
    if choice.person_id is not None:
        settings.person_id = choice.person_id
    if choice.certificate and choice.certificate not in settings.certificates:
        settings.certificates = [*settings.certificates, choice.certificate]
    settings.token_library = choice.token_library
    mark_done(settings)
    settings.sync()


def prove_identity(window: MainWindow, choice: FirstStartChoice) -> None:
    """Once the store is open and the demo made: the person at this desk proves who they are
    the way the assistant was told, exactly as Tệp → Tôi là… does (``ui.identity.jobs.sign_in``:
    the account bound, or the PIN set, by that person); a refusal is shown in the window's one place."""
    if not choice.proof or window.store is None:
        return
    if window.settings.person_id is None and choice.demo:
        # The folder already held the demo (made before, by the assistant or ``nghisu demo``):
        # with the demo, you are its văn thư, as the assistant said.
        def found(clerk_id: int | None) -> None:
            if clerk_id is not None:
                window.settings.person_id = clerk_id
            _prove(window, choice)

        window.runner.run("first_start.clerk", demo_clerk, window.store, on_result=found)
        return
    _prove(window, choice)


def _prove(window: MainWindow, choice: FirstStartChoice) -> None:
    person_id = window.settings.person_id
    if person_id is None or window.store is None:  # nobody to be: a store of the office's own, or the demo cancelled
        window.notify(QCoreApplication.translate(
            "FirstStart", "Chưa biết bạn là ai trong kho này: chọn Tệp → Tôi là… để đặt mã PIN hoặc gắn tài khoản máy."))
        return
    from ui.identity.dialog import apply_person  # noqa: PLC0415 -- the dialog's module, built only when needed
    from ui.identity.jobs import Answer, Proof, sign_in  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    answer = Answer(person_id, Proof(choice.proof), pin=choice.pin, pin_again=choice.pin, account=choice.account)
    window.runner.run("first_start.identity", sign_in, window.store, answer,
                      on_result=lambda chosen: apply_person(window, chosen), write=True)
