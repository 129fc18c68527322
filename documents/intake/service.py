"""Checking a PDF before it is stored: is it a PDF, can it be read, is it safe, what does it say.

The application process never parses untrusted bytes. It does the cheap checks itself (empty,
size, the ``%PDF-`` header) and hands the rest to a worker process (documents._intake_worker)
that runs under a wall-clock limit (killed when it runs over) and an address-space limit
(``RLIMIT_AS``, set by the worker on itself). A batch (``inspect_many``) reuses one worker per
thread, so Python and the PDF libraries load once, not once per file.

Every refusal is a ``documents.errors.DocumentRejected`` subclass with its own message; no raw
exception escapes for bad input. Nothing here touches the store.

This module is the entry point; the limits and cheap checks are in ``documents.intake.limits``,
the worker process handle (``IntakeWorker``) in ``documents.intake.process``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from documents import errors
from documents.intake.limits import DEFAULT_LIMITS, HEADER_WINDOW, IntakeLimits, MiB, precheck, read_candidate
from documents.intake.process import InspectedPdf, IntakeWorker

#: Everything importable from here, as before the limits and the process had modules of their own.
__all__ = [
    "HEADER_WINDOW",
    "InspectedPdf",
    "IntakeLimits",
    "IntakeOutcome",
    "IntakeWorker",
    "MiB",
    "inspect_many",
    "inspect_path",
    "inspect_pdf",
    "precheck",
    "read_candidate",
]


@dataclass(frozen=True)
class IntakeOutcome:
    """One file of a batch: accepted (``pdf``) or refused (``error``)."""

    path: Path
    pdf: InspectedPdf | None = None
    error: errors.DocumentRejected | None = None

    @property
    def ok(self) -> bool:
        return self.pdf is not None


# ---------------------------------------------------------------------------------- public API


def inspect_pdf(
    data: bytes,
    *,
    password: str | None = None,
    allow_decrypted_storage: bool = False,
    limits: IntakeLimits = DEFAULT_LIMITS,
) -> InspectedPdf:
    """Validate ``data`` as a PDF and extract its text, or raise a ``DocumentRejected``.

    Encrypted files are refused without a password (``EncryptedPdf``), with a wrong one
    (``WrongPassword``), or with the right one when ``allow_decrypted_storage`` is False
    (``DecryptionNotAllowed``); otherwise ``data`` of the result is the decrypted copy.
    """
    precheck(data, limits)
    with IntakeWorker(limits) as worker:
        return worker.inspect(data, password=password, allow_decrypted_storage=allow_decrypted_storage)


def inspect_path(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    allow_decrypted_storage: bool = False,
    limits: IntakeLimits = DEFAULT_LIMITS,
) -> InspectedPdf:
    """``inspect_pdf`` on a file, refusing an oversized one before reading it."""
    data = read_candidate(Path(path), limits)
    return inspect_pdf(
        data, password=password, allow_decrypted_storage=allow_decrypted_storage, limits=limits
    )


def inspect_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    limits: IntakeLimits = DEFAULT_LIMITS,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[IntakeOutcome]:
    """Inspect many files, reusing one worker process per thread; never raises for a bad file.

    ``progress(done, total)`` is called after every file (from the worker threads when
    ``workers > 1``). When ``cancel`` is set, files not yet started are skipped and the
    outcomes so far are returned (in input order).
    """
    todo = [Path(p) for p in paths]
    total = len(todo)
    local = threading.local()
    pool: list[IntakeWorker] = []
    pool_lock = threading.Lock()
    done = 0

    def worker_for_thread() -> IntakeWorker:
        worker = getattr(local, "worker", None)
        if worker is None:
            worker = local.worker = IntakeWorker(limits)
            with pool_lock:
                pool.append(worker)
        return worker

    def one(path: Path) -> IntakeOutcome | None:
        nonlocal done
        if cancel is not None and cancel.is_set():
            return None
        try:
            data = read_candidate(path, limits)
            precheck(data, limits)
            outcome = IntakeOutcome(path, pdf=worker_for_thread().inspect(data))
        except errors.DocumentRejected as exc:
            outcome = IntakeOutcome(path, error=exc)
        with pool_lock:
            done += 1
            count = done
        if progress is not None:
            progress(count, total)
        return outcome

    try:
        if workers <= 1:
            results = [one(p) for p in todo]
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdf-intake") as ex:
                results = list(ex.map(one, todo))
    finally:
        for worker in pool:
            worker.close()
    return [r for r in results if r is not None]
