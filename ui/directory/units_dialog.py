"""'Đơn vị': the store's units in a table (a Qt model over the core's ``UnitInfo``, each level
named by its scheme) and a form adding one: an administrative body, its office, a department
(sở, phòng) or a board, under a parent where the scheme allows it. Bad input is one line
under the form; nothing is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from store.directory import KIND_VI, UnitKind
from ui.directory.unit_jobs import NewUnit, UnitMap, add_unit, load_units
from ui.error_line import ErrorLine
from ui.models.indexes import NO_PARENT, Index

if TYPE_CHECKING:
    from store.engine import Store
    from ui.tasks import TaskRunner


class UnitsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.map = UnitMap((), {}, ())
        self.headers = [self.tr("Tên"), self.tr("Mã"), self.tr("Loại"), self.tr("Cấp"), self.tr("Địa danh")]

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
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        u = self.map.units[index.row()]
        level = self.map.levels.get((u.scheme, u.level))
        return (u.name, u.code, KIND_VI[UnitKind(u.kind)], level.short if level else u.level, u.place_name)[index.column()]


class UnitsDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id = store, runner, actor_id
        self.setWindowTitle(self.tr("Đơn vị"))
        self.model = UnitsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setMinimumHeight(80)  # the table scrolls; the form stays in view on a small screen
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
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.resize(760, 440)  # within 1366×768 at 150 %
        self.refresh()

    def refresh(self) -> None:
        self.runner.run("units.load", load_units, self.store, on_result=self._loaded, on_error=self._refused)

    def _loaded(self, unit_map: UnitMap) -> None:
        self.model.set_map(unit_map)
        self.table.resizeColumnsToContents()
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
