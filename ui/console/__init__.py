"""The secretary console (live meeting): a tab of every meeting workspace."""

from __future__ import annotations


def _console(workspace):
    from ui.console.console_tab import ConsoleTab

    return ConsoleTab(workspace)


def register_console_tab() -> None:
    """Add the console tab (after Materials) to workspaces opened from now on; idempotent."""
    from PySide6.QtCore import QT_TRANSLATE_NOOP

    from ui.workspace.workspace import TabSpec, register_tab

    register_tab(TabSpec("console", QT_TRANSLATE_NOOP("workspace", "Điều hành phiên họp"), "start", _console),
                 before="book")
