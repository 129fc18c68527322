"""Attendance per site: present, absent with a reason, or represented by a deputy; the live
quorum (present / required, with the meeting's rule) in large type above the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from store.codes import MeetingStatus
from ui.console.models import AttendanceModel
from ui.icons import icon
from ui.screen_fit import fit_combo

if TYPE_CHECKING:
    from ui.console.console_tab import ConsoleTab
    from ui.console.data import LiveSnapshot

RULES = ("majority", "two_thirds", "three_quarters", "all")
TOUCH = 44


class AttendancePanel(QWidget):
    def __init__(self, console: ConsoleTab) -> None:
        super().__init__(console)
        self.console = console
        self.snapshot: LiveSnapshot | None = None
        self.quorum_label = QLabel()
        self.quorum_label.setWordWrap(True)
        self.rule_box = QComboBox()
        for rule, text in zip(RULES, (self.tr("Quá nửa số thành viên"), self.tr("Ít nhất hai phần ba"),
                                      self.tr("Ít nhất ba phần tư"), self.tr("Toàn bộ thành viên")), strict=True):
            self.rule_box.addItem(text, rule)
        self.rule_box.activated.connect(lambda _i: self.set_rule(self.rule_box.currentData()))
        self.site_box = QComboBox()
        self.site_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.model = AttendanceModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(34)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 170), (1, 190), (3, 90), (4, 130), (5, 200)):
            h.resizeSection(col, width)
        self.present_button = QPushButton(icon("start"), self.tr("Có mặt"))
        self.absent_button = QPushButton(icon("cancel"), self.tr("Vắng mặt…"))
        self.deputy_button = QPushButton(icon("person"), self.tr("Cử người dự thay…"))
        self.all_button = QPushButton(icon("site"), self.tr("Cả điểm cầu có mặt"))
        for b in (self.present_button, self.absent_button, self.deputy_button, self.all_button):
            b.setMinimumHeight(TOUCH)
        self.present_button.clicked.connect(lambda: self.mark_present())
        self.absent_button.clicked.connect(lambda: self.mark_absent())
        self.deputy_button.clicked.connect(lambda: self.mark_deputy())
        self.all_button.clicked.connect(self.site_present)
        top = QHBoxLayout()
        top.addWidget(self.quorum_label, 1)
        top.addWidget(QLabel(self.tr("Quy tắc túc số:")))
        top.addWidget(self.rule_box)
        # The site on its own row, the four actions under it: in one row they were wider than a
        # 1366×768 screen leaves beside the unit tree, and the console scrolled sideways.
        site_row = QHBoxLayout()
        site_row.addWidget(QLabel(self.tr("Điểm cầu:")))
        site_row.addWidget(self.site_box, 1)
        bar = QHBoxLayout()
        for b in (self.present_button, self.absent_button, self.deputy_button, self.all_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for combo in (self.site_box, self.rule_box):
            fit_combo(combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(site_row)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_snapshot(self, snap: LiveSnapshot) -> None:
        self.snapshot = snap
        q = snap.quorum
        color = "#1e8449" if q.reached else "#a93226"
        state = self.tr("ĐỦ TÚC SỐ") if q.reached else self.tr("CHƯA ĐỦ TÚC SỐ")
        self.quorum_label.setText(self.tr("Túc số: {present}/{members} thành viên có mặt, cần {required} — {state}")
                                  .format(present=q.present, members=q.members, required=q.required, state=state))
        self.quorum_label.setStyleSheet(f"font-size: 15pt; font-weight: bold; color: {color};")
        at = self.rule_box.findData(q.rule)
        if at >= 0:
            self.rule_box.setCurrentIndex(at)
        wanted = self.site_box.currentData()
        self.site_box.blockSignals(True)
        self.site_box.clear()
        self.site_box.addItem(self.tr("Tất cả điểm cầu ({p}/{n} có mặt)").format(
            p=sum(1 for r in snap.attendance if r.status == "present"), n=len(snap.attendance)), None)
        for site in snap.sites:
            rows = [r for r in snap.attendance if r.site_unit_id == site.unit_id]
            if rows:
                self.site_box.addItem(self.tr("{site} ({p}/{n} có mặt)").format(
                    site=site.name, p=sum(1 for r in rows if r.status == "present"), n=len(rows)), site.unit_id)
        at = self.site_box.findData(wanted)
        self.site_box.setCurrentIndex(max(0, at))
        self.site_box.blockSignals(False)
        self._fill()
        live = snap.status in (MeetingStatus.PUBLISHED, MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)
        for b in (self.present_button, self.absent_button, self.deputy_button, self.all_button):
            b.setEnabled(live)

    def _fill(self) -> None:
        if self.snapshot is None:
            return
        selected = set(self.selected_people())
        site = self.site_box.currentData()
        rows = [r for r in self.snapshot.attendance if site is None or r.site_unit_id == site]
        self.model.set_rows(rows)
        for i, r in enumerate(rows):
            if r.person_id in selected:
                self.view.selectionModel().select(self.model.index(i, 0), self.view.selectionModel().SelectionFlag.Select
                                                  | self.view.selectionModel().SelectionFlag.Rows)

    def selected_people(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r).person_id for r in rows]

    def select_person(self, person_id: int) -> bool:
        for i, r in enumerate(self.model.rows()):
            if r.person_id == person_id:
                self.view.selectRow(i)
                return True
        return False

    def _need_selection(self) -> list[int]:
        people = self.selected_people()
        if not people:
            self.console.notify(self.tr("Chọn người trong danh sách trước."))
        return people

    def _record(self, people: list[int], **kwargs) -> None:
        from meetings.live.attendance import record_attendance  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        rows = {r.person_id: r for r in self.snapshot.attendance}
        calls = [(record_attendance, (self.snapshot.meeting_id, pid), {"site_unit_id": rows[pid].site_unit_id, **kwargs})
                 for pid in people]
        self.console.write_many("attendance", calls)

    def mark_present(self) -> None:
        people = self._need_selection()
        if people:
            self._record(people, status="present")

    def mark_absent(self, reason: str | None = None) -> None:
        people = self._need_selection()
        if not people:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Vắng mặt"), self.tr("Lý do vắng mặt:"))
            if not ok:
                return
        self._record(people, status="absent", reason=reason)

    def mark_deputy(self, deputy_person_id: int | None = None) -> None:
        people = self._need_selection()
        if len(people) != 1:
            if people:
                self.console.notify(self.tr("Chọn đúng một người để ghi người dự thay."))
            return
        if deputy_person_id is None:
            bundle = self.console.bundle
            choices = [p for p in (bundle.people if bundle else ()) if p.id != people[0]]
            names = [f"{p.full_name} — {p.position}" for p in choices]
            name, ok = QInputDialog.getItem(self, self.tr("Người dự thay"), self.tr("Ai dự họp thay?"), names, 0, False)
            if not ok or name not in names:
                return
            deputy_person_id = choices[names.index(name)].id
        self._record(people, status="deputy", deputy_person_id=deputy_person_id)

    def site_present(self) -> None:
        site = self.site_box.currentData()
        if site is None or self.snapshot is None:
            self.console.notify(self.tr("Chọn một điểm cầu trước."))
            return
        self._record([r.person_id for r in self.snapshot.attendance if r.site_unit_id == site and r.status is None],
                     status="present")

    def set_rule(self, rule: str) -> None:
        from meetings.live.attendance import set_quorum_rule  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if self.snapshot is not None:
            self.console.write_many("quorum.rule", [(set_quorum_rule, (self.snapshot.meeting_id, rule), {})])
