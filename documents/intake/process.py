"""The application's side of the PDF checker process: start it, hand it one file at a time
under a wall-clock limit, read its answer, and kill and replace it after a timeout or a crash.

The process itself is ``documents.intake.worker`` (it sets its own address-space limit). Each
answer becomes an ``InspectedPdf`` or a ``documents.errors.DocumentRejected``; a crash or an
out-of-memory end is a refusal of that file, never a raw exception.
"""

from __future__ import annotations

import hashlib
import logging
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from documents import errors
from documents.intake.limits import DEFAULT_LIMITS, IntakeLimits, MiB, precheck
from documents.intake.worker import EXIT_OUT_OF_MEMORY, MAX_HEADER_BYTES, decode_header, encode_head

log = logging.getLogger("documents.intake.service")  # the logger name intake has always used

_STARTUP_TIMEOUT_S = 30.0
#: Exit statuses that mean "out of memory": the worker's own code; SIGABRT, which is how PDFium
#: and C++ ``std::bad_alloc`` end when the address-space cap is reached; SIGKILL (the OOM killer).
_OUT_OF_MEMORY = {EXIT_OUT_OF_MEMORY, -signal.SIGABRT, -signal.SIGKILL}


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


class _WorkerGone(Exception):
    """The worker process ended (crash, or killed by a signal) before answering."""


class IntakeWorker:
    """One checker process, started on first use, replaced after a timeout or crash.

    Not thread-safe: one per thread (``inspect_many`` does that).
    """

    def __init__(self, limits: IntakeLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: Any = None
        #: Seconds the last start-up took (spawn, imports, ready handshake), for measurements.
        self.startup_s: float | None = None

    def __enter__(self) -> IntakeWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def inspect(
        self, data: bytes, *, password: str | None = None, allow_decrypted_storage: bool = False
    ) -> InspectedPdf:
        precheck(data, self.limits)
        request = {
            "password": password,
            "allow_decrypted": allow_decrypted_storage,
            "limits": asdict(self.limits),
        }
        head = encode_head(request, len(data))
        for attempt in (1, 2):
            self._ensure_started()
            deadline = time.monotonic() + self.limits.timeout_s
            try:
                self._send(head)
                self._send(data)  # separately: no second copy of a file of up to max_bytes
            except BrokenPipeError:
                code = self._exit_code()
                if code in _OUT_OF_MEMORY:
                    self._discard("out of memory while reading the request")
                    raise errors.TooComplexPdf(
                        detail="the file does not fit in the checker's memory"
                    ) from None
                # Died while idle, before this file: not the file's fault; start again once.
                self._discard(f"broken pipe before the request (exit status {code})")
                if attempt == 2:
                    raise errors.IntakeUnavailable("worker keeps dying before reading") from None
                continue
            try:
                header, payload = self._receive(deadline)
            except TimeoutError:
                self._discard("timeout")
                raise errors.ParseTimeout(
                    self.limits.timeout_s, detail=f"killed after {self.limits.timeout_s:g} s"
                ) from None
            except _WorkerGone as gone:
                code = self._exit_code()
                tail = self._discard(str(gone))
                if code in _OUT_OF_MEMORY:
                    raise errors.TooComplexPdf(detail=f"checker ran out of memory: {gone}; {tail}") from None
                # A parser crash on this input: the file is malformed or hostile.
                raise errors.DamagedPdf(detail=f"checker crashed: {gone}; {tail}") from None
            break
        if not header.get("ok"):
            refusal = _refusal(str(header.get("kind")), str(header.get("detail") or ""), self.limits)
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
        )

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.close()  # end of input: the worker exits by itself
                proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # -- process plumbing

    def _ensure_started(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        if self._proc is not None:
            self._discard("exited")
        started = time.monotonic()
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the worker)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "documents.intake.worker", str(self.limits.max_memory_mb)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                bufsize=0,
                close_fds=True,
            )
            header, _ = self._receive(time.monotonic() + max(_STARTUP_TIMEOUT_S, self.limits.timeout_s))
        except (OSError, TimeoutError, _WorkerGone, ValueError) as exc:
            detail = self._discard(f"start-up failed: {exc}")
            raise errors.IntakeUnavailable(detail) from None
        if not header.get("ready"):
            raise errors.IntakeUnavailable(f"unexpected greeting {header!r}")
        self.startup_s = time.monotonic() - started

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (None before the first file or after a kill)."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def _exit_code(self) -> int | None:
        if self._proc is None:
            return None
        try:
            return self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def _send(self, chunk: bytes) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        view = memoryview(chunk)
        while view:
            written = self._proc.stdin.write(view)
            view = view[written or 0 :]

    def _receive(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        length = int.from_bytes(self._read(fd, 4, deadline), "big")
        if length > MAX_HEADER_BYTES:
            raise _WorkerGone(f"absurd header length {length}")
        try:
            header = decode_header(self._read(fd, length, deadline))
        except ValueError as exc:  # garbled answer: treat like a crash
            raise _WorkerGone(f"unreadable answer: {exc}") from None
        payload = self._read(fd, int(header.get("n", 0)), deadline) if header.get("n") else b""
        return header, payload

    def _read(self, fd: int, n: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while n > 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, min(n, 4 * MiB))
            if not chunk:
                assert self._proc is not None
                try:
                    code = self._proc.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    code = None
                raise _WorkerGone(f"exit status {code}")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _discard(self, why: str) -> str:
        """Kill the worker (if alive) and return the tail of what it wrote to stderr."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for pipe in (proc.stdin, proc.stdout):
                try:
                    if pipe:
                        pipe.close()
                except OSError:
                    pass
        tail = ""
        if self._stderr is not None:
            try:
                self._stderr.seek(0, os.SEEK_END)
                size = self._stderr.tell()
                self._stderr.seek(max(0, size - 2000))
                tail = self._stderr.read().decode("utf-8", "replace").strip()
            finally:
                self._stderr.close()
                self._stderr = None
        log.warning("PDF checker process discarded (%s); its last output: %s", why, tail or "(none)")
        return tail[-500:]
