"""The desktop's log file, and what happens to an error nobody caught.

A window started from a menu or a file manager has no terminal: what it logged to standard error
went nowhere, and the generic error line ("chi tiết đã được ghi vào nhật ký") pointed at a log
nobody could open. The window and the tablet reader now write warnings and errors to a file in
the user's log folder (``~/.local/state/nghisu/log/nghisu.log`` on Linux), kept small by
rotation, readable by its owner only (0600, rotated files too): a traceback can carry a store's
address or a document's title.

An exception no code caught (in a button's slot, a timer) is logged with its traceback and said
in the window's one place for errors, in the same generic line as any unexpected failure, instead
of being printed to a terminal that is not there while the click silently did nothing.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

LOG_NAME = "nghisu.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600 (the process's umask would make it 0644)."""

    def _open(self):  # noqa: ANN202 -- the base class's signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file left by an older version: made private too
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def default_log_dir() -> Path:
    from platformdirs import user_log_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

    return user_log_path("nghisu", appauthor=False)


def start_desktop_log(folder: Path | None = None, *, max_bytes: int = MAX_BYTES) -> Path | None:
    """Send warnings and errors to ``folder/nghisu.log`` as well (once per process); the file's
    path, or None when the folder cannot be made (then the window still runs, logging to standard
    error as before, and says so there)."""
    folder = folder if folder is not None else default_log_dir()
    path = folder / LOG_NAME
    if current_log() == path:
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        log.warning("không ghi được nhật ký vào %s (%s) — the log file cannot be written", path, exc)
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    return path


def stop_desktop_log() -> None:
    """Close the log file (tests; the process's end closes it anyway)."""
    root = logging.getLogger()
    for handler in _handlers():
        root.removeHandler(handler)
        handler.close()


def current_log() -> Path | None:
    """The log file this process writes, if any: named beside an unexpected error's detail."""
    return next((Path(h.baseFilename) for h in _handlers()), None)


def _handlers() -> list[PrivateRotatingFileHandler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, PrivateRotatingFileHandler)]


ShowError = Callable[[BaseException], None]


def install_error_hook(show_error: ShowError) -> Callable[[], None]:
    """Show every exception nobody caught with ``show_error`` (the window's one place, which logs
    an unexpected one with its traceback). Returns what puts the previous hooks back."""
    previous, previous_thread = sys.excepthook, threading.excepthook
    showing = threading.local()

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        if not getattr(showing, "now", False):  # while the error box fails itself: logged, not shown again
            showing.now = True
            try:
                show_error(exc)  # logs an unexpected failure with its traceback (plain_line)
                return
            except Exception:  # noqa: BLE001 -- the last resort must not raise: logged instead
                log.exception("the error could not be shown")
            finally:
                showing.now = False
        log.error("lỗi không được xử lý — uncaught exception", exc_info=(kind, exc, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Not on the main thread: widgets cannot be touched here, so the log keeps it.
        log.error("lỗi không được xử lý trong luồng %s — uncaught exception in a thread",
                  getattr(args.thread, "name", "?"), exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous, previous_thread

    return restore
