"""The main window: units on the left, the selected unit's meetings, a tab per opened meeting
or PDF, a search over every material, and the one place where errors are shown.

Start-up order matters (DESIGN.md): the window is built from Qt alone and shown at once; the
store is opened afterwards in the task runner ("Đang mở kho dữ liệu…"), so SQLAlchemy and the
services are imported off the main thread while the person already sees the window.

Its parts: the widgets and menus (``ui.main_window_layout``), the ``MeetingTabs`` it owns
(``ui.meeting_tabs``: a workspace tab per opened meeting), the ``SearchDock`` (``ui.search_dock``)
and the work it runs in the background (``ui.main_window_jobs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMainWindow

from ui.demo_progress import make_demo
from ui.error_line import error_detail, open_message_box, plain_line
from ui.first_start import FirstStartWizard, apply_choice, mark_done, prove_identity
from ui.icons import icon
from ui.identity.follow import follow_person
from ui.main_window_jobs import (
    DEMO_CLERK_EMAIL,
    holds_store,
    load_person,
    open_store_at,
    read_pdf_file,
    search_materials,
    store_is_empty,
)
from ui.main_window_layout import (
    build_main_window,
    keep_on_screen,
    restore_layout,
    save_layout,
)
from ui.meeting_tabs import MeetingTabs, short_title
from ui.models.meetings import load_meeting_rows
from ui.models.units import load_unit_tree
from ui.settings import AppSettings, SettingsDialog
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from store.engine import Store
    from store.location import StoreLocation

log = logging.getLogger(__name__)

#: Importable from here as before the layout and the background jobs had modules of their own.
__all__ = ["DEMO_CLERK_EMAIL", "MainWindow", "search_materials", "store_is_empty"]


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: AppSettings | None = None,
        runner: TaskRunner | None = None,
        *,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.runner = runner or TaskRunner(self)
        self.runner.anyFailed.connect(lambda _name, exc: self.show_error(exc))
        self.runner.busyChanged.connect(self._busy)
        self.store: Store | None = None
        self._owns_store = False  # a store opened here is closed here; one handed in is not
        self.errors: list[BaseException] = []  # every error shown, newest last (tests read it)
        self.work_dir = work_dir
        self.meeting_tabs = MeetingTabs(self, self)
        self._placed = False  # fitted into the screen once shown (showEvent)
        self.setWindowTitle(self.tr("Nghị Sự — Họp không giấy"))
        self.setWindowIcon(icon("app"))
        build_main_window(self)
        restore_layout(self)
        self.set_store_state(self.tr("Đang mở kho dữ liệu…"))

    # -- the store --------------------------------------------------------------------------------
    def set_store_state(self, text: str) -> None:
        self.store_label.setText(text)
        self.empty_label.setText(text)

    def open_store(self, location: StoreLocation, *, demo_if_empty: bool = False, create: bool | None = None,
                   ready: Callable[[], None] | None = None, quiet: bool = False) -> None:
        """Open (and migrate) the store in the background; the window stays usable meanwhile.

        Only the automatic default store (``demo_if_empty``) is created when missing: a folder
        someone named must already hold a store. With ``demo_if_empty``, a folder without a store,
        or with an empty one, gets the whole demo first (``ui.demo_progress.make_demo``). ``ready``: called once
        the store is open, the demo made if asked, and the window's person known. ``quiet``: a
        failure to open is only said in the window's store line (the error before it was shown)."""
        if demo_if_empty and not location.shared and not holds_store(location):
            make_demo(self, location, ready)
            return

        def opened(store: Store) -> None:
            if not demo_if_empty or location.shared:
                self._adopt(store, ready)
                return

            def checked(empty: bool) -> None:
                if empty:  # an empty store: the demo is made beside it and takes its place
                    store.close()
                    make_demo(self, location, ready)
                else:
                    self._adopt(store, ready)

            self.runner.run("store.empty?", store_is_empty, store, on_result=checked)

        def failed(exc: BaseException) -> None:
            self.set_store_state(self.tr("Chưa mở được kho dữ liệu — xem Cài đặt"))
            if not quiet:
                self.show_error(exc)

        self.set_store_state(self.tr("Đang mở kho dữ liệu…"))
        self.runner.run("store.open", open_store_at, location, demo_if_empty if create is None else create,
                        on_result=opened, on_error=failed)

    # -- the first-start assistant ----------------------------------------------------------------
    def first_start(self, default: StoreLocation) -> None:
        """Ask where the store is and who this is, then open it; cancelled, open ``default``
        (this machine's folder, with the demo) as before the assistant existed."""
        wizard = FirstStartWizard(self.settings, self.runner, self)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            mark_done(self.settings)
            self.open_store(default, demo_if_empty=True)
            return
        choice = wizard.choice()
        apply_choice(self.settings, choice)
        # Who you are is proved once there is someone to be: after the demo made its people.
        self.open_store(choice.location(), demo_if_empty=choice.demo, create=choice.mode == "folder",
                        ready=lambda: prove_identity(self, choice))

    def rerun_first_start(self) -> None:
        """From the File menu: the same questions; a different store is used from the next start."""
        wizard = FirstStartWizard(self.settings, self.runner, self, first=False)
        if wizard.exec() == QDialog.DialogCode.Accepted:
            apply_choice(self.settings, wizard.choice())
            self.notify(self.tr("Đã lưu thiết lập. Kho dữ liệu mới có hiệu lực khi mở lại chương trình."))

    def _adopt(self, store: Store, ready: Callable[[], None] | None) -> None:
        self._owns_store = True
        self.use_store(store, ready=ready)

    def use_store(self, store: Store, *, ready: Callable[[], None] | None = None) -> None:
        self.store = store
        self.set_store_state(self.tr("Kho: {where}").format(where=store.location.describe()))
        self.empty_label.setText("")
        self.reload()
        if ready is not None:
            ready()

    @property
    def actor_id(self) -> int | None:
        return self.settings.person_id

    def reload(self) -> None:
        if self.store is None:
            return

        self.runner.run("units.load", load_unit_tree, self.store, on_result=self._units_loaded)
        self._show_me()
        self.register_area.refresh()
        self.meeting_tabs.reload()

    def _show_me(self) -> None:
        if self.actor_id is None:
            self.me_label.setText(self.tr("Chưa chọn người dùng (Cài đặt)"))
            return

        def shown(person) -> None:
            self.me_label.setText(self.tr("Người dùng: {name}").format(name=person.full_name))

        self.runner.run(
            "me",
            load_person,
            self.store,
            self.actor_id,
            on_result=shown,
            on_error=lambda exc: self.me_label.setText(self.tr("Người dùng không còn trong danh bạ")),
        )

    def _units_loaded(self, data) -> None:
        current = self.current_unit_id()
        self.units.set_data(data)
        self.unit_view.expandAll()
        wanted = current if current is not None else self.settings.value("ui/unit_id", None)
        index = self.units.index_of(int(wanted)) if wanted not in (None, "") else self.units.index(0, 0)
        if not index.isValid():
            index = self.units.index(0, 0)
        if index.isValid():
            self.unit_view.setCurrentIndex(index)
        self.load_meetings()

    def current_unit_id(self) -> int | None:
        unit = self.units.unit(self.unit_view.currentIndex())
        return unit.id if unit else None

    def lists_changed(self) -> None:
        """A meeting was created or changed: its row in the list, and the units' counts."""

        def counted(data) -> None:  # the same unit stays selected, without reloading its meetings
            current = self.current_unit_id()
            self.units.set_data(data)
            self.unit_view.expandAll()
            if current is not None:
                self.unit_view.selectionModel().blockSignals(True)
                self.unit_view.setCurrentIndex(self.units.index_of(current))
                self.unit_view.selectionModel().blockSignals(False)

        self.load_meetings()
        self.runner.run("units.counts", load_unit_tree, self.store, on_result=counted)

    def open_meeting(self, meeting_id: int):
        """The meeting's workspace tab, opened if need be (the tour, the calendar, the mail window)."""
        return self.meeting_tabs.open_meeting(meeting_id)

    def load_meetings(self) -> None:
        unit = self.units.unit(self.unit_view.currentIndex())
        if self.store is None or unit is None:
            return
        self.unit_title.setText(unit.name)
        self.settings.set_value("ui/unit_id", unit.id)
        self.runner.run(
            "meetings.load", load_meeting_rows, self.store, unit.id, on_result=self._meetings_loaded
        )

    def _meetings_loaded(self, rows) -> None:
        self.meetings.set_rows(rows)
        self.empty_label.setText(
            "" if rows else self.tr("Đơn vị này chưa có cuộc họp nào. Bấm “Cuộc họp mới” (Ctrl+N) để tạo.")
        )

    # -- search and the viewer ----------------------------------------------------------------
    def open_pdf(self, data: bytes, title: str, page: int = 1, highlight: str | None = None):
        """Open PDF bytes in a viewer tab at ``page`` with ``highlight`` marked; returns the viewer."""
        try:
            from ui.viewer.viewer import PdfViewer  # noqa: PLC0415 -- optional: the app runs without the QtPdf wheel
        except ImportError:
            log.warning("PDF viewer not available", exc_info=True)
            self._inform(self.tr("Trình xem PDF"), self.tr("Trình xem PDF chưa có trong bản cài đặt này."))
            return None
        viewer = PdfViewer(self)
        if hasattr(viewer, "set_task_runner"):
            viewer.set_task_runner(self.runner)
        viewer.open_bytes(data, title, page=page, highlight=highlight)
        self.tabs.addTab(viewer, icon("pdf"), short_title(title))
        self.tabs.setTabToolTip(self.tabs.indexOf(viewer), title)
        self.tabs.setCurrentWidget(viewer)
        return viewer

    def open_file(self, path: str) -> None:
        """A PDF from disk in a viewer tab ("Mở bằng Nghị Sự", ``nghisu gui FILE.pdf``): read in
        the background with the import's size limit; a missing or oversized file is one line."""
        self.runner.run("file.open", read_pdf_file, path,
                        on_result=lambda data: self.open_pdf(data, Path(path).name))

    # -- messages ---------------------------------------------------------------------------------
    def notify(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _inform(self, title: str, text: str, error: bool = False, detail: str = "") -> None:
        open_message_box(self, title, text, detail=detail, error=error)

    def show_error(self, exc: BaseException) -> None:
        """The one place errors are shown: a refusal in plain words, the server's own words behind
        "Chi tiết"; a bug logged, said generically."""

        self.errors.append(exc)
        self._inform(self.tr("Không thực hiện được"), plain_line(exc, self.settings.language), error=True,
                     detail=error_detail(exc))

    def _busy(self, count: int) -> None:
        # Said only for work that lasts: the few-second polls must not make the status bar flicker.
        if not count:
            self.busy_label.setText("")
        else:
            QTimer.singleShot(
                600,
                self.busy_label,
                lambda: self.busy_label.setText(
                    self.tr("Đang làm việc…") if self.runner.active_count() else ""
                ),
            )

    # -- settings and closing -----------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.runner, self.store, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.notify(
                self.tr("Đã lưu cài đặt. Kho dữ liệu và ngôn ngữ mới có hiệu lực khi mở lại chương trình.")
            )
            follow_person(self)  # a new 'Tôi là' holds in every open tab at once
            self._show_me()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed:
            # The frame (title bar, borders) is known only once the window is on screen: fit
            # the window into the free area again with it, now and once the window manager has
            # drawn it.
            self._placed = True
            keep_on_screen(self)
            QTimer.singleShot(0, lambda: keep_on_screen(self))

    def closeEvent(self, event) -> None:
        save_layout(self)
        self.settings.sync()
        for index in range(self.tabs.count() - 1, 0, -1):
            self.meeting_tabs.close_tab(index)
        self.runner.shutdown()
        if self.store is not None and self._owns_store:
            self.store.close()
        super().closeEvent(event)
