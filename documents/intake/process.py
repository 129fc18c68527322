"""The application's side of the PDF checker process: hand it one file at a time under a
wall-clock limit, read its answer; a timeout or a crash ends that process and the next file
gets a fresh one.

The process is ``documents.intake.worker``, run by ``sandbox.process.WorkerProcess`` (frames,
the address-space cap, the kill). Each answer becomes an ``InspectedPdf`` or a
``documents.errors.DocumentRejected``; a crash or an out-of-memory end is a refusal of that
file, never a raw exception.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field

from documents import errors
from documents.intake.limits import DEFAULT_LIMITS, IntakeLimits, precheck
from sandbox.process import WorkerDied, WorkerProcess, WorkerTimeout, WorkerUnavailable

log = logging.getLogger("documents.intake.service")  # the logger name intake has always used

_STARTUP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class InspectedPdf:
    """What import needs to know about an accepted PDF."""

    #: The bytes to store: the original, or the decrypted copy when a password was given and the
    #: office allows it, or qpdf's repaired rewrite when PDFium could not open the original.
    data: bytes = field(repr=False)
    page_count: int
    #: NFC text of every page, in order (``""`` for a page without text, e.g. a scan).
    pages_text: tuple[str, ...] = field(repr=False)
    sha256: str
    was_encrypted: bool
    #: qpdf had to repair something (damaged xref, bad stream, ...) to read the file.
    repaired: bool
    pdf_version: str | None = None
    title: str | None = None
    #: SHA-256 of the bytes handed in (equal to ``sha256`` unless they were decrypted or rewritten).
    original_sha256: str | None = None
    #: Kinds of active content found (``documents.active_content``): kept in the stored original,
    #: stripped from the copies circulated (the meeting book).
    active_content: tuple[str, ...] = ()

    @property
    def replaced_original(self) -> bool:
        """True when ``data`` is not the bytes that were handed in (decrypted or rewritten)."""
        return self.original_sha256 is not None and self.original_sha256 != self.sha256


def _refusal(kind: str, detail: str, limits: IntakeLimits) -> errors.DocumentRejected:
    simple: dict[str, type[errors.DocumentRejected]] = {
        "encrypted": errors.EncryptedPdf,
        "wrong-password": errors.WrongPassword,
        "decryption-not-allowed": errors.DecryptionNotAllowed,
        "bomb": errors.DecompressionBomb,
        "page-tree-cycle": errors.PageTreeCycle,
        "too-complex": errors.TooComplexPdf,
        "damaged": errors.DamagedPdf,
    }
    if kind == "too-many-pages":
        return errors.TooManyPages(limits.max_pages, detail=detail)
    return simple.get(kind, errors.DamagedPdf)(detail=detail)


class IntakeWorker:
    """One checker process, started on first use, replaced after a timeout or crash.

    Not thread-safe: one per thread (``inspect_many`` does that).
    """

    def __init__(self, limits: IntakeLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._process = WorkerProcess("documents.intake.worker", memory_mb=limits.max_memory_mb,
                                      startup_timeout_s=max(_STARTUP_TIMEOUT_S, limits.timeout_s))

    def __enter__(self) -> IntakeWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def startup_s(self) -> float | None:
        """Seconds the last start-up took (spawn, imports, ready handshake), for measurements."""
        return self._process.startup_s

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (None before the first file or after a kill)."""
        return self._process.pid

    def inspect(
        self, data: bytes, *, password: str | None = None, allow_decrypted_storage: bool = False
    ) -> InspectedPdf:
        precheck(data, self.limits)
        request = {"password": password, "allow_decrypted": allow_decrypted_storage, "limits": asdict(self.limits)}
        try:
            header, payload = self._process.call(request, data, self.limits.timeout_s)
        except WorkerTimeout:
            log.warning("PDF checker process killed after %.1f s", self.limits.timeout_s)
            raise errors.ParseTimeout(self.limits.timeout_s, detail=f"killed after {self.limits.timeout_s:g} s") from None
        except WorkerUnavailable as gone:
            log.warning("PDF checker process unavailable: %s", gone)
            raise errors.IntakeUnavailable(str(gone)) from None
        except WorkerDied as died:
            log.warning("PDF checker process discarded: %s", died)
            if died.out_of_memory:
                raise errors.TooComplexPdf(detail=f"the file does not fit in the checker's memory: {died}") from None
            # A parser crash on this input: the file is malformed or hostile.
            raise errors.DamagedPdf(detail=f"checker crashed: {died}") from None
        if not header.get("ok"):
            refusal = _refusal(str(header.get("kind")), str(header.get("detail") or header.get("error") or ""),
                               self.limits)
            log.info("PDF refused (%s): %s", refusal.kind, refusal.detail)
            raise refusal
        stored = payload or data
        original_sha = hashlib.sha256(data).hexdigest()
        sha = original_sha if stored is data else hashlib.sha256(stored).hexdigest()
        return InspectedPdf(
            data=stored,
            page_count=int(header["page_count"]),
            pages_text=tuple(header["pages_text"]),
            sha256=sha,
            was_encrypted=bool(header["was_encrypted"]),
            repaired=bool(header["repaired"]),
            pdf_version=header.get("pdf_version"),
            title=header.get("title"),
            original_sha256=original_sha,
            active_content=tuple(header.get("active_content") or ()),
        )

    def close(self) -> None:
        self._process.close()
