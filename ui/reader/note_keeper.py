"""The reader's notes: storing what the person draws or types (in the store, or in the offline
cache until the store answers), reloading, sharing with the meeting, deleting, exporting.

``NoteKeeper`` is owned by ``ReaderWindow`` (ui/reader/reader_window.py), which connects the
canvas's and the notes panel's requests to it and shows what it reports (``notesLoaded``,
``said``, ``failed``). It reads the window's session through ``ReaderSession`` because the
store, the open material and the offline switch change while the window lives. Its strings keep
the "ReaderWindow" translation context they had there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ui.reader import services as svc

if TYPE_CHECKING:
    from meetings.reader_records import ReaderMaterial
    from store.engine import Store
    from ui.reader.offline import OfflineLink


class ReaderSession(Protocol):
    """What the keeper reads of its window: who reads which material, where, online or not."""

    store: Store | None
    runner: Any
    person_id: int | None
    material: ReaderMaterial | None
    offline_mode: bool
    offline: OfflineLink


class NoteKeeper(QObject):
    """Stores, reloads, shares, deletes and exports the person's notes on the open material."""

    notesLoaded = Signal(object)  # the person's notes on the open material, after each change
    said = Signal(str)  # a line for the window's message bar
    failed = Signal(object)  # the exception of a background call

    def __init__(self, session: ReaderSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent  # the dialogs' parent

    def store_note(self, kind: str, page: int, data: dict[str, Any]) -> None:
        s = self.session
        if s.material is None:
            return
        doc_id = s.material.document_id
        if s.offline_mode:
            if s.offline.cache is None:
                return
            s.runner.run("reader.note.offline", s.offline.queue_note, doc_id, page, kind, data, write=True,
                         on_result=lambda _cid: self.said.emit(QCoreApplication.translate(
                             "ReaderWindow", "Đã lưu ghi chú trên máy; sẽ đồng bộ khi có mạng.")),
                         on_error=self.failed.emit)
            return
        s.runner.run("reader.note", svc.save_note, s.store, s.person_id, doc_id, page, kind, data,
                     on_result=lambda _n: self.reload_notes(), on_error=self.failed.emit, write=True)

    def ask_text_note(self, page: int, x: float, y: float) -> None:
        text, ok = QInputDialog.getMultiLineText(self.window, QCoreApplication.translate("ReaderWindow", "Ghi chú chữ"),
                                                 QCoreApplication.translate("ReaderWindow", "Nội dung ghi chú:"))
        if ok and text.strip():
            self.store_note("text", page, {"text": text, "at": [round(x, 2), round(y, 2)]})

    def reload_notes(self) -> None:
        s = self.session
        if s.material is None or s.store is None or s.offline_mode:
            return
        s.runner.run("reader.notes", svc.notes_of, s.store, s.person_id, s.material.document_id,
                     on_result=self.notesLoaded.emit, on_error=self.failed.emit)

    def share_note(self, note_id: int, shared: bool) -> None:
        def done(n) -> None:
            if n.shared:
                self.said.emit(QCoreApplication.translate("ReaderWindow", "Đã chia sẻ ghi chú với cuộc họp."))
            else:
                self.said.emit(QCoreApplication.translate("ReaderWindow", "Ghi chú đã trở lại riêng tư."))
            self.reload_notes()

        s = self.session
        s.runner.run("reader.share", svc.set_shared, s.store, s.person_id, note_id, shared, write=True,
                     on_result=done, on_error=self.failed.emit)

    def delete_note(self, note_id: int) -> None:
        s = self.session
        s.runner.run("reader.delete", svc.remove_note, s.store, s.person_id, note_id, write=True,
                     on_result=lambda _i: self.reload_notes(), on_error=self.failed.emit)

    def export_notes(self, path: str | None = None) -> None:
        s = self.session
        if s.material is None or s.store is None:
            return
        if path is None:
            title = QCoreApplication.translate("ReaderWindow", "Xuất ghi chú của tôi")
            kinds = QCoreApplication.translate("ReaderWindow", "Tệp PDF (*.pdf)")
            path, _ = QFileDialog.getSaveFileName(self.window, title, f"ghi-chu-{s.material.document_id}.pdf", kinds)
            if not path:
                return
        s.runner.run("reader.export", svc.export_notes, s.store, s.person_id, s.material.document_id, path,
                     on_result=lambda p: self.said.emit(QCoreApplication.translate(
                         "ReaderWindow", "Đã xuất ghi chú vào {path}").format(path=p)),
                     on_error=self.failed.emit)
