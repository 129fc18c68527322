"""Signing: the meeting's documents with their signing request, whose turn it is and a
verification badge; "Yêu cầu ký" (signers in order), "Ký" (with a .p12 file or a USB token),
and the verification report.

Every core call goes through the task runner: reading, requesting signatures (the write
queue), signing (the write queue; the key is opened on the worker thread, the password or PIN
never outlives the task) and verification (``verify_document``, which stores its report). A
document that carries signatures but has no stored verdict for its current version is
verified as soon as the tab is on screen, so the badge is never a guess.

Requesting and signing run in the ``SigningFlow`` the tab owns (signing_flow.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from store.codes import MeetingStatus
from ui.icons import icon
from ui.models.labels import vn_time
from ui.models.signing import DocumentSigning, SignerSlotsModel, SigningDocumentsModel, load_signing
from ui.workspace.signing_flow import SigningFlow, SignRetryBar
from ui.workspace.verification_badge import (
    BadgeDelegate,
    VerificationBadge,
    VerificationReportDialog,
    open_in_viewer,
)

if TYPE_CHECKING:
    from signing.document_verification import StoredVerification
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace

log = logging.getLogger(__name__)


class SigningTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.bundle: MeetingBundle | None = None
        self._verifying: set[int] = set()
        self._auto_checked: set[tuple[int, int]] = set()  # (document, version) verified once by the tab itself
        self.report_dialog: VerificationReportDialog | None = None
        self.last_viewer = None

        self.docs = SigningDocumentsModel(self)
        self.view = QTableView()
        self.view.setModel(self.docs)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.badges = BadgeDelegate(self.view)
        self.view.setItemDelegateForColumn(SigningDocumentsModel.BADGE, self.badges)
        self.badges.clicked.connect(lambda index: self.show_report(self.docs.entry(index.row())))
        self.view.doubleClicked.connect(lambda index: self.open_document(self._selected_id()))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(SigningDocumentsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 56), (2, 90), (3, 150), (4, 200), (5, 170)):
            h.resizeSection(col, width)

        self.request_button = QPushButton(icon("add"), self.tr("Yêu cầu ký…"))
        self.request_button.setToolTip(self.tr("Chọn người ký tài liệu đang chọn, theo thứ tự ký"))
        self.sign_button = QPushButton(icon("sign"), self.tr("Ký…"))
        self.sign_button.setToolTip(self.tr("Ký số tài liệu đang chọn khi đến lượt bạn (Ctrl+K)"))
        self.sign_button.setShortcut("Ctrl+K")
        self.verify_button = QPushButton(icon("reload"), self.tr("Kiểm tra chữ ký"))
        self.verify_button.setToolTip(self.tr("Kiểm tra lại mọi chữ ký của phiên bản hiện tại"))
        self.open_button = QPushButton(icon("pdf"), self.tr("Mở tài liệu"))
        self.open_button.setToolTip(self.tr("Mở tài liệu trong trình xem, kèm bảng chữ ký"))
        self.flow = SigningFlow(workspace, self)
        self.request_button.clicked.connect(lambda: self.flow.request_signatures(self._selected(), self.bundle))
        self.sign_button.clicked.connect(self.sign)
        self.verify_button.clicked.connect(lambda: self.verify(self._selected_id()))
        self.open_button.clicked.connect(lambda: self.open_document(self._selected_id()))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress_label = QLabel()
        bar = QHBoxLayout()
        for b in (self.request_button, self.sign_button, self.verify_button, self.open_button):
            bar.addWidget(b)
        bar.addStretch()
        bar.addWidget(self.progress_label)
        bar.addWidget(self.progress)
        self._set_busy("")

        self.retry_bar = SignRetryBar()
        self.retry_bar.retryRequested.connect(self._sign_again)
        self.flow.busy.connect(self._set_busy)
        self.flow.started.connect(self.retry_bar.hide)
        self.flow.started.connect(lambda: self._update_buttons(self._selected()))
        self.flow.failed.connect(lambda: self._update_buttons(self._selected()))
        self.flow.newerVersion.connect(self.retry_bar.offer)
        self.flow.signed.connect(self._signed)

        self.doc_title = QLabel()
        self.doc_title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.doc_title.setWordWrap(True)
        self.badge = VerificationBadge()
        self.badge.clicked.connect(lambda: self.show_report(self._selected()))
        self.request_info = QLabel()
        self.request_info.setWordWrap(True)
        self.request_info.setStyleSheet("color: #424949;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.slots = SignerSlotsModel(self)
        self.slot_view = QTableView()
        self.slot_view.setModel(self.slots)
        self.slot_view.verticalHeader().hide()
        self.slot_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.slot_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slot_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        sh = self.slot_view.horizontalHeader()
        sh.setSectionResizeMode(SignerSlotsModel.POSITION, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 64), (1, 220), (3, 150), (4, 150)):
            sh.resizeSection(col, width)
        head = QHBoxLayout()
        head.addWidget(self.doc_title, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.setContentsMargins(0, 6, 0, 0)
        dv.addLayout(head)
        dv.addWidget(self.request_info)
        dv.addWidget(self.hint)
        dv.addWidget(self.slot_view, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.retry_bar)
        layout.addWidget(split, 1)
        self._selection_changed()

    # -- reading ------------------------------------------------------------------------------
    @property
    def me(self) -> int | None:
        return self.ws.ctx.actor_id

    def set_bundle(self, bundle: MeetingBundle) -> None:
        self.bundle = bundle
        self.reload()

    def reload(self) -> None:
        ctx = self.ws.ctx
        ctx.runner.run("signing.load", load_signing, ctx.store, self.ws.meeting_id, on_result=self._loaded,
                       on_error=ctx.show_error)

    def _loaded(self, rows: tuple[DocumentSigning, ...]) -> None:
        selected = self._selected_id()
        rows = tuple(replace(r, checking=r.document.id in self._verifying) for r in rows)
        self.docs.set_rows(rows, self.me)
        row = self.docs.row_of(selected) if selected is not None else -1
        if row < 0 and rows:
            row = next((i for i, r in enumerate(rows) if r.request is not None), 0)
        if row >= 0:
            self.view.selectRow(row)
        self._selection_changed()
        self._verify_unchecked()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._verify_unchecked()

    def _verify_unchecked(self) -> None:
        """Verify signed documents that have no verdict for their current version yet, once
        each, and only while the tab is on screen (nobody waits for a badge nobody sees)."""
        if not self.isVisible():
            return
        for entry in self.docs.rows():
            key = (entry.document.id, entry.document.current_version.version_no)
            if entry.needs_verification and key not in self._auto_checked:
                self._auto_checked.add(key)
                self.verify(entry.document.id)

    def _selected(self) -> DocumentSigning | None:
        index = self.view.currentIndex()
        return self.docs.entry(index.row()) if index.isValid() else None

    def _selected_id(self) -> int | None:
        entry = self._selected()
        return entry.document.id if entry is not None else None

    def select_document(self, document_id: int) -> bool:
        row = self.docs.row_of(document_id)
        if row >= 0:
            self.view.selectRow(row)
            self._selection_changed()
        return row >= 0

    def _selection_changed(self) -> None:
        entry = self._selected()
        req = entry.request if entry is not None else None
        self.slots.set_request(req, self.me)
        self.doc_title.setText(entry.document.title if entry else self.tr("Chọn một tài liệu ở bảng trên."))
        self.badge.set_verdict(entry.verdict if entry else "none")
        if req is None:
            self.request_info.setText("")
        else:
            info = self.tr("Yêu cầu ký số {id}, tạo lúc {when}.").format(id=req.id,
                                                                      when=vn_time(req.created_at, "%H:%M %d/%m/%Y"))
            if req.reason:
                info += " " + self.tr("Lý do: {reason}.").format(reason=req.reason)
            if req.certify_first:
                info += " " + self.tr("Chữ ký thứ nhất chứng nhận tài liệu.")
            self.request_info.setText(info)
        self.hint.setText(self._hint(entry))
        self._update_buttons(entry)

    def _hint(self, entry: DocumentSigning | None) -> str:
        if entry is None:
            return ""
        req, turn = entry.request, entry.turn
        if req is None:
            if entry.has_signatures:
                return self.tr("Tài liệu đã có chữ ký số nhưng không có yêu cầu ký trong chương trình.")
            return self.tr("Tài liệu chưa có yêu cầu ký. Bấm “Yêu cầu ký…” để chọn người ký theo thứ tự.")
        if req.status == "completed":
            return self.tr("Đã đủ chữ ký.")
        if turn is None:
            return self.tr("Yêu cầu ký này đã bị hủy.")
        if self.me is None:
            return self.tr("Chưa chọn “Tôi là” trong Cài đặt nên chưa ký được.")
        if turn.person_id == self.me:
            return "<b style='color:#b9770e'>" + self.tr("Đến lượt bạn ký. Bấm “Ký…” (Ctrl+K).") + "</b>"
        text = self.tr("Đang chờ {name} ký (người ký thứ {n}).").format(name=turn.person_name, n=turn.position + 1)
        mine = next((s for s in req.slots if s.person_id == self.me and not s.signed), None)
        if mine is not None:
            text += " " + self.tr("Bạn ký sau, ở lượt thứ {n}.").format(n=mine.position + 1)
        return text

    def _update_buttons(self, entry: DocumentSigning | None) -> None:
        req = entry.request if entry else None
        archived = self.bundle is not None and self.bundle.detail.meeting.status == MeetingStatus.ARCHIVED
        busy = self.flow.document_id is not None
        # A signed file takes no new fields (the service says so in words); a replaced one may.
        signed_now = bool(entry) and entry.document.current_version.source == "signature"
        self.request_button.setEnabled(bool(entry) and not archived and not signed_now
                                       and (req is None or req.status != "open"))
        turn = entry.turn if entry else None
        self.sign_button.setEnabled(not busy and turn is not None and self.me is not None and turn.person_id == self.me)
        self.verify_button.setEnabled(bool(entry) and entry.verdict != "checking")
        self.open_button.setEnabled(bool(entry))

    def _set_busy(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress.setVisible(bool(text))
        self.progress_label.setVisible(bool(text))

    # -- signing (SigningFlow) ----------------------------------------------------------------
    def sign(self) -> None:
        """Sign the selected document (the button, Ctrl+K)."""
        self.flow.sign(self._selected(), self.bundle)

    def _sign_again(self, document_id: int) -> None:
        if self.select_document(document_id):
            self.sign()

    def _signed(self, document_id: int, version_no: int) -> None:
        self._auto_checked.add((document_id, version_no))
        self.verify(document_id)

    # -- verifying ----------------------------------------------------------------------------
    def verify(self, document_id: int | None) -> None:
        from signing.document_verification import verify_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if document_id is None or document_id in self._verifying:
            return
        ctx = self.ws.ctx
        self._verifying.add(document_id)
        self.docs.update(document_id, checking=True)
        self._refresh_selected(document_id)
        ctx.runner.run("signing.verify.service", verify_document, ctx.store, document_id, actor_id=ctx.actor_id, write=True,
                       on_result=self._verified, on_error=lambda exc: self._verify_failed(document_id, exc))

    def _verified(self, stored: StoredVerification) -> None:
        self._verifying.discard(stored.document_id)
        entry = self.docs.entry(self.docs.row_of(stored.document_id))
        if entry is not None and entry.document.current_version.version_no == stored.version_no:
            self.docs.update(stored.document_id, verification=stored, checking=False)
        else:
            self.docs.update(stored.document_id, checking=False)
        self._refresh_selected(stored.document_id)

    def _verify_failed(self, document_id: int, exc: BaseException) -> None:
        self._verifying.discard(document_id)
        self.docs.update(document_id, checking=False)
        self._refresh_selected(document_id)
        self.ws.ctx.show_error(exc)

    def _refresh_selected(self, document_id: int) -> None:
        if self._selected_id() == document_id:
            self._selection_changed()

    def show_report(self, entry: DocumentSigning | None) -> VerificationReportDialog | None:
        """The stored report in a dialog (not modal: the person may keep working beside it)."""
        if entry is None:
            return None
        if entry.verification is None:
            if entry.verdict != "checking":
                self.verify(entry.document.id)
            return None
        if self.report_dialog is not None:
            self.report_dialog.close()
        dialog = VerificationReportDialog(entry.verification, entry.document.title, self.ws.ctx.language, self)
        dialog.openRequested.connect(self.open_document)
        dialog.reverifyRequested.connect(self.verify)
        dialog.destroyed.connect(lambda *_: setattr(self, "report_dialog", None))
        dialog.show()
        self.report_dialog = dialog
        return dialog

    # -- reading the file ---------------------------------------------------------------------
    def open_document(self, document_id: int | None) -> None:
        """Open the current version in the viewer with the signature panel, trusting the store's roots."""

        if document_id is not None:
            open_in_viewer(self.ws.ctx, document_id, lambda viewer: setattr(self, "last_viewer", viewer))
