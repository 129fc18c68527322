"""The person's notes on the open document (and notes others shared with the meeting):
listed by page; tap to go to the page; share one with the meeting on purpose; export a PDF
of "my notes" (the pages that carry notes, with the notes drawn over a copy of each)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.models.indexes import NO_PARENT, Index

if TYPE_CHECKING:
    from documents.reading.notes import NoteInfo

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TOUCH = 48


class NotesModel(QAbstractListModel):
    def __init__(self, person_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.person_id = person_id
        self._notes: list[NoteInfo] = []

    def set_notes(self, notes: Sequence[NoteInfo]) -> None:
        self.beginResetModel()
        self._notes = sorted(notes, key=lambda n: (n.page, n.id))
        self.endResetModel()

    def note(self, row: int) -> NoteInfo:
        return self._notes[row]

    def notes(self) -> list[NoteInfo]:
        return list(self._notes)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def _kind(self, kind: str) -> str:
        return {"ink": self.tr("Nét vẽ"), "highlight": self.tr("Tô sáng"), "text": self.tr("Ghi chú chữ")}.get(kind, kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        n = self._notes[index.row()]
        mine = n.person_id == self.person_id
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.tr("Trang {page} · {kind}").format(page=n.page, kind=self._kind(n.kind))
            if n.kind == "text":
                text += f": {n.data['text'][:60]}"
            if not mine:
                text += " · " + self.tr("của người khác")
            elif n.shared:
                text += " · " + self.tr("đã chia sẻ")
            return text
        if role == NOTE_ID_ROLE:
            return n.id
        if role == Qt.ItemDataRole.ForegroundRole and not mine:
            return QBrush(QColor("#566573"))
        return None


class NotesPanel(QWidget):
    pageRequested = Signal(int)
    shareRequested = Signal(int, bool)
    deleteRequested = Signal(int)
    exportRequested = Signal()

    def __init__(self, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NotesModel(person_id, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setStyleSheet(f"QListView {{ font-size: 12pt; }} QListView::item {{ min-height: {TOUCH}px; }}")
        self.view.clicked.connect(lambda index: self.pageRequested.emit(self.model.note(index.row()).page))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.share_button = QPushButton(icon("publish"), self.tr("Chia sẻ với cuộc họp"))
        self.delete_button = QPushButton(icon("remove"), self.tr("Xóa"))
        self.export_button = QPushButton(icon("pdf"), self.tr("Xuất ghi chú của tôi (PDF)…"))
        for b in (self.share_button, self.delete_button, self.export_button):
            b.setMinimumHeight(TOUCH)
        self.share_button.clicked.connect(self._share)
        self.delete_button.clicked.connect(self._delete)
        self.export_button.clicked.connect(self.exportRequested.emit)
        title = QLabel(self.tr("Ghi chú"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        hint = QLabel(self.tr("Ghi chú là của riêng bạn, không làm thay đổi tài liệu; chỉ ghi chú bạn chọn "
                              "chia sẻ mới hiện cho người khác trong cuộc họp."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #566573;")
        row = QHBoxLayout()
        row.addWidget(self.share_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.export_button)
        layout.addWidget(hint)
        self._update_buttons()

    def set_notes(self, notes: Sequence[NoteInfo]) -> None:
        current = self.current_note()
        self.model.set_notes(notes)
        if current is not None:  # keep the note the person was working on selected
            for row, note in enumerate(self.model.notes()):
                if note.id == current.id:
                    self.view.setCurrentIndex(self.model.index(row))
        self._update_buttons()

    def current_note(self) -> NoteInfo | None:
        index = self.view.currentIndex()
        return self.model.note(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        note = self.current_note()
        mine = note is not None and note.person_id == self.model.person_id
        self.share_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        self.share_button.setText(self.tr("Thôi chia sẻ") if mine and note.shared else self.tr("Chia sẻ với cuộc họp"))
        self.export_button.setEnabled(any(n.person_id == self.model.person_id for n in self.model.notes()))

    def _share(self) -> None:
        note = self.current_note()
        if note is not None:
            self.shareRequested.emit(note.id, not note.shared)

    def _delete(self) -> None:
        note = self.current_note()
        if note is not None:
            self.deleteRequested.emit(note.id)
