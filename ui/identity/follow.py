"""Open meeting tabs act as the window's person: each workspace got the person when it opened
(``WorkspaceContext.actor_id``), so a new 'Tôi là' is handed to every one of them at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def follow_person(window: MainWindow) -> None:
    for ws in window.meeting_tabs.workspaces.values():
        ws.ctx.actor_id = window.actor_id
