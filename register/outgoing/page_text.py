"""Where things are on an imported PDF's pages, read from its text (PDFium).

The signature block is found by the signer's name (the signature goes in the space between
the title above it and the name), the number and date by ``Số:`` and ``ngày`` on page 1. Every
field is then checked against the page's text: a stamp never covers text.

The bytes read here have passed intake (``documents.intake``) already: they are a PDF that
PDFium opened in the sandboxed worker without trouble.
"""

from __future__ import annotations

from typing import Any

from register.outgoing.placement import MM, Box, Placement, PlacementRefused, default_placement, seal_over
from signing.pdf.page_words import norm as _norm
from signing.pdf.page_words import overlaps as _overlaps
from signing.pdf.page_words import pdfium_document as _document
from signing.pdf.page_words import text_rects

#: Widest signature field, and the space it needs at least between the title and the name; at
#: most as tall as a 40 mm seal centred on the signature needs (the seal is checked on its own).
SIGNATURE_WIDTH, MIN_HEIGHT, MAX_HEIGHT = 200.0, 36.0, 130.0


def _find(doc: Any, page_ix: int, needle: str) -> list[Box]:
    page = doc[page_ix]
    tp = page.get_textpage()
    out: list[Box] = []
    try:
        searcher = tp.search(needle, match_case=True)
        while (hit := searcher.get_next()) is not None:
            start, count = hit
            rects = [_norm(tp.get_rect(i)) for i in range(tp.count_rects(start, count))]
            if rects:
                out.append((min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
                            max(r[3] for r in rects)))
        searcher.close()
    finally:
        tp.close()
        page.close()
    return out


def _same_line(a: Box, b: Box) -> bool:
    return min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _line_from(rects: list[Box], start: Box, x_limit: float) -> Box:
    """The text of ``start``'s line from it rightwards, up to ``x_limit``."""
    parts = [r for r in rects if _same_line(r, start) and r[0] >= start[0] - 1 and r[2] <= x_limit + 1]
    parts.append(start)
    return (min(r[0] for r in parts), min(r[1] for r in parts), max(r[2] for r in parts), max(r[3] for r in parts))


def _signature_above(rects: list[Box], name: Box, page_w: float) -> Box:
    """The empty space above the signer's name, under the title, centred on the name."""
    cx = (name[0] + name[2]) / 2
    x0, x1 = max(cx - SIGNATURE_WIDTH / 2, 4.0), min(cx + SIGNATURE_WIDTH / 2, page_w - 4.0)
    bottom = name[3] + 2
    above = [r[1] for r in rects if r[1] > name[3] and r[0] < x1 and r[2] > x0]
    top = min([*above, bottom + MAX_HEIGHT + 2]) - 2
    return (x0, bottom, x1, top)


def placement_from_text(pdf: bytes, signer_name: str) -> Placement:
    """Where this document's number, date and signatures go, from its text; what is not found
    falls back to the usual place (``default_placement``), which ``check_clear`` then checks."""
    with _document(pdf) as doc:
        width, height = doc[0].get_size()
        fallback = default_placement(width, height)
        first = text_rects(doc, 0)
        number, date = fallback.number, fallback.date
        so = _find(doc, 0, "Số:") or _find(doc, 0, "Số")
        if so:
            start = max(so, key=lambda b: b[3])  # the topmost: ô 3 of the header
            line = _line_from(first, start, width * 0.5)
            number = (line[0] - 2, line[1] - 3, max(line[2], line[0] + 150), line[3] + 3)
            days = [d for d in _find(doc, 0, "ngày") if abs(d[1] - start[1]) < 20 and d[0] > width * 0.4]
            if days:
                day_line = _line_from(first, days[0], width - 10)
                lead = [r for r in first if _same_line(r, days[0]) and r[2] <= days[0][0] + 1 and r[0] > width * 0.45]
                x0 = min([day_line[0], *(r[0] for r in lead)])
                date = (x0 - 2, day_line[1] - 3, day_line[2] + 2, day_line[3] + 3)
            else:
                date = (max(number[2] + 4, width * 0.5), number[1], width - 15 * 72 / 25.4, number[3])
        sig_page, signature = fallback.signature_page, fallback.signature
        for ix in reversed(range(len(doc))):
            hits = _find(doc, ix, signer_name) if signer_name.strip() else []
            if hits:
                name = min(hits, key=lambda b: b[1])  # the lowest: the block's name line
                w, _h = doc[ix].get_size()
                signature = _signature_above(text_rects(doc, ix), name, w)
                sig_page = ix
                break
    return Placement(number, date, sig_page, signature, seal_over(signature))


