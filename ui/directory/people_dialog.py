"""'Cán bộ và vai trò': the people of the store in a table (a Qt model over the core's
``PersonInfo``), a form to add one, and a role (văn thư, thư ký, lãnh đạo, chuyên viên, đại
biểu, thành viên) given in a unit. Bad input is one line under the form; nothing is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from store.directory import ROLE_VI, Role
from ui.directory.jobs import Directory, add_person, give_role, load_directory
from ui.directory.person_edit_dialog import PersonEditDialog
from ui.error_line import ERROR_COLOUR, ErrorLine
from ui.models.indexes import NO_PARENT, Index

if TYPE_CHECKING:
    from store.engine import Store
    from ui.tasks import TaskRunner



class PeopleModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.directory = Directory((), (), {})
        self._unit_names: dict[int, str] = {}
        self.headers = [self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Đơn vị"), self.tr("Vai trò")]

    def set_directory(self, directory: Directory) -> None:
        self.beginResetModel()
        self.directory = directory
        self._unit_names = {u.id: u.name for u in directory.units}
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.directory.people)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.directory.people[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        roles = ", ".join(f"{ROLE_VI[Role(r.role)]} ({self._unit_names.get(r.unit_id, '?')})"
                          for r in self.directory.roles.get(p.id, ())
                          if r.until is None or (self.directory.today is not None and r.until > self.directory.today))
        return (p.full_name, p.position, self._unit_names.get(p.unit_id, "?"), roles)[index.column()]


class PeopleDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id = store, runner, actor_id
        self.setWindowTitle(self.tr("Cán bộ và vai trò"))
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(80)  # the table scrolls; the forms below stay in view on a small screen
        self.name, self.position, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        self.unit, self.role_unit, self.role = QComboBox(), QComboBox(), QComboBox()
        for r in Role:
            self.role.addItem(ROLE_VI[r], r.value)
        self.add_button = QPushButton(self.tr("Thêm cán bộ"))
        self.add_button.clicked.connect(self.add)
        self.role_button = QPushButton(self.tr("Giao vai trò cho người đang chọn"))
        self.role_button.clicked.connect(self.grant)
        self.edit_button = QPushButton(self.tr("Sửa người đang chọn…"))
        self.edit_button.clicked.connect(self.edit)
        self.changed = False  # the window reloads when the dialog closes after a change
        self.action_dialog: PersonEditDialog | None = None
        self.error = ErrorLine()  # one line under the form; a server's words behind "Chi tiết"
        add_box = QGroupBox(self.tr("Thêm cán bộ"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("Họ và tên:"), self.name)
        form.addRow(self.tr("Chức vụ:"), self.position)
        form.addRow(self.tr("Đơn vị công tác:"), self.unit)
        form.addRow(self.tr("Thư điện tử:"), self.email)
        form.addRow(self.add_button)
        role_box = QGroupBox(self.tr("Vai trò"))
        row = QHBoxLayout(role_box)
        row.addWidget(self.role)
        row.addWidget(QLabel(self.tr("tại")))
        row.addWidget(self.role_unit, 1)
        row.addWidget(self.role_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        layout.addLayout(edit_row)
        layout.addWidget(add_box)
        layout.addWidget(role_box)
        layout.addWidget(self.error)
        self.resize(760, 440)  # within 1366×768 at 150 %
        self.refresh()

    def refresh(self) -> None:
        self.runner.run("people.load", load_directory, self.store, on_result=self._loaded, on_error=self._refused)

    def _loaded(self, directory: Directory) -> None:
        chosen = self.selected_person()
        self.model.set_directory(directory)
        self.table.resizeColumnsToContents()
        rows = [i for i, p in enumerate(directory.people) if p.id == chosen]
        if rows:  # the person just edited stays selected
            self.table.selectRow(rows[0])
        for combo in (self.unit, self.role_unit):
            kept = combo.currentData()
            combo.clear()
            for u in directory.units:
                if u.valid_to is None:
                    combo.addItem(u.name, u.id)
            if kept is not None and combo.findData(kept) >= 0:
                combo.setCurrentIndex(combo.findData(kept))

    def selected_person(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(self.model.data(rows[0], Qt.ItemDataRole.UserRole)) if rows else None

    def add(self) -> None:
        self.error.say("")
        self.runner.run("people.add", add_person, self.store, self.actor_id, self.name.text(), self.position.text(),
                        self.unit.currentData(), self.email.text().strip(), on_result=self._added,
                        on_error=self._refused, write=True)

    def _added(self, _person_id: int) -> None:
        for edit in (self.name, self.position, self.email):
            edit.clear()
        self._changed()

    def _changed(self) -> None:
        self.changed = True
        self.refresh()

    def edit(self) -> PersonEditDialog | None:
        """The selected person's edit dialog (name, position, unit, roles to end), window-modal."""
        self.error.say("")
        person_id = self.selected_person()
        if person_id is None:
            self.error.say(self.tr("Hãy chọn một người trong bảng trước."), colour=ERROR_COLOUR)
            return None
        person = next(p for p in self.model.directory.people if p.id == person_id)
        dialog = PersonEditDialog(self.store, self.runner, self.actor_id, self.model.directory, person,
                                  self._changed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def grant(self) -> None:
        self.error.say("")
        person = self.selected_person()
        if person is None:
            self.error.say(self.tr("Hãy chọn một người trong bảng trước."), colour=ERROR_COLOUR)
            return
        self.runner.run("people.role", give_role, self.store, self.actor_id, person, self.role_unit.currentData(),
                        self.role.currentData(), on_result=lambda _: self._changed(), on_error=self._refused, write=True)

    def _refused(self, exc: BaseException) -> None:
        self.error.say_error(exc, "vi")
