"""Files a person names: read with a bound, written whole or not at all.

Reading: only a regular file is read (a folder, a device such as ``/dev/zero`` or a FIFO is
refused before a byte is read, and a FIFO is opened non-blocking so it cannot hang us), and never
more than the limit + 1 byte, whatever ``stat`` said (a file may grow while it is read).

Writing: every output (a meeting book, minutes, an archive, a signed PDF, an export) is written
to a hidden ``.NAME.PID-RANDOM.part`` file in the target's own folder and renamed over the target
only when it is complete and flushed to disk, so a reader never sees half a file and a failed
write leaves the old file as it was. A disk that fills (or a file-size limit) ends the command
with one line, exit 2. Parts left by a process that was killed (``kill -9``, power cut) are
removed the next time the same target is written.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from documents import errors
from store.errors import InvalidInput

PART_SUFFIX = ".part"
#: A part whose process cannot be told apart (another machine on a shared folder) is stale after this.
STALE_PART_SECONDS = 24 * 3600
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class OutputFailed(InvalidInput):
    """An output file could not be written; the target is untouched and no part is left behind."""


class DiskFull(OutputFailed):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Không đủ chỗ trống để ghi {path} (ổ đĩa đầy hoặc vượt giới hạn dung lượng); chưa ghi gì. "
            "Hãy giải phóng ổ đĩa hoặc chọn nơi lưu khác.",
            f"Not enough space to write {path} (disk full or size limit reached); nothing was written. "
            "Free some space or choose another place.",
        )


def _display(path: Path) -> str:
    return path.name or str(path)


# ---------------------------------------------------------------------------------------- reading


def check_input_file(path: str | os.PathLike[str], limit: int) -> int:
    """The size of a regular file of at most ``limit`` bytes (nothing is read), or a ``DocumentRejected``."""
    p = Path(path)
    try:
        info = os.stat(p)
    except OSError as exc:
        raise errors.FileUnreadable(_display(p), detail=str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise errors.NotARegularFile(_display(p))
    if info.st_size > limit:
        raise errors.TooLarge(info.st_size, limit)
    return info.st_size


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a ``DocumentRejected``.

    Raises ``NotARegularFile`` for folders, devices, FIFOs and sockets, ``TooLarge`` for a file
    over the limit (from its size alone, or after limit + 1 bytes if it grew), ``FileUnreadable``
    when it cannot be opened.
    """
    p = Path(path)
    check_input_file(p, limit)
    try:
        # O_NONBLOCK: if a FIFO was put in its place since stat, open returns instead of waiting.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise errors.FileUnreadable(_display(p), detail=str(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise errors.NotARegularFile(_display(p))
        if info.st_size > limit:
            raise errors.TooLarge(info.st_size, limit)
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise errors.FileUnreadable(_display(p), detail=str(exc)) from None
    if len(data) > limit:
        raise errors.TooLarge(len(data), limit)
    return data


# ---------------------------------------------------------------------------------------- writing


def output_error(path: Path, exc: OSError) -> OutputFailed:
    """The one-line refusal for an ``OSError`` met while writing ``path``."""
    if exc.errno in _NO_SPACE:
        return DiskFull(path)
    if exc.errno == errno.EISDIR or path.is_dir():
        return OutputFailed(f"{path} là một thư mục; hãy ghi tên tệp cần tạo, ví dụ {path / 'tep.pdf'}.",
                            f"{path} is a folder; give the name of the file to create, e.g. {path / 'file.pdf'}.")
    reason = exc.strerror or str(exc)
    return OutputFailed(f"Không ghi được {path}: {reason}. Hãy kiểm tra thư mục và quyền ghi.",
                        f"Cannot write {path}: {reason}. Check the folder and the permission to write.")


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """The target as a Path, refused at once if it is a folder or its folder cannot be made."""
    out = Path(path)
    if out.is_dir():
        raise output_error(out, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if out.exists() and not out.is_file():
        raise OutputFailed(f"{out} không phải là tệp thông thường; hãy chọn một tên tệp khác.",
                           f"{out} is not a regular file; choose another file name.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out.parent, exc) from None
    return out


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_stale_parts(out: Path) -> list[Path]:
    """Remove parts of ``out`` left by processes that are gone (or older than a day); the removed ones."""
    removed = []
    pattern = f".{glob.escape(out.name)}.*{PART_SUFFIX}"
    now = time.time()
    for part in out.parent.glob(pattern):
        middle = part.name[len(out.name) + 2: -len(PART_SUFFIX)]
        pid_text = middle.split("-", 1)[0]
        try:
            stale = (not pid_text.isdigit() or not _process_alive(int(pid_text))
                     or now - part.stat().st_mtime > STALE_PART_SECONDS)
            if stale:
                part.unlink()
                removed.append(part)
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
    return removed


@contextmanager
def atomic_output(path: str | os.PathLike[str], *, mode: int = 0o666) -> Iterator[Path]:
    """Yield a part file beside ``path``; on a clean exit it is synced and renamed over ``path``.

    On any error the part is removed and ``path`` is untouched; an ``OSError`` becomes an
    ``OutputFailed`` (``DiskFull`` when space ran out). ``mode`` is reduced by the umask, as
    for any new file.
    """
    out = check_output_path(path)
    clean_stale_parts(out)
    part = out.parent / f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:10]}{PART_SUFFIX}"
    try:
        os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode))
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        yield part
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise output_error(out, exc) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_output(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o666) -> Path:
    """Write ``data`` to ``path`` whole or not at all; the path written."""
    with atomic_output(path, mode=mode) as part, open(part, "wb") as fh:
        fh.write(data)
    return Path(path)


class GuardedSink(io.RawIOBase):
    """A binary file for writers in C++ (qpdf via pikepdf) that must not see a write fail.

    qpdf aborts the whole interpreter when a write error surfaces in one of its destructors
    (``terminate called after throwing QPDFSystemError``, exit 134). This sink keeps the first
    ``OSError``, swallows the rest of the output, and ``raise_if_failed`` re-raises it once the
    writer has returned.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._fh = open(path, "wb", buffering=0)  # noqa: SIM115 - closed in close()
        self._pos = 0
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        n = len(memoryview(data).cast("B"))
        if self.error is None:
            try:
                view = memoryview(data).cast("B")
                while view:
                    written = self._fh.write(view)
                    view = view[written:]
            except OSError as exc:
                self.error = exc
        self._pos += n
        return n

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if self.error is None:
            try:
                self._pos = self._fh.seek(offset, whence)
            except OSError as exc:
                self.error = exc
        elif whence == io.SEEK_SET:
            self._pos = offset
        return self._pos

    def flush(self) -> None:
        return None

    def close(self) -> None:
        if not self.closed:
            try:
                self._fh.close()
            except OSError as exc:
                self.error = self.error or exc
        super().close()

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error
