"""Editing a person from 'Cán bộ và vai trò': name, position, unit, e-mail and whether they still
work here (what ``edit_person`` takes), and ending one of their roles on a day. A change someone
else saved first is refused, never overwritten; the roles they held stay listed with their end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from store.directory import ROLE_VI, Role
from ui.directory.edit_frame import frame_edit_form
from ui.directory.jobs import finish_role, load_roles, save_person, store_today
from ui.error_line import ERROR_COLOUR
from ui.screen_fit import fit_combo, open_size

if TYPE_CHECKING:
    from store.directory import PersonInfo, RoleInfo
    from store.engine import Store
    from ui.directory.jobs import Directory
    from ui.tasks import TaskRunner


class PersonEditDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, directory: Directory,
                 person: PersonInfo, on_changed: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id, self.person, self.on_changed = store, runner, actor_id, person, on_changed
        self.unit_names = {u.id: u.name for u in directory.units}
        self.setWindowTitle(self.tr("Sửa cán bộ: {name}").format(name=person.full_name))
        self.name, self.position, self.email = QLineEdit(person.full_name), QLineEdit(person.position), \
            QLineEdit(person.email or "")
        self.unit = QComboBox()
        fit_combo(self.unit, 30)
        for u in directory.units:
            if u.valid_to is None or u.id == person.unit_id:
                self.unit.addItem(u.name, u.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(person.unit_id)))
        self.active = QCheckBox(self.tr("Đang công tác"))
        self.active.setChecked(person.active)
        form = QFormLayout()
        form.addRow(self.tr("Họ và tên:"), self.name)
        form.addRow(self.tr("Chức vụ:"), self.position)
        form.addRow(self.tr("Đơn vị công tác:"), self.unit)
        form.addRow(self.tr("Thư điện tử:"), self.email)
        form.addRow(self.active)
        self.roles = QListWidget()
        self.roles.setMinimumHeight(60)
        today = store_today(store)
        self.end_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.end_on.setCalendarPopup(True)
        self.end_on.setDisplayFormat("dd/MM/yyyy")
        self.end_button = QPushButton(self.tr("Kết thúc vai trò đang chọn"))
        self.end_button.clicked.connect(self.end_role)
        roles_box = QGroupBox(self.tr("Vai trò"))
        roles_layout = QVBoxLayout(roles_box)
        roles_layout.addWidget(self.roles)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Kết thúc từ ngày:")))
        row.addWidget(self.end_on)
        row.addWidget(self.end_button)
        row.addStretch(1)
        roles_layout.addLayout(row)
        self.error = frame_edit_form(self, form, below=roles_box, leave=QDialogButtonBox.StandardButton.Close)
        self.show_roles(directory.roles.get(person.id, ()))
        open_size(self, 640, 440)

    def show_roles(self, roles: tuple[RoleInfo, ...]) -> None:
        self.roles.clear()
        for r in roles:
            where = self.unit_names.get(r.unit_id, "?")
            text = f"{ROLE_VI[Role(r.role)]} — {where}"
            if r.until is not None:
                text += " " + self.tr("(đến {day})").format(day=f"{r.until:%d/%m/%Y}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r)
            if r.until is not None:  # ended: listed for the record, not to be ended again
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setForeground(Qt.GlobalColor.gray)
            self.roles.addItem(item)

    def select_role(self, role: str, unit_id: int) -> None:
        for row in range(self.roles.count()):
            r = self.roles.item(row).data(Qt.ItemDataRole.UserRole)
            if r.role == role and r.unit_id == unit_id and r.until is None:
                self.roles.setCurrentRow(row)

    def set_end_day(self, day: date) -> None:
        self.end_on.setDate(QDate(day.year, day.month, day.day))

    def save(self) -> None:
        self.error.say("")
        typed = {"full_name": self.name.text(), "position": self.position.text(), "unit_id": self.unit.currentData(),
                 "email": self.email.text().strip(), "active": self.active.isChecked()}
        self.runner.run("people.edit", save_person, self.store, self.actor_id, self.person, typed,
                        on_result=self._saved, on_error=self._refused, write=True)

    def _saved(self, _info: PersonInfo) -> None:
        self.on_changed()
        self.accept()

    def end_role(self) -> None:
        self.error.say("")
        item = self.roles.currentItem()
        if item is None or not item.isSelected():
            self.error.say(self.tr("Hãy chọn một vai trò đang giữ trong danh sách trước."), colour=ERROR_COLOUR)
            return
        d = self.end_on.date()
        self.runner.run("people.role_end", finish_role, self.store, self.actor_id,
                        item.data(Qt.ItemDataRole.UserRole), date(d.year(), d.month(), d.day()),
                        on_result=self._role_ended, on_error=self._refused, write=True)

    def _role_ended(self, _role: RoleInfo) -> None:
        self.on_changed()
        self.runner.run("people.roles", load_roles, self.store, self.person.id, on_result=self.show_roles,
                        on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.error.say_error(exc, "vi")
