"""Verify the signatures in a PDF, failing closed: the public entry point.

``verify_pdf`` never parses the file in the calling process. A small pool of worker processes
(signing.verify_worker) does it under a memory cap, and the caller kills a worker that runs
past the time limit; whatever goes wrong, the answer is a report whose verdict is
``cannot_verify`` with a reason, never an exception and never "valid".

Workers are started on first use (about a second: importing pyHanko) and kept for later
calls; ``start_workers()`` warms them up ahead of time, ``shutdown_workers()`` stops them.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from signing.keys.trust_roots import TrustRoots
from signing.verify.report import RosterEntry, VerificationReport, VerifyLimits, failed
from signing.verify.worker import _LEN
from store.errors import InvalidInput

log = logging.getLogger(__name__)

_ROOT = str(Path(__file__).resolve().parents[2])
_STARTUP_S = 30.0
_DEFAULT_LIMITS = VerifyLimits()
#: Pipe capacity asked for (Linux's default ceiling for an unprivileged process): a 1.3 MB file
#: then crosses in two writes instead of twenty-one 64 KiB hand-offs between the processes.
_PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


class _Timeout(Exception):
    pass


class _WorkerDied(Exception):
    pass


class _Worker:
    """One worker process and the pipes to it; used by one caller at a time."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        env = dict(os.environ)
        env["PYTHONPATH"] = _ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "signing.verify.worker", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):  # a smaller pipe is only slower
                fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
        self._poll = select.poll()
        self._poll.register(self.proc.stdout.fileno(), select.POLLIN)
        self.ready = False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):  # a zombie we cannot reap now
            self.proc.wait(timeout=5)
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                pipe.close()

    def _read_exact(self, n: int, deadline: float) -> bytes:
        fd = self.proc.stdout.fileno()
        chunks: list[bytes] = []
        got = 0
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poll.poll(max(1, int(left * 1000))):
                raise _Timeout()
            chunk = os.read(fd, min(n - got, _PIPE_BYTES))
            if not chunk:
                raise _WorkerDied(f"exit code {self.proc.poll()}")
            chunks.append(chunk)
            got += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def read_frame(self, deadline: float) -> bytes:
        (n,) = _LEN.unpack(self._read_exact(_LEN.size, deadline))
        return self._read_exact(n, deadline)

    def wait_ready(self) -> None:
        if not self.ready:
            msg = json.loads(self.read_frame(time.monotonic() + _STARTUP_S))
            self.ready = bool(msg.get("ready"))

    def call(self, header: dict, data: bytes, timeout_s: float) -> tuple[dict, bytes | None]:
        self.wait_ready()
        deadline = time.monotonic() + timeout_s
        try:
            payload = json.dumps(header).encode("utf-8")
            self.proc.stdin.write(_LEN.pack(len(payload)) + payload)
            self.proc.stdin.write(_LEN.pack(len(data)))
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _WorkerDied(f"exit code {self.proc.poll()}") from exc
        answer = json.loads(self.read_frame(deadline))
        if answer.get("fatal"):
            raise _WorkerDied(answer.get("error", "fatal"))
        extra = self.read_frame(deadline) if answer.get("ok") and header.get("op") == "extract" else None
        return answer, extra


