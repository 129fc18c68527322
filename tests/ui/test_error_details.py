"""A lost database or mail server is said in one plain line; the server's own words (which help
whoever supports the office) wait behind "Chi tiết", in the window and on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from mail.errors import MailServerUnreachable
from store.engine import open_store
from store.errors import StoreUnavailable
from store.location import StoreLocation
from ui.error_line import ErrorLine

NOWHERE = "postgresql://postgres@127.0.0.1:1/khong-co"
DRIVER_WORDS = ("Connection refused", "connection to server", "port 1 failed")


def unreachable_store_error() -> StoreUnavailable:
    with pytest.raises(StoreUnavailable) as err:
        open_store(StoreLocation(database_url=NOWHERE))
    return err.value


def test_the_store_error_keeps_the_drivers_words_apart_from_its_line():
    exc = unreachable_store_error()
    assert exc.vi.startswith("Không mở được kho dữ liệu postgresql://postgres@127.0.0.1:1/khong-co.")
    assert not any(words in exc.vi or words in exc.en for words in DRIVER_WORDS)
    assert any(words in exc.detail for words in DRIVER_WORDS), exc.detail


def test_the_windows_error_box_has_the_detail_behind_its_details_button(make_window):
    window = make_window()
    window.show_error(unreachable_store_error())
    box = [w for w in window.findChildren(QMessageBox) if w.isVisible()][-1]
    assert box.text().startswith("Không mở được kho dữ liệu")
    assert not any(words in box.text() for words in DRIVER_WORDS)
    assert any(words in box.detailedText() for words in DRIVER_WORDS)


def test_an_error_without_technical_words_has_no_details_button(make_window):
    from store.errors import InvalidInput

    window = make_window()
    window.show_error(InvalidInput("Thiếu tên.", "The name is missing."))
    box = [w for w in window.findChildren(QMessageBox) if w.isVisible()][-1]
    assert box.detailedText() == ""


def test_a_status_line_offers_the_detail_as_a_link(qtbot):
    line = ErrorLine()
    qtbot.addWidget(line)
    line.say_error(MailServerUnreachable("127.0.0.1:2", "[Errno 111] Connection refused"), "vi")
    assert line.line == ("Không kết nối được máy chủ thư 127.0.0.1:2; thư vẫn nằm trong hàng đợi, "
                         "hãy kiểm tra mạng và cấu hình rồi thử lại.")
    assert 'href="detail"' in line.text() and "Chi tiết" in line.text()
    box = line.show_detail()
    assert box is not None and box.detailedText() == "[Errno 111] Connection refused"
    box.close()

    line.say_ok("Kết nối được; kho có 3 đơn vị.")
    assert line.text() == "Kết nối được; kho có 3 đơn vị." and line.show_detail() is None


def test_the_first_start_page_says_the_line_and_keeps_the_detail(qtbot):
    from ui.first_start import FirstStartWizard
    from ui.settings import AppSettings
    from ui.tasks import SyncTaskRunner

    wizard = FirstStartWizard(AppSettings(), SyncTaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.store_page
    page.url_edit.setText(NOWHERE)
    page.test_button.click()
    assert page.result.line.startswith("Không mở được kho dữ liệu")
    assert not any(words in page.result.line for words in DRIVER_WORDS)
    assert any(words in page.result.detail for words in DRIVER_WORDS)


def test_the_command_line_prints_one_line_and_the_detail_only_when_asked(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "NGHISU_SETTINGS_DIR": str(tmp_path)}

    def nghisu(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ui.cli", *argv, "--database-url", NOWHERE, "units"],
                              capture_output=True, text=True, env=env, timeout=120)

    plain = nghisu()
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1
    assert plain.stderr.startswith("nghisu: Không mở được kho dữ liệu")
    assert not any(words in plain.stderr for words in DRIVER_WORDS)
    debug = nghisu("--debug")
    assert debug.returncode == 2
    assert any(line.startswith("nghisu: chi tiết — detail: ") and any(w in line for w in DRIVER_WORDS)
               for line in debug.stderr.splitlines())
