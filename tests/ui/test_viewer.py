"""The PDF viewer, driven as a person drives it: open at a page, turn pages, zoom, search, thumbnails.

Real generated Vietnamese PDFs, real QtPdf rendering (offscreen), a synchronous task runner so
background work finishes before the next line (one test uses the real threaded runner).
"""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from demo.samples import SampleSpec, generate_pdf
from ui.tasks import SyncTaskRunner, TaskRunner
from ui.viewer.render_cache import RenderCache
from ui.viewer.thumbnails import ThumbnailModel
from ui.viewer.viewer import PdfViewer


@pytest.fixture(scope="module")
def decision_pdf() -> bytes:
    """A draft decision (Quyết định) of about 6 pages: "quyết định" appears on several pages."""
    return generate_pdf(SampleSpec(doc_type="QĐ", number="12/QĐ-UBND", pages=6, seed=3))


@pytest.fixture()
def viewer(qtbot):
    v = PdfViewer()
    v.set_task_runner(SyncTaskRunner())
    v.set_auto_verify(False)  # verification is tested in tests/ui/test_signature_panel.py
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close_document()


def _open(qtbot, v: PdfViewer, data: bytes, **kw) -> None:
    with qtbot.waitSignal(v.firstPagePainted, timeout=10000):
        v.open_bytes(data, "Dự thảo Quyết định", **kw)


def test_opens_at_the_requested_page(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf, page=3)
    assert viewer.current_page() == 3
    assert viewer.toolbar.page_box.text() == f"3 / {viewer.page_count()}"
    # Page 3's top edge is at the top of the view, not just "somewhere on screen".
    assert abs(viewer.view.page_rect(2).top()) <= viewer.view.documentMargins().top() + 1


def test_page_turns_by_buttons_and_keys(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf)
    count = viewer.page_count()
    seen: list[int] = []
    viewer.pageChanged.connect(seen.append)
    viewer.nav.next_page()
    assert viewer.current_page() == 2
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
    assert viewer.current_page() == 3
    qtbot.keyClick(viewer.view, Qt.Key.Key_End)
    assert viewer.current_page() == count
    assert not viewer.toolbar.act_next.isEnabled()
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageUp)
    assert viewer.current_page() == count - 1
    qtbot.keyClick(viewer.view, Qt.Key.Key_Home)
    assert viewer.current_page() == 1
    assert seen[:3] == [2, 3, count]
    viewer.toolbar.page_box.setValue(4)
    assert viewer.current_page() == 4
    viewer.nav.go_to_page(999)  # out of range: the last page, no error
    assert viewer.current_page() == count


def test_zoom_in_out_fit_width_and_fit_page(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf, page=2)
    view = viewer.view
    margins = view.documentMargins()
    assert view.page_rect(1).width() == view.viewport().width() - margins.left() - margins.right()  # fit width
    start = viewer.nav.zoom_factor()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = viewer.nav.zoom_factor()
    assert bigger > start
    assert viewer.current_page() == 2  # zooming keeps the page
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.nav.zoom_factor() < bigger
    wheel = QWheelEvent(QPointF(200, 200), QPointF(view.mapToGlobal(QPoint(200, 200))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    before = viewer.nav.zoom_factor()
    QApplication.sendEvent(view.viewport(), wheel)
    assert viewer.nav.zoom_factor() > before
    assert viewer.toolbar.zoom_label.text() == f"{round(viewer.nav.zoom_factor() * 100)} %"
    viewer.nav.fit_page()
    page = view.page_rect(viewer.current_page() - 1)
    assert page.height() <= view.viewport().height() and page.width() <= view.viewport().width()
    assert viewer.toolbar.act_fit_page.isChecked() and not viewer.toolbar.act_fit_width.isChecked()
    viewer.nav.fit_width()
    assert viewer.toolbar.act_fit_width.isChecked()


def _yellow_and_dark(view, rect) -> tuple[int, int, int]:
    img = view.viewport().grab().toImage()
    yellow = dark = total = 0
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2):
        for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1, 2):
            c = img.pixelColor(x, y)
            total += 1
            if c.red() > 200 and c.green() > 180 and c.blue() < 200:
                yellow += 1
            if c.red() < 120 and c.green() < 120:
                dark += 1
    return yellow, dark, total


