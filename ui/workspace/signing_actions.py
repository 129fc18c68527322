"""The Signing tab's actions: "Yêu cầu ký…" (choose the signers, in order) and "Ký…" (choose
the key, sign on the write queue, then verify), with the offer to sign again when someone
stored a newer version first.

A mixin of ``SigningTab`` (ui/workspace/signing_tab.py), which holds the state it works on.
Its strings keep the "SigningTab" translation context they had there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from store.errors import ConflictError
from ui.settings import AppSettings
from ui.workspace.key_source import sign_with_key
from ui.workspace.sign_dialog import RequestSignaturesDialog, SignDialog, signing_refusal

if TYPE_CHECKING:
    from signing.workflow_records import SignOutcome
    from ui.models.signing import DocumentSigning
    from ui.workspace.key_source import KeySource


class SigningActions:
    """Requesting and signing handlers of ``SigningTab``; listed before QWidget in its bases."""

    # -- requesting ---------------------------------------------------------------------------
    def request_signatures(self) -> None:
        from signing.workflow import request_signatures  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

        entry = self._selected()
        if entry is None or self.bundle is None:
            self.ws.ctx.notify(QCoreApplication.translate("SigningTab",
                                                          "Chọn một tài liệu trong danh sách trước."))
            return
        dialog = RequestSignaturesDialog(self.bundle.detail.participants, entry.document.title, self)
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
    def sign(self) -> None:
        entry = self._selected()
        if entry is None:
            self.ws.ctx.notify(QCoreApplication.translate("SigningTab",
                                                          "Chọn một tài liệu trong danh sách trước."))
            return
        my_name = next((p.full_name for p in (self.bundle.people if self.bundle else ()) if p.id == self.me), None)
        refusal = signing_refusal(entry.request, self.me, my_name)
        if refusal is not None:
            self.ws.ctx.show_error(refusal)
            return
        turn = entry.turn
        settings = getattr(self.window(), "settings", None) or AppSettings()
        who = f"{turn.person_name} — {turn.person_position}" if turn.person_position else turn.person_name
        dialog = SignDialog(settings, entry.document.title, who, self)
        if dialog.exec() != SignDialog.DialogCode.Accepted:
            return
        self.start_signing(entry, dialog.source())

    def start_signing(self, entry: DocumentSigning, source: KeySource) -> None:
        ctx, req = self.ws.ctx, entry.request
        self.retry_bar.hide()
        self._signing_document = entry.document.id
        self._update_buttons(self._selected())
        self._set_busy(QCoreApplication.translate("SigningTab", "Đang mở khóa ký…"))
        ctx.runner.run("signing.sign", sign_with_key, ctx.store, req.id, self.me, source, req.version, write=True,
                       on_progress=self._sign_progress, on_result=self._signed, on_error=self._sign_failed)

    def _sign_progress(self, done: int, _total: int) -> None:
        self._set_busy(QCoreApplication.translate("SigningTab", "Đang mở khóa ký…") if done == 0
                       else QCoreApplication.translate("SigningTab", "Đang ký số và lưu phiên bản mới…"))

    def _signed(self, outcome: SignOutcome) -> None:
        ctx = self.ws.ctx
        self._signing_document = None
        self._set_busy("")
        doc = outcome.document
        ctx.notify(QCoreApplication.translate("SigningTab",
                                              "Đã ký “{title}” (phiên bản {v}); đang kiểm tra chữ ký.")
                   .format(title=doc.title, v=doc.current_version.version_no))
        self._auto_checked.add((doc.id, doc.current_version.version_no))
        self.verify(doc.id)
        ctx.meeting_changed(self.ws.meeting_id)
        self.ws.reload()

    def _sign_failed(self, exc: BaseException) -> None:
        document_id, self._signing_document = self._signing_document, None
        self._set_busy("")
        self.ws.ctx.show_error(exc)
        if isinstance(exc, ConflictError):
            # Someone stored a version first: show the newest, and offer to sign it (if still our turn).
            if getattr(exc, "can_retry", False):
                self._retry_document = document_id
                self.retry_label.setText(QCoreApplication.translate(
                    "SigningTab", "Tài liệu vừa có phiên bản mới; chữ ký của bạn chưa được lưu. "
                                  "Danh sách đã được tải lại: bạn có thể ký trên phiên bản mới."))
                self.retry_bar.show()
            self.ws.reload()
        self._update_buttons(self._selected())

    def _retry(self) -> None:
        self.retry_bar.hide()
        if self._retry_document is not None and self.select_document(self._retry_document):
            self.sign()
