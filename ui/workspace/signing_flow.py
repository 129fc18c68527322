"""The Signing tab's actions: "Yêu cầu ký…" (choose the signers, in order) and "Ký…" (choose
the key, sign on the write queue), and the bar offering to sign again when someone stored a
newer version first.

``SigningFlow`` is owned by ``SigningTab`` (ui/workspace/signing_tab.py): the tab hands it the
selected document, and it reports back by signals (``busy``, ``started``, ``signed``,
``failed``, ``newerVersion``); the tab verifies what was signed and keeps its buttons current.
``SignRetryBar`` is the bar the tab shows on ``newerVersion``. Their strings keep the
"SigningTab" translation context they had there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from store.errors import ConflictError
from ui.icons import icon
from ui.settings import AppSettings
from ui.workspace.key_source import sign_with_key
from ui.workspace.sign_dialog import RequestSignaturesDialog, SignDialog, signing_refusal

if TYPE_CHECKING:
    from signing.workflow_records import SignOutcome
    from ui.models.signing import DocumentSigning
    from ui.workspace.context import MeetingBundle
    from ui.workspace.key_source import KeySource
    from ui.workspace.workspace import MeetingWorkspace


class SigningFlow(QObject):
    """Requesting signatures and signing one document at a time, for the tab that owns it."""

    busy = Signal(str)  # the line beside the progress bar; "" when nothing runs
    started = Signal()  # signing began: the tab disables its buttons
    signed = Signal(int, int)  # document id, the signed version's number: the tab verifies it
    failed = Signal()  # signing failed (the error is shown): the tab re-enables its buttons
    newerVersion = Signal(int)  # document id: someone stored a newer version first, signing it may be retried

    def __init__(self, workspace: MeetingWorkspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.widget = parent  # the dialogs' parent
        self.document_id: int | None = None  # the document being signed, while it is

    # -- requesting ---------------------------------------------------------------------------
    def request_signatures(self, entry: DocumentSigning | None, bundle: MeetingBundle | None) -> None:
        from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

        if entry is None or bundle is None:
            self.ws.ctx.notify(QCoreApplication.translate("SigningTab",
                                                          "Chọn một tài liệu trong danh sách trước."))
            return
        dialog = RequestSignaturesDialog(bundle.detail.participants, entry.document.title, self.widget)
        if dialog.exec() != RequestSignaturesDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def done(info) -> None:
            names = ", ".join(s.person_name for s in info.slots)
            self.ws.ctx.notify(QCoreApplication.translate("SigningTab", "Đã tạo yêu cầu ký: {names}.")
                               .format(names=names))
            self.ws.reload()

        self.ws.write("signing.request", request_signatures, entry.document.id, **values, on_result=done)

    # -- signing ------------------------------------------------------------------------------
    def sign(self, entry: DocumentSigning | None, bundle: MeetingBundle | None) -> None:
        """Ask for the key (after the same refusal the service would give), then sign."""
        if entry is None:
            self.ws.ctx.notify(QCoreApplication.translate("SigningTab",
                                                          "Chọn một tài liệu trong danh sách trước."))
            return
        me = self.ws.ctx.actor_id
        my_name = next((p.full_name for p in (bundle.people if bundle else ()) if p.id == me), None)
        refusal = signing_refusal(entry.request, me, my_name)
        if refusal is not None:
            self.ws.ctx.show_error(refusal)
            return
        turn = entry.turn
        assert turn is not None  # signing_refusal refuses a document that is nobody's turn
        settings = getattr(self.widget.window(), "settings", None) or AppSettings()
        who = f"{turn.person_name} — {turn.person_position}" if turn.person_position else turn.person_name
        dialog = SignDialog(settings, entry.document.title, who, self.widget)
        if dialog.exec() != SignDialog.DialogCode.Accepted:
            return
        self.start_signing(entry, dialog.source())

    def start_signing(self, entry: DocumentSigning, source: KeySource) -> None:
        ctx, req = self.ws.ctx, entry.request
        assert req is not None  # only a requested document has a turn to sign
        self.document_id = entry.document.id
        self.started.emit()
        self.busy.emit(QCoreApplication.translate("SigningTab", "Đang mở khóa ký…"))
        ctx.runner.run("signing.sign", sign_with_key, ctx.store, req.id, ctx.actor_id, source, req.version,
                       write=True, on_progress=self._progress, on_result=self._signed, on_error=self._failed)

    def _progress(self, done: int, _total: int) -> None:
        self.busy.emit(QCoreApplication.translate("SigningTab", "Đang mở khóa ký…") if done == 0
                       else QCoreApplication.translate("SigningTab", "Đang ký số và lưu phiên bản mới…"))

    def _signed(self, outcome: SignOutcome) -> None:
        ctx = self.ws.ctx
        self.document_id = None
        self.busy.emit("")
        doc = outcome.document
        ctx.notify(QCoreApplication.translate("SigningTab",
                                              "Đã ký “{title}” (phiên bản {v}); đang kiểm tra chữ ký.")
                   .format(title=doc.title, v=doc.current_version.version_no))
        self.signed.emit(doc.id, doc.current_version.version_no)
        ctx.meeting_changed(self.ws.meeting_id)
        self.ws.reload()

    def _failed(self, exc: BaseException) -> None:
        document_id, self.document_id = self.document_id, None
        self.busy.emit("")
        self.ws.ctx.show_error(exc)
        if isinstance(exc, ConflictError):
            # Someone stored a version first: show the newest, and offer to sign it (if still our turn).
            if getattr(exc, "can_retry", False) and document_id is not None:
                self.newerVersion.emit(document_id)
            self.ws.reload()
        self.failed.emit()


class SignRetryBar(QFrame):
    """"This document has a newer version; sign that one?", with the button that does."""

    retryRequested = Signal(int)  # the document to sign again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_id: int | None = None
        self.setObjectName("signRetryBar")
        self.setStyleSheet("#signRetryBar { background: #fef5e7; border: 1px solid #f0b27a; border-radius: 4px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(icon("sign"), QCoreApplication.translate("SigningTab", "Ký lại trên phiên bản mới…"))
        self.button.clicked.connect(self._retry)
        close = QToolButton()
        close.setIcon(icon("cancel"))
        close.setAutoRaise(True)
        close.setToolTip(QCoreApplication.translate("SigningTab", "Ẩn thông báo"))
        close.clicked.connect(self.hide)
        warn = QLabel()
        warn.setPixmap(icon("warning").pixmap(20, 20))
        row.addWidget(warn)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        row.addWidget(close)
        self.hide()

    def offer(self, document_id: int) -> None:
        self.document_id = document_id
        self.label.setText(QCoreApplication.translate(
            "SigningTab", "Tài liệu vừa có phiên bản mới; chữ ký của bạn chưa được lưu. "
                          "Danh sách đã được tải lại: bạn có thể ký trên phiên bản mới."))
        self.show()

    def _retry(self) -> None:
        self.hide()
        if self.document_id is not None:
            self.retryRequested.emit(self.document_id)
