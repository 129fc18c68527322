"""The frame: units and meetings, filter and sort, search that opens the PDF at the page, the
one place errors are shown, settings, shortcuts, remembered layout, and how `nghisu` starts."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QKeySequence

from store.errors import InvalidInput
from ui.settings import AppSettings, SettingsDialog
from ui.tasks import SyncTaskRunner

ROOT = Path(__file__).resolve().parents[2]


def test_units_meetings_filter_and_sort(make_window, demo_store):
    window = make_window(demo_store)
    assert window.unit_title.text() == "Tỉnh Quảng Trị"
    view = window.proxy
    assert view.rowCount() == 2
    window.filter_edit.setText("tháng 12")
    assert view.rowCount() == 1 and view.index(0, 1).data().endswith("tháng 12 năm 2026")
    window.filter_edit.clear()
    window.meeting_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert view.index(0, 0).data() == "08/12/2026 08:00"
    window.meeting_view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert view.index(0, 2).data() == "dự thảo"
    # The district's meetings when the district is chosen.
    vinh_linh = window.units.index(0, 0, window.units.index(0, 0))
    window.unit_view.setCurrentIndex(vinh_linh)
    assert window.unit_title.text() == "Huyện Vĩnh Linh"
    assert [window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())] == [
        "Hội nghị UBND huyện Vĩnh Linh chuyên đề chuyển đổi số"]


def test_search_hit_opens_the_pdf_at_its_page(make_window, demo_store, monkeypatch):
    window = make_window(demo_store)
    opened = []
    monkeypatch.setattr(window, "open_pdf", lambda data, title, page=1, highlight=None:
                        opened.append((data[:5], title, page, highlight)))
    window.find_action.trigger()
    assert window.search_dock.edit.hasFocus() or not window.isActiveWindow()
    window.search_dock.edit.setText("ke hoach phong chong thien tai")
    window.search_dock.run()
    assert window.search_dock.isVisible() and window.search_dock.hits.rowCount() > 0
    hit = window.search_dock.hits.hit(0)
    window.search_dock.open_hit(window.search_dock.hits.index(0, 0))
    assert opened == [(b"%PDF-", hit.number or hit.title, hit.page, "ke hoach phong chong thien tai")]


def test_open_pdf_without_a_viewer_says_so(make_window, demo_store, monkeypatch):
    window = make_window(demo_store)
    monkeypatch.setitem(sys.modules, "ui.viewer.viewer", None)  # as if the viewer were not installed
    assert window.open_pdf(b"%PDF-1.7", "x") is None
    assert window.tabs.count() == 2  # the meetings list and "Văn bản", nothing more


def test_errors_are_shown_in_one_place_in_plain_words(make_window, demo_store, caplog):
    window = make_window(demo_store)
    window.show_error(InvalidInput("Thiếu tên.", "The name is missing."))
    from PySide6.QtWidgets import QMessageBox

    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and boxes[-1].text() == "Thiếu tên."
    with caplog.at_level(logging.ERROR):
        window.show_error(ZeroDivisionError("division by zero"))
    texts = [w.text() for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert any(t.startswith("Đã có lỗi không mong đợi") for t in texts)
    assert not any("ZeroDivisionError" in t or "Traceback" in t for t in texts)
    assert "ZeroDivisionError" in caplog.text  # the traceback went to the log


def test_shortcuts(make_window):
    window = make_window()
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+N", "Ctrl+F", "Ctrl+O", "Ctrl+B", "F5", "Ctrl+Q"} <= shortcuts
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_layout_is_remembered_in_the_private_settings(make_window, private_settings):
    window = make_window()
    window.resize(700, 500)  # within the offscreen screen (800 × 600)
    window.close()
    assert (private_settings / "nghisu.ini").is_file()
    assert QSettings("NghiSu", "nghisu").value("window/geometry") is None  # the real place untouched
    again = make_window(resize=False)
    assert (again.width(), again.height()) == (700, 500)


def test_settings_dialog_tests_the_connection_and_saves(qtbot, demo_store, clerk_id, tmp_path):
    settings = AppSettings()
    dialog = SettingsDialog(settings, SyncTaskRunner(), demo_store)
    qtbot.addWidget(dialog)
    dialog.folder.setChecked(True)
    dialog.dir_edit.setText(str(demo_store.location.home))
    dialog.test_button.click()
    assert dialog.test_result.text() == "Kết nối được; kho có 22 đơn vị."
    dialog.postgres.setChecked(True)
    dialog.url_edit.setText("mysql://nobody@nowhere/x")
    dialog.test_button.click()
    assert "PostgreSQL" in dialog.test_result.text()
    dialog.folder.setChecked(True)
    dialog.person.setCurrentIndex(dialog.person.findData(clerk_id))
    dialog.certificates.list.addItem(str(tmp_path / "toi.p12"))
    dialog.language.setCurrentIndex(1)
    dialog.accept()
    again = AppSettings()
    assert again.store_arguments() == (str(demo_store.location.home), None)
    assert again.person_id == clerk_id
    assert again.certificates == [str(tmp_path / "toi.p12")]
    assert again.language == "en"


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    env.update(QT_QPA_PLATFORM="offscreen", NGHISU_SETTINGS_DIR=str(tmp_path / "settings"))
    return env


def test_plain_nghisu_opens_the_window(demo_template, tmp_path):
    home = tmp_path / "store"
    shutil.copytree(demo_template, home)
    env = _env(tmp_path) | {"NGHISU_STARTUP_PROBE": "1"}
    proc = subprocess.run([sys.executable, "-m", "ui.cli", "--store", str(home)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "NGHISU_WINDOW_SHOWN" in proc.stdout


@pytest.mark.slow
def test_screenshot_command_leaves_no_temporary_folder_and_photographs_a_store_only_when_asked(
        demo_template, tmp_path):
    home = tmp_path / "store"
    shutil.copytree(demo_template, home)
    before = sorted((p.relative_to(home), p.stat().st_size) for p in home.rglob("*") if p.is_file())
    out = tmp_path / "shots"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in _env(tmp_path).items() if k != "NGHISU_SETTINGS_DIR"} | {"TMPDIR": str(temp)}

    def shoot(*options: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ui.cli", "--store", str(home), "gui", "--screenshot", str(out),
                               *options], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    refused = shoot()  # a named store is not photographed unless asked: the README's pictures are the demo's
    assert refused.returncode == 2 and "--own-store" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not out.exists()
    badly_sized = shoot("--own-store", "--size", "1366 by 768")
    assert badly_sized.returncode == 2 and len(badly_sized.stderr.strip().splitlines()) == 1
    # An office PC's screen at Windows' 150 % scaling: the window gets 911×512 points and the
    # pictures come out at the screen's real pixels.
    proc = shoot("--own-store", "--size", "1366x768", "--scale", "1.5")
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    # Every view of the main window (the reader, the report, mail and stamps dialogs are windows of their own)
    # fits the screen: the live console, a search and a PDF viewer open included.
    window_views = [n for n in names if not n.startswith(("08-", "14-", "15-", "16-", "20-", "21-"))]
    assert len(window_views) >= 10
    for name in window_views:
        width, height = QImage(str(out / name)).size().toTuple()
        assert 1340 <= width <= 1367 and 740 <= height <= 768, (name, width, height)
    assert {"01-danh-sach-cuoc-hop.png", "02-chuong-trinh.png", "04-tai-lieu.png"} <= set(names)
    assert all((out / n).stat().st_size > 20_000 for n in names)  # drawn, not blank
    assert list(temp.iterdir()) == []  # settings, the store's copy and the books were all removed
    # the person's store was only copied: the tour published and started a meeting on the copy
    assert sorted((p.relative_to(home), p.stat().st_size) for p in home.rglob("*") if p.is_file()) == before
