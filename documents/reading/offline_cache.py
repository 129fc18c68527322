"""The person's current materials on the device, encrypted, readable without the store.

Every file is sealed with AES-256-GCM (``cryptography``), a fresh 96-bit nonce each, and
associated data naming what the file is (a ciphertext moved to another name fails). The
key is never written beside the cache: the caller passes either the 32-byte key (e.g. one
kept in the OS keyring) or the person's passphrase, from which the key is derived with
scrypt (n=2**15, r=8, p=1) and a random salt; only the salt and an encrypted check value
are stored in ``cache.json``. A wrong key or passphrase fails on that check with a clear
error, before anything else is read.

Pages shown offline are kept in the same sealed index (``record_reads``: document, cached
version, page, first and last time on screen in the tablet's local time with its zone) until
``documents.reading.offline_reads.sync_offline_reads`` has made them read receipts. An empty marker
file says that some are waiting, so a reader opened later with the store knows to ask for the
passphrase; it tells someone holding the tablet no more than the index's size already does.

``sync_cache`` (store reachable) first sends pages read offline and notes made offline (each
carries a random ``client_id``, so a retried sync stores it once), then brings the cache in line with what
the person may read now: new or replaced versions are fetched; recalled documents and
documents of archived meetings are wiped (the file is overwritten, then removed).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from documents.reading.offline_reads import sync_offline_reads
from store.codes import MeetingStatus
from store.errors import NghisuError, PermissionDenied, StoreUnavailable

if TYPE_CHECKING:
    from store.engine import Store

FORMAT = "nghisu-offline-cache/1"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_CHECK = b"nghisu offline cache"
_READS_WAITING = "receipts-pending"


class OfflineCacheLocked(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("Không mở được bộ nhớ đệm ngoại tuyến: sai mật khẩu hoặc khóa. Hãy nhập lại mật khẩu của bạn.",
                         "Cannot open the offline cache: wrong passphrase or key. Enter your passphrase again.")


class OfflineCacheDamaged(NghisuError):
    def __init__(self, what: str) -> None:
        super().__init__(f"Bộ nhớ đệm ngoại tuyến bị hỏng ({what}); hãy đồng bộ lại khi có mạng.",
                         f"The offline cache is damaged ({what}); sync again when the network is back.")


@dataclass(frozen=True)
class CachedDocument:
    document_id: int
    meeting_id: int
    version_id: int
    title: str
    sha256: str
    page_count: int


@dataclass(frozen=True)
class OfflineRead:
    """One page of one cached version shown while offline: first and last time on screen."""

    document_id: int
    version_id: int
    page: int
    first_at: datetime
    last_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "version_id": self.version_id, "page": self.page,
                "first_at": self.first_at.isoformat(), "last_at": self.last_at.isoformat()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> OfflineRead:
        return cls(d["document_id"], d["version_id"], d["page"], datetime.fromisoformat(d["first_at"]),
                   datetime.fromisoformat(d["last_at"]))


@dataclass(frozen=True)
class SyncReport:
    online: bool
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    kept: tuple[int, ...] = ()
    notes_sent: int = 0
    notes_refused: tuple[str, ...] = field(default=())
    pages_sent: int = 0
    reads_skipped: tuple[str, ...] = field(default=())


class OfflineCache:
    """One person's cache folder. Give ``key`` (32 bytes) or ``passphrase``, never both."""

    def __init__(self, folder: str | os.PathLike, *, passphrase: str | None = None, key: bytes | None = None) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

        if (passphrase is None) == (key is None):
            raise ValueError("give exactly one of passphrase or key")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "docs").mkdir(exist_ok=True)
        header_path = self.folder / "cache.json"
        if header_path.exists():
            header = json.loads(header_path.read_text())
        else:
            header = {"format": FORMAT, "salt": secrets.token_hex(16), "scrypt": SCRYPT}
        if key is None:
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

            p = header["scrypt"]
            key = Scrypt(salt=bytes.fromhex(header["salt"]), length=32, n=p["n"], r=p["r"], p=p["p"]).derive(
                passphrase.encode())
        if len(key) != 32:
            raise ValueError("the key must be 32 bytes (AES-256)")
        self._aes = AESGCM(key)
        # The reader records pages from its write queue while a sync may run: every
        # read-modify-write of the index holds this lock.
        self._lock = threading.RLock()
        if "check" in header:
            if self._open(bytes.fromhex(header["check"]), b"check", locked=True) != _CHECK:
                raise OfflineCacheLocked()
        else:
            header["check"] = self._seal(_CHECK, b"check").hex()
            header_path.write_text(json.dumps(header))

    # -- sealing ----------------------------------------------------------------------
    def _seal(self, data: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aes.encrypt(nonce, data, aad)

    def _open(self, blob: bytes, aad: bytes, *, locked: bool = False) -> bytes:
        from cryptography.exceptions import InvalidTag  # noqa: PLC0415 -- heavy library deferred for start-up: cryptography

        try:
            return self._aes.decrypt(blob[:12], blob[12:], aad)
        except (InvalidTag, ValueError) as exc:
            if locked:
                raise OfflineCacheLocked() from exc
            raise OfflineCacheDamaged(aad.decode(errors="replace")) from exc

    def _write(self, path: Path, data: bytes, aad: bytes) -> None:
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(self._seal(data, aad))
        tmp.replace(path)

    # -- the index ----------------------------------------------------------------------
    def _index(self) -> dict[str, Any]:
        path = self.folder / "index.bin"
        if not path.exists():
            return {"documents": {}, "pending_notes": []}
        return json.loads(self._open(path.read_bytes(), b"index"))

    def _save_index(self, index: dict[str, Any]) -> None:
        self._write(self.folder / "index.bin", json.dumps(index).encode(), b"index")

    def documents(self) -> list[CachedDocument]:
        return [CachedDocument(**{k: v for k, v in d.items() if k != "file"}) for d in self._index()["documents"].values()]

    def read(self, document_id: int) -> bytes:
        """The cached PDF's bytes (hash-checked); works with no store at all."""
        entry = self._index()["documents"].get(str(document_id))
        if entry is None:
            raise OfflineCacheDamaged(f"không có tài liệu {document_id} — no document {document_id}")
        data = self._open((self.folder / "docs" / entry["file"]).read_bytes(), f"doc:{document_id}".encode())
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise OfflineCacheDamaged(f"tài liệu {document_id}")
        return data

    def queue_note(self, document_id: int, page: int, kind: str, data: dict[str, Any], *, shared: bool = False) -> str:
        """A note made offline; sent by the next ``sync_cache``. Returns its client id."""
        from documents.reading.notes import clean_note_data  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        clean = clean_note_data(kind, data)
        index = self._index()
        client_id = uuid.uuid4().hex
        index["pending_notes"].append({"client_id": client_id, "document_id": document_id, "page": page, "kind": kind,
                                       "data": clean, "shared": shared})
        self._save_index(index)
        return client_id

    def pending_notes(self) -> list[dict[str, Any]]:
        return list(self._index()["pending_notes"])

    # -- pages read offline -------------------------------------------------------------
    def record_reads(self, document_id: int, shown: Iterable[tuple[int, datetime]]) -> int:
        """Pages of a cached document shown offline, each with when (timezone-aware local time).

        Kept once per version and page, with the earliest and latest time; returns how many
        such entries wait to be sent.
        """
        shown = list(shown)
        if any(at.tzinfo is None for _, at in shown):
            raise ValueError("offline reads need timezone-aware times")
        with self._lock:
            index = self._index()
            entry = index["documents"].get(str(document_id))
            if entry is None:
                raise OfflineCacheDamaged(f"không có tài liệu {document_id} — no document {document_id}")
            reads = [OfflineRead.from_json(r) for r in index.get("pending_reads", [])]
            by_key = {(r.document_id, r.version_id, r.page): i for i, r in enumerate(reads)}
            for page, at in shown:
                key = (document_id, entry["version_id"], int(page))
                i = by_key.get(key)
                if i is None:
                    by_key[key] = len(reads)
                    reads.append(OfflineRead(*key, at, at))
                else:
                    r = reads[i]
                    reads[i] = OfflineRead(*key, min(r.first_at, at), max(r.last_at, at))
            index["pending_reads"] = [r.as_json() for r in reads]
            self._save_index(index)
            (self.folder / _READS_WAITING).touch()
        return len(reads)

    def pending_reads(self) -> list[OfflineRead]:
        return [OfflineRead.from_json(r) for r in self._index().get("pending_reads", [])]

    def forget_reads(self, sent: Iterable[OfflineRead]) -> int:
        """Take sent reads off the list (only after their transaction committed); one seen again
        since the sync began differs from what was sent and stays. Returns how many remain."""
        sent = set(sent)
        with self._lock:
            index = self._index()
            left = [r for r in index.get("pending_reads", []) if OfflineRead.from_json(r) not in sent]
            index["pending_reads"] = left
            self._save_index(index)
            if not left:
                (self.folder / _READS_WAITING).unlink(missing_ok=True)
        return len(left)

    @staticmethod
    def reads_waiting(folder: str | os.PathLike) -> bool:
        """Whether pages read offline wait to be sent (readable without the key)."""
        return (Path(folder) / _READS_WAITING).exists()

    def _save_index_keeping_reads(self, index: dict[str, Any]) -> None:
        """Save an index loaded a while ago without losing pages recorded since."""
        with self._lock:
            index["pending_reads"] = self._index().get("pending_reads", [])
            self._save_index(index)

    def _wipe(self, name: str) -> None:
        path = self.folder / "docs" / name
        if path.exists():
            path.write_bytes(os.urandom(path.stat().st_size))  # no plain bytes were ever here; be thorough anyway
            path.unlink()


def _current_materials(store: Store, person_id: int) -> dict[int, tuple[CachedDocument, str]]:
    """What the person may read now: current, not recalled, meeting not archived."""
    from sqlalchemy import column, select, table  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from documents.models import Delivery, Document, DocumentVersion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    meetings = table("meetings", column("id"), column("status"))  # by name: documents sits below meetings
    with store.read() as s:
        rows = s.execute(
            select(Document, DocumentVersion)
            .join(Delivery, Delivery.version_id == Document.current_version_id)
            .join(DocumentVersion, DocumentVersion.id == Document.current_version_id)
            .join(meetings, meetings.c.id == Document.meeting_id)
            .where(Delivery.person_id == person_id, Document.recalled_at.is_(None), meetings.c.status != MeetingStatus.ARCHIVED)
        ).all()
        return {d.id: (CachedDocument(d.id, d.meeting_id, v.id, d.title, v.blob_sha256, v.page_count), v.blob_sha256)
                for d, v in rows}


def sync_cache(store: Store, person_id: int, cache: OfflineCache) -> SyncReport:
    """Send pages read and notes made offline, then fetch new materials and wipe withdrawn ones.
    Offline: no change."""
    from documents.reading.notes import add_note  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    reads = sync_offline_reads(store, person_id, cache)
    if not reads.online:
        return SyncReport(False)
    read_report = {"pages_sent": reads.pages_sent, "reads_skipped": tuple(r.line() for r in reads.skipped)}
    index = cache._index()
    sent, refused, still = 0, [], []
    try:
        for note in index["pending_notes"]:
            try:
                with store.uow(person_id) as uow:
                    add_note(uow, person_id, note["document_id"], note["page"], note["kind"], note["data"],
                             shared=note["shared"], client_id=note["client_id"])
                    uow.commit()
                sent += 1
            except StoreUnavailable:
                raise
            except NghisuError as exc:  # e.g. the document was recalled meanwhile: said, not retried forever
                refused.append(f"{note['client_id']}: {exc}")
        index["pending_notes"] = still
        current = _current_materials(store, person_id)
        added, kept = [], []
        for doc_id, (doc, sha) in current.items():
            entry = index["documents"].get(str(doc_id))
            if entry is not None and entry["sha256"] == sha:
                kept.append(doc_id)
                continue
            data = store.blobs.get(sha)
            name = secrets.token_hex(12) + ".bin"
            cache._write(cache.folder / "docs" / name, data, f"doc:{doc_id}".encode())
            if entry is not None:
                cache._wipe(entry["file"])
            index["documents"][str(doc_id)] = {**doc.__dict__, "file": name}
            added.append(doc_id)
    except StoreUnavailable:
        cache._save_index_keeping_reads(index)  # notes sent are not sent twice (client ids make that harmless)
        return SyncReport(False, notes_sent=sent, notes_refused=tuple(refused), **read_report)
    removed = [int(k) for k in index["documents"] if int(k) not in current]
    for doc_id in removed:
        cache._wipe(index["documents"].pop(str(doc_id))["file"])
    cache._save_index_keeping_reads(index)
    return SyncReport(True, tuple(added), tuple(removed), tuple(kept), sent, tuple(refused), **read_report)
