"""Verify the signatures in a PDF, failing closed: the public entry point.

``verify_pdf`` never parses the file in the calling process. A small pool of worker processes
(``signing.verify.worker`` run by ``sandbox.process``) does it under a memory cap, and a
worker that runs past the time limit is killed; whatever goes wrong, the answer is a report
whose verdict is ``cannot_verify`` with a reason, never an exception and never "valid".

Workers are started on first use (a few tenths of a second: importing pyHanko's validation
code) and kept for later calls; ``start_workers()`` warms them up ahead of time,
``shutdown_workers()`` stops them. A short-lived command (``nghisu verify``) passes
``one_shot=True`` instead: it imports the verifier itself and forks one child for the file,
under the same limits, which saves starting a second interpreter. A child of the verification
server (``ui.verify_server``) exists for one command already and its server answers for its
death: after ``check_one_shot_here()``, its one-shot verification runs in it, under the
same limits, without a further fork.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import queue
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sandbox.process import (
    WorkerDied,
    WorkerProcess,
    WorkerTimeout,
    can_fork,
    run_forked,
    run_in_this_process,
)
from signing.keys.trust_roots import TrustRoots
from signing.verify import worker
from signing.verify.report import RosterEntry, VerificationReport, VerifyLimits, failed
from store.errors import InvalidInput

log = logging.getLogger(__name__)

_DEFAULT_LIMITS = VerifyLimits()
_MODULE = "signing.verify.worker"


class _Pool:
    """Up to ``size`` warm workers shared by the threads of this process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: queue.LifoQueue[WorkerProcess] = queue.LifoQueue()
        self._count = 0
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)

    def acquire(self, memory_mb: int) -> WorkerProcess:
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
                    return WorkerProcess(_MODULE, memory_mb=memory_mb)
                self._freed.wait()

    def release(self, w: WorkerProcess, healthy: bool) -> None:
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
                w.start()
                self.release(w, True)
            except WorkerDied:
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


_one_shot_here = False


def check_one_shot_here() -> None:
    """This process exists for one verification and its parent answers if it dies (see the
    module doc): ``one_shot`` verifications run here, under the limits, from now on."""
    global _one_shot_here
    _one_shot_here = True


def _call(header: dict[str, Any], data: bytes, limits: VerifyLimits, one_shot: bool = False) -> tuple[dict[str, Any], bytes]:
    """One request in a worker (or a forked child when ``one_shot``); raises WorkerTimeout/WorkerDied."""
    if one_shot and _one_shot_here:
        worker.prepare()
        return run_in_this_process(worker.handle, header, data, memory_mb=limits.memory_mb, timeout_s=limits.timeout_s)
    if one_shot and can_fork():
        worker.prepare()
        return run_forked(worker.handle, header, data, memory_mb=limits.memory_mb, timeout_s=limits.timeout_s)
    w = _POOL.acquire(limits.memory_mb)
    healthy = False
    try:
        answer = w.call(header, data, limits.timeout_s)
        healthy = True
        return answer
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
    one_shot: bool = False,
) -> VerificationReport:
    """Verify every signature in ``data`` and the document as a whole.

    ``trust``: the roots a signer must chain to. ``roster``: when the document belongs to a
    signing request, the expected signers; a signer not matched by certificate is invalid.
    ``trust_embedded_certificates`` is for tests only (it trusts whatever the file carries).
    ``at``: the time to validate certificates at (default: the signing time each signature
    claims or its timestamp). ``one_shot``: see the module doc (for a single-threaded process
    that verifies and exits). Never raises for a bad file: the report says ``cannot_verify``.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InvalidInput(
            "Dữ liệu cần kiểm tra phải là nội dung tệp PDF.", "The data to verify must be a PDF file's bytes."
        )
    data = bytes(data)

    def extra() -> dict[str, Any]:  # only failures need it here: the worker's report carries its own
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
        answer, _ = _call(header, data, limits, one_shot)
        if not answer.get("ok"):
            return failed("internal_error", answer.get("error", "?"), **extra())
        return VerificationReport.from_dict(answer["report"])
    except WorkerTimeout:
        log.warning("verification timed out after %.1f s", limits.timeout_s)
        return failed("timeout", f"{limits.timeout_s:g}", **extra())
    except WorkerDied as exc:
        log.warning("verification worker died: %s", exc)
        return failed("worker_failed", str(exc), **extra())
    except (KeyError, TypeError, ValueError, OSError) as exc:
        log.warning("verification failed", exc_info=True)
        return failed("internal_error", f"{type(exc).__name__}: {exc}", **extra())


def extract_in_worker(data: bytes, field_name: str, limits: VerifyLimits = _DEFAULT_LIMITS) -> bytes:
    """The bytes signed in ``field_name`` (``revisions.extract_signed_revision``), parsed in a worker."""
    refused = InvalidInput(
        f"Không lấy được bản đã ký của ô ký “{field_name}”: ô này không có chữ ký hợp lệ về cấu trúc.",
        f"Cannot extract what was signed in field “{field_name}”: it holds no well-formed signature.",
    )
    try:
        answer, out = _call({"op": "extract", "field": field_name}, bytes(data), limits)
    except (WorkerTimeout, WorkerDied, ValueError, OSError) as exc:
        raise refused from exc
    if not answer.get("ok") or not out:
        log.info("extract refused: %s", answer.get("error"))
        raise refused
    return out
