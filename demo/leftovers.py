"""The demo's build folders left behind by a build killed outright (power cut, kill -9): found
and removed by the next build into the same parent folder, and only those.

A build claims its folder at once (``claim``): a marker file inside it names the builder (its
pid and when it started) and stays locked (``fcntl.flock``) for as long as the build runs; the
kernel drops the lock when the process ends, however it ends. ``sweep`` removes a folder only
when its name is one of ours, it carries a marker we wrote, and that marker's lock can be taken:
no live build holds it. A folder without a marker (just made, or not ours) is left alone.

Where ``fcntl`` does not exist (Windows) nothing is claimed and nothing is ever removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MARKER = "nghisu-dang-tao.json"


@dataclass(frozen=True)
class Leftover:
    """A build folder removed: its name, and the builder its marker named."""

    name: str
    pid: int
    started: str

    def describe(self) -> str:
        return f"{self.name} (tiến trình {self.pid}, bắt đầu {self.started})"


class Claim:
    """A build's hold on its folder: the locked marker, released once the folder is in place."""

    def __init__(self, marker: Path, handle: IO[str] | None) -> None:
        self.marker, self._handle = marker, handle

    def unmark(self) -> None:
        """Take the marker out (still locked: a sweeper that opened it before finds it gone)."""
        with contextlib.suppress(OSError):
            self.marker.unlink()

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # drops the lock
            self._handle = None


def _fcntl():  # noqa: ANN202 -- the module, or None on Windows
    try:
        import fcntl  # noqa: PLC0415 -- POSIX only: imported where it is used
    except ImportError:
        return None
    return fcntl


def claim(folder: Path) -> Claim:
    """Mark ``folder`` as being built by this process, locked before its marker has its name, so
    no sweeper ever sees our marker unlocked while we live."""
    fcntl = _fcntl()
    marker = folder / MARKER
    if fcntl is None:
        return Claim(marker, None)
    pending = folder / f".{MARKER}.tmp"
    handle = open(pending, "x", encoding="utf-8")  # noqa: SIM115 -- held open for the whole build
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        json.dump({"pid": os.getpid(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, handle)
        handle.flush()
        os.replace(pending, marker)  # the lock is the file's: it goes with the new name
    except BaseException:
        handle.close()
        raise
    return Claim(marker, handle)


def _ours(name: str, making: str) -> bool:
    """``making`` is demo.build's pattern, ``.{name}.dang-tao-du-lieu-mau-``, then 8 hex digits."""
    head, tail = making.split("{name}")
    return re.fullmatch(re.escape(head) + r".+" + re.escape(tail) + r"[0-9a-f]{8}", name) is not None


def sweep(parent: Path, making: str) -> list[Leftover]:
    """Remove, from ``parent``, the build folders of ours no process is building any more."""
    fcntl = _fcntl()
    removed: list[Leftover] = []
    if fcntl is None:
        return removed
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        if not (_ours(entry.name, making) and entry.is_dir(follow_symlinks=False)):
            continue
        found = _take(Path(entry.path), fcntl)
        if found is not None:
            removed.append(found)
    return removed


def _take(folder: Path, fcntl) -> Leftover | None:  # noqa: ANN001 -- the fcntl module
    marker = folder / MARKER
    try:
        fd = os.open(marker, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None  # no marker: not a build of ours, or one that has only just begun
    with os.fdopen(fd, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None  # a live build holds it
        try:
            # The builder may have taken its marker out (finished) between our open and our lock.
            if os.fstat(handle.fileno()).st_ino != os.stat(marker, follow_symlinks=False).st_ino:
                return None
            data = json.loads(handle.read())
            found = Leftover(folder.name, int(data["pid"]), str(data["started"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # not a marker we wrote
        shutil.rmtree(folder, ignore_errors=True)  # still locked: no second sweeper races us
    return found
