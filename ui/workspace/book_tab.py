"""The Book tab: compile the meeting book with a progress bar and Cancel, open it, publish."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from documents.book.compile import BookCancelled
from store.codes import MeetingStatus
from ui.icons import icon

if TYPE_CHECKING:
    from documents.book.compile import BookResult
    from ui.tasks import TaskContext, TaskHandle
    from ui.workspace.context import MeetingBundle
    from ui.workspace.workspace import MeetingWorkspace


def compile_book_task(store, meeting_id: int, out: Path, *, task: TaskContext) -> BookResult:
    from meetings.book import compile_meeting_book  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    return compile_meeting_book(store, meeting_id, out, progress=task.progress, cancel=task.cancel_event)


class BookTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.result: BookResult | None = None
        self.handle: TaskHandle | None = None
        intro = QLabel(self.tr("Tập tài liệu gộp toàn bộ cuộc họp vào một tệp PDF: trang bìa, chương trình, "
                               "rồi tài liệu của từng mục theo thứ tự, có mục lục và số trang."))
        intro.setWordWrap(True)
        self.compile_button = QPushButton(icon("book"), self.tr("Tạo tập tài liệu"))
        self.cancel_button = QPushButton(icon("cancel"), self.tr("Hủy"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Chưa tạo tập tài liệu."))
        self.status.setWordWrap(True)
        self.open_button = QPushButton(icon("pdf"), self.tr("Mở tập tài liệu"))
        self.save_button = QPushButton(icon("open"), self.tr("Lưu bản sao…"))
        self.publish_button = QPushButton(icon("publish"), self.tr("Phát hành cuộc họp…"))
        for b in (self.open_button, self.save_button):
            b.setEnabled(False)
        self.compile_button.clicked.connect(self.compile)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_book)
        self.save_button.clicked.connect(self.save_copy)
        self.publish_button.clicked.connect(lambda: self.ws.run_status_action("published"))
        row = QHBoxLayout()
        row.addWidget(self.compile_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        after = QHBoxLayout()
        after.addWidget(self.open_button)
        after.addWidget(self.save_button)
        after.addStretch()
        after.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addLayout(after)
        layout.addStretch()

    def set_bundle(self, bundle: MeetingBundle) -> None:
        self.publish_button.setVisible(bundle.detail.meeting.status == MeetingStatus.DRAFT)

    def out_path(self) -> Path:
        return self.ws.ctx.work_dir / f"tap-tai-lieu-cuoc-hop-{self.ws.meeting_id}.pdf"

    def compile(self) -> None:
        if self.handle is not None and not self.handle.done:
            return
        self.compile_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.status.setText(self.tr("Đang tạo tập tài liệu…"))
        self.handle = self.ws.ctx.runner.run("book.compile", compile_book_task, self.ws.ctx.store, self.ws.meeting_id,
                                             self.out_path(), on_progress=self._progressed, on_result=self._done,
                                             on_error=self._failed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.status.setText(self.tr("Đang hủy…"))

    def _finish(self) -> None:
        self.compile_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, result: BookResult) -> None:
        self._finish()
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(self.tr("Đã tạo tập tài liệu: {pages} trang, {docs} tài liệu, {size:.1f} MB.").format(
            pages=result.page_count, docs=len(result.documents), size=result.size / 1024 / 1024))
        self.open_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(exc, BookCancelled):
            self.status.setText(self.tr("Đã hủy; chưa có tệp nào được ghi."))
            return
        self.status.setText(self.tr("Không tạo được tập tài liệu."))
        self.ws.ctx.show_error(exc)

    def open_book(self) -> None:
        if self.result is None:
            return
        try:
            data = Path(self.result.path).read_bytes()
        except OSError as exc:
            self.ws.ctx.show_error(exc)
            return
        self.ws.ctx.open_pdf(data, self.tr("Tập tài liệu — {title}").format(title=self.ws.title()))

    def save_copy(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu bản sao tập tài liệu"), self.out_path().name,
                                              self.tr("Tệp PDF (*.pdf)"))
        if path:
            try:
                shutil.copyfile(self.result.path, path)
            except OSError as exc:
                self.ws.ctx.show_error(exc)
