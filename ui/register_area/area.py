"""The "Văn bản" tab beside the meetings list: the person's unit's incoming register (filter,
search, overdue only), its outgoing documents (read through the outgoing register's service),
the person's "Việc cần xử lý", and the selected document's page: the register's columns, the
signatures as verified on receipt, the handlers and the bút phê, the links (the paper it
answers, the reply), and its history (who did what, when). Receive, register, assign, record
progress and close are buttons here; every core call runs on the task runner, writes in order."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.register_area import jobs
from ui.register_area.dialogs import AssignDialog, DoneDialog, ReassignDialog, ReceiveDialog
from ui.register_area.entry_page import cascade_html, entry_html
from ui.register_area.models import STATUS, IncomingModel, OutgoingModel, tr
from ui.register_area.outgoing_actions import OutgoingActions
from ui.register_area.outgoing_page import outgoing_html
from ui.screen_fit import fit_combo

if TYPE_CHECKING:
    from register.incoming.records import IncomingInfo
    from ui.main_window import MainWindow


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


class RegisterArea(QWidget):
    #: Not closed with the meetings' tabs (the main window keeps it, like the meetings list).
    permanent = True

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.snapshot: jobs.AreaSnapshot | None = None
        self.page: jobs.EntryPage | None = None
        self.selected: IncomingInfo | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)  # a unit's official name is long; the tab must fit 1366×768 at 150 %
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Tìm theo số ký hiệu, nơi gửi, trích yếu, nội dung…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.refresh)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(self.tr("Mọi năm"))
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Mọi trạng thái"), "")
        for code, label in STATUS.items():
            self.status_combo.addItem(tr(label), code)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        fit_combo(self.status_combo, 10)
        self.overdue_check = QCheckBox(self.tr("Chỉ quá hạn"))
        self.overdue_check.toggled.connect(lambda _b: self.refresh())
        # Open documents whose handler left the unit (transferred, retired): the văn thư's cue,
        # with their count, to give them to someone else.
        self.needs_handler_check = QCheckBox(self.tr("Cần giao lại"))
        self.needs_handler_check.setToolTip(self.tr("Văn bản có người xử lý đã thôi nhiệm vụ ở đơn vị"))
        self.needs_handler_check.toggled.connect(lambda _b: self.refresh())
        self.reassign_button = QPushButton(self.tr("Giao lại việc…"))
        self.reassign_button.setToolTip(self.tr("Văn thư giao mọi văn bản đang xử lý của người đã thôi nhiệm vụ "
                                                "cho người khác của đơn vị"))
        self.reassign_button.clicked.connect(self.reassign)
        # The registers a person keeps (the UBND's văn thư who also keeps its Văn phòng's or a
        # board's): a chooser, shown only for more than one, remembered per person while the app runs.
        self.register_combo = QComboBox()
        fit_combo(self.register_combo, 30)  # the open list and the tooltip show a long name whole
        self.register_combo.activated.connect(self._register_chosen)
        self.chosen_registers: dict[int, int] = {}  # person → the register they chose in this session
        self.register_row = QWidget()
        chooser = QHBoxLayout(self.register_row)
        chooser.setContentsMargins(0, 0, 0, 0)
        chooser.addWidget(QLabel(self.tr("Sổ văn bản của:")))
        chooser.addWidget(self.register_combo, 1)
        chooser.addStretch(1)
        self.register_row.setToolTip(self.tr("Các danh sách, nhận văn bản đến và soạn văn bản đi làm việc với sổ "
                                             "đang chọn"))
        self.register_row.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.search_edit, 2)
        top.addWidget(self.year_spin)
        top.addWidget(self.status_combo)
        top.addWidget(self.overdue_check)
        top.addWidget(self.needs_handler_check)
        top.addWidget(self.reassign_button)  # beside its filter; the actions row has no room left at 1366×768

        self.receive_button = QPushButton(icon("attach"), self.tr("Nhận văn bản…"))
        self.register_button = QPushButton(self.tr("Vào sổ"))
        self.assign_button = QPushButton(self.tr("Giao xử lý…"))
        self.progress_button = QPushButton(self.tr("Ghi tiến độ…"))
        self.done_button = QPushButton(self.tr("Hoàn thành…"))
        self.receive_button.clicked.connect(self.receive)
        self.register_button.clicked.connect(self.register_selected)
        self.assign_button.clicked.connect(self.assign_selected)
        self.progress_button.clicked.connect(self.progress_selected)
        self.done_button.clicked.connect(self.done_selected)
        actions = QHBoxLayout()
        for b in (self.receive_button, self.register_button, self.assign_button, self.progress_button, self.done_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.outgoing_actions = OutgoingActions(window, self._outgoing_page)
        self.outgoing_actions.changed = self.refresh
        self.outgoing_actions.register_unit = lambda: self.snapshot.unit_id if self.snapshot else None

        self.incoming = IncomingModel(self)
        self.todo = IncomingModel(self)
        self.outgoing = OutgoingModel(self)
        self.incoming_view = _table(self.incoming)
        self.todo_view = _table(self.todo)
        self.outgoing_view = _table(self.outgoing)
        for view in (self.incoming_view, self.todo_view):
            h = view.horizontalHeader()
            h.setMinimumSectionSize(40)
            h.setStretchLastSection(True)
            for col, width in ((0, 46), (1, 80), (2, 100), (3, 130), (4, 280), (5, 120), (6, 80), (7, 100)):
                h.resizeSection(col, width)
            view.selectionModel().currentRowChanged.connect(
                lambda current, _prev, v=view: self._entry_chosen(v, current))
        self.outgoing_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.outgoing_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._outgoing_chosen(cur))
        self.lists = QTabWidget()
        self.lists.addTab(self.incoming_view, self.tr("Văn bản đến"))
        self.lists.addTab(self.todo_view, self.tr("Việc cần xử lý"))
        self.lists.addTab(self.outgoing_view, self.tr("Văn bản đi"))
        self.page_view = QTextBrowser()
        self.page_view.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.lists)
        split.addWidget(self.page_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 360])
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #566573;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.register_row)
        layout.addLayout(actions)
        layout.addWidget(self.outgoing_actions)
        layout.addWidget(split, 1)
        layout.addWidget(self.empty_label)
        self._enable()
        self.outgoing_actions.follow(self.lists, self.outgoing_view, [
            self.receive_button, self.register_button, self.assign_button, self.progress_button, self.done_button,
            self.reassign_button])

    # -- loading ------------------------------------------------------------------------------
    def query(self) -> jobs.AreaQuery:
        return jobs.AreaQuery(text=self.search_edit.text().strip(), year=self.year_spin.value() or None,
                              status=self.status_combo.currentData() or None,
                              overdue_only=self.overdue_check.isChecked(),
                              needs_handler_only=self.needs_handler_check.isChecked())

    def refresh(self) -> None:
        store = self.window_.store
        if store is None:
            return
        me = self.window_.actor_id
        chosen = self.chosen_registers.get(me) if me is not None else None
        self.window_.runner.run("register.area", jobs.load_area, store, me, self.query(), chosen,
                                on_result=self._loaded)

    def _register_chosen(self, index: int) -> None:
        """Another register from the chooser: its lists, its receipts and drafts, from now on
        in this session; what was open belongs to the other one."""
        me, unit = self.window_.actor_id, self.register_combo.itemData(index)
        if me is None or unit is None or (self.snapshot is not None and unit == self.snapshot.unit_id):
            return
        self.chosen_registers[me] = int(unit)
        self.selected, self.page = None, None
        self.page_view.clear()
        self.refresh()

    def _show_registers(self, snap: jobs.AreaSnapshot) -> None:
        combo = self.register_combo
        combo.blockSignals(True)
        combo.clear()
        for unit_id, name in snap.registers:
            combo.addItem(name, unit_id)
        combo.setCurrentIndex(max(0, combo.findData(snap.unit_id)))
        combo.blockSignals(False)
        combo.setToolTip(combo.currentText())  # fit_combo's tooltip follows the text, quiet while filling
        self.register_row.setVisible(len(snap.registers) > 1)

    def _loaded(self, snap: jobs.AreaSnapshot) -> None:
        self.snapshot = snap
        self._show_registers(snap)
        self.incoming.set_entries(snap.incoming, snap.today)
        self.todo.set_entries(snap.todo, snap.today)
        self.outgoing.set_rows(snap.outgoing)
        # With the chooser showing, it names the unit: a long name twice would take the lists' room.
        named = snap.unit_id is not None and len(snap.registers) <= 1
        self.title.setText(self.tr("Văn bản — {unit}").format(unit=snap.unit_name) if named else self.tr("Văn bản"))
        self.lists.setTabText(1, self.tr("Việc cần xử lý ({n})").format(n=len(snap.todo)))
        if snap.unit_id is None:
            self.empty_label.setText(self.tr("Chọn người dùng (Cài đặt) để xem sổ văn bản của đơn vị mình."))
        elif not snap.incoming:
            self.empty_label.setText(self.tr("Không có văn bản đến nào khớp."))
        else:
            self.empty_label.setText(self.tr("{n} văn bản đến").format(n=len(snap.incoming)))
        self._badge(snap.overdue)
        n = snap.needs_handler
        self.needs_handler_check.setText(self.tr("Cần giao lại ({n})").format(n=n) if n else self.tr("Cần giao lại"))
        self.needs_handler_check.setStyleSheet("color: #c0392b; font-weight: bold;" if n else "")
        if self.selected is not None and self.lists.currentWidget() is not self.outgoing_view:
            self.show_entry(self.selected.id)
        self._enable()

    def _badge(self, overdue: int) -> None:
        tabs: QTabWidget = getattr(self.window_, "tabs")  # noqa: B009 -- built by main_window_layout
        at = tabs.indexOf(self)
        if at < 0:
            return
        tabs.setTabText(at, self.tr("Văn bản ({n} quá hạn)").format(n=overdue) if overdue else self.tr("Văn bản"))
        tabs.tabBar().setTabTextColor(at, QColor("#c0392b") if overdue else self.palette().windowText().color())
        tabs.setTabToolTip(at, self.tr("{n} văn bản đến quá hạn xử lý").format(n=overdue) if overdue else "")

    def _entry_chosen(self, view: QTableView, current: QModelIndex) -> None:
        if not current.isValid():
            return
        model = view.model()
        assert isinstance(model, IncomingModel)
        self.selected = model.entry(current.row())
        self._enable()
        self.show_entry(self.selected.id)

    def show_entry(self, entry_id: int) -> None:
        store = self.window_.store
        if store is not None:
            self.window_.runner.run("register.page", jobs.load_page, store, entry_id, on_result=self._page_loaded)

    def _page_loaded(self, page: jobs.EntryPage) -> None:
        self.page = page
        self.selected = page.info
        self.page_view.setHtml(entry_html(page, self.snapshot.today if self.snapshot else date.today()))
        self._enable()

    def _outgoing_chosen(self, current: QModelIndex) -> None:
        if current.isValid():
            self.outgoing_actions.show_document(int(self.outgoing.rows()[current.row()]["id"]))

    def _outgoing_page(self, page: Any, signatures: str) -> None:
        i, today = page.detail.info, self.snapshot.today if self.snapshot else date.today()
        board = cascade_html({"symbol": i.symbol, "subject": ""}, page.board, today) if page.board else ""
        self.page_view.setHtml(outgoing_html(page, signatures) + board)

    def _enable(self) -> None:
        e = self.selected
        status = str(e.status) if e else ""
        self.register_button.setEnabled(status == "received")
        self.assign_button.setEnabled(status in ("registered", "assigned"))
        self.progress_button.setEnabled(status == "assigned")
        self.done_button.setEnabled(status in ("registered", "assigned"))
        self.receive_button.setEnabled(self.snapshot is not None and self.snapshot.unit_id is not None)
        snap = self.snapshot
        self.reassign_button.setEnabled(snap is not None and snap.keeps_register and snap.needs_handler > 0)

    # -- writing ------------------------------------------------------------------------------
    def _write(self, name: str, fn: Any, *args: Any, done_text: str) -> None:
        store = self.window_.store
        if store is None:
            return

        def finished(result: Any) -> None:
            self.window_.notify(done_text)
            info = getattr(result, "entry", result)
            self.selected = info if hasattr(info, "status") else self.selected
            self.refresh()

        self.window_.runner.run(name, fn, store, self.window_.actor_id, *args, on_result=finished, write=True)

    def receive(self) -> None:
        snap = self.snapshot
        if snap is None or snap.unit_id is None:
            return
        dialog = ReceiveDialog(snap.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._write("register.receive", jobs.receive, snap.unit_id, dialog.path_edit.text(), dialog.meta(),
                    done_text=self.tr("Đã nhận văn bản; chữ ký số đã được kiểm tra và văn bản đã vào sổ."))

    def register_selected(self) -> None:
        if self.selected is not None:
            self._write("register.register", jobs.register_entry, self.selected.id, done_text=self.tr("Đã vào sổ."))

    def assign_selected(self) -> None:
        e, store, snap = self.selected, self.window_.store, self.snapshot
        if e is None or store is None or snap is None:
            return

        def people_loaded(people: list[tuple[int, str, str]]) -> None:
            dialog = AssignDialog(people, snap.today, self, due=e.due_on, latest=e.reply_due_on)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                handler, co, due, note = dialog.values()
                self._write("register.assign", jobs.assign_entry, e.id, handler, co, due, note,
                            done_text=self.tr("Đã giao xử lý."))

        self.window_.runner.run("register.people", jobs.unit_people, store, e.unit_id, on_result=people_loaded)

    def reassign(self) -> None:
        """The văn thư moves a gone handler's open work (the selected entry's handler first) to
        someone of the unit chosen in the form; refusals show in the window's one place."""
        store, snap = self.window_.store, self.snapshot
        if store is None or snap is None or snap.unit_id is None:
            return
        unit_id, chosen = snap.unit_id, self.selected.handler_id if self.selected is not None else None

        def choices_loaded(result: tuple[list[tuple[int, str]], list[tuple[int, str, str]]]) -> None:
            gone, people = result
            dialog = ReassignDialog(gone, [p for p in people if p[0] not in {g for g, _ in gone}], self, chosen=chosen)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                from_id, to_id = dialog.values()
                self._write("register.reassign", jobs.reassign_work, unit_id, from_id, to_id,
                            done_text=self.tr("Đã giao lại việc."))

        self.window_.runner.run("register.reassign_choices", jobs.reassign_choices, store, unit_id,
                                on_result=choices_loaded)

    def progress_selected(self) -> None:
        if self.selected is None:
            return
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Ghi tiến độ"), self.tr("Tiến độ xử lý:"))
        if ok:
            self._write("register.progress", jobs.progress_entry, self.selected.id, note,
                        done_text=self.tr("Đã ghi tiến độ."))

    def done_selected(self) -> None:
        if self.selected is None:
            return
        replies = [(int(r["id"]), f"{r.get('symbol') or '#' + str(r['id'])} — {r.get('subject', '')}")
                   for r in (self.snapshot.outgoing if self.snapshot else [])]
        dialog = DoneDialog(replies, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            reply, note = dialog.values()
            self._write("register.done", jobs.done_entry, self.selected.id, reply, note,
                        done_text=self.tr("Đã hoàn thành xử lý."))
