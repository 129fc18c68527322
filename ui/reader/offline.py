"""Reading without the store: the person's current materials cached on the device, sealed
with AES-GCM (``documents.offline_cache``), under a key derived from a passphrase the person
types. The passphrase and the key live only in memory while the reader runs: nothing beside
the cache can open it.

When the store cannot be reached the reader lists the cached materials and reads them from
here; notes made meanwhile wait in the cache (each with its own id) and are sent by the next
``sync``, which also fetches new versions and wipes what was recalled or archived.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from documents.offline_cache import CachedDocument, OfflineCache, SyncReport
    from store.engine import Store


def default_folder(person_id: int) -> Path:
    """``$NGHISU_OFFLINE_DIR/<person>`` or the user cache folder (never beside any key)."""
    base = os.environ.get("NGHISU_OFFLINE_DIR")
    if not base:
        from platformdirs import user_cache_path

        base = str(user_cache_path("nghisu", appauthor=False) / "offline")
    return Path(base) / str(person_id)


def _unlock(folder: Path, passphrase: str) -> OfflineCache:
    from documents.offline_cache import OfflineCache

    return OfflineCache(folder, passphrase=passphrase)


def _sync(store: Store, person_id: int, cache: OfflineCache) -> SyncReport:
    from documents.offline_cache import sync_cache

    return sync_cache(store, person_id, cache)


def _listing(cache: OfflineCache) -> list[CachedDocument]:
    return cache.documents()


class OfflineLink(QObject):
    """One person's cache: unlock with a passphrase, sync, read, queue notes."""

    unlocked = Signal()
    synced = Signal(object)  # SyncReport
    failed = Signal(object)

    def __init__(self, runner, person_id: int, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.person_id = person_id
        self.folder = Path(folder) if folder is not None else default_folder(person_id)
        self.cache: OfflineCache | None = None
        self.last_report: SyncReport | None = None

    def exists(self) -> bool:
        return (self.folder / "cache.json").exists()

    @property
    def is_unlocked(self) -> bool:
        return self.cache is not None

    def unlock(self, passphrase: str, on_done=None) -> None:
        """Derive the key (scrypt, off the main thread) and open the cache; a wrong passphrase fails."""
        def done(cache: OfflineCache) -> None:
            self.cache = cache
            self.unlocked.emit()
            if on_done is not None:
                on_done()

        self.runner.run("offline.unlock", _unlock, self.folder, passphrase, on_result=done,
                        on_error=self.failed.emit)

    def lock(self) -> None:
        self.cache = None

    def sync(self, store: Store, on_done=None) -> None:
        """Send offline notes, fetch new materials, wipe withdrawn ones."""
        if self.cache is None or store is None:
            return

        def done(report: SyncReport) -> None:
            self.last_report = report
            self.synced.emit(report)
            if on_done is not None:
                on_done(report)

        self.runner.run("offline.sync", _sync, store, self.person_id, self.cache, on_result=done,
                        on_error=self.failed.emit, write=True)

    def documents(self) -> list[CachedDocument]:
        return self.cache.documents() if self.cache is not None else []

    def read(self, document_id: int, on_result, on_error=None) -> None:
        self.runner.run("offline.read", self.cache.read, document_id, on_result=on_result,
                        on_error=on_error or self.failed.emit)

    def queue_note(self, document_id: int, page: int, kind: str, data: dict[str, Any]) -> str:
        """A note made while offline (sent at the next sync); small, so done here."""
        return self.cache.queue_note(document_id, page, kind, data)

    def pending(self) -> int:
        return len(self.cache.pending_notes()) if self.cache is not None else 0


# -- the reader's offline flows (ReaderWindow.save_offline / go_offline) ----------------------
def ask_passphrase(parent, first_time: bool) -> str | None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    if first_time:
        prompt = QCoreApplication.translate("ReaderWindow", "Đặt cụm mật khẩu cho bộ nhớ đọc ngoại tuyến trên máy này "
                                                            "(không được lưu lại; hãy ghi nhớ):")
    else:
        prompt = QCoreApplication.translate("ReaderWindow", "Nhập cụm mật khẩu bộ nhớ đọc ngoại tuyến:")
    text, ok = QInputDialog.getText(parent, QCoreApplication.translate("ReaderWindow", "Đọc ngoại tuyến"), prompt,
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def save_offline(reader, passphrase: str | None = None) -> None:
    """Unlock (asking for the passphrase the first time) and sync the reader's cache."""
    from PySide6.QtCore import QCoreApplication

    if reader.store is None:
        return

    def synced(report) -> None:
        n = len(report.added) + len(report.kept)
        reader.say(QCoreApplication.translate(
            "ReaderWindow", "Đã lưu {n} tài liệu để đọc ngoại tuyến; đã gửi {s} ghi chú làm khi mất mạng.")
            .format(n=n, s=report.notes_sent))
        if reader.offline_mode and report.online:
            reader.load(reader.agenda.current_meeting_id())

    link = reader.offline
    if link.cache is not None:
        link.sync(reader.store, synced)
        return
    passphrase = passphrase or ask_passphrase(reader, not link.exists())
    if passphrase:
        link.unlock(passphrase, lambda: link.sync(reader.store, synced))


def go_offline(reader, passphrase: str | None = None) -> None:
    """List what the cache holds instead of the store's meetings (unlocking it if needed)."""
    from PySide6.QtCore import QCoreApplication

    reader.offline_mode = True
    reader.follow.stop()
    link = reader.offline

    def show() -> None:
        reader.runner.run("reader.cached", cached_meetings, link.documents(),
                          QCoreApplication.translate("ReaderWindow", "Tài liệu đã lưu trên máy (ngoại tuyến)"),
                          on_result=reader.agenda.set_meetings, on_error=reader.show_error)
        reader.say(QCoreApplication.translate(
            "ReaderWindow", "Đang đọc ngoại tuyến: không kết nối được kho dữ liệu. Ghi chú mới sẽ được đồng bộ khi "
                            "có mạng."), error=True)

    if link.cache is not None:
        show()
        return
    if not link.exists():
        reader.say(QCoreApplication.translate(
            "ReaderWindow", "Không kết nối được kho dữ liệu, và máy này chưa lưu tài liệu nào để đọc ngoại tuyến."),
            error=True)
        return
    passphrase = passphrase or ask_passphrase(reader, False)
    if passphrase:
        link.unlock(passphrase, show)


def cached_meetings(documents, title: str):
    """What the cache holds, shaped like the online list (one entry per meeting)."""
    from datetime import UTC, datetime

    from meetings.records import MeetingSummary
    from ui.reader.services import ReaderMaterial, ReaderMeeting

    by_meeting: dict[int, list] = {}
    for d in documents:
        by_meeting.setdefault(d.meeting_id, []).append(
            ReaderMaterial(d.document_id, d.title, "", None, d.page_count, False, d.sha256))
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    return [ReaderMeeting(MeetingSummary(mid, title, 0, "", "in_progress", epoch, None, "", 0), "member", (),
                          tuple(materials)) for mid, materials in sorted(by_meeting.items())]
