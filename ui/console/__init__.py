"""The secretary console (live meeting): a tab of every meeting workspace."""

from __future__ import annotations


def _console(workspace):
    from ui.console.console_tab import ConsoleTab  # noqa: PLC0415 -- import cycle: ui.console imports this module

    return ConsoleTab(workspace)


def register_console_tab() -> None:
    """Add the console tab (after Materials) to workspaces opened from now on; idempotent."""
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.workspace.workspace import TabSpec, register_tab  # noqa: PLC0415 -- deferred for start-up: brings in PySide6

    register_tab(TabSpec("console", QT_TRANSLATE_NOOP("workspace", "Điều hành phiên họp"), "start", _console),
                 before="book")
