"""One meeting's workspace: a header with the status moves, the conflict bar, and a tab per
concern (``TABS``: Agenda, Sites and participants, Materials, Papers, Opinions, the live
console, Signing, Book).

Every change goes through ``write()``: the service runs in the task runner's write queue in its
own unit of work; on success the whole meeting is read again (one snapshot) and every tab
shows it; a refusal is shown by the window's ``show_error``; a conflict shows the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from store.errors import ConflictError, InvalidInput
from ui.conflict_bar import AuditWatcher, ConflictBar
from ui.fitting_tabs import FittingTabWidget
from ui.icons import icon
from ui.models.labels import KIND, STATUS, tr, vn_time
from ui.models.meetings import STATUS_COLORS
from ui.workspace.agenda_tab import AgendaTab
from ui.workspace.book_tab import BookTab
from ui.workspace.context import MeetingBundle, WorkspaceContext, load_bundle, with_uow
from ui.workspace.materials_tab import MaterialsTab
from ui.workspace.opinions_panel import OpinionsPanel
from ui.workspace.papers_tab import PapersTab
from ui.workspace.sites_tab import SitesTab
from ui.workspace.status import ACTIONS, apply, explain, next_actions

if TYPE_CHECKING:
    from ui.workspace.attach import ImportReport


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("workspace", ...)
    icon: str
    factory: Callable[[MeetingWorkspace], QWidget]  # the widget has set_bundle(bundle)
    #: The page scrolls when the screen is smaller than it needs (see ui.fitting_tabs). Off for
    #: a page whose PDF viewer scrolls itself: an outer scroll area only fights its resizing.
    scrolls: bool = True


def console_tab(workspace: MeetingWorkspace) -> QWidget:
    from ui.console.console_tab import ConsoleTab  # noqa: PLC0415 -- import cycle: ui.console.console_tab imports this module

    return ConsoleTab(workspace)


def signing_tab(workspace: MeetingWorkspace) -> QWidget:
    from ui.workspace.signing_tab import SigningTab  # noqa: PLC0415 -- deferred for start-up: brings in the signing models

    return SigningTab(workspace)


#: Every tab of a meeting's workspace, in order: the one place a tab is added.
TABS: tuple[TabSpec, ...] = (
    TabSpec("agenda", QT_TRANSLATE_NOOP("workspace", "Chương trình"), "meeting", AgendaTab),
    TabSpec("sites", QT_TRANSLATE_NOOP("workspace", "Điểm cầu và thành phần"), "site", SitesTab),
    TabSpec("materials", QT_TRANSLATE_NOOP("workspace", "Tài liệu"), "pdf", MaterialsTab),
    TabSpec("papers", QT_TRANSLATE_NOOP("workspace", "Văn bản cuộc họp"), "edit", PapersTab),
    TabSpec("opinions", QT_TRANSLATE_NOOP("workspace", "Lấy ý kiến"), "person", OpinionsPanel),
    TabSpec("console", QT_TRANSLATE_NOOP("workspace", "Điều hành phiên họp"), "start", console_tab),
    TabSpec("signing", QT_TRANSLATE_NOOP("workspace", "Ký số"), "sign", signing_tab, scrolls=False),
    TabSpec("book", QT_TRANSLATE_NOOP("workspace", "Tập tài liệu"), "book", BookTab),
)


class MeetingWorkspace(QWidget):
    def __init__(self, ctx: WorkspaceContext, meeting_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.bundle: MeetingBundle | None = None
        self._loading = False
        self._select_after_load: int | None = None

        self.title_label = QLabel(self.tr("Đang tải cuộc họp…"))
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1b2631;")
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        self.meta_label.setStyleSheet("color: #424949;")
        self.status_label = QLabel()
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.actions_row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.meta_label)
        head.addLayout(text, 1)
        head.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(self.actions_row)

        self.conflict_bar = ConflictBar(self)
        self.conflict_bar.reloadRequested.connect(self.reload)
        self.tabs = FittingTabWidget()  # pages scroll on a small screen instead of growing the window
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, QWidget] = {}
        for spec in TABS:
            page = spec.factory(self)
            self.pages[spec.key] = page
            self.tabs.addTab(page, icon(spec.icon), QCoreApplication.translate("workspace", spec.title),
                          scrolls=spec.scrolls)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(head)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.tabs, 1)

        self.watcher = AuditWatcher(ctx.runner, ctx.store, meeting_id, ctx.actor_id, parent=self)
        self.watcher.changed.connect(self.conflict_bar.show_changes)
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.bundle.detail.meeting.title if self.bundle else ""

    def reload(self, select_item: int | None = None) -> None:
        if select_item is not None:
            self._select_after_load = select_item
        self._loading = True
        self.ctx.runner.run("meeting.load", load_bundle, self.ctx.store, self.meeting_id,
                            on_result=self._loaded, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.ctx.show_error(exc)

    def _loaded(self, bundle: MeetingBundle) -> None:
        self._loading = False
        self.bundle = bundle
        d, m = bundle.detail, bundle.detail.meeting
        self.title_label.setText(m.title)
        when = vn_time(m.starts_at, "%H:%M, %d/%m/%Y")
        if m.ends_at:
            when = vn_time(m.starts_at, "%H:%M") + " – " + vn_time(m.ends_at, "%H:%M, %d/%m/%Y")
        self.meta_label.setText(self.tr("{unit} · Họp {kind} · {when} · {place}").format(
            unit=d.unit.name, kind=tr(KIND, m.kind), when=when, place=m.location or self.tr("(chưa có địa điểm)")))
        color = STATUS_COLORS.get(m.status, "#555")
        self.status_label.setText(tr(STATUS, m.status))
        self.status_label.setStyleSheet(f"background: {color}; color: white; border-radius: 9px; padding: 3px 12px;"
                                        "font-weight: bold;")
        self._rebuild_actions(m.status)
        for page in self.pages.values():
            page.set_bundle(bundle)
        if self._select_after_load is not None and "agenda" in self.pages:
            self.pages["agenda"].select(self._select_after_load)
            self._select_after_load = None
        if self.watcher.last_seq is None:
            self.watcher.start(bundle.audit_seq)
        else:
            self.watcher.last_seq = max(self.watcher.last_seq, bundle.audit_seq)

    def _rebuild_actions(self, status: str) -> None:
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for action in next_actions(status):
            button = QPushButton(icon(action.icon), action.text() + "…")
            button.setToolTip(self.tr("Xem điều sẽ xảy ra rồi xác nhận"))
            button.clicked.connect(lambda _=False, t=action.target: self.run_status_action(t))
            self.actions_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.action_buttons[action.target] = button

    # -- writing ------------------------------------------------------------------------------
    def write(self, name: str, fn: Callable, *args: Any, on_result: Callable[[Any], None] | None = None,
              on_conflict: Callable[[ConflictError], None] | None = None, **kwargs: Any) -> None:
        """Run service ``fn(uow, *args, **kwargs)`` in the write queue, then reload."""

        def done(result: Any) -> None:
            self.ctx.meeting_changed(self.meeting_id)
            if on_result is not None:
                on_result(result)
            else:
                self.reload()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError):
                (on_conflict or self.show_conflict)(exc)
            else:
                self.ctx.show_error(exc)

        self.ctx.runner.run(name, with_uow, self.ctx.store, self.ctx.actor_id, fn, *args, on_result=done,
                            on_error=failed, write=True, **kwargs)

    def handle_write_error(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            self.show_conflict(exc)
        else:
            self.ctx.show_error(exc)

    def show_conflict(self, exc: ConflictError) -> None:
        self.conflict_bar.show_conflict(exc, self.ctx.language)

    def run_status_action(self, target: str) -> bool:
        """Explain what the move will do, ask, and do it; True when it was asked for."""

        if self.bundle is None or target not in ACTIONS:
            return False
        action = ACTIONS[target]
        docs = sum(1 for r in self.bundle.materials if r.document.recalled_at is None)
        box = QMessageBox(QMessageBox.Icon.Question, action.text(), explain(action, self.bundle.detail, docs),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(action.text())
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        m = self.bundle.detail.meeting
        self.write(f"meeting.{target}", apply, self.meeting_id, target, m.version,
                   on_result=lambda _: (self.ctx.notify(self.tr("Cuộc họp đã chuyển sang “{s}”.").format(
                       s=tr(STATUS, target))), self.reload()))
        return True

    def import_finished(self, report: ImportReport) -> None:
        self.ctx.meeting_changed(self.meeting_id)
        self.reload()
        note = self.tr("Đã đính kèm {n} tệp.").format(n=len(report.imported))
        if report.cancelled:
            note += " " + self.tr("Đã dừng theo yêu cầu; các tệp còn lại chưa được nhập.")
        self.ctx.notify(note)
        if report.failed:
            vi = "\n".join(f"• {name}: {msg}" for name, msg, _ in report.failed)
            en = "\n".join(f"• {name}: {msg}" for name, _, msg in report.failed)
            self.ctx.show_error(InvalidInput(f"Có {len(report.failed)} tệp không đính kèm được:\n{vi}",
                                             f"{len(report.failed)} file(s) could not be attached:\n{en}"))

    def close_down(self) -> None:
        self.watcher.stop()
        book = self.pages.get("book")
        if book is not None and getattr(book, "handle", None) is not None:
            book.handle.cancel()
