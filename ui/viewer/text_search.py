"""Search a PDF's text ignoring case and diacritics, and say where each hit is on its page.

QPdfSearchModel matches "quyết định" only when the diacritics are typed exactly; people type
"quyet dinh" as often as not. So the viewer searches the folded text itself (documents.text's
``fold_chars``: one character in, one character out) with PDFium through pypdfium2 and asks
PDFium for the rectangles of the matched characters.

Plain Python, no Qt: the search runs on a worker thread of the task runner. pypdfium2's PDFium
is not thread-safe, so every use here holds ``_PDFIUM_LOCK``; QtPdf carries its own PDFium
copy and is not affected.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from documents.text import fold_chars, fold_for_search

log = logging.getLogger(__name__)

_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class SearchHit:
    """One match: the 0-based page and its rectangles in points, origin at the page's top left."""

    page: int
    rects: tuple[tuple[float, float, float, float], ...]  # x, y, width, height
    text: str = ""


@dataclass
class _PageText:
    folded: str  # folded, whitespace runs collapsed to one space
    char_index: list[int]  # folded position -> PDFium char index


@dataclass
class DocumentText:
    """The folded text of every page, extracted once per document and reused by each search."""

    data: bytes
    pages: list[_PageText] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _fold_page(raw: str) -> _PageText:
    """Fold ``raw`` (one str character per PDFium char index) keeping the index of each output char.

    Combining marks (text stored as base letter + mark) fold to nothing, so "e" + "̂" + "́"
    matches "e" like "ế" does; runs of non-letters collapse to one space.
    """
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(raw):
        if unicodedata.combining(ch):
            continue
        f = fold_chars(ch) if not ch.isascii() else (ch.lower() if ch.isalnum() else " ")
        f = f[:1] or " "
        if f == " " and (not out or out[-1] == " "):
            continue
        out.append(f)
        idx.append(i)
    return _PageText("".join(out), idx)


def _raw_page_chars(textpage, pdfium_c) -> str:
    n = textpage.count_chars()
    if n <= 0:
        return ""
    text = textpage.get_text_range(0, n)
    if len(text) == n:
        return text
    # Rare: PDFium inserted or dropped characters in the text view; ask char by char.
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 32) for i in range(n))


def _extract(doc: DocumentText, cancelled: Callable[[], bool]) -> list[_PageText] | None:
    import pypdfium2 as pdfium  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    pages: list[_PageText] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            for i in range(len(pdf)):
                if cancelled():
                    return None
                try:
                    page = pdf[i]
                    textpage = page.get_textpage()
                    pages.append(_fold_page(_raw_page_chars(textpage, pdfium_c)))
                    textpage.close()
                    page.close()
                except Exception:  # a damaged page: nothing to find on it, the rest still counts
                    log.info("no text on page %d", i + 1, exc_info=True)
                    pages.append(_PageText("", []))
        finally:
            pdf.close()
    return pages


def _rects(pdf, page_index: int, spans: list[tuple[int, int]]) -> list[tuple[tuple[float, float, float, float], ...]]:
    page = pdf[page_index]
    height = page.get_height()
    textpage = page.get_textpage()
    out = []
    try:
        for start, end in spans:
            n = textpage.count_rects(start, end - start + 1)
            boxes = []
            for k in range(n):
                left, bottom, right, top = textpage.get_rect(k)
                boxes.append((left, height - top, right - left, top - bottom))
            out.append(tuple(boxes))
    finally:
        textpage.close()
        page.close()
    return out


def find_hits(doc: DocumentText, query: str, *, cancelled: Callable[[], bool] = lambda: False,
              limit: int = 5000) -> list[SearchHit] | None:
    """Every match of ``query`` in reading order, ignoring case and diacritics (đ = d).

    Returns None when cancelled. A query with no letters or digits finds nothing. A match may
    run across a line break (the folded text joins lines with one space).
    """
    needle = fold_for_search(query)
    if not needle:
        return []
    with doc.lock:
        if doc.pages is None:
            doc.pages = _extract(doc, cancelled)
        pages = doc.pages
    if pages is None:
        return None
    spans_by_page: dict[int, list[tuple[int, int]]] = {}
    total = 0
    for p, pt in enumerate(pages):
        pos = pt.folded.find(needle)
        while pos >= 0 and total < limit:
            spans_by_page.setdefault(p, []).append((pt.char_index[pos], pt.char_index[pos + len(needle) - 1]))
            total += 1
            pos = pt.folded.find(needle, pos + len(needle))
    if not spans_by_page:
        return []
    import pypdfium2 as pdfium  # noqa: PLC0415 -- heavy library deferred for start-up: pypdfium2

    hits: list[SearchHit] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(doc.data)
        try:
            for p in sorted(spans_by_page):
                if cancelled():
                    return None
                for rects in _rects(pdf, p, spans_by_page[p]):
                    hits.append(SearchHit(page=p, rects=rects, text=query))
        finally:
            pdf.close()
    return hits
