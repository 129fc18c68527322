"""Where the words are on a PDF's page (PDFium's text page), for fields that must never cover
them: the signature and the seal.

Read only from bytes that passed intake (``documents.intake``: PDFium opened them in the
sandboxed worker without trouble), or from a file the person chose to sign on this computer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


@contextmanager
def pdfium_document(pdf: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    doc = pdfium.PdfDocument(pdf)
    try:
        yield doc
    finally:
        doc.close()


def norm(r: tuple[float, float, float, float]) -> Box:
    x0, y0, x1, y1 = r
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def text_rects(doc: Any, page_ix: int) -> list[Box]:
    """Every run of text on the page, as boxes in PDF points."""
    page = doc[page_ix]
    tp = page.get_textpage()
    try:
        n = tp.count_rects(0, -1)
        return [norm(tp.get_rect(i)) for i in range(n)]
    finally:
        tp.close()
        page.close()


def overlaps(a: Box, b: Box, slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def clear_of_text(pdf: bytes, page_ix: int, boxes: list[Box]) -> bool:
    """True when none of ``boxes`` covers any of the page's words (``page_ix`` negative: from the
    end); False also when PDFium cannot read the page (nothing is known to be clear)."""
    import pypdfium2 as pdfium  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    try:
        with pdfium_document(pdf) as doc:
            ix = page_ix if page_ix >= 0 else len(doc) + page_ix
            words = text_rects(doc, ix)
    except pdfium.PdfiumError:
        return False
    return not any(overlaps(box, word) for box in boxes for word in words)
