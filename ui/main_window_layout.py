"""How the main window is laid out: the units dock, the meetings page, the tabs, the search
dock, the toolbar and menus, the status bar, and the size and docks it reopens with.

Like a Designer ``setupUi``: these functions give the window its widgets as attributes
(``window.unit_view``, ``window.search_dock``, ``window.new_action``, ...); what the widgets
do stays in ``ui.main_window``. Strings carry the "MainWindow" translation context by name,
so the English in nghisu_en.ts still finds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.about import show_about
from ui.calendar.tab import open_calendar
from ui.directory import install_people_action  # "Cán bộ và vai trò…"
from ui.icons import icon
from ui.identity import install_whoami_action  # "Tôi là…"
from ui.mail import install_mail_actions  # "Thư công vụ…", "Xác nhận tham dự…"
from ui.models.meetings import SORT_ROLE, MeetingTableModel
from ui.models.units import UnitTreeModel
from ui.reader import install_reader_mode  # "Chế độ đọc"
from ui.register_area.area import RegisterArea
from ui.search_dock import SearchDock
from ui.stamps import install_stamp_action  # "Chữ ký và con dấu…"

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build_main_window(window: MainWindow) -> None:
    """Every widget of the window, its actions, menus and status bar."""
    _build_units_dock(window)
    _build_meetings_tabs(window)
    _build_search(window)
    _build_actions(window)
    window.store_label = QLabel()
    window.busy_label = QLabel()
    window.me_label = QLabel()
    window.statusBar().addPermanentWidget(window.busy_label)
    window.statusBar().addPermanentWidget(window.me_label)
    window.statusBar().addPermanentWidget(window.store_label)


def _build_units_dock(window: MainWindow) -> None:
    window.units = UnitTreeModel(window)
    window.unit_view = QTreeView()
    window.unit_view.setModel(window.units)
    window.unit_view.setUniformRowHeights(True)
    window.unit_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    window.unit_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    window.unit_view.header().setStretchLastSection(False)
    window.unit_view.selectionModel().currentChanged.connect(lambda *_: window.load_meetings())
    dock = QDockWidget(QCoreApplication.translate("MainWindow", "Đơn vị"), window)
    dock.setObjectName("unitsDock")
    dock.setWidget(window.unit_view)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.units_dock = dock


def _build_meetings_tabs(window: MainWindow) -> None:
    window.meetings = MeetingTableModel(window)
    window.proxy = QSortFilterProxyModel(window)
    window.proxy.setSourceModel(window.meetings)
    window.proxy.setSortRole(SORT_ROLE)
    window.proxy.setFilterKeyColumn(-1)
    window.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = window.meeting_view = QTableView()
    view.setModel(window.proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.activated.connect(window.meeting_tabs.open_listed)
    h = view.horizontalHeader()
    h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for col, width in ((0, 130), (2, 120), (3, 80), (4, 80), (5, 80)):
        h.resizeSection(col, width)
    window.filter_edit = QLineEdit()
    window.filter_edit.setPlaceholderText(
        QCoreApplication.translate("MainWindow", "Lọc theo tên, ngày hoặc trạng thái…")
    )
    window.filter_edit.setClearButtonEnabled(True)
    window.filter_edit.textChanged.connect(window.proxy.setFilterFixedString)
    window.unit_title = QLabel()
    window.unit_title.setStyleSheet("font-size: 14pt; font-weight: bold;")
    new_button = QPushButton(icon("meeting-new"), QCoreApplication.translate("MainWindow", "Cuộc họp mới"))
    open_button = QPushButton(icon("meeting"), QCoreApplication.translate("MainWindow", "Mở cuộc họp"))
    new_button.clicked.connect(window.meeting_tabs.new_meeting)
    open_button.clicked.connect(lambda: window.meeting_tabs.open_listed(view.currentIndex()))
    top = QHBoxLayout()
    top.addWidget(window.unit_title, 1)
    top.addWidget(window.filter_edit, 1)
    top.addWidget(open_button)
    top.addWidget(new_button)
    window.empty_label = QLabel()
    window.empty_label.setStyleSheet("color: #566573;")
    page = QWidget()
    pv = QVBoxLayout(page)
    pv.addLayout(top)
    pv.addWidget(view, 1)
    pv.addWidget(window.empty_label)

    tabs = window.tabs = QTabWidget()
    tabs.setTabsClosable(True)
    tabs.setMovable(True)
    tabs.setDocumentMode(True)
    tabs.addTab(page, icon("meeting"), QCoreApplication.translate("MainWindow", "Danh sách cuộc họp"))
    tabs.tabBar().setTabButton(0, tabs.tabBar().ButtonPosition.RightSide, None)
    window.register_area = RegisterArea(window)  # "Văn bản": the document register, beside the meetings
    tabs.addTab(window.register_area, icon("pdf"), QCoreApplication.translate("RegisterArea", "Văn bản"))
    tabs.tabBar().setTabButton(1, tabs.tabBar().ButtonPosition.RightSide, None)
    tabs.tabCloseRequested.connect(window.meeting_tabs.close_tab)
    window.setCentralWidget(tabs)


def _build_search(window: MainWindow) -> None:
    dock = window.search_dock = SearchDock(window, window)
    dock.resultsReady.connect(lambda: show_search_results(window))
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()


def _action(
    window: MainWindow, name: str, text: str, shortcut: QKeySequence | str | None, slot, tip: str = ""
) -> QAction:
    action = QAction(icon(name), text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else tip or text)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _build_actions(window: MainWindow) -> None:
    window.new_action = _action(
        window,
        "meeting-new",
        QCoreApplication.translate("MainWindow", "Cuộc họp mới"),
        "Ctrl+N",
        window.meeting_tabs.new_meeting,
        QCoreApplication.translate("MainWindow", "Tạo cuộc họp mới cho đơn vị đang chọn"),
    )
    window.find_action = _action(
        window,
        "search",
        QCoreApplication.translate("MainWindow", "Tìm"),
        "Ctrl+F",
        window.search_dock.focus,
        QCoreApplication.translate("MainWindow", "Tìm trong mọi tài liệu"),
    )
    window.calendar_action = _action(
        window,
        "meeting",
        QCoreApplication.translate("MainWindow", "Lịch họp"),
        "Ctrl+L",
        lambda: open_calendar(window),
        QCoreApplication.translate("MainWindow", "Lịch họp theo ngày, tuần, tháng của mọi đơn vị; tìm cuộc họp"),
    )
    window.attach_action = _action(
        window,
        "attach",
        QCoreApplication.translate("MainWindow", "Đính kèm PDF"),
        "Ctrl+O",
        window.meeting_tabs.attach_pdf,
        QCoreApplication.translate("MainWindow", "Đính kèm tệp PDF vào mục chương trình đang chọn"),
    )
    window.book_action = _action(
        window,
        "book",
        QCoreApplication.translate("MainWindow", "Tạo tập tài liệu"),
        "Ctrl+B",
        window.meeting_tabs.compile_book,
    )
    window.reload_action = _action(
        window, "reload", QCoreApplication.translate("MainWindow", "Tải lại"), "F5", window.reload
    )
    window.settings_action = _action(
        window, "settings", QCoreApplication.translate("MainWindow", "Cài đặt"), None, window.open_settings
    )
    window.quit_action = _action(
        window, "quit", QCoreApplication.translate("MainWindow", "Thoát"), "Ctrl+Q", window.close
    )
    file_actions = (window.new_action, window.calendar_action, window.attach_action, window.book_action, window.reload_action)
    bar = QToolBar(QCoreApplication.translate("MainWindow", "Thanh công cụ"))
    bar.setObjectName("mainToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setMovable(False)
    for a in file_actions:
        bar.addAction(a)
    spacer = QWidget()
    spacer.setSizePolicy(
        spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy().Preferred
    )
    bar.addWidget(spacer)
    bar.addWidget(window.search_dock.edit)
    bar.addAction(window.settings_action)
    window.addToolBar(bar)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Tệp"))
    for a in file_actions:
        menu.addAction(a)
    menu.addSeparator()
    install_mail_actions(window, menu)
    install_stamp_action(window, menu)
    install_whoami_action(window, menu)
    install_people_action(window, menu)
    window.first_start_action = menu.addAction(QCoreApplication.translate("MainWindow", "Trợ lý thiết lập…"))
    window.first_start_action.triggered.connect(window.rerun_first_start)
    menu.addAction(window.settings_action)
    menu.addAction(window.quit_action)
    view = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Xem"))
    view.addAction(window.find_action)
    view.addAction(window.units_dock.toggleViewAction())
    view.addAction(window.search_dock.toggleViewAction())

    install_reader_mode(window, view)

    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Trợ giúp"))
    window.about_action = help_menu.addAction(QCoreApplication.translate("MainWindow", "Giới thiệu Nghị Sự"))
    window.about_action.triggered.connect(lambda: show_about(window))


def layout_key(window: MainWindow, what: str) -> str:
    """Where a person's window layout is kept: each person who uses this machine gets their own."""
    person = window.settings.person_id
    return f"window/{'person-' + str(person) if person is not None else 'anyone'}/{what}"


