"""The main window's meeting tabs: open a meeting from the list in a workspace tab of its own
(one tab per meeting), create one, close tabs, and the toolbar's attach and book commands,
which act on the workspace in front.

``MeetingTabs`` is owned by ``MainWindow`` (ui/main_window.py) and reads from it only what
``MeetingHost`` names: the store and runner (opened after the window is shown), who is using
it, the tab widget, the meeting list, the unit chosen, and the window's ways of showing things.
Strings carry the "MainWindow" translation context they had there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtWidgets import QTabWidget, QTreeView, QWidget

from ui.icons import icon
from ui.models.meetings import MEETING_ID_ROLE, MeetingTableModel
from ui.models.units import UnitTreeModel
from ui.settings import AppSettings
from ui.workspace.context import WorkspaceContext, with_uow
from ui.workspace.dialogs import NewMeetingDialog
from ui.workspace.workspace import MeetingWorkspace

if TYPE_CHECKING:
    from store.engine import Store


class MeetingHost(Protocol):
    """What the meeting tabs read of their window."""

    store: Store | None
    runner: Any
    settings: AppSettings
    work_dir: Path | None
    tabs: QTabWidget
    meetings: MeetingTableModel
    proxy: QSortFilterProxyModel
    units: UnitTreeModel
    unit_view: QTreeView  # the unit chosen there hosts a new meeting

    @property
    def actor_id(self) -> int | None: ...
    def lists_changed(self) -> None: ...
    def show_error(self, exc: BaseException) -> None: ...
    def notify(self, text: str) -> None: ...
    def open_pdf(self, data: bytes, title: str, page: int = 1, highlight: str | None = None) -> Any: ...


class MeetingTabs(QObject):
    """One workspace tab per opened meeting, in the window's tab widget."""

    def __init__(self, host: MeetingHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.window = parent  # the dialogs' and workspaces' parent
        self.workspaces: dict[int, MeetingWorkspace] = {}

    def workspace_context(self) -> WorkspaceContext:
        h = self.host
        assert h.store is not None  # workspaces are opened only once the store is
        return WorkspaceContext(
            store=h.store,
            runner=h.runner,
            actor_id=h.actor_id,
            show_error=h.show_error,
            open_pdf=h.open_pdf,
            notify=h.notify,
            language=h.settings.language,
            work_dir=self.books_dir(),
            meeting_changed=lambda _id: h.lists_changed(),
        )

    def books_dir(self) -> Path:
        if self.host.work_dir is None:
            from platformdirs import user_cache_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

            self.host.work_dir = user_cache_path("nghisu", appauthor=False) / "books"
        self.host.work_dir.mkdir(parents=True, exist_ok=True)
        return self.host.work_dir

    def open_listed(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """The meeting at ``index`` of the (sorted, filtered) meeting list."""
        if index.isValid():
            self.open_meeting(int(self.host.proxy.data(index, MEETING_ID_ROLE)))

    def open_meeting(self, meeting_id: int) -> MeetingWorkspace | None:
        if self.host.store is None:
            return None
        tabs = self.host.tabs
        ws = self.workspaces.get(meeting_id)
        if ws is None:
            ws = MeetingWorkspace(self.workspace_context(), meeting_id, self.window)
            self.workspaces[meeting_id] = ws
            row = self.host.meetings.row_of(meeting_id)
            title = (
                self.host.meetings.row_at(row).meeting.title
                if row >= 0
                else QCoreApplication.translate("MainWindow", "Cuộc họp")
            )
            tabs.addTab(ws, icon("meeting"), short_title(title))
            tabs.setTabToolTip(tabs.indexOf(ws), title)
        tabs.setCurrentWidget(ws)
        return ws

    def current_workspace(self) -> MeetingWorkspace | None:
        widget = self.host.tabs.currentWidget()
        return widget if isinstance(widget, MeetingWorkspace) and widget in self.workspaces.values() else None

    def reload(self) -> None:
        for ws in self.workspaces.values():
            ws.reload()

    def new_meeting(self) -> None:
        from meetings.lifecycle import create_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        h = self.host
        unit = h.units.unit(h.unit_view.currentIndex())
        if h.store is None or unit is None:
            h.notify(QCoreApplication.translate("MainWindow", "Chọn đơn vị chủ trì ở cột bên trái trước."))
            return
        dialog = NewMeetingDialog(unit.name, h.store.clock.now(), self.window)
        if dialog.exec() != NewMeetingDialog.DialogCode.Accepted:
            return

        def created(summary) -> None:
            h.lists_changed()
            self.open_meeting(summary.id)

        h.runner.run(
            "meeting.create",
            with_uow,
            h.store,
            h.actor_id,
            create_meeting,
            unit_id=unit.id,
            **dialog.values(),
            on_result=created,
            write=True,
        )

    def close_tab(self, index: int) -> None:
        tabs = self.host.tabs
        widget = tabs.widget(index)
        if index == 0 or widget is None or getattr(widget, "permanent", False):
            return
        for meeting_id, ws in list(self.workspaces.items()):
            if ws is widget:
                ws.close_down()
                del self.workspaces[meeting_id]
        if hasattr(widget, "shutdown"):
            widget.shutdown()
        tabs.removeTab(index)
        widget.deleteLater()

    def attach_pdf(self) -> None:
        ws = self.current_workspace()
        if ws is None:
            self.host.notify(
                QCoreApplication.translate(
                    "MainWindow", "Mở một cuộc họp, chọn mục chương trình rồi đính kèm tệp PDF."
                )
            )
            return
        ws.tabs.setCurrentWidget(ws.pages["agenda"])
        ws.pages["agenda"].choose_files()  # type: ignore[attr-defined]  # the agenda tab, by its key

    def compile_book(self) -> None:
        ws = self.current_workspace()
        if ws is None:
            self.host.notify(
                QCoreApplication.translate("MainWindow", "Mở một cuộc họp trước khi tạo tập tài liệu.")
            )
            return
        ws.tabs.setCurrentWidget(ws.pages["book"])
        ws.pages["book"].compile()  # type: ignore[attr-defined]  # the book tab, by its key


def short_title(title: str, limit: int = 36) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
