"""Parsing hostile files in a process of its own: framing, memory and time limits, kill on timeout.

Intake (``documents.intake``) and verification (``signing.verify``) both hand untrusted bytes
to a child process and read back a JSON answer. This module is the one way they do it:

- **Framing** (``sandbox.frames``): a length, a JSON header, a payload. A request is one
  frame; so is every answer. JSON, never pickle: the child has just read hostile input.
- **Child side.** ``serve(handle, memory_mb=…, warm_up=…)`` is the child's main loop, run by
  ``python -m some.worker``: it keeps the real stdout for frames (anything a library prints
  goes to stderr), runs ``warm_up`` (the expensive imports, once), caps its own address space
  (``RLIMIT_AS``), says ``{"ready": true}``, then answers one request at a time until stdin
  closes. ``handle`` raising ``MemoryError`` ends the process with ``EXIT_OUT_OF_MEMORY``
  after an ``{"ok": false, "kind": "out-of-memory"}`` answer: a heap that ran out is not
  reused.
- **Parent side.** ``WorkerProcess`` starts such a child (``python -m module``), waits for
  ``ready``, and ``call(header, payload, timeout_s)`` sends one request and waits for the
  answer until a wall-clock deadline, then kills the child (``WorkerTimeout``). A child that
  dies or answers garbage raises ``WorkerDied`` with its exit status and the tail of its
  stderr. The caller decides what a failure means for its file; the process is started again
  on the next call.
- **One-shot fork.** ``run_forked(handle, header, payload, …)`` is for a short-lived process
  that has already imported what ``handle`` needs (``nghisu verify`` from the command line):
  it forks, the child caps its memory and answers through a pipe, the parent enforces the
  same deadline and kills on timeout. Same limits, same errors, none of the start-up cost of
  a fresh interpreter. ``run_in_this_process`` is the same without the fork, for a process
  that is itself a disposable child whose parent answers for its death.

**Windows** has neither ``fork`` nor ``resource`` (nor ``fcntl``, used here only to enlarge
pipes on Linux). There, ``run_forked`` is not available (``can_fork()`` is False and callers
use ``WorkerProcess``), ``serve`` sets no memory cap (the wall-clock limit and the kill still
apply, and the child is still a separate process, so a crash or runaway parse never takes the
application with it), and pipes keep their default size. A Job Object with a memory limit
would be the Windows equivalent of ``RLIMIT_AS``; it is not implemented, because the
application is deployed on Linux desktops and servers today.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sandbox.frames import FrameReader, FrameTimeout, encode_frame, encode_head, enlarge_pipe, read_frame

#: Exit status of a child that ran out of memory (its own MemoryError).
EXIT_OUT_OF_MEMORY = 3
#: Exit statuses that mean "out of memory" seen from the parent: the child's own code; SIGABRT,
#: which is how C++ ``std::bad_alloc`` (PDFium) ends at the address-space cap; SIGKILL (the OOM
#: killer; also our own kill after a timeout, which callers see as WorkerTimeout instead).
OUT_OF_MEMORY_STATUSES = frozenset({EXIT_OUT_OF_MEMORY, -getattr(signal, "SIGABRT", 6), -getattr(signal, "SIGKILL", 9)})
_STARTUP_TIMEOUT_S = 30.0
_ROOT = str(Path(__file__).resolve().parents[1])
Handler = Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]


class WorkerTimeout(Exception):
    """The child did not answer before the deadline; it has been killed."""


class WorkerDied(Exception):
    """The child ended, or answered something unreadable, before a whole answer arrived."""

    def __init__(self, why: str, exit_status: int | None = None, stderr_tail: str = "") -> None:
        super().__init__(why + (f"; its last output: {stderr_tail}" if stderr_tail else ""))
        self.why = why
        self.exit_status = exit_status
        self.stderr_tail = stderr_tail

    @property
    def out_of_memory(self) -> bool:
        return self.exit_status in OUT_OF_MEMORY_STATUSES


class WorkerUnavailable(WorkerDied):
    """The child could not be started, or keeps dying before it reads a request: not the file's fault."""


# ------------------------------------------------------------------------------------- child side


def set_memory_limit(memory_mb: int) -> None:
    """Cap this process's address space (no-op for 0, and on Windows: see the module doc)."""
    try:
        import resource  # noqa: PLC0415 -- platform-specific or optional: imported where it is used
    except ImportError:
        return
    if memory_mb <= 0:
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(handle: Handler, header: dict[str, Any], payload: bytes) -> bytes:
    try:
        answer, extra = handle(header, payload)
    except RecursionError:
        answer, extra = {"ok": False, "kind": "too-complex", "error": "nesting too deep"}, b""
    except MemoryError:
        raise
    except Exception as exc:  # any other failure on untrusted bytes: a refusal, not a crash
        traceback.print_exc()
        answer, extra = {"ok": False, "kind": "internal", "error": f"{type(exc).__name__}: {exc}"[:300]}, b""
    return encode_frame(answer, extra)


