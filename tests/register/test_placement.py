"""Signature fields on an imported PDF go where its signature block is, found from the page text
(the signer's name, under the title); the number and date go over ``Số:`` and the date line;
a stamp never covers text."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from documents.papers import typeset as ts
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from register.outgoing.page_text import check_clear, placement_from_text
from register.outgoing.placement import Placement
from store.errors import InvalidInput


def imported_decision() -> tuple[bytes, Placement]:
    """A decision as another program made it: the generator's own layout is what it should find."""
    return render_document(DocumentContent(
        agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject="Quy chế làm việc",
        paragraphs=tuple(sample_paragraphs("quy chế làm việc")) * 3, block_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer_name="Trần Thị Thu Hà", recipients=("Như Điều 3", "Lưu: VT")))


def inside(inner, outer, slack=3.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def test_the_block_is_found_between_the_title_and_the_signers_name():
    pdf, truth = imported_decision()
    found = placement_from_text(pdf, "Trần Thị Thu Hà")
    assert found.signature_page == truth.signature_page
    sig = found.signature
    assert sig[3] - sig[1] >= 50  # the space left for the signature, not a sliver
    assert inside(truth.signature, (sig[0] - 30, sig[1] - 6, sig[2] + 30, sig[3] + 6))
    # The number over "Số:" on page 1's left, the date line on its right, on one row.
    assert found.number[2] <= found.date[0] + 1 and abs(found.number[1] - found.date[1]) < 6
    check_clear(pdf, found)


def _page(lines: list[tuple[float, float, str]]) -> bytes:
    ts.register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, initialFontName=ts.FONT)
    for x, y, text in lines:
        c.setFont(ts.FONT_BOLD, 13)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_block_without_room_for_a_signature_is_refused_saying_so():
    pdf = _page([(90, 760, "Số:      /QĐ-UBND"), (360, 300, "CHỦ TỊCH"), (350, 284, "Nguyễn Văn Minh")])
    with pytest.raises(InvalidInput, match="không đủ chỗ trống giữa chức danh và họ tên"):
        check_clear(pdf, placement_from_text(pdf, "Nguyễn Văn Minh"))


def test_a_field_that_would_cover_text_is_refused_naming_the_words():
    # No name on the page: the usual place, bottom right, is where this page has its footnote.
    pdf = _page([(90, 760, "Số:      /QĐ-UBND")] + [(330, 80 + 14 * i, f"Ghi chú cuối trang số {i}") for i in range(8)])
    with pytest.raises(InvalidInput, match="sẽ che chữ ở trang 1 \\(«Ghi chú") as err:
        check_clear(pdf, placement_from_text(pdf, "Nguyễn Văn Minh"))
    assert "a stamp never covers the content" in err.value.en
