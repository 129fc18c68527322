"""What the main window does with meetings: open one from the list in a workspace tab of its
own (one tab per meeting), create one, close tabs, and the toolbar's attach and book commands,
which act on the workspace in front.

A part of ``MainWindow`` (``ui.main_window``), which provides the models, views and runner it
uses. Strings carry the "MainWindow" translation context by name, as they did inside it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.icons import icon
from ui.models.meetings import MEETING_ID_ROLE
from ui.models.units import load_unit_tree
from ui.workspace.context import WorkspaceContext, with_uow
from ui.workspace.dialogs import NewMeetingDialog
from ui.workspace.workspace import MeetingWorkspace


class MeetingTabs:
    """The meeting tabs of ``MainWindow``; mixed into it, never used alone."""

    def _meeting_activated(self, index) -> None:
        if index.isValid():
            self.open_meeting(int(self.proxy.data(index, MEETING_ID_ROLE)))

    def workspace_context(self):
        return WorkspaceContext(
            store=self.store,
            runner=self.runner,
            actor_id=self.actor_id,
            show_error=self.show_error,
            open_pdf=self.open_pdf,
            notify=self.notify,
            language=self.settings.language,
            work_dir=self._books_dir(),
            meeting_changed=lambda _id: self._meeting_changed(),
        )

    def _books_dir(self) -> Path:
        if self.work_dir is None:
            from platformdirs import user_cache_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

            self.work_dir = user_cache_path("nghisu", appauthor=False) / "books"
        self.work_dir.mkdir(parents=True, exist_ok=True)
        return self.work_dir

    def _meeting_changed(self) -> None:
        self.load_meetings()
        self.runner.run(
            "units.counts", load_unit_tree, self.store, on_result=lambda d: self._refresh_counts(d)
        )

    def _refresh_counts(self, data) -> None:
        current = self.current_unit_id()
        self.units.set_data(data)
        self.unit_view.expandAll()
        if current is not None:
            self.unit_view.selectionModel().blockSignals(True)
            self.unit_view.setCurrentIndex(self.units.index_of(current))
            self.unit_view.selectionModel().blockSignals(False)

    def open_meeting(self, meeting_id: int):
        if self.store is None:
            return None
        ws = self.workspaces.get(meeting_id)
        if ws is None:
            ws = MeetingWorkspace(self.workspace_context(), meeting_id, self)
            self.workspaces[meeting_id] = ws
            row = self.meetings.row_of(meeting_id)
            title = (
                self.meetings.row_at(row).meeting.title
                if row >= 0
                else QCoreApplication.translate("MainWindow", "Cuộc họp")
            )
            self.tabs.addTab(ws, icon("meeting"), short_title(title))
            self.tabs.setTabToolTip(self.tabs.indexOf(ws), title)
        self.tabs.setCurrentWidget(ws)
        return ws

    def current_workspace(self):
        widget = self.tabs.currentWidget()
        return widget if widget in self.workspaces.values() else None

    def new_meeting(self) -> None:
        from meetings.lifecycle import create_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        unit = self.units.unit(self.unit_view.currentIndex())
        if self.store is None or unit is None:
            self.notify(QCoreApplication.translate("MainWindow", "Chọn đơn vị chủ trì ở cột bên trái trước."))
            return
        dialog = NewMeetingDialog(unit.name, self.store.clock.now(), self)
        if dialog.exec() != NewMeetingDialog.DialogCode.Accepted:
            return

        def created(summary) -> None:
            self._meeting_changed()
            self.open_meeting(summary.id)

        self.runner.run(
            "meeting.create",
            with_uow,
            self.store,
            self.actor_id,
            create_meeting,
            unit_id=unit.id,
            **dialog.values(),
            on_result=created,
            write=True,
        )

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None or getattr(widget, "permanent", False):
            return
        for meeting_id, ws in list(self.workspaces.items()):
            if ws is widget:
                ws.close_down()
                del self.workspaces[meeting_id]
        if hasattr(widget, "shutdown"):
            widget.shutdown()
        self.tabs.removeTab(index)
        widget.deleteLater()

    def attach_pdf(self) -> None:
        ws = self.current_workspace()
        if ws is None:
            self.notify(
                QCoreApplication.translate(
                    "MainWindow", "Mở một cuộc họp, chọn mục chương trình rồi đính kèm tệp PDF."
                )
            )
            return
        ws.tabs.setCurrentWidget(ws.pages["agenda"])
        ws.pages["agenda"].choose_files()

    def compile_book(self) -> None:
        ws = self.current_workspace()
        if ws is None:
            self.notify(
                QCoreApplication.translate("MainWindow", "Mở một cuộc họp trước khi tạo tập tài liệu.")
            )
            return
        ws.tabs.setCurrentWidget(ws.pages["book"])
        ws.pages["book"].compile()


def short_title(title: str, limit: int = 36) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
