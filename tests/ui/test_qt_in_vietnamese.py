"""Qt's own dialogs, buttons and menus speak Vietnamese when the app does.

Qt ships no Vietnamese for its own strings, so a file dialog, a Yes/No question or a text field's
context menu would be in English in a Vietnamese app; resources/translations/qt_vi.ts supplies
them and the app loads it in Vietnamese.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit, QMessageBox

from ui.app import install_translation

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "qt_vi.ts"
ENGLISH = ("Cancel", "Open", "File name", "Files of type", "Look in", "Yes", "No", "Copy", "Paste", "Select All",
           "Show Details", "Save")


@pytest.fixture
def vietnamese(qapp):
    translator = install_translation(qapp, "vi")
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)


def texts(widget) -> list[str]:
    shown = [w for w in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    found = [w.text() for w in shown] + [w.toolTip() for w in shown]
    return [t.replace("&", "") for t in found if t]


def english_in(strings: list[str]) -> list[str]:
    return [s for s in strings if any(word in s for word in ENGLISH)]


def test_the_file_dialog_is_in_vietnamese(vietnamese, qtbot):
    dialog = QFileDialog(None, "Chọn tài liệu", "", "Tệp PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = texts(dialog)
    assert {"Tên tệp:", "Loại tệp:", "Tìm trong:", "Mở", "Hủy", "Thư mục cha", "Tạo thư mục mới", "Chi tiết", "Danh sách"} <= set(shown), shown
    assert english_in(shown) == []

    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    assert "Lưu" in texts(dialog)


def test_standard_buttons_and_the_details_button(vietnamese, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Nghị Sự", "Xóa mục này?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    box.setDetailedText("chi tiết kỹ thuật")
    qtbot.addWidget(box)
    box.show()
    shown = texts(box)
    assert {"Có", "Không", "Hủy", "Chi tiết..."} <= set(shown), shown
    assert english_in(shown) == []


def test_a_text_fields_context_menu(vietnamese, qtbot):
    field = QLineEdit("Nghị Sự")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    labels = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert {"Hoàn tác", "Cắt", "Sao chép", "Dán", "Chọn tất cả"} <= set(labels), labels
    assert english_in(labels) == []


def test_english_keeps_qts_english(qapp, qtbot):
    translator = install_translation(qapp, "en")
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "Nghị Sự", "?", QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        box.show()
        assert "Cancel" in texts(box)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_compiled_file_is_current(tmp_path):
    out = tmp_path / "qt_vi.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run pyside6-lrelease on qt_vi.ts"
