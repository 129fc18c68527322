"""`nghisu gui FILE.pdf` ("Mở bằng Nghị Sự" in the file manager) opens the file in a viewer tab;
a missing or oversized file is one plain line, not a traceback."""

from __future__ import annotations

import pikepdf

from ui.viewer.viewer import PdfViewer


def test_a_pdf_from_disk_opens_in_a_viewer_tab(make_window, tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    path = tmp_path / "Công văn 15.pdf"
    pdf.save(path)
    window = make_window()
    window.open_file(str(path))
    viewer = window.tabs.currentWidget()
    assert isinstance(viewer, PdfViewer)
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("Công văn 15")
    assert window.errors == []


def test_a_missing_file_is_said_plainly(make_window, tmp_path):
    window = make_window()
    tabs = window.tabs.count()
    window.open_file(str(tmp_path / "khong-co.pdf"))
    assert window.tabs.count() == tabs  # no viewer opened
    assert len(window.errors) == 1 and "khong-co.pdf" in str(window.errors[0])
