"""The Agenda tab: the tree (drag to reorder or re-parent, drop PDFs onto an item), the
buttons for add/remove/move, and an editor for the selected item that never loses typed text."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from store.codes import ENDED
from ui.icons import icon
from ui.models.agenda import AgendaModel
from ui.models.labels import vn_time
from ui.workspace.attach import run_import
from ui.workspace.dialogs import AgendaItemDialog

if TYPE_CHECKING:
    from meetings.records import AgendaNode
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace


class AgendaTreeView(QTreeView):
    """A tree that shows where a dragged item or file will land."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)


class AgendaTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.model = AgendaModel(self)
        self.model.moveRequested.connect(self.move_item)
        self.model.filesDropped.connect(self.attach_files)
        self.view = AgendaTreeView()
        self.view.setModel(self.model)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setIndentation(18)
        for col, width in ((0, 84), (2, 200), (3, 56), (4, 70), (5, 70)):
            header.resizeSection(col, width)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())

        self.add_button = QPushButton(icon("add"), self.tr("Thêm mục"))
        self.add_child_button = QPushButton(icon("add-child"), self.tr("Thêm mục con"))
        self.remove_button = QPushButton(icon("remove"), self.tr("Xóa mục"))
        self.up_button = QPushButton(icon("up"), "")
        self.up_button.setToolTip(self.tr("Chuyển lên"))
        self.down_button = QPushButton(icon("down"), "")
        self.down_button.setToolTip(self.tr("Chuyển xuống"))
        self.attach_button = QPushButton(icon("attach"), self.tr("Đính kèm PDF…"))
        self.attach_button.setToolTip(self.tr("Chọn tệp PDF đính kèm vào mục đang chọn (Ctrl+O); "
                                              "cũng có thể kéo tệp từ thư mục thả vào mục"))
        self.add_button.clicked.connect(lambda: self.add_item(child=False))
        self.add_child_button.clicked.connect(lambda: self.add_item(child=True))
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.shift(-1))
        self.down_button.clicked.connect(lambda: self.shift(+1))
        self.attach_button.clicked.connect(self.choose_files)
        self.attach_button.setShortcut(QKeySequence("Ctrl+O"))
        bar = QHBoxLayout()
        for b in (self.add_button, self.add_child_button, self.remove_button, self.up_button, self.down_button):
            bar.addWidget(b)
        bar.addStretch()
        bar.addWidget(self.attach_button)

        self.hint = QLabel(self.tr("Kéo một mục để đổi thứ tự; thả lên một mục khác để thành mục con. "
                                   "Kéo tệp PDF từ thư mục thả vào một mục để đính kèm."))
        self.hint.setStyleSheet("color: #566573;")
        self.hint.setWordWrap(True)
        self.total = QLabel()
        self.total.setStyleSheet("font-weight: bold;")

        editor = QGroupBox(self.tr("Mục đang chọn"))
        form = QFormLayout(editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.number_label = QLabel("—")
        self.title_edit = QPlainTextEdit()
        self.title_edit.setFixedHeight(64)
        self.presenter_edit = QLineEdit()
        self.minutes_edit = QSpinBox()
        self.minutes_edit.setRange(0, 24 * 60)
        self.minutes_edit.setSuffix(self.tr(" phút"))
        self.notes_edit = QPlainTextEdit()
        self.save_button = QPushButton(icon("edit"), self.tr("Lưu thay đổi"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.revert_button = QPushButton(self.tr("Hoàn tác"))
        self.save_button.clicked.connect(self.save_item)
        self.revert_button.clicked.connect(self.revert_item)
        self.editor_note = QLabel()
        self.editor_note.setWordWrap(True)
        self.editor_note.setStyleSheet("color: #566573;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch()
        form.addRow(self.tr("Mục số:"), self.number_label)
        form.addRow(self.tr("Nội dung:"), self.title_edit)
        form.addRow(self.tr("Người trình bày:"), self.presenter_edit)
        form.addRow(self.tr("Thời lượng:"), self.minutes_edit)
        form.addRow(self.tr("Ghi chú:"), self.notes_edit)
        form.addRow(buttons)
        form.addRow(self.editor_note)
        for w in (self.presenter_edit,):
            w.textEdited.connect(self._mark_dirty)
        for w in (self.title_edit, self.notes_edit):
            w.textChanged.connect(self._mark_dirty)
        self.minutes_edit.valueChanged.connect(self._mark_dirty)
        self.editor = editor

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addWidget(self.view, 1)
        lv.addWidget(self.total)
        lv.addWidget(self.hint)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

        self._editing: AgendaNode | None = None
        self._base: dict = {}
        self._dirty = False
        self._filling = False
        self._fill_editor(None)

    # -- showing ----------------------------------------------------------------------------
    def set_bundle(self, bundle: MeetingBundle) -> None:
        current = self.current_item()
        editable = bundle.detail.meeting.status not in ENDED
        self.model.editable = editable
        self.model.set_agenda(bundle.detail.agenda, bundle.documents_per_item)
        self.view.expandAll()
        for b in (self.add_button, self.add_child_button, self.remove_button, self.up_button, self.down_button,
                  self.attach_button, self.save_button):
            b.setEnabled(editable)
        keep = self._editing.id if self._editing else current.id if current else None
        if keep is not None and self.model.index_of(keep).isValid():
            self.select(keep)
        self._refresh_editor_after_reload()
        self._show_total(bundle)

    def _show_total(self, bundle: MeetingBundle) -> None:
        minutes = self.model.total_minutes()
        m = bundle.detail.meeting
        end = vn_time(m.starts_at + timedelta(minutes=minutes), "%H:%M")
        text = self.tr("Tổng thời lượng dự kiến: {n} phút ({h} giờ {m} phút) — bắt đầu {start}, dự kiến xong lúc {end}")
        self.total.setText(text.format(n=minutes, h=minutes // 60, m=minutes % 60,
                                       start=vn_time(m.starts_at, "%H:%M"), end=end))

    def current_item(self) -> AgendaNode | None:
        return self.model.item(self.view.currentIndex())

    def select(self, item_id: int) -> None:
        index = self.model.index_of(item_id)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    # -- the editor -------------------------------------------------------------------------
    def _fill_editor(self, item: AgendaNode | None) -> None:
        self._filling = True
        self._editing = item
        self._dirty = False
        self.number_label.setText(item.number if item else "—")
        self.title_edit.setPlainText(item.title if item else "")
        self.presenter_edit.setText(item.presenter if item else "")
        self.minutes_edit.setValue(item.planned_minutes if item else 0)
        self.notes_edit.setPlainText(item.notes if item else "")
        self._base = self.editor_values()  # what the person started from: only their changes are saved
        self.editor.setEnabled(item is not None and self.model.editable)
        self.editor_note.setText("" if item else self.tr("Chọn một mục trong chương trình để sửa."))
        self._filling = False

    def _mark_dirty(self, *_) -> None:
        if not self._filling and self._editing is not None:
            self._dirty = True
            self.editor_note.setText(self.tr("Có thay đổi chưa lưu."))

    def _selection_changed(self) -> None:
        item = self.current_item()
        if self._dirty and self._editing is not None and item is not None and item.id == self._editing.id:
            return  # the same item selected again (after a reload): keep what was typed
        if self._dirty and self._editing is not None and (item is None or item.id != self._editing.id):
            self.editor_note.setText(self.tr("Mục {n} có thay đổi chưa lưu: bấm “Lưu thay đổi” hoặc “Hoàn tác” "
                                             "trước khi sửa mục khác.").format(n=self._editing.number))
            return
        self._fill_editor(item)

    def _refresh_editor_after_reload(self) -> None:
        if self._editing is None:
            self._fill_editor(self.current_item())
            return
        fresh = next((i for i in self.model.items() if i.id == self._editing.id), None)
        if fresh is None:
            self._fill_editor(None)
            self.editor_note.setText(self.tr("Mục đang sửa đã bị xóa ở máy khác."))
        elif self._dirty:
            # Keep what the person typed; fields they did not touch take the newest values, and the
            # next save applies only their own changes over the newest version.
            self._editing = fresh
            self.number_label.setText(fresh.number)
            self._filling = True
            current = self.editor_values()
            for name, started in list(self._base.items()):
                if current[name] == started:
                    self._set_field(name, getattr(fresh, name))
                    self._base[name] = getattr(fresh, name)
            self._filling = False
            self.editor_note.setText(self.tr("Đã tải bản mới nhất; nội dung bạn đã gõ vẫn được giữ. "
                                             "Bấm “Lưu thay đổi” để áp dụng."))
        else:
            self._fill_editor(fresh)

    def _set_field(self, name: str, value) -> None:
        if name == "title":
            self.title_edit.setPlainText(value)
        elif name == "presenter":
            self.presenter_edit.setText(value)
        elif name == "planned_minutes":
            self.minutes_edit.setValue(value)
        else:
            self.notes_edit.setPlainText(value)

    def editor_values(self) -> dict:
        return {"title": self.title_edit.toPlainText(), "presenter": self.presenter_edit.text(),
                "planned_minutes": self.minutes_edit.value(), "notes": self.notes_edit.toPlainText()}

    def save_item(self) -> None:
        from meetings.agenda import edit_agenda_item  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        item = self._editing
        if item is None:
            return
        values = self.editor_values()
        changes = {k: v for k, v in values.items() if self._base.get(k) != v and getattr(item, k) != v}
        if not changes:
            self._dirty = False
            return

        def saved(node) -> None:
            self._dirty = False
            self._editing = node
            self.editor_note.setText(self.tr("Đã lưu."))
            self.ws.reload()

        self.ws.write("agenda.edit", edit_agenda_item, item.id, expected_version=item.version, on_result=saved,
                      on_conflict=self.ws.show_conflict, **changes)

    def revert_item(self) -> None:
        self._fill_editor(self._editing)

    # -- changes ----------------------------------------------------------------------------
    def add_item(self, child: bool) -> None:
        parent = None
        if child:
            current = self.current_item()
            if current is None:
                self.ws.ctx.notify(self.tr("Chọn mục cha trước khi thêm mục con."))
                return
            parent = current if current.parent_id is None else next(
                (i for i in self.model.items() if i.id == current.parent_id), current)
        dialog = AgendaItemDialog(parent.title if parent else None, self)
        if dialog.exec() != AgendaItemDialog.DialogCode.Accepted:
            return
        self.add(parent.id if parent else None, **dialog.values())

    def add(self, parent_id: int | None, **values) -> None:
        from meetings.agenda import add_agenda_item  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        self.ws.write("agenda.add", add_agenda_item, self.ws.meeting_id, parent_id=parent_id,
                      on_result=lambda node: self.ws.reload(select_item=node.id), **values)

    def remove_item(self) -> None:
        from meetings.agenda import remove_agenda_item  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        item = self.current_item()
        if item is None:
            return
        extra = self.tr(" và {n} mục con").format(n=len(item.children)) if item.children else ""
        answer = QMessageBox.question(self, self.tr("Xóa mục chương trình"),
                                      self.tr("Xóa mục {n} “{title}”{extra}? Các mục sau sẽ được đánh số lại.")
                                      .format(n=item.number, title=item.title, extra=extra))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._dirty = False
        self._editing = None
        self.ws.write("agenda.remove", remove_agenda_item, item.id, expected_version=item.version,
                      on_result=lambda _: self.ws.reload())

    def move_item(self, item_id: int, parent_id: int | None, index: int | None) -> None:
        from meetings.agenda import move_agenda_item  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        self.ws.write("agenda.move", move_agenda_item, item_id, parent_id=parent_id, index=index,
                      on_result=lambda node: self.ws.reload(select_item=node.id))

    def shift(self, step: int) -> None:
        item = self.current_item()
        if item is None:
            return
        row = self.view.currentIndex().row() + step
        if row < 0:
            return
        self.move_item(item.id, item.parent_id, row)

    def choose_files(self) -> None:
        item = self.current_item()
        if item is None:
            self.ws.ctx.notify(self.tr("Chọn mục chương trình cần đính kèm tài liệu trước."))
            return
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp PDF cho mục {n}").format(n=item.number), "",
                                                self.tr("Tệp PDF (*.pdf)"))
        if paths:
            self.attach_files(item.id, paths)

    def attach_files(self, item_id: int, paths: list) -> None:
        number = next((i.number for i in self.model.items() if i.id == item_id), None)
        run_import(self, self.ws.ctx, self.ws.meeting_id, number, paths, self.ws.import_finished)
