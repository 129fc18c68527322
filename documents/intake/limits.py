"""What a file offered for import may cost, and the checks that need no parsing.

Both run in the application process, before any byte reaches the checker process
(``documents.intake.process``): an empty file, an oversized one (refused from its size alone,
before it is read) and one without a ``%PDF-`` header never start a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from documents import errors
from documents.files import read_bounded

MiB = 1024 * 1024
#: The header must start within this many bytes (what Acrobat and PDFium tolerate before it).
HEADER_WINDOW = 1024


@dataclass(frozen=True)
class IntakeLimits:
    """How much a single file may cost before it is refused. Offices may tune these."""

    max_bytes: int = 200 * MiB
    #: Wall-clock seconds for the worker to check one file and extract its text.
    timeout_s: float = 30.0
    #: Address-space cap of the worker process (0: none). Must leave room for ~3 copies of max_bytes.
    max_memory_mb: int = 2048
    #: One stream may not decode to more than this.
    max_stream_bytes: int = 256 * MiB
    #: All streams of the file together may not decode to more than this.
    max_total_decompressed_bytes: int = 2048 * MiB
    #: Above 16 MiB decoded, a stream may not expand more than this many times (one zlib layer
    #: tops out near 1032:1, so this catches nested layers without refusing blank scans).
    max_decompressed_ratio: float = 1100.0
    max_pages: int = 10_000


#: The limits used when none are given (frozen, so one shared instance is safe).
DEFAULT_LIMITS = IntakeLimits()


def precheck(data: bytes, limits: IntakeLimits) -> None:
    """The checks that need no parsing: empty, too large, no PDF header."""
    if not data:
        raise errors.EmptyFile()
    if len(data) > limits.max_bytes:
        raise errors.TooLarge(len(data), limits.max_bytes)
    if b"%PDF-" not in data[: HEADER_WINDOW + 5]:
        raise errors.NotAPdf(detail=f"no %PDF- header in the first {HEADER_WINDOW} bytes: {data[:16]!r}")


def read_candidate(path: Path, limits: IntakeLimits) -> bytes:
    """Read a file offered for import: a regular file only, never more than the limit + 1 byte."""
    return read_bounded(path, limits.max_bytes)
