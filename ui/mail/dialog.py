"""Tệp → Thư công vụ…: the selected unit's outgoing queue (each recipient's copy, sent, waiting
or refused with the server's words) with "Gửi ngay" and "Lấy thư về", and the unit's mail
account: servers, TLS, the office's address, and the password kept on this computer only (the
system keyring when the person ticks it, else a file only they can read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mail.account import ImapSecurity, MailAccount, SmtpSecurity
from store.errors import NghisuError
from ui.error_line import ErrorLine
from ui.mail import jobs
from ui.mail.queue_model import MailQueueModel

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.tasks import TaskHandle


class MailAccountForm(QWidget):
    """The unit's account; nothing here is a secret except the password, which never reaches the store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.address = QLineEdit()
        self.address.setPlaceholderText("vanthu@quangtri.gov.vn")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Văn phòng UBND tỉnh Quảng Trị"))
        self.smtp_host, self.imap_host = QLineEdit(), QLineEdit()
        self.smtp_port, self.imap_port = QSpinBox(), QSpinBox()
        for spin, default in ((self.smtp_port, 587), (self.imap_port, 993)):
            spin.setRange(1, 65535)
            spin.setValue(default)
        self.smtp_security, self.imap_security = QComboBox(), QComboBox()
        for combo, codes in ((self.smtp_security, SmtpSecurity), (self.imap_security, ImapSecurity)):
            for code in codes:
                combo.addItem(code.vi, str(code))
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("(như địa chỉ thư)"))
        self.folder = QLineEdit("INBOX")
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("(chỉ khi máy chủ dùng chứng thư của CA riêng)"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_state = QLabel()
        self.keyring = QCheckBox(self.tr("Lưu mật khẩu trong kho khoá của hệ điều hành (nếu không: tệp riêng trên máy này)"))
        form.addRow(self.tr("Địa chỉ gửi"), self.address)
        form.addRow(self.tr("Tên hiển thị"), self.name)
        form.addRow(self.tr("Máy chủ SMTP"), self._row(self.smtp_host, self.smtp_port, self.smtp_security))
        form.addRow(self.tr("Máy chủ IMAP"), self._row(self.imap_host, self.imap_port, self.imap_security))
        form.addRow(self.tr("Tên đăng nhập"), self.login)
        form.addRow(self.tr("Hộp thư lấy văn bản đến"), self.folder)
        form.addRow(self.tr("Tệp CA riêng"), self.ca_file)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow("", self.password_state)
        form.addRow("", self.keyring)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for i, w in enumerate(widgets):
            row.addWidget(w, 3 if i == 0 else 1)
        return box

    def show_account(self, account: MailAccount | None, has_password: bool) -> None:
        if account is not None:
            self.address.setText(account.address)
            self.name.setText(account.display_name)
            self.smtp_host.setText(account.smtp_host)
            self.smtp_port.setValue(account.smtp_port)
            self.smtp_security.setCurrentIndex(self.smtp_security.findData(str(account.smtp_security)))
            self.imap_host.setText(account.imap_host)
            self.imap_port.setValue(account.imap_port)
            self.imap_security.setCurrentIndex(self.imap_security.findData(str(account.imap_security)))
            self.login.setText(account.smtp_user)
            self.folder.setText(account.imap_folder)
            self.ca_file.setText(account.ca_file or "")
        self.password_state.setText(self.tr("Máy này đã có mật khẩu (để trống nếu không đổi).") if has_password
                                    else self.tr("Máy này chưa có mật khẩu thư."))

    def account(self) -> MailAccount:
        """The account as typed; a bad value raises the core's own message."""
        return MailAccount(
            address=self.address.text().strip(), display_name=" ".join(self.name.text().split()),
            smtp_host=self.smtp_host.text().strip(), smtp_port=self.smtp_port.value(),
            smtp_security=SmtpSecurity(self.smtp_security.currentData()), smtp_user=self.login.text().strip(),
            imap_host=self.imap_host.text().strip(), imap_port=self.imap_port.value(),
            imap_security=ImapSecurity(self.imap_security.currentData()), imap_user=self.login.text().strip(),
            imap_folder=self.folder.text().strip() or "INBOX", ca_file=self.ca_file.text().strip() or None)


class MailDialog(QDialog):
    def __init__(self, window: MainWindow, unit_id: int, unit_name: str) -> None:
        super().__init__(window)
        self.window_ = window
        self.unit_id = unit_id
        self.setWindowTitle(self.tr("Thư công vụ — {unit}").format(unit=unit_name))
        self.resize(980, 560)
        self.tabs = QTabWidget()
        # The queue.
        queue = QWidget()
        qv = QVBoxLayout(queue)
        self.model = MailQueueModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        qv.addWidget(self.table)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outcome = ErrorLine()  # what the last send or fetch did (the status line is the queue's state)
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Gửi ngay"))
        self.fetch_button = QPushButton(self.tr("Lấy thư về sổ văn bản đến"))
        self.cancel_button = QPushButton(self.tr("Dừng"))
        self.cancel_button.hide()
        for b in (self.send_button, self.fetch_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        qv.addWidget(self.status)
        qv.addWidget(self.outcome)
        qv.addWidget(self.progress)
        qv.addLayout(buttons)
        self.tabs.addTab(queue, self.tr("Hộp thư đi"))
        # The account.
        account = QWidget()
        av = QVBoxLayout(account)
        self.form = MailAccountForm()
        av.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu tài khoản"))
        self.try_button = QPushButton(self.tr("Thử kết nối"))
        row.addWidget(self.save_button)
        row.addWidget(self.try_button)
        row.addStretch(1)
        av.addLayout(row)
        self.account_status = ErrorLine()
        self.account_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        av.addWidget(self.account_status, 1)
        self.tabs.addTab(account, self.tr("Tài khoản thư"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.send_button.clicked.connect(self.send)
        self.fetch_button.clicked.connect(self.fetch)
        self.save_button.clicked.connect(self.save)
        self.try_button.clicked.connect(self.try_connection)
        self._task: TaskHandle | None = None
        self._running = False
        self.cancel_button.clicked.connect(lambda: self._task.cancel() if self._task else None)
        self.refresh()

    # -- state ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        w = self.window_
        w.runner.run("mail.state", jobs.load_state, w.store, self.unit_id, on_result=self._shown)

    def _shown(self, state: jobs.MailState) -> None:
        self.model.set_rows(state.deliveries)
        self.table.resizeColumnsToContents()
        self.form.show_account(state.account, state.has_password)
        waiting = sum(1 for d in state.deliveries if d.status == "queued")
        refused = sum(1 for d in state.deliveries if d.status == "refused")
        if state.account is None:
            self.status.setText(self.tr("Đơn vị chưa có tài khoản thư công vụ: hãy điền ở thẻ \"Tài khoản thư\"."))
            self.tabs.setCurrentIndex(1)
        else:
            self.status.setText(self.tr("Gửi từ {address}. Chờ gửi: {waiting}; bị từ chối: {refused} (lý do ở cột cuối).")
                                .format(address=state.account.address, waiting=waiting, refused=refused))
        ready = state.account is not None and state.has_password
        self.send_button.setEnabled(ready and waiting > 0)
        self.fetch_button.setEnabled(ready)

    def _busy(self, busy: bool) -> None:
        self._running = busy
        if not busy:
            self._task = None
        for b in (self.send_button, self.fetch_button, self.save_button, self.try_button):
            b.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setRange(0, 0)

    def _start(self, handle: TaskHandle) -> None:
        """Keep the task to cancel, unless it has already finished (a synchronous runner)."""
        self._task = handle if self._running else None

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.outcome.say_error(exc, self.window_.settings.language)
        self.window_.show_error(exc)
        self.refresh()

    # -- actions ----------------------------------------------------------------------------------
    def send(self) -> None:
        w = self.window_

        def done(report) -> None:
            self._busy(False)
            self.outcome.say(self.tr("Đã gửi {sent}, bị từ chối {refused}, hẹn gửi lại {deferred}.")
                                .format(sent=len(report.sent), refused=len(report.refused),
                                        deferred=len(report.deferred)))
            self.refresh()

        self._busy(True)
        self._start(w.runner.run("mail.send", jobs.send_now, w.store, w.actor_id, self.unit_id, on_result=done,
                                on_error=self._failed, on_progress=self._progress, write=True))

    def fetch(self) -> None:
        w = self.window_

        def done(report) -> None:
            self._busy(False)
            self.outcome.say(self.tr("{n} thư mới: vào sổ {reg}, đã có trong sổ {dup}, bỏ qua {skip}.").format(
                n=len(report.taken), reg=report.count("registered"), dup=report.count("duplicate"),
                skip=report.count("skipped")))
            self.refresh()
            area = getattr(w, "register_area", None)  # the "Văn bản" tab shows what was registered
            if area is not None:
                area.refresh()

        self._busy(True)
        self._start(w.runner.run("mail.fetch", jobs.fetch_now, w.store, w.actor_id, self.unit_id, on_result=done,
                                on_error=self._failed, on_progress=self._progress, write=True))

    def save(self) -> None:
        w = self.window_
        try:
            account = self.form.account()
        except NghisuError as exc:
            self.account_status.say_error(exc, self.window_.settings.language)
            return
        password = self.form.password.text()
        self.form.password.clear()

        def saved(_account) -> None:
            self.account_status.say(self.tr("Đã lưu tài khoản thư."))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.account_status.say_error(exc, w.settings.language)
            w.show_error(exc)

        w.runner.run("mail.account", jobs.save_account, w.store, w.actor_id, self.unit_id, account, password,
                     self.form.keyring.isChecked(), on_result=saved, on_error=failed, write=True)

    def try_connection(self) -> None:
        try:
            account = self.form.account()
        except NghisuError as exc:
            self.account_status.say_error(exc, self.window_.settings.language)
            return
        self.account_status.say(self.tr("Đang thử kết nối…"))
        self.window_.runner.run(
            "mail.try", jobs.try_account, account, self.form.password.text(),
            on_result=self.account_status.say,
            on_error=lambda exc: self.account_status.say_error(exc, self.window_.settings.language))
