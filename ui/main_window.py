"""The main window: units on the left, the selected unit's meetings, a tab per opened meeting
or PDF, a search over every material, and the one place where errors are shown.

Start-up order matters (DESIGN.md): the window is built from Qt alone and shown at once; the
store is opened afterwards in the task runner ("Đang mở kho dữ liệu…"), so SQLAlchemy and the
services are imported off the main thread while the person already sees the window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.models.meetings import MEETING_ID_ROLE, SORT_ROLE, MeetingTableModel
from ui.models.search import SearchHitsModel
from ui.models.units import UnitTreeModel
from ui.settings import AppSettings
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from store.engine import Store
    from store.location import StoreLocation

log = logging.getLogger(__name__)

DEMO_CLERK_EMAIL = "anh.ptn@quangtri.gov.vn"


def store_is_empty(store: Store) -> bool:
    from store.directory import list_units

    with store.read() as s:
        return not list_units(s)


def create_demo_store(store: Store) -> int | None:
    """Fill an empty store with the Quảng Trị demo; returns the demo clerk's person id."""
    from meetings.demo import create_demo
    from store.directory import find_person_by_email

    create_demo(store)
    with store.read() as s:
        clerk = find_person_by_email(s, DEMO_CLERK_EMAIL)
    return clerk.id if clerk else None


