"""`nghisu gui [--screenshot DIR]` (also what plain `nghisu` runs): the desktop window.

``--screenshot DIR`` creates a fresh demo store in a temporary folder, opens it offscreen, renders
the main views to PNG files in DIR and exits 0, leaving no temporary folder behind. A person's own
store is photographed (a throw-away copy of it) only when asked with ``--own-store`` besides
``--store DIR``: pictures of real minutes must not come out of a command meant for the README.
Each view is one function ``hook(window, out_dir) -> list[Path]``; ``screenshot_hooks()`` lists
them all, in the order they are taken.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store.engine import SQLITE_FILE
from store.errors import InvalidInput, StoreNotFound
from store.location import StoreLocation, resolve_location
from ui.display_check import check_display

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_MEETING = "Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"


def register(sub) -> None:
    p = sub.add_parser("gui", help="mở cửa sổ làm việc (mặc định khi chạy nghisu không kèm lệnh)")
    p.add_argument("file", nargs="?", metavar="TỆP.pdf",
                   help="mở tệp PDF này trong cửa sổ (\"Mở bằng Nghị Sự\" của trình quản lý tệp)")
    p.add_argument("--screenshot", metavar="DIR", help="chụp các màn hình chính (trên kho mẫu mới) thành tệp PNG "
                                                       "trong DIR rồi thoát")
    p.add_argument("--size", metavar="RỘNGxCAO", default="1440x900",
                   help="với --screenshot: cỡ màn hình tính bằng điểm ảnh thật (mặc định 1440x900; "
                        "ví dụ 1366x768 cho máy văn phòng, 800x1280 cho máy tính bảng dựng đứng)")
    p.add_argument("--scale", metavar="HỆ_SỐ", type=float, default=1.0,
                   help="với --screenshot: hệ số phóng như cài đặt của Windows (1.25 = 125%%, 1.5 = 150%%)")
    p.add_argument("--own-store", action="store_true",
                   help="với --screenshot: chụp một bản sao của kho --store thay vì kho mẫu")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    screenshot = getattr(args, "screenshot", None)
    own = getattr(args, "own_store", False)
    if own and not (screenshot and getattr(args, "store", None)):
        raise InvalidInput("--own-store chỉ dùng cùng --screenshot và --store THƯ_MỤC.",
                           "--own-store goes with --screenshot and --store DIR only.")
    if not screenshot:
        check_display()  # before Qt starts: no display is one plain line, not an abort
        from ui.app import run_gui  # noqa: PLC0415 -- import cycle: ui.app imports this module

        return run_gui(getattr(args, "store", None), getattr(args, "database_url", None),
                       open_file=getattr(args, "file", None))
    if getattr(args, "store", None) and not own:
        raise InvalidInput(
            "--screenshot chụp trên kho mẫu mới, không chụp kho --store; muốn chụp một bản sao kho của bạn, "
            "thêm --own-store.",
            "--screenshot photographs a fresh demo store, not the --store one; to photograph a copy of your "
            "own store, add --own-store.",
        )
    size = screen_size(args.size, args.scale)
    from ui.app import run_gui  # noqa: PLC0415 -- import cycle: ui.app imports this module

    # Everything the tour needs (settings, the store, compiled books) lives in one temporary
    # folder that is removed afterwards, whatever happens.
    with tempfile.TemporaryDirectory(prefix="nghisu-shot-", ignore_cleanup_errors=True) as scratch:
        if not os.environ.get("NGHISU_SETTINGS_DIR"):
            # Screenshots never read or change the person's own settings.
            os.environ["NGHISU_SETTINGS_DIR"] = str(Path(scratch) / "settings")
        use_virtual_screen(Path(scratch), size, args.scale)
        return run_gui(args.store if own else None, getattr(args, "database_url", None), screenshot=screenshot,
                       scratch=Path(scratch))


def screen_size(text: str, scale: float) -> tuple[int, int]:
    """``--size 1366x768`` as (width, height), checked together with ``--scale``."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not (sep and width.isdigit() and height.isdigit() and 320 <= int(width) <= 8000 and 320 <= int(height) <= 8000):
        raise InvalidInput(f"--size “{text}” không đúng dạng RỘNGxCAO (ví dụ 1366x768).",
                           f"--size “{text}” is not WIDTHxHEIGHT (e.g. 1366x768).")
    if not 0.5 <= scale <= 4:
        raise InvalidInput(f"--scale {scale:g} nằm ngoài khoảng 0.5–4 (ví dụ 1.5 cho 150%).",
                           f"--scale {scale:g} is outside 0.5–4 (e.g. 1.5 for 150%).")
    return int(width), int(height)


