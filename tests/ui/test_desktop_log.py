"""The desktop's log file and the errors nobody caught: a window started from a menu has no
terminal, so what it logs goes to a private file, and a failure in a button's slot is said in
the window instead of vanishing into a standard error nobody reads."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ui.desktop_log import LOG_NAME, current_log, install_error_hook, start_desktop_log, stop_desktop_log
from ui.error_line import error_detail


@pytest.fixture
def desktop_log(tmp_path):
    # `nghisu verify` run in this test process earlier (its in-process path) turns logging off
    # for the process, as a command that lives for one file may; a window never does.
    disabled = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    path = start_desktop_log(tmp_path / "log")
    yield path
    stop_desktop_log()
    logging.disable(disabled)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_warnings_and_errors_go_to_a_file_only_its_owner_reads(desktop_log):
    assert desktop_log is not None and desktop_log.name == LOG_NAME
    logging.getLogger("ui.somewhere").info("chi tiết thường ngày")  # below warnings: not kept
    logging.getLogger("ui.somewhere").error("không mở được tệp biên bản")
    text = desktop_log.read_text(encoding="utf-8")
    assert "ERROR ui.somewhere: không mở được tệp biên bản" in text
    assert "chi tiết thường ngày" not in text
    assert mode(desktop_log) == 0o600
    assert mode(desktop_log.parent) == 0o700
    assert current_log() == desktop_log


def test_rotated_files_stay_private_and_the_log_stays_small(tmp_path, monkeypatch):
    monkeypatch.setattr(logging.root.manager, "disable", logging.NOTSET)  # as in the fixture above
    path = start_desktop_log(tmp_path / "log", max_bytes=2_000)
    try:
        for i in range(200):
            logging.getLogger("ui.somewhere").warning("dòng nhật ký số %d", i)
    finally:
        stop_desktop_log()
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2", f"{LOG_NAME}.3"]
    assert all(mode(f) == 0o600 for f in files)
    assert all(f.stat().st_size <= 2_100 for f in files)


def test_a_log_an_older_version_left_readable_is_made_private(tmp_path):
    folder = tmp_path / "log"
    folder.mkdir()
    (folder / LOG_NAME).write_text("cũ\n", encoding="utf-8")
    (folder / LOG_NAME).chmod(0o644)
    path = start_desktop_log(folder)
    try:
        assert mode(path) == 0o600 and path.read_text(encoding="utf-8").startswith("cũ\n")
    finally:
        stop_desktop_log()


def test_a_folder_that_cannot_be_made_leaves_the_window_running(tmp_path, caplog):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING):
        assert start_desktop_log(blocker / "log") is None
    assert "không ghi được nhật ký" in caplog.text
    assert current_log() is None


def test_an_unexpected_errors_detail_names_the_log(desktop_log):
    assert str(desktop_log) in error_detail(ZeroDivisionError("division by zero"))


@pytest.mark.qt_no_exception_capture
def test_a_failure_in_a_slot_is_said_in_the_window_and_kept_in_the_log(make_window, demo_store, desktop_log, qtbot):
    window = make_window(demo_store)
    restore = install_error_hook(window.show_error)
    try:
        def broken_slot() -> None:
            raise KeyError("mục chương trình đã bị xóa")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(window.errors) == 1, timeout=5000)
    finally:
        restore()
    texts = [w.text() for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert any(t.startswith("Đã có lỗi không mong đợi") for t in texts)
    assert not any("KeyError" in t or "Traceback" in t for t in texts)
    logged = desktop_log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "broken_slot" in logged and "mục chương trình đã bị xóa" in logged
    assert sys.excepthook is not None and sys.excepthook.__name__ != "hook"  # put back


def test_an_error_box_that_fails_itself_is_logged_not_looped(desktop_log):
    shown: list[BaseException] = []

    def failing_show(exc: BaseException) -> None:
        shown.append(exc)
        raise RuntimeError("hộp thông báo hỏng")

    restore = install_error_hook(failing_show)
    try:
        try:
            raise ValueError("lỗi gốc")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        restore()
    assert len(shown) == 1
    logged = desktop_log.read_text(encoding="utf-8")
    assert "lỗi gốc" in logged and "hộp thông báo hỏng" in logged


def test_the_window_started_as_a_person_starts_it_writes_its_log(tmp_path):
    """The real start path (ui.app.run_gui) sets the log up in the user's log folder."""
    state = tmp_path / "state"
    script = textwrap.dedent("""
        import logging, sys
        from PySide6.QtCore import QTimer
        import ui.app as app
        from ui.main_window import MainWindow
        shown = MainWindow.show

        def show(self):
            shown(self)
            QTimer.singleShot(0, lambda: logging.getLogger("ui.test").error("cửa sổ đã mở"))
            QTimer.singleShot(200, app.QApplication.instance().quit)

        MainWindow.show = show
        MainWindow.open_store = lambda self, *a, **k: None  # nothing to open: only the start path
        MainWindow.first_start = lambda self, *a, **k: None
        sys.exit(app.run_gui(store_dir=sys.argv[1]))
    """)
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(state), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "kho")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    log_file = state / "nghisu" / "log" / LOG_NAME
    assert "cửa sổ đã mở" in log_file.read_text(encoding="utf-8")
    assert mode(log_file) == 0o600
