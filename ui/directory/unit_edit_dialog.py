"""Correcting a unit, or renaming it by decision: its name, official and short names, place name
for date lines (địa danh), abbreviation, code and identifier (mã định danh).

A correction holds for the past too (a typo); a renaming takes effect on a day under a decision,
and papers made before that day keep the old names. Either is refused when someone saved the
unit after this form loaded it, so two people editing at once never lose a write unseen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLineEdit

from ui.directory.decision_fields import DecisionFields
from ui.directory.edit_frame import frame_edit_form
from ui.directory.jobs import store_today
from ui.directory.reorganise_jobs import UNIT_FIELDS, save_unit
from ui.screen_fit import open_size

if TYPE_CHECKING:
    from store.directory import UnitInfo
    from store.engine import Store
    from ui.tasks import TaskRunner


class UnitEditDialog(QDialog):
    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, unit: UnitInfo,
                 on_saved: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id, self.unit, self.on_saved = store, runner, actor_id, unit, on_saved
        self.setWindowTitle(self.tr("Sửa đơn vị: {name}").format(name=unit.name))
        labels = (self.tr("Mã:"), self.tr("Tên:"), self.tr("Tên chính thức:"), self.tr("Tên viết gọn:"),
                  self.tr("Địa danh (dòng ngày tháng):"), self.tr("Chữ viết tắt:"), self.tr("Mã định danh:"))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field, label in zip(UNIT_FIELDS, labels, strict=True):
            self.fields[field] = QLineEdit(getattr(unit, field) or "")
            form.addRow(label, self.fields[field])
        self.fields["identifier"].setPlaceholderText("000.00.00.H48")
        self.by_decision = QCheckBox(self.tr("Đổi tên theo quyết định (văn bản trước ngày hiệu lực giữ tên cũ)"))
        form.addRow(self.by_decision)
        self.decision = DecisionFields(form, store_today(store))
        self.by_decision.toggled.connect(self._decision_toggled)
        self._decision_toggled(False)
        self.error = frame_edit_form(self, form)
        open_size(self, 620, 420)

    def _decision_toggled(self, on: bool) -> None:
        """A renaming changes names only: code and identifier are corrections."""
        self.decision.set_enabled(on)
        for field in ("code", "identifier"):
            self.fields[field].setEnabled(not on)
            if on:
                self.fields[field].setText(getattr(self.unit, field) or "")

    def save(self) -> None:
        self.error.say("")
        typed = {f: e.text() for f, e in self.fields.items()}
        decision = self.decision.value() if self.by_decision.isChecked() else None
        self.runner.run("units.edit", save_unit, self.store, self.actor_id, self.unit, typed, decision,
                        on_result=self._saved, on_error=lambda exc: self.error.say_error(exc, "vi"), write=True)

    def _saved(self, _info: UnitInfo) -> None:
        self.on_saved()
        self.accept()
