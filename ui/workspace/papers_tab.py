"""The meeting's own papers: the invitation, programme and attendance sheets before the
meeting (what to bring, whom to contact; preview; issue numbered and send for signature), the
minutes after it (drafted from the record, edited section by section, finalised: numbered and
sent to the secretary, then the chair, to sign), and the conclusions with their tasks and notice
(:mod:`ui.workspace.conclusions_panel`).

Core calls run on the task runner; writes through the workspace's write queue, so a stale
copy of the minutes is refused with who saved first (the conflict bar) and nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from store.clock import VN_TZ
from store.codes import MeetingStatus
from ui.icons import icon
from ui.workspace.conclusions_panel import ConclusionsPanel
from ui.workspace.invitation_mail import InvitationMailButton

if TYPE_CHECKING:
    from meetings.papers.invitation import InvitationDetails
    from meetings.papers.minutes import MinutesDraft
    from store.engine import Store
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace

HELD = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED, MeetingStatus.ARCHIVED)


@dataclass(frozen=True)
class PapersState:
    details: InvitationDetails
    minutes: MinutesDraft | None


# -- core calls, on the runner's threads --------------------------------------------------------


def load_papers(store: Store, meeting_id: int) -> PapersState:
    from meetings.papers.invitation import invitation_details  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers.minutes import get_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    with store.read() as s:
        return PapersState(invitation_details(s, meeting_id), get_minutes(s, meeting_id))


def preview_paper(store: Store, meeting_id: int, which: str) -> bytes:
    """The draft (unnumbered) invitation, programme or attendance sheets, as they would print today."""
    from meetings.papers import invitation as inv  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.papers import meeting_papers_pdf as pdf  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    today = store.clock.now().astimezone(VN_TZ).date()
    with store.read() as s:
        if which == "invitation":
            return pdf.render_invitation(inv.invitation_content(s, meeting_id, issued_on=today))[0]
        if which == "programme":
            return pdf.render_programme(inv.programme_content(s, meeting_id, issued_on=today))[0]
        return pdf.render_attendance_sheets(inv.attendance_content(s, meeting_id))


def preview_minutes(store: Store, meeting_id: int) -> bytes:
    from meetings.papers.minutes import render_minutes_pdf  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return render_minutes_pdf(store, meeting_id)


def issue_paper(store: Store, actor_id: int | None, meeting_id: int, which: str) -> Any:
    from meetings.papers.issue import MeetingPaper, issue_meeting_paper  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    kind = MeetingPaper.INVITATION if which == "invitation" else MeetingPaper.PROGRAMME
    return issue_meeting_paper(store, actor_id, meeting_id, kind)


def finalise(store: Store, actor_id: int | None, meeting_id: int) -> Any:
    from meetings.papers.minutes import finalise_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return finalise_minutes(store, actor_id, meeting_id)


def _save_details(uow, meeting_id: int, bring: str, contact: str, note: str, version: int):
    from meetings.papers.invitation import set_invitation_details  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return set_invitation_details(uow, meeting_id, bring=bring, contact=contact, note=note, expected_version=version)


def _draft(uow, meeting_id: int, regenerate: bool):
    from meetings.papers.minutes import draft_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return draft_minutes(uow, meeting_id, regenerate=regenerate)


def _edit(uow, meeting_id: int, sections: dict[str, str], version: int):
    from meetings.papers.minutes import edit_minutes  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    return edit_minutes(uow, meeting_id, sections, expected_version=version)


# -- the tab --------------------------------------------------------------------------------------


class PapersTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.state: PapersState | None = None
        self.edits: dict[str, str] = {}  # section key → text typed and not saved yet
        self._current: str | None = None
        self.held = False

        before = QGroupBox(self.tr("Trước phiên họp: giấy mời, chương trình, danh sách đại biểu"))
        self.bring = QLineEdit()
        self.bring.setPlaceholderText(self.tr("tài liệu họp đã gửi trên Nghị Sự"))
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("mặc định: thư ký cuộc họp"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Đề nghị mang theo:"), self.bring)
        form.addRow(self.tr("Người liên hệ:"), self.contact)
        form.addRow(self.tr("Ghi chú trên giấy mời:"), self.note)
        self.save_details_button = QPushButton(icon("edit"), self.tr("Lưu nội dung giấy mời"))
        self.save_details_button.clicked.connect(self.save_details)
        buttons = QHBoxLayout()
        self.preview_buttons: dict[str, QPushButton] = {}
        for key, text in (("invitation", self.tr("Xem giấy mời")), ("programme", self.tr("Xem chương trình")),
                          ("attendance", self.tr("Danh sách đại biểu"))):
            b = QPushButton(icon("pdf"), text)
            b.clicked.connect(lambda _=False, k=key: self.preview(k))
            self.preview_buttons[key] = b
            buttons.addWidget(b)
        buttons.addStretch()
        self.issue_invitation_button = QPushButton(icon("publish"), self.tr("Phát hành giấy mời…"))
        self.issue_programme_button = QPushButton(icon("publish"), self.tr("Phát hành chương trình…"))
        self.issue_invitation_button.clicked.connect(lambda: self.issue("invitation"))
        self.issue_programme_button.clicked.connect(lambda: self.issue("programme"))
        # Two rows, so the tab fits an office PC's 1366-pixel screen beside the unit tree.
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.save_details_button)
        issue_row.addStretch()
        issue_row.addWidget(self.issue_invitation_button)
        issue_row.addWidget(self.issue_programme_button)
        self.mail_invitation_button = InvitationMailButton(workspace)
        issue_row.addWidget(self.mail_invitation_button)
        box = QVBoxLayout(before)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addLayout(issue_row)

        after = QGroupBox(self.tr("Biên bản cuộc họp"))
        self.minutes_status = QLabel()
        self.minutes_status.setWordWrap(True)
        self.sections = QListWidget()
        self.sections.setMinimumWidth(120)
        self.sections.currentItemChanged.connect(self._section_changed)
        self.editor = QPlainTextEdit()
        self.editor.textChanged.connect(self._typed)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.sections)
        split.addWidget(self.editor)
        split.setStretchFactor(1, 3)
        self.draft_button = QPushButton(icon("reload"), self.tr("Soạn từ diễn biến cuộc họp"))
        self.save_minutes_button = QPushButton(icon("edit"), self.tr("Lưu biên bản"))
        self.preview_minutes_button = QPushButton(icon("pdf"), self.tr("Xem bản PDF"))
        self.finalise_button = QPushButton(icon("sign"), self.tr("Hoàn tất, cấp số và gửi ký…"))
        self.draft_button.clicked.connect(self.draft)
        self.save_minutes_button.clicked.connect(self.save_minutes)
        self.preview_minutes_button.clicked.connect(self.preview_minutes)
        self.finalise_button.clicked.connect(self.finalise)
        row = QHBoxLayout()
        for b in (self.draft_button, self.save_minutes_button):
            row.addWidget(b)
        row.addStretch()
        row2 = QHBoxLayout()
        row2.addWidget(self.preview_minutes_button)
        row2.addStretch()
        row2.addWidget(self.finalise_button)
        mbox = QVBoxLayout(after)
        mbox.addWidget(self.minutes_status)
        mbox.addWidget(split, 1)
        mbox.addLayout(row)
        mbox.addLayout(row2)

        self.conclusions = ConclusionsPanel(workspace)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(after)
        lower.addWidget(self.conclusions)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(before)
        layout.addWidget(lower, 1)

    # -- reading ----------------------------------------------------------------------------------
    def set_bundle(self, bundle: MeetingBundle) -> None:
        status = bundle.detail.meeting.status
        ended = status in (MeetingStatus.CLOSED, MeetingStatus.ARCHIVED)
        for w in (self.save_details_button, self.issue_invitation_button, self.issue_programme_button,
                  self.mail_invitation_button):
            w.setEnabled(not ended)
        self.held = status in HELD
        self.conclusions.set_bundle(bundle)
        self.reload()

    def reload(self) -> None:
        self.ws.ctx.runner.run("papers.load", load_papers, self.ws.ctx.store, self.ws.meeting_id,
                               on_result=self._loaded, on_error=self.ws.ctx.show_error)

    def _loaded(self, state: PapersState) -> None:
        kept = self.edits if (self.state is not None and self.state.minutes is not None and state.minutes is not None
                              and self.state.minutes.version == state.minutes.version) else {}
        self.state = state
        self.bring.setText(state.details.bring)
        self.contact.setText(state.details.contact)
        self.note.setText(state.details.note)
        self.edits = dict(kept)  # typed and not saved: kept while nobody else changed the minutes
        self._current = None
        self.sections.blockSignals(True)
        self.sections.clear()
        m = state.minutes
        if m is not None:
            for s in m.sections:
                item = QListWidgetItem(s.heading or self.tr("(Câu kết thúc)"))
                item.setData(Qt.ItemDataRole.UserRole, s.key)
                self.sections.addItem(item)
        self.sections.blockSignals(False)
        final = m is not None and m.status == "final"
        if m is None:
            self.minutes_status.setText(self.tr("Chưa có dự thảo biên bản. Sau khi cuộc họp bắt đầu, bấm “Soạn từ "
                                                "diễn biến cuộc họp”: điểm danh, người phát biểu, biểu quyết và kết "
                                                "luận được ghi vào, rồi sửa từng phần."))
        elif final:
            self.minutes_status.setText(self.tr("Biên bản đã hoàn tất (tài liệu #{doc}): đã cấp số và gửi ký; xem "
                                                "và ký ở thẻ Ký số.").format(doc=m.document_id))
        else:
            self.minutes_status.setText(self.tr("Dự thảo biên bản, phiên bản {v}: chọn một phần bên trái để sửa; "
                                                "“Hoàn tất” cấp số từ sổ văn bản đi rồi gửi thư ký, chủ tọa ký "
                                                "lần lượt.").format(v=m.version))
        self.editor.setReadOnly(m is None or final)
        self.draft_button.setEnabled(self.held and not final)
        self.save_minutes_button.setEnabled(bool(self.edits))
        self.finalise_button.setEnabled(m is not None and not final)
        self.preview_minutes_button.setEnabled(self.held)
        if self.sections.count():
            self.sections.setCurrentRow(0)
        else:
            self.editor.setPlainText("")

    def _text_of(self, key: str) -> str:
        if key in self.edits:
            return self.edits[key]
        assert self.state is not None and self.state.minutes is not None
        return self.state.minutes.section(key).text

    def _section_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._current = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._text_of(self._current) if self._current else "")
        self.editor.blockSignals(False)

    def _typed(self) -> None:
        if self._current is None or self.state is None or self.state.minutes is None:
            return
        text = self.editor.toPlainText()
        if text != self.state.minutes.section(self._current).text:
            self.edits[self._current] = text
        else:
            self.edits.pop(self._current, None)
        self.save_minutes_button.setEnabled(bool(self.edits))

    # -- writing ----------------------------------------------------------------------------------
    def save_details(self) -> None:
        if self.state is None:
            return
        self.ws.write("papers.details", _save_details, self.ws.meeting_id, self.bring.text(), self.contact.text(),
                      self.note.text(), self.state.details.version)

    def draft(self) -> None:
        regenerate = self.state is not None and self.state.minutes is not None
        if regenerate and QMessageBox.question(
                self, self.tr("Soạn lại biên bản"),
                self.tr("Soạn lại từ diễn biến cuộc họp sẽ bỏ mọi chỉnh sửa trong dự thảo hiện tại. Tiếp tục?")
        ) != QMessageBox.StandardButton.Yes:
            return
        self.ws.write("minutes.draft", _draft, self.ws.meeting_id, regenerate, on_result=lambda _r: self.reload())

    def save_minutes(self) -> None:
        if not self.edits or self.state is None or self.state.minutes is None:
            return
        self.ws.write("minutes.edit", _edit, self.ws.meeting_id, dict(self.edits), self.state.minutes.version,
                      on_result=lambda _r: self.reload())

    def finalise(self) -> None:
        if self.edits:
            QMessageBox.information(self, self.tr("Hoàn tất biên bản"),
                                    self.tr("Còn chỉnh sửa chưa lưu: bấm “Lưu biên bản” trước."))
            return
        if QMessageBox.question(
                self, self.tr("Hoàn tất biên bản"),
                self.tr("Biên bản sẽ được cấp số từ sổ văn bản đi, lưu vào cuộc họp và gửi thư ký rồi chủ tọa ký số. "
                        "Sau đó không sửa được nữa. Tiếp tục?")) != QMessageBox.StandardButton.Yes:
            return
        self.ws.ctx.runner.run("minutes.finalise", finalise, self.ws.ctx.store, self.ws.ctx.actor_id,
                               self.ws.meeting_id, on_result=self._finalised, on_error=self.ws.handle_write_error,
                               write=True)

    def _finalised(self, info: Any) -> None:
        self.ws.ctx.notify(self.tr("Đã hoàn tất biên bản số {n}; đã gửi thư ký, chủ tọa ký.").format(n=info.number))
        self.ws.ctx.meeting_changed(self.ws.meeting_id)
        self.ws.reload()

    def issue(self, which: str) -> None:
        what = self.tr("giấy mời") if which == "invitation" else self.tr("chương trình")
        if QMessageBox.question(
                self, self.tr("Phát hành"),
                self.tr("Lấy số {what} từ sổ văn bản đi (văn thư), lưu vào cuộc họp và gửi người ký ký số?").format(
                    what=what)) != QMessageBox.StandardButton.Yes:
            return
        self.ws.ctx.runner.run("papers.issue", issue_paper, self.ws.ctx.store, self.ws.ctx.actor_id, self.ws.meeting_id,
                               which, on_result=self._issued, on_error=self.ws.handle_write_error, write=True)

    def _issued(self, issued: Any) -> None:
        self.ws.ctx.notify(self.tr("Đã phát hành {what} số {n}; chờ người ký.").format(what=issued.kind.vi,
                                                                                   n=issued.number))
        self.ws.ctx.meeting_changed(self.ws.meeting_id)
        self.ws.reload()

    # -- previews ---------------------------------------------------------------------------------
    def preview(self, which: str) -> None:
        titles = {"invitation": self.tr("Giấy mời (dự thảo)"), "programme": self.tr("Chương trình (dự thảo)"),
                  "attendance": self.tr("Danh sách đại biểu")}
        self.ws.ctx.runner.run("papers.preview", preview_paper, self.ws.ctx.store, self.ws.meeting_id, which,
                               on_result=lambda data: self.ws.ctx.open_pdf(data, titles[which]),
                               on_error=self.ws.ctx.show_error)

    def preview_minutes(self) -> None:
        self.ws.ctx.runner.run("minutes.preview", preview_minutes, self.ws.ctx.store, self.ws.meeting_id,
                               on_result=lambda data: self.ws.ctx.open_pdf(data, self.tr("Biên bản")),
                               on_error=self.ws.ctx.show_error)
