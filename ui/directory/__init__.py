"""The directory in the window: units (``nghisu units add|edit|move|merge|dissolve``) and people,
their positions and their roles in units (``nghisu people add|edit|role``), through the same
services."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from ui.main_window import MainWindow


def install_people_action(window: MainWindow, menu: QMenu) -> None:
    """Called once by the main window while it builds its menus."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.menu_actions import add_menu_action  # noqa: PLC0415 -- deferred for start-up: PySide6

    add_menu_action(window, menu, "people_action", QCoreApplication.translate("PeopleDialog", "Cán bộ và vai trò…"),
                    lambda: open_people(window))
    add_menu_action(window, menu, "units_action", QCoreApplication.translate("UnitsDialog", "Đơn vị…"),
                    lambda: open_units(window))


def open_people(window: MainWindow) -> None:
    from ui.directory.people_dialog import PeopleDialog  # noqa: PLC0415 -- Qt widgets built only when asked

    if window.store is not None:
        dialog = PeopleDialog(window.store, window.runner, window.actor_id, window)
        dialog.exec()
        if dialog.changed:
            window.reload()


def open_units(window: MainWindow) -> None:
    from ui.directory.units_dialog import UnitsDialog  # noqa: PLC0415 -- Qt widgets built only when asked

    if window.store is not None:
        dialog = UnitsDialog(window.store, window.runner, window.actor_id, window)
        dialog.exec()
        if dialog.changed:  # the unit tree shows the new names, places and successors
            window.reload()
