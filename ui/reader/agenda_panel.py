"""The agenda in a side panel: the person's meetings in a list at the top, the chosen
meeting's items below, each item's materials under it, one tap away.

Only meetings the person takes part in and only materials sent to them and not recalled are
listed (``ui.reader.services.reader_meetings`` reads them that way). Rows are tall (≥ 48 px)
for fingers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QTreeView, QVBoxLayout, QWidget

from ui.icons import icon
from ui.models.labels import STATUS, tr, vn_time

if TYPE_CHECKING:
    from meetings.reader_records import ReaderMeeting

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2
TOUCH = 48  # px: the smallest target a finger hits reliably (≥ 44 px)


class ReaderAgendaModel(QStandardItemModel):
    """Agenda items (tree) with the meeting's materials for this person as their children."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.meeting: ReaderMeeting | None = None

    def set_meeting(self, meeting: ReaderMeeting | None) -> None:
        self.clear()
        self.meeting = meeting
        if meeting is None:
            return
        root = self.invisibleRootItem()

        def add(parent: QStandardItem, node) -> None:
            text = f"{node.number}. {node.title}"
            if node.presenter:
                text += "\n" + node.presenter
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(node.id, ITEM_ID_ROLE)
            item.setToolTip(node.title)
            parent.appendRow(item)
            for material in meeting.materials_for(node.id):
                item.appendRow(self._material(material))
            for child in node.children:
                add(item, child)

        for node in meeting.agenda:
            add(root, node)
        loose = meeting.materials_for(None)
        if loose:
            other = QStandardItem(self.tr("Tài liệu khác"))
            other.setEditable(False)
            for material in loose:
                other.appendRow(self._material(material))
            root.appendRow(other)

    def _material(self, material) -> QStandardItem:
        pages = self.tr("{n} trang").format(n=material.pages)
        text = f"{material.title}\n{material.number + ' · ' if material.number else ''}{pages}"
        if material.classified:
            text += " · " + self.tr("MẬT")
        item = QStandardItem(icon("pdf"), text)
        item.setEditable(False)
        item.setToolTip(material.title)
        item.setData(material.document_id, DOCUMENT_ID_ROLE)
        return item

    def index_of_document(self, document_id: int):
        found = self.match(self.index(0, 0), DOCUMENT_ID_ROLE, document_id, 1,
                           Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else None

    def index_of_item(self, item_id: int):
        found = self.match(self.index(0, 0), ITEM_ID_ROLE, item_id, 1,
                           Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else None


class AgendaPanel(QWidget):
    """Emits ``materialChosen(document_id)`` on one tap on a material."""

    materialChosen = Signal(int)
    meetingChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meetings: list[ReaderMeeting] = []
        self.meeting_box = QComboBox()
        self.meeting_box.setMinimumHeight(TOUCH)
        self.meeting_box.currentIndexChanged.connect(self._meeting_changed)
        self.model = ReaderAgendaModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setIndentation(18)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setStyleSheet(f"QTreeView {{ font-size: 12pt; }} QTreeView::item {{ min-height: {TOUCH}px;"
                                " padding: 4px; }")
        self.view.clicked.connect(self._clicked)  # one tap, not a double click
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #566573; padding: 8px;")
        title = QLabel(self.tr("Chương trình"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.meeting_box)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def set_meetings(self, meetings: list[ReaderMeeting], select: int | None = None) -> None:
        current = select if select is not None else self.current_meeting_id()
        self.meetings = list(meetings)
        self.meeting_box.blockSignals(True)
        self.meeting_box.clear()
        for m in self.meetings:
            s = m.meeting
            self.meeting_box.addItem(f"{s.title} — {vn_time(s.starts_at, '%d/%m/%Y')} ({tr(STATUS, s.status)})", s.id)
        at = self.meeting_box.findData(current) if current is not None else -1
        self.meeting_box.setCurrentIndex(at if at >= 0 else (0 if self.meetings else -1))
        self.meeting_box.blockSignals(False)
        self.empty.setText("" if self.meetings else self.tr("Bạn chưa có cuộc họp nào đã phát hành tài liệu."))
        self.empty.setVisible(not self.meetings)
        self._meeting_changed()

    def current_meeting_id(self) -> int | None:
        data = self.meeting_box.currentData()
        return int(data) if data is not None else None

    def current_meeting(self) -> ReaderMeeting | None:
        mid = self.current_meeting_id()
        return next((m for m in self.meetings if m.meeting.id == mid), None)

    def select_meeting(self, meeting_id: int) -> None:
        at = self.meeting_box.findData(meeting_id)
        if at >= 0:
            self.meeting_box.setCurrentIndex(at)

    def _meeting_changed(self, *_args) -> None:
        meeting = self.current_meeting()
        self.model.set_meeting(meeting)
        self.view.expandAll()
        if meeting is not None:
            self.meetingChosen.emit(meeting.meeting.id)

    def _clicked(self, index) -> None:
        doc = index.data(DOCUMENT_ID_ROLE)
        if doc is not None:
            self.materialChosen.emit(int(doc))

    def mark_document(self, document_id: int) -> None:
        index = self.model.index_of_document(document_id)
        if index is not None:
            self.view.setCurrentIndex(index)
