"""The reader's notes: storing what the person draws or types (in the store, or in the offline
cache until the store answers), reloading, sharing with the meeting, deleting, exporting.

A mixin of ``ReaderWindow`` (ui/reader/reader_window.py). Its strings keep the "ReaderWindow"
translation context they had there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog

from ui.reader import services as svc


class ReaderNotes:
    """Notes handlers of ``ReaderWindow``; listed before QWidget in its bases."""

    def store_note(self, kind: str, page: int, data: dict[str, Any]) -> None:
        if self.material is None:
            return
        doc_id = self.material.document_id
        if self.offline_mode:
            if self.offline.cache is None:
                return
            self.runner.run("reader.note.offline", self.offline.queue_note, doc_id, page, kind, data, write=True,
                            on_result=lambda _cid: self.say(QCoreApplication.translate(
                                "ReaderWindow", "Đã lưu ghi chú trên máy; sẽ đồng bộ khi có mạng.")),
                            on_error=self.show_error)
            return
        self.runner.run("reader.note", svc.save_note, self.store, self.person_id, doc_id, page, kind, data,
                        on_result=lambda _n: self.reload_notes(), on_error=self.show_error, write=True)

    def _ask_text_note(self, page: int, x: float, y: float) -> None:
        text, ok = QInputDialog.getMultiLineText(self, QCoreApplication.translate("ReaderWindow", "Ghi chú chữ"),
                                                 QCoreApplication.translate("ReaderWindow", "Nội dung ghi chú:"))
        if ok and text.strip():
            self.store_note("text", page, {"text": text, "at": [round(x, 2), round(y, 2)]})

    def reload_notes(self) -> None:
        if self.material is None or self.store is None or self.offline_mode:
            return

        def loaded(notes) -> None:
            self.canvas.set_notes(notes)
            self.notes.set_notes(notes)
            self.notesChanged.emit()

        self.runner.run("reader.notes", svc.notes_of, self.store, self.person_id, self.material.document_id,
                        on_result=loaded, on_error=self.show_error)

    def share_note(self, note_id: int, shared: bool) -> None:
        def done(n) -> None:
            self.say(QCoreApplication.translate("ReaderWindow", "Đã chia sẻ ghi chú với cuộc họp.") if n.shared
                     else QCoreApplication.translate("ReaderWindow", "Ghi chú đã trở lại riêng tư."))
            self.reload_notes()

        self.runner.run("reader.share", svc.set_shared, self.store, self.person_id, note_id, shared, write=True,
                        on_result=done, on_error=self.show_error)

    def delete_note(self, note_id: int) -> None:
        self.runner.run("reader.delete", svc.remove_note, self.store, self.person_id, note_id, write=True,
                        on_result=lambda _i: self.reload_notes(), on_error=self.show_error)

    def export_notes(self, path: str | None = None) -> None:
        if self.material is None or self.store is None:
            return
        if path is None:
            title = QCoreApplication.translate("ReaderWindow", "Xuất ghi chú của tôi")
            path, _ = QFileDialog.getSaveFileName(self, title, f"ghi-chu-{self.material.document_id}.pdf",
                                                  QCoreApplication.translate("ReaderWindow", "Tệp PDF (*.pdf)"))
            if not path:
                return
        self.runner.run("reader.export", svc.export_notes, self.store, self.person_id, self.material.document_id,
                        path,
                        on_result=lambda p: self.say(QCoreApplication.translate(
                            "ReaderWindow", "Đã xuất ghi chú vào {path}").format(path=p)),
                        on_error=self.show_error)