_OUT_OF_MEMORY_ANSWER = {"ok": False, "kind": "out-of-memory", "error": "memory limit reached"}


def serve(handle: Handler, *, memory_mb: int, warm_up: Callable[[], None] | None = None,
          after_each: Callable[[], None] | None = None, cap_first: bool = False) -> int:
    """The child's main loop (see the module doc); never returns while stdin is open.

    ``after_each`` runs once an answer is on its way (e.g. a full garbage collection, which
    the caller then need not wait for). ``cap_first`` sets the memory cap before ``warm_up``
    (the imports count against it) instead of after."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a C library printing to stdout must not corrupt the frames
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer

    faulthandler.enable()  # a crash in C code leaves the Python stack in the parent's log
    if cap_first:
        set_memory_limit(memory_mb)
    if warm_up is not None:
        warm_up()
    if not cap_first:
        set_memory_limit(memory_mb)
    out.write(encode_frame({"ready": True, "pid": os.getpid()}))
    out.flush()
    while True:
        try:
            frame = read_frame(inp)
            if frame is None:
                out.close()
                os._exit(0)  # skip interpreter teardown: nothing to flush, and it costs ~0.1 s
            answer = _answer(handle, *frame)
        except MemoryError:  # the request alone, or its handling, does not fit in the allowance
            out.write(encode_frame(_OUT_OF_MEMORY_ANSWER))
            out.flush()
            os._exit(EXIT_OUT_OF_MEMORY)
        del frame
        out.write(answer)
        out.flush()
        del answer
        if after_each is not None:
            after_each()


# ------------------------------------------------------------------------------------ parent side


class WorkerProcess:
    """One child process running ``python -m module`` (which calls ``serve``); one caller at a time.

    Started on the first call (or ``start()``), replaced after a timeout or a death.
    """

    def __init__(self, module: str, *, memory_mb: int, startup_timeout_s: float = _STARTUP_TIMEOUT_S) -> None:
        self.module = module
        self.memory_mb = memory_mb
        self.startup_timeout_s = startup_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: FrameReader | None = None
        self._stderr: IO[bytes] | None = None
        #: Seconds the last start took (spawn, imports, ready), for measurements.
        self.startup_s: float | None = None

    def __enter__(self) -> WorkerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (None before the first start or after a kill)."""
        return self._proc.pid if self.alive() and self._proc is not None else None

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the child if it is not running, and wait until it is ready (``WorkerDied`` if not)."""
        if self.alive():
            return
        if self._proc is not None:
            self.kill()
        started = time.monotonic()
        env = dict(os.environ)
        env["PYTHONPATH"] = _ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the child)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", self.module, str(self.memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env, bufsize=0,
                close_fds=True,
            )
        except OSError as exc:
            self.kill()
            raise WorkerUnavailable(f"cannot start {self.module}: {exc}") from None
        assert self._proc.stdin is not None and self._proc.stdout is not None
        for pipe in (self._proc.stdin, self._proc.stdout):
            enlarge_pipe(pipe.fileno())
        self._reader = FrameReader(self._proc.stdout.fileno())
        try:
            header, _ = self._receive(time.monotonic() + self.startup_timeout_s)
        except WorkerTimeout:
            self.kill()
            raise WorkerUnavailable(f"{self.module} did not start within {self.startup_timeout_s:g} s") from None
        except WorkerDied as died:
            raise WorkerUnavailable(f"{self.module} did not start: {died}", died.exit_status, died.stderr_tail) from None
        if not header.get("ready"):
            self.kill()
            raise WorkerUnavailable(f"unexpected greeting {header!r}")
        self.startup_s = time.monotonic() - started

    def call(self, header: dict[str, Any], payload: bytes, timeout_s: float) -> tuple[dict[str, Any], bytes]:
        """Send one request, return the answer (header, payload); raises WorkerTimeout or WorkerDied.

        The deadline starts once the child is ready. A child that died while idle (before this
        request) is started again once: that is not the file's fault.
        """
        for attempt in (1, 2):
            self.start()
            assert self._proc is not None and self._proc.stdin is not None
            deadline = time.monotonic() + timeout_s
            try:
                self._send(encode_head(header, len(payload)))
                self._send(payload)  # separately: no second copy of a large file
            except OSError:  # BrokenPipeError: the child is gone
                status = self._exit_status()
                if status in OUT_OF_MEMORY_STATUSES:  # it could not hold the request
                    raise self._died("out of memory while reading the request") from None
                tail = self.kill()
                if attempt == 2:
                    raise WorkerUnavailable("the child keeps dying before reading a request", status, tail) from None
                continue  # it died while idle, before this request: not the file's fault
            return self._receive(deadline)
        raise AssertionError("unreachable")

    def _send(self, chunk: bytes) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        view = memoryview(chunk)
        while view:
            written = self._proc.stdin.write(view)
            view = view[written or 0:]

    def _receive(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        assert self._reader is not None
        try:
            header, payload = self._reader.frame(deadline)
        except FrameTimeout:
            self.kill()
            raise WorkerTimeout() from None
        except EOFError:
            raise self._died("ended before answering") from None
        except ValueError as exc:  # garbled answer: the child cannot be trusted any more
            raise self._died(f"unreadable answer: {exc}") from None
        if header.get("kind") == "out-of-memory":
            raise self._died("memory limit reached")
        return header, payload

    def _exit_status(self) -> int | None:
        if self._proc is None:
            return None
        try:
            return self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def _died(self, why: str) -> WorkerDied:
        status = self._exit_status()
        return WorkerDied(f"{why} (exit status {status})", status, self.kill())

    def kill(self) -> str:
        """Kill the child if it runs; returns the tail of what it wrote to stderr."""
        proc, self._proc, self._reader = self._proc, None, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):  # a zombie we cannot reap now
                proc.wait(timeout=5)
            for pipe in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    if pipe:
                        pipe.close()
        return self._stderr_tail()

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, self._stderr.tell() - 2000))
            return self._stderr.read().decode("utf-8", "replace").strip()[-500:]
        except OSError:
            return ""
        finally:
            self._stderr.close()
            self._stderr = None

    def close(self) -> None:
        """End the child politely (end of input), killing it if it does not exit at once."""
        proc = self._proc
        if proc is not None and proc.poll() is None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=2)
        self.kill()


def can_fork() -> bool:
    """True where ``run_forked`` works (POSIX)."""
    return hasattr(os, "fork")


def run_forked(handle: Handler, header: dict[str, Any], payload: bytes, *, memory_mb: int,
               timeout_s: float) -> tuple[dict[str, Any], bytes]:
    """Answer one request in a forked child under the same limits as ``serve`` (POSIX only).

    For a single-threaded process that has already imported what ``handle`` needs. Raises
    WorkerTimeout (the child was killed) or WorkerDied, like ``WorkerProcess.call``.
    """
    read_fd, write_fd = os.pipe()
    enlarge_pipe(write_fd)
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read_fd)
            set_memory_limit(memory_mb)
            try:
                answer = _answer(handle, header, payload)
            except MemoryError:
                answer, status = encode_frame(_OUT_OF_MEMORY_ANSWER), EXIT_OUT_OF_MEMORY
            view = memoryview(answer)
            while view:
                view = view[os.write(write_fd, view):]
        except BaseException:  # noqa: BLE001 (nothing may escape into the parent's code)
            status = 70
        os._exit(status)
    os.close(write_fd)
    reader = FrameReader(read_fd)
    try:
        answer = reader.frame(time.monotonic() + timeout_s)
    except FrameTimeout:
        os.kill(pid, signal.SIGKILL)
        _reap(pid)
        raise WorkerTimeout() from None
    except (EOFError, ValueError) as exc:
        status = _reap(pid)
        raise WorkerDied(f"ended before answering: {type(exc).__name__} (exit status {status})", status) from None
    finally:
        os.close(read_fd)
    _reap(pid)
    if answer[0].get("kind") == "out-of-memory":
        raise WorkerDied("memory limit reached", EXIT_OUT_OF_MEMORY)
    return answer


def run_in_this_process(handle: Handler, header: dict[str, Any], payload: bytes, *, memory_mb: int,
                        timeout_s: float) -> tuple[dict[str, Any], bytes]:
    """``run_forked`` without the fork, for a process that exists for this one request and whose
    parent answers for it if it dies (the verification server's child, ``ui.verify_server``;
    POSIX only): the memory cap stays on this process, and past the time limit an alarm's
    default action ends it, as the kill would. The answer is framed and read back as a child's.
    """
    set_memory_limit(memory_mb)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(max(1, int(timeout_s + 0.999)))
    try:
        frame = _answer(handle, header, payload)
    except MemoryError:
        raise WorkerDied("memory limit reached", EXIT_OUT_OF_MEMORY) from None
    finally:
        signal.alarm(0)
    answer = read_frame(io.BytesIO(frame))
    assert answer is not None  # _answer encodes a whole frame
    return answer


def _reap(pid: int) -> int | None:
    with contextlib.suppress(ChildProcessError):
        _, raw = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(raw)
    return None