class _Pool:
    """Up to ``size`` warm workers shared by the threads of this process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._count = 0
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)

    def acquire(self, memory_mb: int) -> _Worker:
        with self._lock:
            while True:
                try:
                    w = self._idle.get_nowait()
                except queue.Empty:
                    w = None
                if w is not None:
                    if w.alive() and w.memory_mb == memory_mb:
                        return w
                    w.kill()
                    self._count -= 1
                    continue
                if self._count < self.size:
                    self._count += 1
                    break
                self._freed.wait()
        try:
            return _Worker(memory_mb)
        except OSError:
            with self._lock:
                self._count -= 1
                self._freed.notify()
            raise

    def release(self, w: _Worker, healthy: bool) -> None:
        with self._lock:
            if healthy and w.alive():
                self._idle.put(w)
            else:
                w.kill()
                self._count -= 1
            self._freed.notify()

    def warm(self, memory_mb: int, n: int) -> None:
        workers = [self.acquire(memory_mb) for _ in range(min(n, self.size))]
        for w in workers:
            try:
                w.wait_ready()
                self.release(w, True)
            except (_Timeout, _WorkerDied, ValueError):
                self.release(w, False)

    def shutdown(self) -> None:
        with self._lock:
            while True:
                try:
                    w = self._idle.get_nowait()
                except queue.Empty:
                    break
                w.kill()
                self._count -= 1


_POOL = _Pool(size=max(1, min(2, os.cpu_count() or 1)))


def start_workers(limits: VerifyLimits = _DEFAULT_LIMITS, n: int | None = None) -> None:
    """Start (and wait for) the verification workers now, so the first verification is fast."""
    _POOL.warm(limits.memory_mb, n or _POOL.size)


def shutdown_workers() -> None:
    """Stop the idle workers (they are restarted on the next verification)."""
    _POOL.shutdown()


def _call(header: dict, data: bytes, limits: VerifyLimits) -> tuple[dict, bytes | None]:
    w = _POOL.acquire(limits.memory_mb)
    healthy = False
    try:
        answer = w.call(header, data, limits.timeout_s)
        healthy = True
        return answer
    except ValueError as exc:  # a garbled frame: the worker cannot be trusted any more
        raise _WorkerDied(f"bad answer: {exc}") from exc
    finally:
        _POOL.release(w, healthy)


def verify_pdf(
    data: bytes,
    *,
    trust: TrustRoots,
    roster: Sequence[RosterEntry] | None = None,
    trust_embedded_certificates: bool = False,
    at: datetime | None = None,
    limits: VerifyLimits = _DEFAULT_LIMITS,
) -> VerificationReport:
    """Verify every signature in ``data`` and the document as a whole.

    ``trust``: the roots a signer must chain to. ``roster``: when the document belongs to a
    signing request, the expected signers; a signer not matched by certificate is invalid.
    ``trust_embedded_certificates`` is for tests only (it trusts whatever the file carries).
    ``at``: the time to validate certificates at (default: the signing time each signature
    claims or its timestamp). Never raises for a bad file: the report says ``cannot_verify``.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InvalidInput(
            "Dữ liệu cần kiểm tra phải là nội dung tệp PDF.", "The data to verify must be a PDF file's bytes."
        )
    data = bytes(data)

    def extra() -> dict:  # only failures need it here: the worker's report carries its own
        return {"file_sha256": hashlib.sha256(data).hexdigest(), "file_size": len(data)}

    if len(data) > limits.max_bytes:
        return failed("too_large", f"{len(data)} > {limits.max_bytes} bytes", **extra())
    header = {
        "op": "verify",
        "trust_roots": [base64.b64encode(c).decode("ascii") for c in trust.certificates],
        "roster": [e.to_dict() for e in roster] if roster is not None else None,
        "trust_embedded": bool(trust_embedded_certificates),
        "at": at.isoformat() if at is not None else None,
    }
    try:
        answer, _ = _call(header, data, limits)
        if not answer.get("ok"):
            return failed("internal_error", answer.get("error", "?"), **extra())
        return VerificationReport.from_dict(answer["report"])
    except _Timeout:
        log.warning("verification timed out after %.1f s", limits.timeout_s)
        return failed("timeout", f"{limits.timeout_s:g}", **extra())
    except _WorkerDied as exc:
        log.warning("verification worker died: %s", exc)
        return failed("worker_failed", str(exc), **extra())
    except (KeyError, TypeError, ValueError, OSError) as exc:
        log.warning("verification failed", exc_info=True)
        return failed("internal_error", f"{type(exc).__name__}: {exc}", **extra())


def _extract_in_worker(data: bytes, field_name: str, limits: VerifyLimits = _DEFAULT_LIMITS) -> bytes:
    refused = InvalidInput(
        f"Không lấy được bản đã ký của ô ký “{field_name}”: ô này không có chữ ký hợp lệ về cấu trúc.",
        f"Cannot extract what was signed in field “{field_name}”: it holds no well-formed signature.",
    )
    try:
        answer, out = _call({"op": "extract", "field": field_name}, bytes(data), limits)
    except (_Timeout, _WorkerDied, ValueError, OSError) as exc:
        raise refused from exc
    if not answer.get("ok") or out is None:
        log.info("extract refused: %s", answer.get("error"))
        raise refused
    return out
