"""Importing PDFs onto an agenda item, one file after another, with progress and Cancel.

Each file is checked and stored by ``import_material`` in its own transaction, so Cancel (seen
between files) keeps the ones already done, and one bad file does not lose the others: its
refusal is collected and shown once at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from documents.records import DocumentMeta
from store.errors import NghisuError

if TYPE_CHECKING:
    from store.engine import Store
    from ui.tasks import TaskContext
    from ui.workspace.context import WorkspaceContext


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # name, vi, en
    cancelled: bool = False


def title_from_filename(path: Path) -> str:
    """"To_trinh-312 ngan sach.pdf" → "To trinh 312 ngan sach" (the clerk can rename later)."""
    title = re.sub(r"[_\s]+", " ", path.stem.replace("-", " ")).strip()
    return title or path.name


def import_files(store: Store, actor_id: int | None, meeting_id: int, item_number: str | None,
                 paths: Sequence[str], *, task: TaskContext) -> ImportReport:
    from meetings.materials import import_material  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    report = ImportReport()
    total = len(paths)
    for done, name in enumerate(paths):
        if task.cancelled():
            report.cancelled = True
            break
        task.progress(done, total)
        path = Path(name)
        try:
            import_material(store, actor_id, meeting_id, item_number, path,
                            DocumentMeta(title=title_from_filename(path)))
        except NghisuError as exc:
            report.failed.append((path.name, exc.message("vi"), exc.message("en")))
        else:
            report.imported.append(path.name)
    task.progress(total, total)
    return report


def run_import(parent: QWidget, ctx: WorkspaceContext, meeting_id: int, item_number: str | None,
               paths: Sequence[str], done: Callable[[ImportReport], None]) -> None:
    """Start the import in the write queue with a cancellable progress dialog."""
    dialog = QProgressDialog(QCoreApplication.translate("attach", "Đang nhập {n} tệp PDF…").format(n=len(paths)), QCoreApplication.translate("attach", "Hủy"), 0,
                             len(paths), parent)
    dialog.setWindowTitle(QCoreApplication.translate("attach", "Đính kèm tài liệu"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setValue(0)

    def progressed(n: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(n)
        if n < total:
            dialog.setLabelText(QCoreApplication.translate("attach", "Đang nhập tệp {i}/{total}: {name}").format(
                i=n + 1, total=total, name=Path(paths[n]).name))

    def finished(report: ImportReport) -> None:
        dialog.reset()
        dialog.deleteLater()
        done(report)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        dialog.deleteLater()
        ctx.show_error(exc)

    handle = ctx.runner.run("attach", import_files, ctx.store, ctx.actor_id, meeting_id, item_number, list(paths),
                            on_progress=progressed, on_result=finished, on_error=failed, write=True)
    dialog.canceled.connect(handle.cancel)