def use_virtual_screen(scratch: Path, size: tuple[int, int], scale: float) -> None:
    """Before Qt starts: an offscreen screen of ``size`` real pixels, scaled by ``scale`` the way
    Windows' display scaling does (a 1366×768 screen at 150 % gives the window 911×512 points, and
    the pictures come out at 1366×768 again). Qt's offscreen platform reads its screens from a
    JSON file."""
    config = scratch / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "nghisu-shot", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"


# -- screenshots -----------------------------------------------------------------------------
def settle(window: MainWindow, timeout: float = 120.0, quiet_ms: int = 150) -> None:
    """Run the event loop until no background task is left (and a little longer, for painting)."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

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
    from PySide6.QtTest import QTest  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    QTest.qWait(100)
    widget.grab().save(str(path))
    return path


def _meeting_id(window: MainWindow, title: str) -> int | None:
    for row in range(window.meetings.rowCount()):
        if window.meetings.row_at(row).meeting.title == title:
            return window.meetings.row_at(row).meeting.id
    return None


def _demo_unit(window: MainWindow):
    """The unit that hosts the demo meeting (the province; on the 2025 map it sits under the
    Government, the tree's first row), its ancestors expanded so the list shows its meetings."""
    from meetings.lifecycle import list_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    host = None
    if window.store is not None:
        with window.store.read() as s:
            host = next((m.unit_id for m in list_meetings(s) if m.title == DEMO_MEETING), None)
    index = window.units.index_of(host) if host is not None else window.units.index(0, 0)
    parent = index.parent()
    while parent.isValid():
        window.unit_view.expand(parent)
        parent = parent.parent()
    return index if index.isValid() else window.units.index(0, 0)


def shot_meetings(window: MainWindow, out: Path) -> list[Path]:
    window.tabs.setCurrentIndex(0)
    window.unit_view.setCurrentIndex(_demo_unit(window))
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


def shot_papers(window: MainWindow, out: Path) -> list[Path]:
    """The meeting's papers tab twice: before the December meeting (the invitation's details and
    previews), and after the November one (its minutes by section, conclusions and tasks)."""
    written = []
    for title, name in ((DEMO_MEETING, "11-van-ban-truoc-hop.png"),
                        ("Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026", "12-bien-ban-ket-luan.png")):
        mid = _meeting_id(window, title)
        if mid is None:
            continue
        ws = window.open_meeting(mid)
        settle(window)
        tab = ws.pages["papers"]
        ws.tabs.setCurrentWidget(tab)
        if tab.sections.count() > 2:
            tab.sections.setCurrentRow(2)  # the attendance paragraph, with its two counts named apart
        settle(window)
        written.append(grab(window, out / name))
    return written


def shot_search(window: MainWindow, out: Path) -> list[Path]:
    window.tabs.setCurrentIndex(0)
    window.search_dock.edit.setText("ngân sách")
    window.search_dock.run()
    settle(window)
    return [grab(window, out / "06-tim-kiem.png")]


def shot_calendar(window: MainWindow, out: Path) -> list[Path]:
    from datetime import date  # noqa: PLC0415 -- kept beside its one use in the screenshot tour

    from meetings.calendar_records import CalendarSpan  # noqa: PLC0415 -- deferred beside its one use
    from ui.calendar.tab import open_calendar  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    window.search_dock.hide()
    tab = open_calendar(window)
    tab.set_span(CalendarSpan.MONTH)
    tab.show_day(date(2026, 12, 8))  # the demo's December
    settle(window)
    path = grab(window, out / "10-lich-hop.png")
    window.meeting_tabs.close_tab(window.tabs.indexOf(tab))
    return [path]


def shot_register(window: MainWindow, out: Path) -> list[Path]:
    """The "Văn bản" tab on the demo's registers (made with the demo; a store of one's own without
    them is given a few weeks, a small year that keeps the tour quick)."""
    from demo.register import create_demo_registers  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    create_demo_registers(window.store, province_entries=40, ward_entries=8)
    window.search_dock.hide()
    area = window.register_area
    window.tabs.setCurrentWidget(area)
    area.refresh()
    settle(window)
    overdue = next((i for i, e in enumerate(area.incoming.entries()) if e.overdue(area.incoming.today)), 0)
    area.incoming_view.selectRow(overdue)
    settle(window)
    return [grab(window, out / "12-so-van-ban-den.png")]


def shot_outgoing(window: MainWindow, out: Path) -> list[Path]:
    """An outgoing draft under review, from the drafter's "Văn bản đi" list."""
    from ui.register_area.screens import shot_outgoing as shot  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    return shot(window, out)


Hook = Callable[["MainWindow", Path], list[Path]]


def screenshot_hooks() -> list[Hook]:
    """Every view the tour photographs, in order. The mail, reader and signing views are in
    modules of their own (imported here, for the tour only)."""
    from ui.mail.screens import shot_mail, shot_stamps  # noqa: PLC0415 -- import cycle: ui.mail.screens imports this module
    from ui.reader.screens import shot_console, shot_reader  # noqa: PLC0415 -- import cycle: ui.reader.screens imports this module
    from ui.workspace.signing_screens import shot_signed_in_viewer, shot_signing  # noqa: PLC0415 -- import cycle: it imports this module

    return [shot_meetings, shot_agenda, shot_sites, shot_materials, shot_book, shot_papers, shot_search, shot_calendar,
            shot_register, shot_outgoing, shot_mail, shot_stamps, shot_reader, shot_console, shot_signing,
            shot_signed_in_viewer]


def take_screenshots(app: QApplication, window: MainWindow, out: Path, store_dir: str | None,
                     database_url: str | None, scratch: Path) -> int:
    """Render the views into ``out``: on a copy of ``store_dir`` when given (the caller decides
    that only on request), else on a fresh demo store; ``scratch`` is the caller's temporary
    folder for the store and compiled books."""

    out.mkdir(parents=True, exist_ok=True)
    # The screenshot tour publishes and starts a meeting to show the live views: it only ever
    # works on a throw-away copy, never on a store people use.
    if database_url:
        raise InvalidInput(
            "Chế độ chụp màn hình không chạy trên kho dùng chung; hãy dùng --store với một thư mục.",
            "Screenshots never run against a shared database; use --store with a folder.",
        )
    copy = scratch / "store"
    if store_dir:
        source = resolve_location(store_dir=store_dir).home
        if source is None or not (source / SQLITE_FILE).is_file():
            raise StoreNotFound(f"Không có kho dữ liệu ở {source}; kiểm tra lại --store.",
                                f"There is no store at {source}; check --store.")
        shutil.copytree(source, copy)
    location = StoreLocation(home=copy)
    window.work_dir = scratch / "books"
    window.work_dir.mkdir()
    window.resize(window.screen().availableGeometry().size())  # the whole screen, as --size asked
    window.show()
    window.open_store(location, demo_if_empty=True)
    settle(window, timeout=300)
    written: list[Path] = []
    try:
        for hook in screenshot_hooks():
            written += hook(window, out)
            settle(window)
    finally:
        window.close()
    for path in written:
        print(path)
    for exc in window.errors:  # shown on screen like any refusal; the pictures are still taken
        log.warning("shown while taking screenshots: %s", exc)
    return 0
