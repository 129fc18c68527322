"""Reorganising a unit from the window (sắp xếp đơn vị hành chính): move it under another parent,
merge units into one that takes over, or dissolve one, each from an effective date under a
decision, through the same core calls as ``nghisu units move|merge|dissolve``.

The move offers only the parents its level scheme allows. A merge or dissolution first says what
goes to the successor (people, units beneath, meetings not yet held, open tasks) and that history
keeps the old names, and is made only when the person confirms that."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from store.directory import UnitKind
from ui.directory.decision_fields import DecisionFields
from ui.directory.jobs import store_today
from ui.directory.reorganise_jobs import (
    allowed_parents,
    dissolve_unit,
    living_others,
    merge_units,
    move,
    rehearse,
)
from ui.error_line import ErrorLine
from ui.screen_fit import fit_combo, open_size

if TYPE_CHECKING:
    from meetings.handover import HandoverPreview
    from store.directory import UnitInfo
    from store.engine import Store
    from ui.directory.unit_jobs import UnitMap
    from ui.tasks import TaskRunner


class _UnitAction(QDialog):
    """What the three share: the unit, its map, the decision rows, a line for refusals."""

    def __init__(self, store: Store, runner: TaskRunner, actor_id: int | None, unit_map: UnitMap, unit: UnitInfo,
                 on_done: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.actor_id = store, runner, actor_id
        self.unit_map, self.unit, self.on_done = unit_map, unit, on_done
        self.form = QFormLayout()
        self.error = ErrorLine()

    def finish_layout(self, ok: QPushButton, intro: str = "") -> None:
        self.decision = DecisionFields(self.form, store_today(self.store))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(ok, QDialogButtonBox.ButtonRole.ActionRole)
        ok.clicked.connect(self.go)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            hint = QLabel(intro)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(self.form)
        self.add_below(layout)
        layout.addStretch(1)  # spare height below the form, not between the hint and it
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        open_size(self, 640, 400)

    def add_below(self, layout: QVBoxLayout) -> None:
        """Room for what a dialog shows under its form (the merge's confirmation)."""

    def go(self) -> None:
        raise NotImplementedError

    def refused(self, exc: BaseException) -> None:
        self.error.say_error(exc, "vi")

    def done_(self, _result: object) -> None:
        self.on_done()
        self.accept()


class MoveDialog(_UnitAction):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setWindowTitle(self.tr("Chuyển đơn vị: {name}").format(name=self.unit.name))
        self.level = QComboBox()
        self.level.addItem(self.tr("(giữ cấp hiện tại)"), None)
        if self.unit.kind == UnitKind.ADMINISTRATIVE:
            for lv in self.unit_map.current:
                self.level.addItem(lv.name, lv.code)
        self.level.setEnabled(self.unit.kind == UnitKind.ADMINISTRATIVE)
        self.parent_unit = QComboBox()
        fit_combo(self.parent_unit, 30)
        self.form.addRow(self.tr("Cấp mới:"), self.level)
        self.form.addRow(self.tr("Đơn vị cấp trên mới:"), self.parent_unit)
        self.level.currentIndexChanged.connect(self.fill_parents)
        self.fill_parents()
        self.finish_layout(QPushButton(self.tr("Chuyển")),
                           self.tr("Chỉ có các đơn vị mà hệ thống cấp cho phép làm cấp trên."))

    def fill_parents(self) -> None:
        self.parent_unit.clear()
        for p in allowed_parents(self.unit_map, self.unit, self.level.currentData()):
            self.parent_unit.addItem(p.name, p.id)
        if self.parent_unit.count() == 0:
            self.parent_unit.addItem(self.tr("(không có đơn vị cấp trên phù hợp)"), None)

    def go(self) -> None:
        self.error.say("")
        self.runner.run("units.move", move, self.store, self.actor_id, self.unit, self.parent_unit.currentData(),
                        self.level.currentData(), self.decision.value(), on_result=self.done_,
                        on_error=self.refused, write=True)


class _Handover(_UnitAction):
    """Merge and dissolve: the first press shows what moves to the successor, the second does it."""

    def setup(self, ok_label: str, intro: str = "") -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ok = QPushButton(QCoreApplication.translate("ReorganiseDialog", "Xem trước…"))
        self.ok_label = ok_label
        self.previewed: tuple | None = None
        self.finish_layout(self.ok, intro)

    def add_below(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.summary)

    def choices(self) -> tuple[list[int], int | None]:
        raise NotImplementedError

    def names(self, ids: list[int]) -> str:
        by_id = {u.id: u.name for u in self.unit_map.units}
        return ", ".join(by_id.get(i, "?") for i in ids)

    def go(self) -> None:
        self.error.say("")
        sources, successor = self.choices()
        key = (tuple(sources), successor, self.decision.value())
        if key == self.previewed:
            self.apply(sources, successor)
            return
        self.runner.run("units.rehearse", rehearse, self.store, self.actor_id, sources, successor, key[2],
                        merging=isinstance(self, MergeDialog), on_result=lambda p: self.show_preview(p, key),
                        on_error=self.refused, write=True)

    def show_preview(self, counts: HandoverPreview, key: tuple) -> None:
        sources, successor, decision = key
        what = QCoreApplication.translate(
            "ReorganiseDialog", "{people} cán bộ ({roles} vai trò), {units} đơn vị trực thuộc, "
            "{meetings} cuộc họp chưa diễn ra, {tasks} nhiệm vụ đang mở").format(
            people=counts.people, roles=counts.roles, units=counts.units, meetings=counts.meetings, tasks=counts.tasks)
        day, names = decision.effective_on.strftime("%d/%m/%Y"), self.names(list(sources))
        if successor is None:
            text = QCoreApplication.translate(
                "ReorganiseDialog", "Từ ngày {day}, {names} kết thúc hoạt động, không có đơn vị kế thừa. "
                "Đơn vị này còn: {what}.").format(day=day, names=names, what=what)
        else:
            text = QCoreApplication.translate(
                "ReorganiseDialog", "Từ ngày {day}, {names} kết thúc hoạt động. Chuyển sang {successor}: "
                "{what}.").format(day=day, names=names, successor=self.names([successor]), what=what)
        history = QCoreApplication.translate(
            "ReorganiseDialog", "Cuộc họp, văn bản và chữ ký đã có vẫn thuộc đơn vị cũ và giữ tên cũ như "
            "lúc đó; lịch sử không bị xóa. Nhấn “{ok}” để thực hiện.").format(ok=self.ok_label)
        self.summary.setText(f"{text} {history}")
        self.previewed = key
        self.ok.setText(self.ok_label)

    def refused(self, exc: BaseException) -> None:
        """A refusal at the rehearsal or at the change: the confirmation read no longer holds."""
        self.previewed = None
        self.summary.setText("")
        self.ok.setText(QCoreApplication.translate("ReorganiseDialog", "Xem trước…"))
        super().refused(exc)

    def apply(self, sources: list[int], successor: int | None) -> None:
        raise NotImplementedError


class MergeDialog(_Handover):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setWindowTitle(self.tr("Hợp nhất đơn vị"))
        others = living_others(self.unit_map, self.unit, same_kind=True)
        peers = [self.unit, *(u for u in others if u.level == self.unit.level)]  # communes merge with communes
        self.sources = QListWidget()
        self.sources.setMinimumHeight(60)
        for u in peers:
            item = QListWidgetItem(u.name)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.id == self.unit.id else Qt.CheckState.Unchecked)
            self.sources.addItem(item)
        self.into = QComboBox()
        fit_combo(self.into, 30)
        for u in [*peers, *(u for u in others if u.level != self.unit.level)]:  # merge_units allows any of its kind
            self.into.addItem(u.name, u.id)
        self.into.setCurrentIndex(1 if len(peers) > 1 else 0)  # another of its level, not the unit itself
        self.form.addRow(self.tr("Các đơn vị được hợp nhất:"), self.sources)
        self.form.addRow(self.tr("Đơn vị kế thừa:"), self.into)
        self.setup(self.tr("Xác nhận hợp nhất"),
                   self.tr("Các đơn vị được chọn kết thúc hoạt động; đơn vị kế thừa nhận cán bộ và công việc. Nếu "
                           "đơn vị kế thừa là đơn vị mới, hãy thêm nó trước ở biểu mẫu 'Thêm đơn vị'."))

    def check(self, unit_id: int, on: bool = True) -> None:
        for row in range(self.sources.count()):
            item = self.sources.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == unit_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def choices(self) -> tuple[list[int], int | None]:
        items = (self.sources.item(r) for r in range(self.sources.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked], \
            self.into.currentData()

    def apply(self, sources: list[int], successor: int | None) -> None:
        self.runner.run("units.merge", merge_units, self.store, self.actor_id, sources, successor,
                        self.decision.value(), on_result=self.done_, on_error=self.refused, write=True)


class DissolveDialog(_Handover):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setWindowTitle(self.tr("Giải thể đơn vị: {name}").format(name=self.unit.name))
        self.successor = QComboBox()
        fit_combo(self.successor, 30)
        self.successor.addItem(self.tr("(không có)"), None)
        for u in living_others(self.unit_map, self.unit, same_kind=False):
            self.successor.addItem(u.name, u.id)
        self.form.addRow(self.tr("Đơn vị kế thừa:"), self.successor)
        self.setup(self.tr("Xác nhận giải thể"))

    def choices(self) -> tuple[list[int], int | None]:
        return [self.unit.id], self.successor.currentData()

    def apply(self, sources: list[int], successor: int | None) -> None:
        self.runner.run("units.dissolve", dissolve_unit, self.store, self.actor_id, sources[0], successor,
                        self.decision.value(), on_result=self.done_, on_error=self.refused, write=True)