def search_materials(store: Store, query: str) -> list:
    from documents.search import search

    with store.read() as s:
        return search(s, query, limit=100)


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings | None = None, runner: TaskRunner | None = None, *,
                 work_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.runner = runner or TaskRunner(self)
        self.runner.anyFailed.connect(lambda _name, exc: self.show_error(exc))
        self.runner.busyChanged.connect(self._busy)
        self.store: Store | None = None
        self._owns_store = False  # a store opened here is closed here; one handed in is not
        self.errors: list[BaseException] = []  # every error shown, newest last (tests read it)
        self.work_dir = work_dir
        self.workspaces: dict[int, Any] = {}
        self.setWindowTitle(self.tr("Nghị Sự — Họp không giấy"))
        self.setWindowIcon(icon("app"))
        self._build()
        self._restore_layout()
        self.set_store_state(self.tr("Đang mở kho dữ liệu…"))

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.units = UnitTreeModel(self)
        self.unit_view = QTreeView()
        self.unit_view.setModel(self.units)
        self.unit_view.setUniformRowHeights(True)
        self.unit_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.unit_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.unit_view.header().setStretchLastSection(False)
        self.unit_view.selectionModel().currentChanged.connect(lambda *_: self.load_meetings())
        dock = QDockWidget(self.tr("Đơn vị"), self)
        dock.setObjectName("unitsDock")
        dock.setWidget(self.unit_view)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.units_dock = dock

        self.meetings = MeetingTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.meetings)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.meeting_view = QTableView()
        self.meeting_view.setModel(self.proxy)
        self.meeting_view.setSortingEnabled(True)
        self.meeting_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.meeting_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meeting_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meeting_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meeting_view.verticalHeader().hide()
        self.meeting_view.setAlternatingRowColors(True)
        self.meeting_view.setWordWrap(False)
        self.meeting_view.activated.connect(self._meeting_activated)
        h = self.meeting_view.horizontalHeader()
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 130), (2, 120), (3, 80), (4, 80), (5, 80)):
            h.resizeSection(col, width)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Lọc theo tên, ngày hoặc trạng thái…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.unit_title = QLabel()
        self.unit_title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        new_button = QPushButton(icon("meeting-new"), self.tr("Cuộc họp mới"))
        open_button = QPushButton(icon("meeting"), self.tr("Mở cuộc họp"))
        new_button.clicked.connect(self.new_meeting)
        open_button.clicked.connect(lambda: self._meeting_activated(self.meeting_view.currentIndex()))
        top = QHBoxLayout()
        top.addWidget(self.unit_title, 1)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(open_button)
        top.addWidget(new_button)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #566573;")
        page = QWidget()
        pv = QVBoxLayout(page)
        pv.addLayout(top)
        pv.addWidget(self.meeting_view, 1)
        pv.addWidget(self.empty_label)

        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(page, icon("meeting"), self.tr("Danh sách cuộc họp"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.setCentralWidget(self.tabs)

        self.hits = SearchHitsModel(self)
        self.hit_view = QTableView()
        self.hit_view.setModel(self.hits)
        self.hit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hit_view.verticalHeader().hide()
        self.hit_view.setWordWrap(False)
        self.hit_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.hit_view.horizontalHeader().resizeSection(0, 380)
        self.hit_view.horizontalHeader().resizeSection(1, 60)
        self.hit_view.activated.connect(self.open_hit)
        self.search_dock = QDockWidget(self.tr("Kết quả tìm kiếm"), self)
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.hit_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.search_dock)
        self.search_dock.hide()

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Tìm trong mọi tài liệu (có dấu hoặc không dấu)…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setMinimumWidth(340)
        self.search_edit.returnPressed.connect(self.run_search)
        self._build_actions()

        self.store_label = QLabel()
        self.busy_label = QLabel()
        self.me_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.me_label)
        self.statusBar().addPermanentWidget(self.store_label)

    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None, slot, tip: str = "") -> QAction:
        action = QAction(icon(name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("meeting-new", self.tr("Cuộc họp mới"), "Ctrl+N", self.new_meeting,
                                       self.tr("Tạo cuộc họp mới cho đơn vị đang chọn"))
        self.find_action = self._action("search", self.tr("Tìm"), "Ctrl+F", self.focus_search,
                                        self.tr("Tìm trong mọi tài liệu"))
        self.attach_action = self._action("attach", self.tr("Đính kèm PDF"), "Ctrl+O", self.attach_pdf,
                                          self.tr("Đính kèm tệp PDF vào mục chương trình đang chọn"))
        self.book_action = self._action("book", self.tr("Tạo tập tài liệu"), "Ctrl+B", self.compile_book)
        self.reload_action = self._action("reload", self.tr("Tải lại"), "F5", self.reload)
        self.settings_action = self._action("settings", self.tr("Cài đặt"), None, self.open_settings)
        self.quit_action = self._action("quit", self.tr("Thoát"), "Ctrl+Q", self.close)
        bar = QToolBar(self.tr("Thanh công cụ"))
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setMovable(False)
        for a in (self.new_action, self.attach_action, self.book_action, self.reload_action):
            bar.addAction(a)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search_edit)
        bar.addAction(self.settings_action)
        self.addToolBar(bar)
        menu = self.menuBar().addMenu(self.tr("&Tệp"))
        for a in (self.new_action, self.attach_action, self.book_action, self.reload_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        menu.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("&Xem"))
        view.addAction(self.find_action)
        view.addAction(self.units_dock.toggleViewAction())
        view.addAction(self.search_dock.toggleViewAction())
        __import__("ui.reader", fromlist=["install_reader_mode"]).install_reader_mode(self, view)  # "Chế độ đọc"

    # -- the store --------------------------------------------------------------------------------
    def set_store_state(self, text: str) -> None:
        self.store_label.setText(text)
        self.empty_label.setText(text)

    def open_store(self, location: StoreLocation, *, demo_if_empty: bool = False) -> None:
        """Open (and migrate) the store in the background; the window stays usable meanwhile."""
        def opened(store: Store) -> None:
            self._owns_store = True
            self.use_store(store, demo_if_empty=demo_if_empty)

        def failed(exc: BaseException) -> None:
            self.set_store_state(self.tr("Chưa mở được kho dữ liệu — xem Cài đặt"))
            self.show_error(exc)

        self.set_store_state(self.tr("Đang mở kho dữ liệu…"))
        self.runner.run("store.open", _open_store, location, on_result=opened, on_error=failed)

    def use_store(self, store: Store, *, demo_if_empty: bool = False) -> None:
        import ui.workspace.signing_registration  # noqa: F401  (Signing tab, "Chờ ký" column, screenshots)

        self.store = store
        self.set_store_state(self.tr("Kho: {where}").format(where=store.location.describe()))
        self.empty_label.setText("")
        if demo_if_empty:
            self.runner.run("store.empty?", store_is_empty, store,
                            on_result=lambda empty: self._create_demo() if empty else self.reload())
        else:
            self.reload()

    def _create_demo(self) -> None:
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(self.tr("Kho dữ liệu còn trống: đang tạo dữ liệu mẫu tỉnh Quảng Trị "
                                         "(đơn vị, cán bộ, cuộc họp và tài liệu)…"), "", 0, 0, self)
        dialog.setWindowTitle(self.tr("Tạo dữ liệu mẫu"))
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

        def done(clerk_id: int | None) -> None:
            dialog.reset()
            dialog.deleteLater()
            if self.settings.person_id is None and clerk_id is not None:
                self.settings.person_id = clerk_id
            self.reload()

        def failed(exc: BaseException) -> None:
            dialog.reset()
            dialog.deleteLater()
            self.show_error(exc)

        self.runner.run("demo.create", create_demo_store, self.store, on_result=done, on_error=failed, write=True)

    @property
    def actor_id(self) -> int | None:
        return self.settings.person_id

    def reload(self) -> None:
        if self.store is None:
            return
        from ui.models.units import load_unit_tree

        self.runner.run("units.load", load_unit_tree, self.store, on_result=self._units_loaded)
        self._show_me()
        for ws in self.workspaces.values():
            ws.reload()

    def _show_me(self) -> None:
        if self.actor_id is None:
            self.me_label.setText(self.tr("Chưa chọn người dùng (Cài đặt)"))
            return

        def shown(person) -> None:
            self.me_label.setText(self.tr("Người dùng: {name}").format(name=person.full_name))

        self.runner.run("me", _person, self.store, self.actor_id, on_result=shown,
                        on_error=lambda exc: self.me_label.setText(self.tr("Người dùng không còn trong danh bạ")))

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

    def load_meetings(self) -> None:
        from ui.models.meetings import load_meeting_rows

        unit = self.units.unit(self.unit_view.currentIndex())
        if self.store is None or unit is None:
            return
        self.unit_title.setText(unit.name)
        self.settings.set_value("ui/unit_id", unit.id)
        self.runner.run("meetings.load", load_meeting_rows, self.store, unit.id, on_result=self._meetings_loaded)

    def _meetings_loaded(self, rows) -> None:
        self.meetings.set_rows(rows)
        self.empty_label.setText("" if rows else self.tr("Đơn vị này chưa có cuộc họp nào. Bấm “Cuộc họp mới” "
                                                         "(Ctrl+N) để tạo."))

    # -- meetings -----------------------------------------------------------------------------
    def _meeting_activated(self, index) -> None:
        if index.isValid():
            self.open_meeting(int(self.proxy.data(index, MEETING_ID_ROLE)))

    def workspace_context(self):
        from ui.workspace.context import WorkspaceContext

        return WorkspaceContext(store=self.store, runner=self.runner, actor_id=self.actor_id,
                                show_error=self.show_error, open_pdf=self.open_pdf, notify=self.notify,
                                language=self.settings.language, work_dir=self._books_dir(),
                                meeting_changed=lambda _id: self._meeting_changed())

    def _books_dir(self) -> Path:
        if self.work_dir is None:
            from platformdirs import user_cache_path

            self.work_dir = user_cache_path("nghisu", appauthor=False) / "books"
        self.work_dir.mkdir(parents=True, exist_ok=True)
        return self.work_dir

    def _meeting_changed(self) -> None:
        from ui.models.units import load_unit_tree

        self.load_meetings()
        self.runner.run("units.counts", load_unit_tree, self.store, on_result=lambda d: self._refresh_counts(d))

    def _refresh_counts(self, data) -> None:
        current = self.current_unit_id()
        self.units.set_data(data)
        self.unit_view.expandAll()
        if current is not None:
            self.unit_view.selectionModel().blockSignals(True)
            self.unit_view.setCurrentIndex(self.units.index_of(current))
            self.unit_view.selectionModel().blockSignals(False)

    def open_meeting(self, meeting_id: int):
        from ui.workspace.workspace import MeetingWorkspace

        if self.store is None:
            return None
        ws = self.workspaces.get(meeting_id)
        if ws is None:
            ws = MeetingWorkspace(self.workspace_context(), meeting_id, self)
            self.workspaces[meeting_id] = ws
            row = self.meetings.row_of(meeting_id)
            title = self.meetings.row_at(row).meeting.title if row >= 0 else self.tr("Cuộc họp")
            self.tabs.addTab(ws, icon("meeting"), _short(title))
            self.tabs.setTabToolTip(self.tabs.indexOf(ws), title)
        self.tabs.setCurrentWidget(ws)
        return ws

    def current_workspace(self):
        widget = self.tabs.currentWidget()
        return widget if widget in self.workspaces.values() else None

    def new_meeting(self) -> None:
        from meetings.lifecycle import create_meeting
        from ui.workspace.context import with_uow
        from ui.workspace.dialogs import NewMeetingDialog

        unit = self.units.unit(self.unit_view.currentIndex())
        if self.store is None or unit is None:
            self.notify(self.tr("Chọn đơn vị chủ trì ở cột bên trái trước."))
            return
        dialog = NewMeetingDialog(unit.name, self.store.clock.now(), self)
        if dialog.exec() != NewMeetingDialog.DialogCode.Accepted:
            return

        def created(summary) -> None:
            self._meeting_changed()
            self.open_meeting(summary.id)

        self.runner.run("meeting.create", with_uow, self.store, self.actor_id, create_meeting, unit_id=unit.id,
                        **dialog.values(), on_result=created, write=True)

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
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
            self.notify(self.tr("Mở một cuộc họp, chọn mục chương trình rồi đính kèm tệp PDF."))
            return
        ws.tabs.setCurrentWidget(ws.pages["agenda"])
        ws.pages["agenda"].choose_files()

    def compile_book(self) -> None:
        ws = self.current_workspace()
        if ws is None:
            self.notify(self.tr("Mở một cuộc họp trước khi tạo tập tài liệu."))
            return
        ws.tabs.setCurrentWidget(ws.pages["book"])
        ws.pages["book"].compile()

    # -- search and the viewer ----------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def run_search(self) -> None:
        query = self.search_edit.text().strip()
        if not query or self.store is None:
            return

        def found(hits) -> None:
            self.hits.set_hits(query, hits)
            self.search_dock.setWindowTitle(self.tr("Kết quả tìm kiếm “{q}”: {n} trang").format(q=query, n=len(hits)))
            self.search_dock.show()
            if hits:
                self.hit_view.selectRow(0)

        self.runner.run("search", search_materials, self.store, query, on_result=found)

    def open_hit(self, index) -> None:
        from ui.workspace.context import document_bytes

        if not index.isValid():
            return
        hit, query = self.hits.hit(index.row()), self.hits.query
        self.runner.run("document.open", document_bytes, self.store, hit.document_id,
                        on_result=lambda r: self.open_pdf(r[1], r[0].number or r[0].title, page=hit.page,
                                                          highlight=query))

    def open_pdf(self, data: bytes, title: str, page: int = 1, highlight: str | None = None):
        """Open PDF bytes in a viewer tab at ``page`` with ``highlight`` marked; returns the viewer."""
        try:
            from ui.viewer.viewer import PdfViewer
        except ImportError:
            log.warning("PDF viewer not available", exc_info=True)
            self._inform(self.tr("Trình xem PDF"), self.tr("Trình xem PDF chưa có trong bản cài đặt này."))
            return None
        viewer = PdfViewer(self)
        if hasattr(viewer, "set_task_runner"):
            viewer.set_task_runner(self.runner)
        viewer.open_bytes(data, title, page=page, highlight=highlight)
        self.tabs.addTab(viewer, icon("pdf"), _short(title))
        self.tabs.setTabToolTip(self.tabs.indexOf(viewer), title)
        self.tabs.setCurrentWidget(viewer)
        return viewer

    # -- messages ---------------------------------------------------------------------------------
    def notify(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _inform(self, title: str, text: str, error: bool = False) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal but not blocking: background work keeps reporting

    def show_error(self, exc: BaseException) -> None:
        """The one place errors are shown: a refusal in plain words; a bug logged, said generically."""
        from store.errors import NghisuError

        self.errors.append(exc)
        if isinstance(exc, NghisuError):
            text = exc.message(self.settings.language)
        else:
            log.error("unexpected failure", exc_info=(type(exc), exc, exc.__traceback__))
            text = self.tr("Đã có lỗi không mong đợi; thao tác chưa hoàn thành. Hãy thử lại; nếu lỗi lặp lại, "
                           "báo cho bộ phận kỹ thuật (chi tiết đã được ghi vào nhật ký).")
        self._inform(self.tr("Không thực hiện được"), text, error=True)

    def _busy(self, count: int) -> None:
        # Said only for work that lasts: the few-second polls must not make the status bar flicker.
        if not count:
            self.busy_label.setText("")
        else:
            QTimer.singleShot(600, self.busy_label, lambda: self.busy_label.setText(
                self.tr("Đang làm việc…") if self.runner.active_count() else ""))

    # -- settings and layout ------------------------------------------------------------------
    def open_settings(self) -> None:
        from ui.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self.runner, self.store, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.notify(self.tr("Đã lưu cài đặt. Kho dữ liệu và ngôn ngữ mới có hiệu lực khi mở lại chương trình."))
            self._show_me()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
            self.resizeDocks([self.units_dock], [290], Qt.Orientation.Horizontal)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        self.settings.sync()
        for index in range(self.tabs.count() - 1, 0, -1):
            self.close_tab(index)
        self.runner.shutdown()
        if self.store is not None and self._owns_store:
            self.store.close()
        super().closeEvent(event)


def _open_store(location: StoreLocation) -> Store:
    from store.engine import open_store

    return open_store(location)


def _person(store: Store, person_id: int):
    from store.directory import get_person

    with store.read() as s:
        return get_person(s, person_id)


def _short(title: str, limit: int = 36) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
