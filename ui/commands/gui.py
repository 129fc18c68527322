"""`nghisu gui [--screenshot DIR]` (also what plain `nghisu` runs): the desktop window.

``--screenshot DIR`` opens the demo store offscreen (a fresh one in a temporary folder unless
``--store``/``--database-url`` name one), renders the main views to PNG files in DIR and exits 0.
Each view is one function in ``SCREENSHOT_HOOKS``: ``hook(window, out_dir) -> list[Path]``;
the signing tab and the PDF viewer add theirs with ``SCREENSHOT_HOOKS.append(...)``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_MEETING = "Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"


def register(sub) -> None:
    p = sub.add_parser("gui", help="mở cửa sổ làm việc (mặc định khi chạy nghisu không kèm lệnh)")
    p.add_argument("--screenshot", metavar="DIR", help="chụp các màn hình chính thành tệp PNG trong DIR rồi thoát")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if not getattr(args, "screenshot", None):
        from ui.display_check import check_display

        check_display()  # before Qt starts: no display is one plain line, not an abort
    if getattr(args, "screenshot", None) and not os.environ.get("NGHISU_SETTINGS_DIR"):
        # Screenshots never read or change the person's own settings.
        os.environ["NGHISU_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="nghisu-shot-settings-")
    from ui.app import run_gui

    return run_gui(getattr(args, "store", None), getattr(args, "database_url", None),
                   screenshot=getattr(args, "screenshot", None))


# -- screenshots -----------------------------------------------------------------------------
def settle(window: MainWindow, timeout: float = 120.0, quiet_ms: int = 150) -> None:
    """Run the event loop until no background task is left (and a little longer, for painting)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    idle_since = None
    while time.monotonic() < deadline:
        # Sleep in Python (which lets worker threads run), then deliver their results: a busy
        # QTest.qWait loop here starved the workers and made opening the store 5× slower.
        time.sleep(0.02)
        QApplication.processEvents()
        if window.runner.active_count() == 0:
            idle_since = idle_since or time.monotonic()
            if (time.monotonic() - idle_since) * 1000 >= quiet_ms:
                return
        else:
            idle_since = None
    log.warning("background work still running after %.0f s", timeout)


def grab(widget, path: Path) -> Path:
    from PySide6.QtTest import QTest

    QTest.qWait(100)
    widget.grab().save(str(path))
    return path


def _meeting_id(window: MainWindow, title: str) -> int | None:
    for row in range(window.meetings.rowCount()):
        if window.meetings.row_at(row).meeting.title == title:
            return window.meetings.row_at(row).meeting.id
    return None


def shot_meetings(window: MainWindow, out: Path) -> list[Path]:
    window.tabs.setCurrentIndex(0)
    window.unit_view.setCurrentIndex(window.units.index(0, 0))
    settle(window)
    window.meeting_view.selectRow(0)
    return [grab(window, out / "01-danh-sach-cuoc-hop.png")]


def _workspace(window: MainWindow):
    mid = _meeting_id(window, DEMO_MEETING)
    if mid is None:
        return None
    ws = window.open_meeting(mid)
    settle(window)
    return ws


def shot_agenda(window: MainWindow, out: Path) -> list[Path]:
    ws = _workspace(window)
    if ws is None:
        return []
    tab = ws.pages["agenda"]
    ws.tabs.setCurrentWidget(tab)
    target = next((i for i in tab.model.items() if i.number == "3.1"), None)
    if target is not None:
        tab.select(target.id)
    return [grab(window, out / "02-chuong-trinh.png")]


def shot_sites(window: MainWindow, out: Path) -> list[Path]:
    ws = _workspace(window)
    if ws is None:
        return []
    ws.tabs.setCurrentWidget(ws.pages["sites"])
    return [grab(window, out / "03-diem-cau-thanh-phan.png")]


def shot_materials(window: MainWindow, out: Path) -> list[Path]:
    ws = _workspace(window)
    if ws is None:
        return []
    tab = ws.pages["materials"]
    ws.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    return [grab(window, out / "04-tai-lieu.png")]


def shot_book(window: MainWindow, out: Path) -> list[Path]:
    ws = _workspace(window)
    if ws is None:
        return []
    tab = ws.pages["book"]
    ws.tabs.setCurrentWidget(tab)
    tab.compile()
    settle(window)
    return [grab(window, out / "05-tap-tai-lieu.png")]


def shot_search(window: MainWindow, out: Path) -> list[Path]:
    window.tabs.setCurrentIndex(0)
    window.search_edit.setText("ngân sách")
    window.run_search()
    settle(window)
    return [grab(window, out / "06-tim-kiem.png")]


#: One function per view; the signing tab and the viewer append theirs.
SCREENSHOT_HOOKS: list[Callable[[MainWindow, Path], list[Path]]] = [
    shot_meetings, shot_agenda, shot_sites, shot_materials, shot_book, shot_search,
]


def take_screenshots(app: QApplication, window: MainWindow, out: Path, store_dir: str | None,
                     database_url: str | None) -> int:
    from store.errors import InvalidInput
    from store.location import StoreLocation, resolve_location

    out.mkdir(parents=True, exist_ok=True)
    # The screenshot tour publishes and starts a meeting to show the live views: it only ever
    # works on a throw-away copy, never on a store people use.
    if database_url:
        raise InvalidInput(
            "Chế độ chụp màn hình không chạy trên kho dùng chung; hãy dùng --store với một thư mục.",
            "Screenshots never run against a shared database; use --store with a folder.",
        )
    scratch = Path(tempfile.mkdtemp(prefix="nghisu-shot-store-")) / "store"
    if store_dir:
        source = resolve_location(store_dir=store_dir).home
        if source is not None and source.exists():
            shutil.copytree(source, scratch)
    location = StoreLocation(home=scratch)
    window.work_dir = Path(tempfile.mkdtemp(prefix="nghisu-shot-books-"))
    window.resize(1440, 900)
    window.show()
    window.open_store(location, demo_if_empty=True)
    settle(window, timeout=300)
    written: list[Path] = []
    try:
        for hook in SCREENSHOT_HOOKS:
            written += hook(window, out)
            settle(window)
    finally:
        window.close()
    for path in written:
        print(path)
    for exc in window.errors:  # shown on screen like any refusal; the pictures are still taken
        log.warning("shown while taking screenshots: %s", exc)
    return 0