def check_clear(pdf: bytes, where: Placement) -> None:
    """Refuse a signature or seal field that would cover text, naming the page and the words.

    Text here is the page's own content (PDFium's text page): a signature field's appearance is
    an annotation, never part of it. So the seal, which lies over the signer's image on purpose
    (``seal_over``), is refused only over the document's words, and the check gives the same
    answer on a file the signer has already signed. The seal is checked at its real size: a
    stamp is never drawn smaller to fit (a văn thư stamps the seal as it is), so a block without
    room for it is refused, saying how much room the seal needs."""
    with _document(pdf) as doc:
        ix = where.signature_page if where.signature_page >= 0 else len(doc) + where.signature_page
        box = where.signature
        height = box[3] - box[1]
        if height < MIN_HEIGHT:
            raise PlacementRefused(
                f"Ô chữ ký của người ký ở trang {ix + 1} chỉ cao {height:.0f} pt: không đủ chỗ trống giữa chức danh "
                "và họ tên người ký; hãy tự chọn vị trí ô ký.",
                f"The signer's signature field on page {ix + 1} is only {height:.0f} pt high: there is no room between "
                "the title and the signer's name; place the field yourself.")
        words = _covered(doc, ix, box)
        if words is not None:
            raise PlacementRefused(
                f"Ô chữ ký của người ký sẽ che chữ ở trang {ix + 1} («{words}»); không ký đè lên nội dung. "
                "Hãy chọn vị trí ô ký khác hoặc để trống chỗ ký trong văn bản.",
                f"The signer's signature field would cover text on page {ix + 1} («{words}»); a stamp never covers "
                "the content. Place the field elsewhere or leave room for the signature in the document.")
        seal = where.seal
        mm, need = (seal[3] - seal[1]) / MM, (seal[3] - seal[1]) / MM + 3
        page = doc[ix]
        left, bottom, right, top = _norm(page.get_cropbox())
        page.close()
        words = _covered(doc, ix, seal)
        off_page = seal[0] < left - 0.5 or seal[1] < bottom - 0.5 or seal[2] > right + 0.5 or seal[3] > top + 0.5
        if words is not None or off_page:
            what_vi = f"sẽ che chữ ở trang {ix + 1} («{words}»)" if words is not None else f"sẽ ra ngoài trang {ix + 1}"
            what_en = f"would cover text on page {ix + 1} («{words}»)" if words is not None else \
                f"would fall off page {ix + 1}"
            raise PlacementRefused(
                f"Con dấu của cơ quan, đóng đúng kích thước thật ({mm:.0f} mm) trùm một phần ba chữ ký, {what_vi}; "
                f"không đóng dấu đè lên nội dung. Hãy để trống ít nhất {need:.0f} mm giữa chức danh và họ tên người "
                "ký (thêm dòng trống rồi nộp lại dự thảo) hoặc tự chọn vị trí ô ký.",
                f"The organisation's seal at its real size ({mm:.0f} mm), over a third of the signature, {what_en}; "
                f"a stamp never covers the content. Leave at least {need:.0f} mm between the title and the "
                "signer's name (add empty lines and revise the draft) or place the field yourself.")


def _covered(doc: Any, ix: int, box: Box) -> str | None:
    """The first words of the page's text under ``box``, or ``None`` when it covers none."""
    covered = [r for r in text_rects(doc, ix) if _overlaps(box, r)]
    if not covered:
        return None
    page = doc[ix]
    tp = page.get_textpage()
    try:
        return " ".join(tp.get_text_bounded(*r).strip() for r in covered[:3]).strip()[:80]
    finally:
        tp.close()
        page.close()
