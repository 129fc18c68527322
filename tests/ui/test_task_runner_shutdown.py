"""Closing a window or a tab while its background work finishes: the real threaded runner.

A task whose worker already sent its result when the window closes must not call back into the
widgets the window has deleted (seen in CI: a meeting's console tab, deleted with its tab, told
its header label the snapshot it had asked for). And a callback of a closing window that asks
for more work gets none: the store behind it may be closed.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from ui.tasks import TaskRunner


def test_a_result_already_sent_does_not_reach_a_deleted_widget(qtbot):
    runner = TaskRunner()
    label = QLabel()
    heard: list[str] = []

    def shown(text: str) -> None:
        heard.append(text)
        label.setText(text)  # raises once the label is deleted

    runner.run("load", lambda: "ảnh chụp", on_result=shown)
    assert runner.wait_idle()  # the worker has sent its result; the event loop has not run yet
    label.deleteLater()
    runner.shutdown()  # the window closes: its tabs are deleted before the queue is read
    qtbot.wait(50)  # the deferred delete and then the queued result are delivered now
    assert heard == []
    assert runner.active_count() == 0


def test_a_failure_already_sent_is_dropped_too(qtbot):
    runner = TaskRunner()
    failures: list[tuple[str, object]] = []
    runner.anyFailed.connect(lambda name, exc: failures.append((name, exc)))

    def broken() -> None:
        raise ValueError("kho đã đóng")

    runner.run("load", broken)
    assert runner.wait_idle()
    runner.shutdown()
    qtbot.wait(50)
    assert failures == []


def test_a_running_task_is_cancelled_and_its_result_dropped(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    results: list[bool] = []

    def long_work(task) -> bool:
        started.set()
        while not task.cancelled():
            task.progress(1, 2)
        return True

    runner.run("long", long_work, on_result=results.append)
    assert started.wait(10)
    runner.shutdown()
    qtbot.wait(50)
    assert results == [] and runner.active_count() == 0


def test_work_asked_for_after_shutdown_is_not_started(qtbot):
    runner = TaskRunner()
    runner.shutdown()
    ran = threading.Event()
    handle = runner.run("late", ran.set, on_result=lambda _: ran.set())
    assert runner.wait_idle()
    qtbot.wait(50)
    assert not ran.is_set()
    assert handle.done and handle.cancel_event.is_set() and runner.active_count() == 0


def test_work_before_shutdown_still_reports(qtbot):
    runner = TaskRunner()
    results: list[int] = []
    runner.run("sum", sum, [1, 2, 3], on_result=results.append)
    qtbot.waitUntil(lambda: results == [6], timeout=10000)
    runner.shutdown()
    assert runner.active_count() == 0


def test_a_result_for_a_widget_closed_meanwhile_is_dropped(qtbot):
    """A tab closed while its load runs (the runner goes on for the rest of the window)."""
    runner = TaskRunner()
    label = QLabel()
    gate = threading.Event()
    runner.run("load", gate.wait, 10, on_result=label.setText)  # a method of the widget
    runner.run("load", gate.wait, 10, on_result=lambda ok: label.setText(str(ok)))  # a closure touching it
    label.deleteLater()
    qtbot.wait(20)
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10000)  # no exception in the event loop
    runner.shutdown()


def test_a_failure_for_a_widget_closed_meanwhile_reaches_the_window(qtbot):
    """A write refused after its tab was closed is not lost: the window's one place shows it."""
    runner = TaskRunner()
    label = QLabel()
    shown: list[str] = []
    runner.anyFailed.connect(lambda name, exc: shown.append(f"{name}: {exc}"))
    gate = threading.Event()

    def refused() -> None:
        gate.wait(10)
        raise ValueError("số đã được cấp")

    runner.run("register.number", refused, on_error=lambda exc: label.setText(str(exc)), write=True)
    label.deleteLater()
    qtbot.wait(20)
    gate.set()
    qtbot.waitUntil(lambda: shown == ["register.number: số đã được cấp"], timeout=10000)
    runner.shutdown()


def test_other_errors_of_a_callback_are_not_swallowed(qtbot):
    runner = TaskRunner()

    def wrong(_result) -> None:
        raise RuntimeError("a real mistake in the callback")

    with qtbot.captureExceptions() as caught:
        runner.run("load", lambda: 1, on_result=wrong)
        qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10000)
    assert [str(exc) for _t, exc, _tb in caught] == ["a real mistake in the callback"]
    runner.shutdown()
