"""Help → About names the version, the build and the store's schema: what support asks first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from store.migrate import head_revision
from ui.about import about_facts


def test_the_about_box_names_version_build_and_schema(make_window, qtbot):
    window = make_window()
    assert window.about_action.text() == "Giới thiệu Nghị Sự"
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    text = box.text()
    facts = about_facts()
    assert f"Nghị Sự {facts.version}" in text and facts.version != "?"
    assert "Bản dựng: bản phát triển" in text  # a clone has no resources/build.txt; a bundle writes one
    assert f"Cấu trúc kho dữ liệu: {head_revision()}" in text
    box.close()
