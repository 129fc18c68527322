"""'Đơn vị': the store's units in a table (a Qt model over the core's ``UnitInfo``, each level
named by its scheme; a merged or dissolved unit stays, shown as ended on its day) and a form adding
one: an administrative body, its office, a department (sở, phòng) or a board, under a parent where
the scheme allows it. The selected unit is edited, moved, merged or dissolved in a dialog of its
own (``unit_edit_dialog``, ``reorganise_dialog``). Bad input is one line; nothing is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from store.directory import KIND_VI, UnitKind
from ui.directory.reorganise_dialog import DissolveDialog, MergeDialog, MoveDialog
from ui.directory.unit_edit_dialog import UnitEditDialog
from ui.directory.unit_jobs import NewUnit, UnitMap, add_unit, load_units
from ui.error_line import ERROR_COLOUR, ErrorLine
from ui.models.indexes import NO_PARENT, Index

if TYPE_CHECKING:
    from store.engine import Store
    from ui.tasks import TaskRunner


class UnitsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.map = UnitMap((), {}, ())
        self.headers = [self.tr("Tên"), self.tr("Mã"), self.tr("Loại"), self.tr("Cấp"), self.tr("Địa danh"),
                        self.tr("Kết thúc")]

    def set_map(self, unit_map: UnitMap) -> None:
        self.beginResetModel()
        self.map = unit_map
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.map.units)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        u = self.map.units[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return u.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("gray") if u.valid_to is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and u.valid_to is not None:
            successor = next((s.name for s in self.map.units if s.id == u.successor_id), "")
            ended = self.tr("Đã kết thúc hoạt động từ {day}.").format(day=f"{u.valid_to:%d/%m/%Y}")
            if not successor:
                return ended
            took_over = self.tr("Đơn vị kế thừa: {name}.").format(name=successor)
            return f"{ended} {took_over}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        level = self.map.levels.get((u.scheme, u.level))
        ended = f"{u.valid_to:%d/%m/%Y}" if u.valid_to is not None else ""
        return (u.name, u.code, KIND_VI[UnitKind(u.kind)], level.short if level else u.level, u.place_name,
                ended)[index.column()]


class UnitsDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id = store, runner, actor_id
        self.setWindowTitle(self.tr("Đơn vị"))
        self.model = UnitsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setMinimumHeight(80)  # the table scrolls; the form stays in view on a small screen
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.changed = False  # the window's unit tree reloads when the dialog closes after a change
        self.action_dialog: QDialog | None = None
        actions = QHBoxLayout()
        for label, dialog_type in ((self.tr("Sửa…"), UnitEditDialog), (self.tr("Chuyển…"), MoveDialog),
                                   (self.tr("Hợp nhất…"), MergeDialog), (self.tr("Giải thể…"), DissolveDialog)):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, t=dialog_type: self.open_action(t))
            actions.addWidget(button)
        actions.addStretch(1)
        self.code, self.name, self.official, self.place, self.abbreviation = (QLineEdit() for _ in range(5))
        self.kind, self.parent_unit, self.level = QComboBox(), QComboBox(), QComboBox()
        for k in UnitKind:
            self.kind.addItem(KIND_VI[k], k.value)
        self.add_button = QPushButton(self.tr("Thêm đơn vị"))
        self.add_button.clicked.connect(self.add)
        self.error = ErrorLine()  # one line under the form; a server's words behind "Chi tiết"
        form = QFormLayout()
        form.addRow(self.tr("Mã:"), self.code)
        form.addRow(self.tr("Tên:"), self.name)
        form.addRow(self.tr("Loại:"), self.kind)
        form.addRow(self.tr("Đơn vị cấp trên:"), self.parent_unit)
        form.addRow(self.tr("Cấp:"), self.level)
        form.addRow(self.tr("Tên chính thức:"), self.official)
        form.addRow(self.tr("Địa danh (dòng ngày tháng):"), self.place)
        form.addRow(self.tr("Chữ viết tắt:"), self.abbreviation)
        form.addRow(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.resize(760, 440)  # within 1366×768 at 150 %
        self.refresh()

    def refresh(self) -> None:
        self.runner.run("units.load", load_units, self.store, on_result=self._loaded, on_error=self._refused)

    def _loaded(self, unit_map: UnitMap) -> None:
        chosen = self.selected_unit()
        self.model.set_map(unit_map)
        self.table.resizeColumnsToContents()
        if chosen is not None:  # the unit just edited stays selected
            self.select(chosen.id)
        kept = self.parent_unit.currentData()
        self.parent_unit.clear()
        self.parent_unit.addItem(self.tr("(không có)"), None)
        for u in unit_map.units:
            if u.valid_to is None:
                self.parent_unit.addItem(u.name, u.id)
        if kept is not None and self.parent_unit.findData(kept) >= 0:
            self.parent_unit.setCurrentIndex(self.parent_unit.findData(kept))
        self.level.clear()
        self.level.addItem(self.tr("(theo đơn vị cấp trên)"), None)
        for lv in unit_map.current:
            self.level.addItem(lv.name, lv.code)

    def add(self) -> None:
        self.error.say("")
        new = NewUnit(self.code.text().strip(), self.name.text().strip(), self.kind.currentData(),
                      self.parent_unit.currentData(), self.level.currentData(), self.official.text().strip(),
                      self.place.text().strip(), self.abbreviation.text().strip())
        self.runner.run("units.add", add_unit, self.store, self.actor_id, new, on_result=self._added,
                        on_error=self._refused, write=True)

    def _added(self, _unit_id: int) -> None:
        for edit in (self.code, self.name, self.official, self.place, self.abbreviation):
            edit.clear()
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.error.say_error(exc, "vi")

    def selected_unit(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.map.units[rows[0].row()] if rows else None

    def open_action(self, dialog_type: type[QDialog]) -> QDialog | None:
        """The selected unit's edit, move, merge or dissolve dialog, window-modal; it refreshes
        the table when it has changed something."""
        self.error.say("")
        unit = self.selected_unit()
        if unit is None:
            self.error.say(self.tr("Hãy chọn một đơn vị trong bảng trước."), colour=ERROR_COLOUR)
            return None
        if unit.valid_to is not None:
            self.error.say(self.tr("'{name}' đã kết thúc hoạt động từ {day}; chỉ xem được, không sửa hay sắp xếp "
                                   "được nữa.").format(name=unit.name, day=f"{unit.valid_to:%d/%m/%Y}"),
                           colour=ERROR_COLOUR)
            return None
        if dialog_type is UnitEditDialog:
            dialog: QDialog = UnitEditDialog(self.store, self.runner, self.actor_id, unit, self._changed, self)
        else:
            dialog = dialog_type(self.store, self.runner, self.actor_id, self.model.map, unit, self._changed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.changed = True
        self.refresh()

    def select(self, unit_id: int) -> None:
        """Select the unit's row (tests and the window choose a unit by id)."""
        rows = [i for i, u in enumerate(self.model.map.units) if u.id == unit_id]
        if rows:
            self.table.selectRow(rows[0])
