"""The Signing tab's two screenshots for ``nghisu gui --screenshot`` (listed in
``ui.commands.gui.screenshot_hooks``): the verified minutes with their report, and the signed
minutes in the viewer with the signature panel."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ui.commands.gui import grab, settle
from ui.viewer.demo import wait_ms, wait_until

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def signed_document(store) -> tuple[int, int] | None:
    """(meeting, document) of the newest fully signed request: the demo's signed minutes."""
    from signing.workflow import newest_signed_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return newest_signed_document(s)


def _signing_tab_of_demo(window: MainWindow):
    """The Signing tab of the meeting whose minutes the demo signed, those minutes selected."""

    found = signed_document(window.store) if window.store is not None else None
    if found is None:
        log.warning("no signed document in the store: no signing screenshots")
        return None, None
    window.search_dock.hide()  # left open by the search screenshot; the tab needs the room
    ws = window.open_meeting(found[0])
    settle(window)
    if ws is None or "signing" not in ws.pages:
        return None, None
    tab = ws.pages["signing"]
    ws.tabs.setCurrentWidget(tab)
    settle(window)  # the list, then the verification the tab starts for the signed minutes
    tab.select_document(found[1])
    settle(window)
    return tab, tab.docs.entry(tab.docs.row_of(found[1]))


def shot_signing(window: MainWindow, out: Path) -> list[Path]:
    """The Signing tab with the verified (green) minutes selected, and its report."""

    tab, entry = _signing_tab_of_demo(window)
    if entry is None:
        return []
    shots = [grab(window, out / "07-ky-so.png")]
    dialog = tab.show_report(entry)
    if dialog is not None:
        dialog.resize(700, 560)
        shots.append(grab(dialog, out / "08-bao-cao-chu-ky.png"))
        dialog.close()
    return shots


def shot_signed_in_viewer(window: MainWindow, out: Path) -> list[Path]:
    """The signed minutes in the viewer at their last page, signature panel open with its verdict."""

    tab, entry = _signing_tab_of_demo(window)
    if entry is None:
        return []
    tab.last_viewer = None
    tab.open_document(entry.document.id)
    wait_until(lambda: tab.last_viewer is not None, 30000)
    viewer = tab.last_viewer
    if viewer is None:
        return []
    wait_until(lambda: viewer.signature_panel.report is not None, 60000)
    settle(window)
    viewer.nav.last_page()  # where the signatures are
    wait_until(lambda: viewer.thumbnail_model.rendered_count >= 1, 5000)
    wait_ms(400)  # QPdfView paints asynchronously: let the page arrive before grabbing
    return [grab(window, out / "09-bien-ban-da-ky.png")]
