"""Reading without the store: the person's current materials cached on the device, sealed
with AES-GCM (``documents.reading.offline_cache``), under a key derived from a passphrase the person
types. The passphrase and the key live only in memory while the reader runs: nothing beside
the cache can open it.

When the store cannot be reached the reader lists the cached materials and reads them from
here; notes made meanwhile wait in the cache (each with its own id) and are sent by the next
``sync``, which also fetches new versions and wipes what was recalled or archived. Pages shown
meanwhile are kept in the cache too, with the tablet's local time, and become read receipts
(``documents.reading.offline_reads``) as soon as the store answers again: a probe every
``PROBE_MS`` while offline, or the next reader opened with a store (which asks for the
passphrase once if the cache says pages are waiting).
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit

from documents.reading.offline_cache import sync_cache
from documents.reading.offline_reads import sync_offline_reads
from meetings.reader_records import ReaderMaterial, ReaderMeeting

if TYPE_CHECKING:
    from documents.reading.offline_cache import CachedDocument, SyncReport
    from documents.reading.offline_reads import ReadsSyncReport
    from store.engine import Store

from documents.reading.offline_cache import OfflineCache

log = logging.getLogger(__name__)
PROBE_MS = 15000  # while offline with a store configured: how often to try it again


def default_folder(person_id: int) -> Path:
    """``$NGHISU_OFFLINE_DIR/<person>`` or the user cache folder (never beside any key)."""
    base = os.environ.get("NGHISU_OFFLINE_DIR")
    if not base:
        from platformdirs import user_cache_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

        base = str(user_cache_path("nghisu", appauthor=False) / "offline")
    return Path(base) / str(person_id)


def _unlock(folder: Path, passphrase: str) -> OfflineCache:
    return OfflineCache(folder, passphrase=passphrase)


def _sync(store: Store, person_id: int, cache: OfflineCache) -> SyncReport:
    return sync_cache(store, person_id, cache)


def _listing(cache: OfflineCache) -> list[CachedDocument]:
    return cache.documents()


def _record_reads(cache: OfflineCache, shown: list[tuple[int, int, datetime]]) -> int:
    by_doc: dict[int, list[tuple[int, datetime]]] = {}
    for doc_id, page, at in shown:
        by_doc.setdefault(doc_id, []).append((page, at))
    waiting = 0
    for doc_id, pages in by_doc.items():
        waiting = cache.record_reads(doc_id, pages)
    return waiting


def _sync_reads(store: Store, person_id: int, cache: OfflineCache) -> ReadsSyncReport:
    return sync_offline_reads(store, person_id, cache)


def local_now() -> datetime:
    """The tablet's own time with its zone: what the person saw when they read."""
    return datetime.now().astimezone()


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
        self.last_reads_report: ReadsSyncReport | None = None
        self.now = local_now
        self.asked_for_reads = False  # the passphrase is asked for waiting reads once per reader
        self._shown: list[tuple[int, int, datetime]] = []
        self._probe = QTimer(self, interval=PROBE_MS, timeout=self._try_store)
        self._probing = False
        self._watch: tuple[Store, Any] | None = None

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

    # -- pages read offline ---------------------------------------------------------------
    def page_shown(self, document_id: int, page: int) -> None:
        """A page of a cached document is on screen offline; kept at the next ``flush_reads``."""
        self._shown.append((document_id, page, self.now()))

    def flush_reads(self) -> None:
        """Seal the pages shown since the last flush into the cache (in the write queue)."""
        if not self._shown or self.cache is None:
            return
        shown, self._shown = self._shown, []
        self.runner.run("offline.reads", _record_reads, self.cache, shown, write=True, on_error=self.failed.emit)

    def reads_waiting(self) -> bool:
        return bool(self._shown) or OfflineCache.reads_waiting(self.folder)

    def sync_reads(self, store: Store, on_done=None) -> None:
        """Send the pages read offline as read receipts (background, write queue)."""
        if self.cache is None or store is None:
            return
        self.flush_reads()

        def done(report: ReadsSyncReport) -> None:
            self.last_reads_report = report
            for skipped in report.skipped:
                log.info("offline read not recorded: %s", skipped.line())
            if on_done is not None:
                on_done(report)

        self.runner.run("offline.receipts", _sync_reads, store, self.person_id, self.cache, on_result=done,
                        on_error=self.failed.emit, write=True)

    # -- noticing that the store is back -----------------------------------------------------
    def watch(self, store: Store, on_back) -> None:
        """Try the store every ``PROBE_MS``; call ``on_back()`` once it answers."""
        self._watch = (store, on_back)
        self._probe.start()

    def stop_watching(self) -> None:
        self._probe.stop()
        self._watch = None

    def _try_store(self) -> None:
        if self._watch is None or self._probing:
            return
        store, on_back = self._watch
        self._probing = True

        def back(_ok) -> None:
            self._probing = False
            if self._watch is not None:
                self.stop_watching()
                on_back()

        def still_down(_exc) -> None:  # expected while offline: nothing to show
            self._probing = False

        self.runner.run("offline.probe", store.answers, on_result=back, on_error=still_down)


# -- the reader's offline flows (ReaderWindow.save_offline / go_offline / back online) ---------
def ask_passphrase(parent, first_time: bool) -> str | None:
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

    if reader.store is not None:
        link.watch(reader.store, lambda: reader.load(reader.agenda.current_meeting_id()))
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


def resume_online(reader, passphrase: str | None = None) -> None:
    """The store answered (back online, or a reader opened with one): send pages read offline.

    A locked cache with pages waiting asks for its passphrase once; declined, they wait.
    """

    link = reader.offline
    link.stop_watching()
    if reader.store is None or not link.reads_waiting():
        return

    def sent(report) -> None:
        if not report.online:
            return
        if report.skipped:
            reader.say(QCoreApplication.translate(
                "ReaderWindow", "Đã gửi {n} trang đã đọc khi ngoại tuyến; {k} lượt đọc không được ghi nhận (tài liệu "
                                "đã bị thu hồi hoặc không còn gửi tới bạn).")
                .format(n=report.pages_sent, k=len(report.skipped)))
        elif report.pages_sent:
            reader.say(QCoreApplication.translate("ReaderWindow", "Đã gửi {n} trang đã đọc khi ngoại tuyến.")
                       .format(n=report.pages_sent))

    if link.cache is not None:
        link.sync_reads(reader.store, sent)
        return
    if link.asked_for_reads or not link.exists():
        return
    link.asked_for_reads = True
    passphrase = passphrase or ask_passphrase(reader, False)
    if passphrase:
        link.unlock(passphrase, lambda: link.sync_reads(reader.store, sent))
    else:
        reader.say(QCoreApplication.translate(
            "ReaderWindow", "Các trang đã đọc khi ngoại tuyến sẽ được gửi khi bạn mở khóa bộ nhớ đọc ngoại tuyến "
                            "(nút “Ngoại tuyến…”)."))


def cached_meetings(documents, title: str):
    """What the cache holds, shaped like the online list (one entry per meeting)."""

    from meetings.records import MeetingSummary  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    by_meeting: dict[int, list] = {}
    for d in documents:
        by_meeting.setdefault(d.meeting_id, []).append(
            ReaderMaterial(d.document_id, d.title, "", None, d.page_count, False, d.sha256))
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    return [ReaderMeeting(MeetingSummary(mid, title, 0, "", "in_progress", epoch, None, "", 0), "member", (),
                          tuple(materials)) for mid, materials in sorted(by_meeting.items())]
