"""One background-task helper for the whole app.

Core calls run on a thread pool; results, errors and progress come back as Qt signals, which
Qt delivers on the main thread, so widgets are only ever touched there. Writes to the store go
through one serial queue (a pool of one thread): two saves never race each other from the same
desktop. Tests swap in ``SyncTaskRunner``, which runs everything at once on the caller's thread.

A task function receives a ``TaskContext`` as its keyword argument ``task`` when it asks for
one (``def work(..., task: TaskContext)``): ``task.progress(done, total)`` reports progress and
``task.cancelled()`` says whether the person pressed Cancel; ``task.note(anything)`` hands the
caller what the work is doing now (a step to name), heard by ``on_note``.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import threading
import warnings
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

ResultFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]
ProgressFn = Callable[[int, int], None]
NoteFn = Callable[[Any], None]


class TaskContext:
    def __init__(self, cancel_event: threading.Event, progress: Callable[[int, int], None],
                 note: Callable[[Any], None] | None = None) -> None:
        self._cancel = cancel_event
        self._progress = progress
        self._note = note

    def progress(self, done: int, total: int) -> None:
        self._progress(done, total)

    def note(self, detail: Any) -> None:
        if self._note is not None:
            self._note(detail)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel


class TaskHandle(QObject):
    """What the caller keeps: signals on the main thread, and ``cancel()``."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    noted = Signal(object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False
        #: Set by ``TaskRunner.shutdown``: whatever this task still sends is dropped unheard.
        self.dropped = False

    def cancel(self) -> None:
        self.cancel_event.set()


def _wants_task(fn: Callable) -> bool:
    try:
        return "task" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _deliver(name: str, fn: Callable[[Any], None], value: Any) -> bool:
    """Hand a task's outcome to its caller, unless the widget it is for was deleted since the
    task started (its tab closed meanwhile): then it is for nobody, and False says so. A method
    of a deleted widget is not called; a closure finds out when it touches one, and only that
    error (PySide's "already deleted") is taken as the widget being gone."""
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        log.debug("task %s: its widget was closed; the outcome is dropped", name)
        return False
    try:
        fn(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("task %s: its widget was closed while the outcome was shown: %s", name, exc)
        return False
    return True


def _call(fn: Callable, args: tuple, kwargs: dict, handle: TaskHandle) -> Any:
    if _wants_task(fn):
        kwargs = {**kwargs, "task": TaskContext(handle.cancel_event, handle.progressed.emit, handle.noted.emit)}
    return fn(*args, **kwargs)


class _Job(QRunnable):
    def __init__(self, fn: Callable, args: tuple, kwargs: dict, handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._args, self._kwargs, self._handle = fn, args, kwargs, handle

    def run(self) -> None:  # worker thread: never touch widgets here
        try:
            result = _call(self._fn, self._args, self._kwargs, self._handle)
        except BaseException as exc:  # handed to the main thread, shown in one place
            self._handle.failed.emit(exc)
        else:
            self._handle.finished.emit(result)


class TaskRunner(QObject):
    """Runs core calls off the main thread; ``write=True`` ones one at a time, in order."""

    #: Every failure of every task, for the one place that shows errors (the main window).
    anyFailed = Signal(str, object)
    busyChanged = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._active: set[TaskHandle] = set()
        self._closed = False

    def run(self, name: str, fn: Callable, *args: Any, on_result: ResultFn | None = None,
            on_error: ErrorFn | None = None, on_progress: ProgressFn | None = None,
            on_note: NoteFn | None = None, write: bool = False, **kwargs: Any) -> TaskHandle:
        handle = TaskHandle(name)
        if self._closed:
            log.debug("task %s not started: the runner is shut down", name)
            handle.dropped = handle.done = True
            handle.cancel()
            return handle
        self._connect(handle, on_result, on_error, on_progress, on_note)
        self._active.add(handle)
        self.busyChanged.emit(len(self._active))
        (self._writes if write else self._reads).start(_Job(fn, args, kwargs, handle))
        return handle

    def _connect(self, handle: TaskHandle, on_result, on_error, on_progress, on_note=None) -> None:
        # Progress and notes go straight to their receivers, so that Qt forgets the connection
        # when a receiving widget is deleted. The result and the failure first ask whether the
        # runner dropped the task: its last signal can still sit in the event queue after the
        # widgets it would touch were deleted (a queued call already posted is delivered even
        # once the connection is gone).
        if on_progress:
            handle.progressed.connect(on_progress)
        if on_note:
            handle.noted.connect(on_note)

        def finish(result: Any) -> None:
            if handle.dropped:
                return
            self._retire(handle)
            if on_result:
                _deliver(handle.name, on_result, result)

        def fail(exc: BaseException) -> None:
            if handle.dropped:
                return
            self._retire(handle)
            if not (on_error and _deliver(handle.name, on_error, exc)):
                # Nobody asked, or the widget that asked is gone: the window's one place shows it.
                self.anyFailed.emit(handle.name, exc)

        handle.finished.connect(finish)
        handle.failed.connect(fail)

    def _retire(self, handle: TaskHandle) -> None:
        handle.done = True
        self._active.discard(handle)
        self.busyChanged.emit(len(self._active))

    def active_count(self) -> int:
        return len(self._active)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until every task finished (shutdown and tests); signals still need the loop."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    def shutdown(self) -> None:
        """Cancel and wait for every task; what they still send is dropped. Tasks asked for
        afterwards (a callback of a closing window) are not started: the store may be closed."""
        self._closed = True
        for handle in list(self._active):
            handle.cancel()
        self.wait_idle()
        # Every task has stopped, but its last signal may still sit in the event queue: it must
        # not reach a window that is closing, and nothing is running any more.
        for handle in list(self._active):
            handle.dropped = True
            for signal in (handle.progressed, handle.noted):
                with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)  # "failed to disconnect": none was made
                    signal.disconnect()
            self._retire(handle)


class SyncTaskRunner(TaskRunner):
    """For tests: the task runs right away on the calling thread; callbacks fire before return."""

    def run(self, name: str, fn: Callable, *args: Any, on_result: ResultFn | None = None,
            on_error: ErrorFn | None = None, on_progress: ProgressFn | None = None,
            on_note: NoteFn | None = None, write: bool = False, **kwargs: Any) -> TaskHandle:
        handle = TaskHandle(name)
        self._connect(handle, on_result, on_error, on_progress, on_note)
        self._active.add(handle)
        try:
            result = _call(fn, args, kwargs, handle)
        except BaseException as exc:
            handle.failed.emit(exc)
        else:
            handle.finished.emit(result)
        return handle