@pytest.mark.parametrize("query", ["quyết định", "quyet dinh", "QUYET ĐINH"])
def test_search_ignores_case_and_diacritics_and_moves_to_the_hit(qtbot, viewer, decision_pdf, query):
    _open(qtbot, viewer, decision_pdf)
    qtbot.keyClick(viewer.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert viewer.find_bar.isVisible()
    viewer.find_bar.edit.setText(query)  # QTest cannot type non-ASCII keys
    qtbot.keyClick(viewer.find_bar.edit, Qt.Key.Key_Return)
    hits = viewer.search.hits
    pages = sorted({h.page for h in hits})
    assert len(hits) >= 3 and len(pages) >= 2, pages
    assert viewer.search.current == 0
    assert viewer.find_bar.status.text() == f"1 / {len(hits)} kết quả"
    # The next hit on another page: the viewer goes there.
    later = next(i for i, h in enumerate(hits) if h.page > hits[0].page)
    viewer.search.set_current(later)
    assert viewer.current_page() == hits[later].page + 1
    # The highlight sits on the words: tinted yellow, with the dark letters under it.
    qtbot.wait(300)
    rect = viewer.view.hit_rect(hits[later])
    assert viewer.view.viewport().rect().contains(rect.toRect())
    qtbot.waitUntil(lambda: _yellow_and_dark(viewer.view, rect)[1] > 0, timeout=5000)
    yellow, dark, total = _yellow_and_dark(viewer.view, rect)
    assert yellow > total * 0.3 and dark > total * 0.03, (yellow, dark, total)


def test_open_with_highlight_marks_the_term_from_that_page(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf, page=2, highlight="quyet dinh")
    hit = viewer.search.hits[viewer.search.current]
    assert hit.page >= 1  # the first hit on or after page 2, not the title on page 1
    assert viewer.current_page() == hit.page + 1
    assert viewer.find_bar.isVisible() and viewer.find_bar.edit.text() == "quyet dinh"


def test_search_for_something_absent_says_so(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf, page=2)
    viewer.search.search("không có cụm từ này xyz")
    assert viewer.search.hits == [] and viewer.current_page() == 2
    assert viewer.find_bar.status.text() == "Không thấy"


def test_thumbnails_are_rendered_lazily_over_white(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, decision_pdf)
    model = viewer.thumbnail_model
    assert model.rowCount() == viewer.page_count()
    qtbot.waitUntil(lambda: model.rendered_count >= 2, timeout=5000)
    pix = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    img = pix.toImage()
    assert img.pixelColor(img.width() // 2, 3).name() == "#ffffff"  # the top margin: white, not transparent
    # A click on a thumbnail turns to that page.
    viewer.thumbnails.pageActivated.emit(3)
    assert viewer.current_page() == 4


def test_thumbnail_model_passes_the_model_tester(qtmodeltester, decision_pdf, qtbot):
    v = PdfViewer()
    qtbot.addWidget(v)
    v.set_task_runner(SyncTaskRunner())
    v.set_auto_verify(False)
    v.open_bytes(decision_pdf, "x")
    qtmodeltester.check(v.thumbnail_model)
    qtmodeltester.check(ThumbnailModel(None))


def _with_outline(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_outline_item("I. Tờ trình", 0)
    writer.add_outline_item("II. Dự thảo Nghị quyết", 3)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_outline_lists_bookmarks_and_jumps(qtbot, viewer, decision_pdf):
    _open(qtbot, viewer, _with_outline(decision_pdf))
    model = viewer.outline_model
    assert model.rowCount() == 2 and viewer.side.isTabVisible(1)
    second = model.index(1, 0)
    assert second.data() == "II. Dự thảo Nghị quyết"
    viewer.outline.activated.emit(second)
    assert viewer.current_page() == 4
    _open(qtbot, viewer, decision_pdf)  # no bookmarks: no outline tab
    assert not viewer.side.isTabVisible(1)


def test_damaged_file_shows_a_message_not_an_error(qtbot, viewer):
    viewer.open_bytes(b"%PDF-1.7\nthis is not really a pdf", "Hỏng.pdf")
    assert viewer.message.isVisible() and "Hỏng.pdf" in viewer.message.text()
    assert viewer.current_page() == 0 and not viewer.toolbar.act_next.isEnabled()


def test_render_cache_prefetches_neighbours_over_white(qtbot, decision_pdf):
    v = PdfViewer()
    qtbot.addWidget(v)
    v.set_task_runner(SyncTaskRunner())
    v.set_auto_verify(False)
    v.open_bytes(decision_pdf, "x")
    cache = RenderCache(v.document, SyncTaskRunner(), width=300, capacity=3)
    cache.prefetch_around(2)
    assert all(cache.has(p) for p in (1, 2, 3)) and not cache.has(0)
    img = cache.image(3)
    assert img.width() == 300 and img.hasAlphaChannel() is False
    assert img.pixelColor(5, 5).name() == "#ffffff"
    cache.prefetch_around(4)  # capacity 3: the oldest pages go
    assert cache.has(4) and cache.has(5) and not cache.has(1)
    cache.set_width(200)
    assert not cache.has(4)


def test_real_threads_finish_and_leave_nothing_running(qtbot, decision_pdf):
    runner = TaskRunner()
    v = PdfViewer()
    qtbot.addWidget(v)
    v.set_task_runner(runner)
    v.set_auto_verify(False)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    _open(qtbot, v, decision_pdf, page=2, highlight="ủy ban nhân dân")
    qtbot.waitUntil(lambda: bool(v.search.hits) and v.thumbnail_model.rendered_count >= 1, timeout=15000)
    assert v.current_page() >= 2
    cache = RenderCache(v.document, runner, width=200)
    with qtbot.waitSignal(cache.pageReady, timeout=10000):
        cache.prefetch_around(0)
    v.close_document()
    runner.shutdown()
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10000)
