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
    from PySide6.QtGui import QAction  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    action = QAction(QCoreApplication.translate("PeopleDialog", "Cán bộ và vai trò…"), window)
    action.triggered.connect(lambda: open_people(window))
    window.addAction(action)
    menu.addAction(action)
    setattr(window, "people_action", action)  # noqa: B010 -- tests reach it by name
    units = QAction(QCoreApplication.translate("UnitsDialog", "Đơn vị…"), window)
    units.triggered.connect(lambda: open_units(window))
    window.addAction(units)
    menu.addAction(units)
    setattr(window, "units_action", units)  # noqa: B010 -- tests reach it by name


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
