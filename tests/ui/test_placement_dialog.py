"""An imported PDF whose signature block is not in its text, and whose usual signature place has
a footnote: "Duyệt" opens the page rendered, the leader draws the signer's field with the mouse;
a field over the footnote is refused in the core's words (and cannot be approved), one in the
empty space is accepted, and approval puts the signature and seal fields exactly there."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from reportlab.pdfgen import canvas

from documents.intake.service import inspect_pdf
from documents.papers import typeset as ts
from register.outgoing.drafts import draft_outgoing
from register.outgoing.placement import seal_over
from register.outgoing.queries import load_outgoing
from register.outgoing.records import Authority
from store.clock import FixedClock
from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import START
from tests.register.conftest import build_office
from ui.register_area.placement_dialog import PlacementDialog


def letter_without_a_block(offset: float = 0.0) -> bytes:
    """Page 1 of 2: the header and body; page 2: more body and footnotes bottom right (where a
    signature usually goes), and no signer's name anywhere. ``offset``: the pages' visible area
    starts there instead of at 0, 0 (as some producers write it), the content moved with it."""
    import pikepdf

    ts.register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, initialFontName=ts.FONT)
    c.translate(offset, offset)
    c.setFont(ts.FONT_BOLD, 13)
    c.drawString(90, 760, "Số:      /QĐ-UBND")
    c.setFont(ts.FONT, 13)
    for i in range(10):
        c.drawString(90, 700 - 18 * i, f"Nội dung quyết định, đoạn {i + 1}.")
    c.showPage()
    c.translate(offset, offset)
    c.setFont(ts.FONT, 13)
    for i in range(6):
        c.drawString(90, 760 - 18 * i, f"Điều {i + 1}. Tổ chức thực hiện.")
    for i in range(8):
        c.drawString(330, 80 + 14 * i, f"Ghi chú cuối trang số {i}")
    c.showPage()
    c.save()
    if not offset:
        return buf.getvalue()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        for page in pdf.pages:
            x1, y1, x2, y2 = (float(v) for v in page.MediaBox)
            page.MediaBox = pikepdf.Array([x1 + offset, y1 + offset, x2 + offset, y2 + offset])
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


@pytest.fixture(params=[0.0, 100.0], ids=["page-at-origin", "page-offset"])
def imported(tmp_path, request):
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    office = build_office(store)
    with store.uow(office.drafter) as uow:
        info = draft_outgoing(uow, inspect_pdf(letter_without_a_block(request.param)), filename="qd.pdf", doc_type="QĐ",
                              subject="Quyết định nhập từ phần mềm khác", drafting_unit_id=office.office,
                              signer_id=office.leader, authority=Authority.TM)
        uow.commit()
    yield store, office, info.id, request.param
    store.close()


def drag(widget, rect) -> None:
    """Press, move and release the left button across ``rect``, as a hand would."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.topLeft())
    QTest.mouseMove(widget, (rect.topLeft() + rect.bottomRight()) / 2)
    QTest.mouseMove(widget, rect.bottomRight())
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.bottomRight())


def test_the_leader_places_the_signature_with_the_mouse_and_text_is_never_covered(
        make_window, imported, monkeypatch, qtbot):
    store, office, oid, o = imported
    window = make_window(store, person_id=office.leader)
    area = window.register_area
    area.lists.setCurrentWidget(area.outgoing_view)
    area.outgoing_view.selectRow(0)
    seen = {}

    def place(dialog: PlacementDialog) -> QDialog.DialogCode:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert "sẽ che chữ ở trang 2" in dialog.why.text()  # why it asks
        assert dialog.page == 1 and dialog.document.pageCount() == 2
        canvas_ = dialog.canvas
        assert not canvas_.image.isNull() and canvas_.image.width() == 620  # page 2, rendered

        # Over the footnotes: the core refuses, naming the words; approval is not offered.
        drag(canvas_, dialog.to_rect((340 + o, 70 + o, 540 + o, 150 + o)))
        assert canvas_.ok is False and not dialog.ok_button.isEnabled()
        assert "«Ghi chú cuối trang" in dialog.verdict.text()

        # In the empty middle of the page, with the seal's third clear of the text: accepted.
        wanted = dialog.to_rect((330 + o, 330 + o, 530 + o, 420 + o))
        drag(canvas_, wanted)
        assert canvas_.ok is True and dialog.ok_button.isEnabled(), dialog.verdict.text()
        assert dialog.verdict.text() == "Vị trí này không che chữ và đủ chỗ cho chữ ký."
        page, box = dialog.signature_at()
        assert page == 1 and all(abs(a - b - o) <= 1.5 for a, b in zip(box, (330, 330, 530, 420), strict=True))
        # The pixels under the field are the page's empty middle, whatever the page's origin.
        assert wanted.top() == pytest.approx((842 - 420) * 620 / 595.3, abs=2)
        assert canvas_.seal == dialog.to_rect(seal_over(box))  # the seal at its real size, shown dashed
        seen["box"] = box
        dialog.hide()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PlacementDialog, "exec", place)
    area.outgoing_actions.approve_button.click()
    assert not window.errors, window.errors
    assert area.outgoing_actions.page.detail.info.status == "approved"
    with store.read() as s:
        layout = load_outgoing(s, oid).layout
    assert layout["signature_page"] == 1 and tuple(layout["signature"]) == pytest.approx(seen["box"], abs=0.5)  # in whole points, as written
    assert tuple(layout["seal"]) == pytest.approx(seal_over(tuple(float(round(v)) for v in seen["box"])))


def test_cancelling_the_placement_approves_nothing(make_window, imported, monkeypatch):
    store, office, oid, _ = imported
    window = make_window(store, person_id=office.leader)
    area = window.register_area
    area.lists.setCurrentWidget(area.outgoing_view)
    area.outgoing_view.selectRow(0)
    monkeypatch.setattr(PlacementDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    area.outgoing_actions.approve_button.click()
    assert not window.errors and area.outgoing_actions.page.detail.info.status == "draft"
    assert area.outgoing_actions.approve_button.isEnabled()
    with store.read() as s:
        assert load_outgoing(s, oid).current_version_no == 1
