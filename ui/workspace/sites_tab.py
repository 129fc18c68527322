"""Sites and participants: tick the units below the host that join; invite people with roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from store.codes import ENDED
from ui.icons import icon
from ui.models.sites import ParticipantsModel, SiteTreeModel
from ui.workspace.dialogs import ParticipantDialog

if TYPE_CHECKING:
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace


class SitesTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.bundle: MeetingBundle | None = None
        self.sites = SiteTreeModel(self)
        self.sites.siteToggled.connect(self.toggle_site)
        self.site_view = QTreeView()
        self.site_view.setModel(self.sites)
        self.site_view.setHeaderHidden(True)
        self.sites_count = QLabel()
        site_box = QGroupBox(self.tr("Điểm cầu"))
        sv = QVBoxLayout(site_box)
        note = QLabel(self.tr("Đánh dấu các đơn vị cấp dưới tham dự qua điểm cầu trực tuyến."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #566573;")
        sv.addWidget(note)
        sv.addWidget(self.site_view, 1)
        sv.addWidget(self.sites_count)

        self.people = ParticipantsModel(self)
        self.people_view = QTableView()
        self.people_view.setModel(self.people)
        self.people_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_view.verticalHeader().hide()
        self.people_view.setAlternatingRowColors(True)
        h = self.people_view.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        for col, width in ((0, 190), (1, 330), (2, 100)):
            h.resizeSection(col, width)
        self.invite_button = QPushButton(icon("add"), self.tr("Mời đại biểu…"))
        self.remove_button = QPushButton(icon("remove"), self.tr("Bỏ khỏi thành phần"))
        self.invite_button.clicked.connect(self.invite)
        self.remove_button.clicked.connect(self.remove_participant)
        people_box = QGroupBox(self.tr("Thành phần dự họp"))
        pv = QVBoxLayout(people_box)
        row = QHBoxLayout()
        row.addWidget(self.invite_button)
        row.addWidget(self.remove_button)
        row.addStretch()
        pv.addLayout(row)
        pv.addWidget(self.people_view, 1)

        split = QSplitter()
        split.addWidget(site_box)
        split.addWidget(people_box)
        split.setSizes([340, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

    def set_bundle(self, bundle: MeetingBundle) -> None:
        self.bundle = bundle
        d = bundle.detail
        editable = d.meeting.status not in ENDED
        self.sites.editable = editable
        self.sites.set_units(d.unit.id, bundle.below, {s.unit_id for s in d.sites}, bundle.levels)
        self.site_view.expandAll()
        self.sites_count.setText(self.tr("{n} điểm cầu tham dự").format(n=len(d.sites)))
        self.people.set_participants(d.participants, {s.unit_id: s.name for s in d.sites}, d.unit.name)
        self.invite_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    def toggle_site(self, unit_id: int, connect: bool) -> None:
        from meetings.sites import add_site, remove_site  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        fn = add_site if connect else remove_site
        self.ws.write("sites.toggle", fn, self.ws.meeting_id, unit_id, on_result=lambda _: self.ws.reload())

    def invite(self) -> None:
        from meetings.sites import add_participant  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if self.bundle is None:
            return
        d = self.bundle.detail
        dialog = ParticipantDialog(self.bundle.people, d.sites, d.unit.name, self)
        if dialog.exec() != ParticipantDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        if v["person_id"] is None:
            return
        self.ws.write("participants.add", add_participant, self.ws.meeting_id, v["person_id"], v["role"],
                      site_unit_id=v["site_unit_id"], on_result=lambda _: self.ws.reload())

    def remove_participant(self) -> None:
        from meetings.sites import remove_participant  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        index = self.people_view.currentIndex()
        if not index.isValid():
            self.ws.ctx.notify(self.tr("Chọn một đại biểu trong danh sách trước."))
            return
        person = self.people.participant(index.row())
        self.ws.write("participants.remove", remove_participant, self.ws.meeting_id, person.person_id,
                      on_result=lambda _: self.ws.reload())
