"""Files a person names: bounded reads of regular files only, outputs written whole or not at all."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from documents import errors
from documents.files import (
    DiskFull,
    OutputFailed,
    atomic_output,
    clean_stale_parts,
    read_bounded,
    write_output,
)

ROOT = Path(__file__).resolve().parents[2]


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(b"x" * 1000)
    assert read_bounded(f, 1000) == b"x" * 1000


def test_a_device_is_refused_before_a_byte_is_read():
    with pytest.raises(errors.NotARegularFile):
        read_bounded("/dev/zero", 1024)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(errors.NotARegularFile):
        read_bounded(tmp_path, 1024)


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(pytest.raises(errors.NotARegularFile,
                                                                          read_bounded, fifo, 1024).value),
                              daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert isinstance(outcome[0], errors.NotARegularFile)


def test_a_sparse_file_over_the_limit_is_refused_from_its_size(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:
        fh.truncate(1 << 30)  # 1 GiB, no blocks
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(errors.TooLarge):
        read_bounded(big, 1 << 20)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KiB: nothing was read


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(errors.FileUnreadable):
        read_bounded(tmp_path / "nope.pdf", 1024)


def test_output_to_a_folder_is_refused_with_a_plain_message(tmp_path):
    with pytest.raises(OutputFailed, match="thư mục"):
        write_output(tmp_path, b"data")


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path):
    out = tmp_path / "book.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(out) as part:
        part.write_bytes(b"half")
        raise RuntimeError("stopped")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]


def test_parts_of_dead_processes_are_cleaned_and_live_ones_kept(tmp_path):
    out = tmp_path / "book.pdf"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_part = tmp_path / f".book.pdf.{int(dead.stdout)}-abc.part"
    live_part = tmp_path / f".book.pdf.{os.getpid()}-def.part"
    old_style = tmp_path / ".book.pdf.0123456789ab.part"  # what earlier versions left
    other = tmp_path / ".minutes.pdf.1-abc.part"
    for p in (dead_part, live_part, old_style, other):
        p.write_bytes(b"x")
    old = time.time() - 2 * 24 * 3600
    os.utime(old_style, (old, old))
    removed = clean_stale_parts(out)
    assert set(removed) == {dead_part, old_style}
    assert live_part.exists() and other.exists()


DISK_FULL_SCRIPT = """
import sys
from documents.files import write_output
try:
    write_output(sys.argv[1], b"x" * 200_000)
except Exception as exc:
    print(type(exc).__name__)
"""


def test_a_full_disk_is_disk_full_and_leaves_nothing(tmp_path):
    # RLIMIT_FSIZE stands in for a full disk: writes past it fail with EFBIG (Python ignores SIGXFSZ).
    out = tmp_path / "out.pdf"
    proc = subprocess.run([sys.executable, "-c", DISK_FULL_SCRIPT, str(out)], cwd=ROOT, capture_output=True,
                          text=True, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000)))
    assert proc.stdout.strip() == DiskFull.__name__, proc.stderr
    assert list(tmp_path.iterdir()) == []
