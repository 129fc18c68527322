"""Materials: every document of the meeting with its item, type, number, classification,
version and how many recipients have opened it; open in the viewer, replace with a new version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from store.codes import MeetingStatus
from ui.icons import icon
from ui.models.materials import MaterialsModel
from ui.workspace.context import document_bytes

if TYPE_CHECKING:
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace


class MaterialsTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.model = MaterialsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda index: self.open_document(index.row()))
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 56), (2, 150), (3, 120), (4, 80), (5, 90), (6, 60), (7, 110)):
            h.resizeSection(col, width)
        self.open_button = QPushButton(icon("pdf"), self.tr("Mở để đọc"))
        self.replace_button = QPushButton(icon("replace"), self.tr("Thay phiên bản mới…"))
        self.open_button.clicked.connect(lambda: self.open_document(self.view.currentIndex().row()))
        self.replace_button.clicked.connect(self.replace)
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.open_button)
        bar.addWidget(self.replace_button)
        bar.addStretch()
        bar.addWidget(self.summary)
        hint = QLabel(self.tr("Đính kèm tài liệu ở thẻ Chương trình: chọn mục rồi bấm “Đính kèm PDF…”, "
                              "hoặc kéo tệp PDF thả vào mục. “Lưu hành” cho biết bao nhiêu người nhận đã mở tài liệu."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #566573;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)

    def set_bundle(self, bundle: MeetingBundle) -> None:
        row = self.view.currentIndex().row()
        self.model.set_rows(bundle.materials)
        pages = sum(r.document.current_version.page_count for r in bundle.materials)
        self.summary.setText(self.tr("{n} tài liệu, {p} trang").format(n=len(bundle.materials), p=pages))
        self.replace_button.setEnabled(bundle.detail.meeting.status != MeetingStatus.ARCHIVED)
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)

    def _selected(self, row: int):
        if not 0 <= row < self.model.rowCount():
            self.ws.ctx.notify(self.tr("Chọn một tài liệu trong danh sách trước."))
            return None
        return self.model.material(row)

    def open_document(self, row: int) -> None:
        material = self._selected(row)
        if material is None:
            return

        def opened(result) -> None:
            doc, data = result
            self.ws.ctx.open_pdf(data, doc.number or doc.title)

        self.ws.ctx.runner.run("document.open", document_bytes, self.ws.ctx.store, material.document.id,
                               on_result=opened, on_error=self.ws.ctx.show_error)

    def replace(self) -> None:
        from meetings.materials import replace_material  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        material = self._selected(self.view.currentIndex().row())
        if material is None:
            return
        doc = material.document
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn phiên bản mới của “{title}”").format(title=doc.title),
                                              "", self.tr("Tệp PDF (*.pdf)"))
        if not path:
            return
        ctx = self.ws.ctx
        ctx.runner.run("document.replace", replace_material, ctx.store, ctx.actor_id, doc.id, path,
                       expected_version=doc.version, write=True,
                       on_result=lambda info: (ctx.notify(self.tr("Đã thay “{title}” bằng phiên bản {v}.").format(
                           title=info.title, v=info.current_version.version_no)), self.ws.reload()),
                       on_error=self.ws.handle_write_error)
