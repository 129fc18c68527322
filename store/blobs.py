"""Content-addressed blob storage: files named by the SHA-256 of their bytes.

One small interface, two backends:

- ``FolderBlobStore`` (embedded): ``blobs/ab/cd/<sha256>``, written to a temporary file,
  fsynced, then renamed into place, so a crash never leaves half a blob under a real name.
- ``DatabaseBlobStore`` (shared PostgreSQL): chunks of 1 MiB in ``blob_chunks``, so every
  desktop that reaches the database reaches every blob.

Both record a ``blobs`` row (hash, size, time) and check the hash on every read: a blob
whose bytes changed is reported (``BlobCorrupted``), never served.

An S3-compatible object store (MinIO, Ceph, a cloud bucket) for a province that outgrows
one server slots in as a third class with the same four methods: ``put`` uploads to
``<bucket>/<ab>/<cd>/<sha256>`` (object stores make a completed PUT atomic; use
``If-None-Match: *`` to keep existing objects immutable) and then inserts the ``blobs``
row; ``get`` downloads and checks the hash exactly as here. Nothing above this module
changes: records only ever hold the hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from store.errors import BlobCorrupted, BlobMissing

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BlobRef:
    sha256: str
    size: int


class BlobStore(Protocol):
    def put(self, data: bytes, conn: Connection) -> BlobRef:
        """Store bytes (once: same bytes, same blob) within the caller's transaction.

        The ``blobs`` row (and, in the database backend, the bytes) commit or roll back
        with the record that refers to them; a file left in the folder by a rolled-back
        transaction is harmless (same bytes, same name) and is adopted by the next put.
        """
        ...

    def get(self, sha256: str, conn: Connection | None = None) -> bytes:
        """The bytes, checked against their hash (BlobCorrupted, BlobMissing).

        ``conn``: read within that transaction (sees blobs it wrote but has not committed).
        """
        ...

    def exists(self, sha256: str) -> bool: ...

    def path_hint(self, sha256: str) -> str:
        """Where the blob lives, for messages and diagnostics."""
        ...


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check(sha256: str, data: bytes, where: str) -> bytes:
    if sha256_hex(data) != sha256:
        raise BlobCorrupted(
            f"Tệp lưu trữ {sha256[:12]}… đã bị thay đổi hoặc hỏng ({where}); không thể dùng. "
            "Hãy báo quản trị viên khôi phục từ bản sao lưu.",
            f"Stored file {sha256[:12]}… was altered or damaged ({where}); it will not be used. "
            "Ask the administrator to restore it from a backup.",
        )
    return data


def _missing(sha256: str) -> BlobMissing:
    return BlobMissing(
        f"Không tìm thấy tệp lưu trữ {sha256[:12]}… trong kho; hãy báo quản trị viên.",
        f"Stored file {sha256[:12]}… is missing from the store; tell the administrator.",
    )


def _record(conn: Connection, ref: BlobRef) -> None:
    from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    from store.models import Blob  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    exists = conn.execute(select(Blob.sha256).where(Blob.sha256 == ref.sha256)).first()
    if exists is None:
        conn.execute(Blob.__table__.insert().values(sha256=ref.sha256, size=ref.size, created_at=datetime.now(UTC)))


class FolderBlobStore:
    def __init__(self, root: Path, engine: Engine) -> None:
        self.root = root
        self._engine = engine
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise _missing(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def path_hint(self, sha256: str) -> str:
        return str(self._path(sha256))

    def put(self, data: bytes, conn: Connection) -> BlobRef:
        ref = BlobRef(sha256_hex(data), len(data))
        target = self._path(ref.sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        _record(conn, ref)
        return ref

    def get(self, sha256: str, conn: Connection | None = None) -> bytes:
        path = self._path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise _missing(sha256) from None
        return _check(sha256, data, str(path))

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).exists()
        except BlobMissing:
            return False


class DatabaseBlobStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def path_hint(self, sha256: str) -> str:
        return f"blob_chunks:{sha256}"

    def put(self, data: bytes, conn: Connection) -> BlobRef:
        """The server hashes and stores the bytes (migration 0009: desktops cannot write
        ``blobs`` or ``blob_chunks`` themselves); its hash must be the one computed here."""
        from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        ref = BlobRef(sha256_hex(data), len(data))
        stored = conn.execute(text("SELECT nghisu_put_blob(:data)"), {"data": data}).scalar_one()
        if stored != ref.sha256:
            raise BlobCorrupted(
                f"Máy chủ lưu tệp {ref.sha256[:12]}… khác với tệp đã gửi; không có gì được lưu. "
                "Hãy báo quản trị viên.",
                f"The server stored file {ref.sha256[:12]}… differently from what was sent; nothing was saved. "
                "Tell the administrator.",
            )
        return ref

    def get(self, sha256: str, conn: Connection | None = None) -> bytes:
        if conn is not None:
            return self._read(conn, sha256)
        with self._engine.connect() as own:
            return self._read(own, sha256)

    def _read(self, conn: Connection, sha256: str) -> bytes:
        from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        from store.models import Blob, BlobChunk  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        if conn.execute(select(Blob.sha256).where(Blob.sha256 == sha256)).first() is None:
            raise _missing(sha256)
        parts = conn.execute(
            select(BlobChunk.data).where(BlobChunk.sha256 == sha256).order_by(BlobChunk.seq)
        ).scalars()
        return _check(sha256, b"".join(bytes(p) for p in parts), self.path_hint(sha256))

    def exists(self, sha256: str) -> bool:
        from sqlalchemy import select  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        from store.models import Blob  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        with self._engine.connect() as conn:
            return conn.execute(select(Blob.sha256).where(Blob.sha256 == sha256)).first() is not None