def restore_layout(window: MainWindow) -> None:
    """The size, position and docks this person's window had when it was last closed, kept on screen.

    The first time, the window takes 1360×860 or the screen's free area, whichever is smaller: an
    office PC's 1366×768 screen (its taskbar taken off) must show the whole window, status bar too.
    """
    geometry = window.settings.value(layout_key(window, "geometry"))
    state = window.settings.value(layout_key(window, "state"))
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(1360, 860)
        window.resizeDocks([window.units_dock], [290], Qt.Orientation.Horizontal)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    keep_on_screen(window)
    if not (isinstance(geometry, QByteArray) and not geometry.isEmpty()):
        # Shrinking the window to a small screen takes the width from the unit tree first,
        # down to a sliver at 150 %; give it back its share of what the screen has.
        window.resizeDocks([window.units_dock], [min(290, window.width() // 3)], Qt.Orientation.Horizontal)


def save_layout(window: MainWindow) -> None:
    window.settings.set_value(layout_key(window, "geometry"), window.saveGeometry())
    window.settings.set_value(layout_key(window, "state"), window.saveState())


def show_search_results(window: MainWindow) -> None:
    """Show the results dock where it fits: under the page on a tall screen, beside the unit tree
    (as a second tab of it) on a short one, where a bottom dock would push the window's foot
    off the screen (1366×768 at 150 % leaves 512 points)."""
    dock = window.search_dock
    screen = window.screen() or QGuiApplication.primaryScreen()
    short = screen is not None and screen.availableGeometry().height() < 700
    if short and not dock.isVisible() and window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
        window.tabifyDockWidget(window.units_dock, dock)
    dock.show()
    dock.raise_()
    keep_on_screen(window)


def keep_on_screen(window: MainWindow) -> None:
    """Shrink and move the window into its screen's free area (a layout saved on a bigger screen,
    or the first start's size on a small one)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    # The frame (title bar, borders) comes on top of the window's own size once it is shown.
    frame_w = max(0, window.frameGeometry().width() - window.width())
    frame_h = max(0, window.frameGeometry().height() - window.height())
    width = min(window.width(), free.width() - frame_w)
    height = min(window.height(), free.height() - frame_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 1), max(height, 1))
    x = min(max(window.x(), free.left()), free.right() - window.frameGeometry().width() + 1)
    y = min(max(window.y(), free.top()), free.bottom() - window.frameGeometry().height() + 1)
    window.move(max(x, free.left()), max(y, free.top()))
