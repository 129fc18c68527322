"""The secretary console, a tab of the meeting workspace: attendance and the live quorum,
the speaker queue with its timer, votes and their results, and leading the shared page.

The tab reads one live snapshot (``ui.console.data.load_live``) in the task runner whenever
the meeting is shown and after each change; every change is one unit of work in the write
queue (``write_many``), so a refusal changes nothing and is shown in the window's one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from store.codes import MeetingStatus
from ui.console.attendance_panel import AttendancePanel
from ui.console.data import load_live
from ui.console.presenter_panel import PresenterPanel
from ui.console.speakers_panel import SpeakersPanel
from ui.console.votes_panel import VotesPanel
from ui.icons import icon

if TYPE_CHECKING:
    from ui.console.data import LiveSnapshot
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace

Call = tuple[Callable, tuple, dict]


def apply_calls(store, actor_id: int | None, calls: Sequence[Call]) -> list[Any]:
    """Run services ``fn(uow, *args, **kwargs)`` in one unit of work: all or nothing."""
    with store.uow(actor_id) as uow:
        out = [fn(uow, *args, **kwargs) for fn, args, kwargs in calls]
        uow.commit()
    return out


class ConsoleTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.bundle: MeetingBundle | None = None
        self.snapshot: LiveSnapshot | None = None
        self._after: list[Callable[[], None]] = []
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setStyleSheet("color: #424949;")
        reload_button = QPushButton(icon("reload"), self.tr("Cập nhật"))
        reload_button.clicked.connect(self.reload)
        self.attendance = AttendancePanel(self)
        self.speakers = SpeakersPanel(self)
        self.votes = VotesPanel(self)
        self.presenter = PresenterPanel(self)
        self.sections = QTabWidget()
        self.sections.addTab(self.attendance, icon("person"), self.tr("Điểm danh và túc số"))
        self.sections.addTab(self.speakers, icon("meeting"), self.tr("Phát biểu"))
        self.sections.addTab(self.votes, icon("publish"), self.tr("Biểu quyết"))
        self.sections.addTab(self.presenter, icon("pdf"), self.tr("Dẫn dắt tài liệu"))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.sections, 1)

    def set_bundle(self, bundle: MeetingBundle) -> None:
        self.bundle = bundle
        self.reload()

    def reload(self) -> None:
        ctx = self.ws.ctx
        ctx.runner.run("console.load", load_live, ctx.store, self.ws.meeting_id, on_result=self._loaded,
                       on_error=ctx.show_error)

    def after_reload(self, fn: Callable[[], None]) -> None:
        self._after.append(fn)

    def _loaded(self, snap: LiveSnapshot) -> None:
        self.snapshot = snap
        if snap.status in (MeetingStatus.DRAFT, MeetingStatus.ARCHIVED):
            self.header.setText(self.tr("Điểm danh, phát biểu và biểu quyết được ghi khi cuộc họp đã phát hành hoặc "
                                        "đang họp."))
        else:
            self.header.setText(self.tr("Ghi nhận trực tiếp phiên họp: mọi thay đổi được lưu ngay và ghi vào nhật "
                                        "ký kiểm tra."))
        items = self.bundle.detail.agenda_items() if self.bundle else []
        self.attendance.set_snapshot(snap)
        self.speakers.set_snapshot(snap, items)
        self.votes.set_snapshot(snap, items)
        self.presenter.set_snapshot(snap, self.bundle)
        after, self._after = self._after, []
        for fn in after:
            fn()

    def notify(self, text: str) -> None:
        self.ws.ctx.notify(text)

    def write_many(self, name: str, calls: Sequence[Call], on_result: Callable[[list], None] | None = None) -> None:
        """The calls in one unit of work (write queue); then the snapshot is read again."""
        ctx = self.ws.ctx

        def done(out: list) -> None:
            if on_result is not None:
                on_result(out)
            self.reload()

        ctx.runner.run(f"console.{name}", apply_calls, ctx.store, ctx.actor_id, list(calls), on_result=done,
                       on_error=self.ws.handle_write_error, write=True)
