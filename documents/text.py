"""Vietnamese text as it is stored and as it is searched.

Stored text is NFC (the composed form every Vietnamese keyboard produces), so "ế" is one code
point whether the PDF held it composed or as "e" + two combining marks. Search text is folded:
lower case, every mark removed and ``đ``/``Đ`` turned into ``d`` (no tokenizer does that last
step: đ is a letter of its own, not d with a mark). Both search backends call
``fold_for_search`` on the indexed text and on the query, so they agree by construction.

Pure standard library: the intake worker imports this module and must start fast.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SPECIAL_FOLDS = {"đ": "d", "Đ": "d", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"}

# Control characters PDF text extractors leave behind (NUL for unmapped glyphs, U+FFFE/U+FFFF
# for soft hyphens in PDFium, form feeds). Tabs and line breaks are kept.
_DROP = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_DROP.update({0x7F: None, 0xFFFE: None, 0xFFFF: None, 0xFEFF: None})
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(s: str) -> str:
    """NFC, with ``\\r\\n``/``\\r`` line breaks made ``\\n`` and stray control characters dropped."""
    s = s.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP)
    if _SURROGATE.search(s):  # pair what pairs, replace lone halves: they cannot be stored as UTF-8
        s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return unicodedata.normalize("NFC", s)


def _fold_char(c: str) -> str:
    special = _SPECIAL_FOLDS.get(c)
    if special is not None:
        return special
    if c.isascii():
        return c.lower() if c.isalnum() else " "
    base = unicodedata.normalize("NFD", c)[0]
    if unicodedata.combining(base):  # a lone combining mark
        return " "
    base = _SPECIAL_FOLDS.get(base, base)
    low = base.lower()
    if len(low) != 1:  # e.g. "İ" lowers to two code points: keep one char per char
        low = base
    return low if low.isalnum() else " "


def fold_chars(s: str) -> str:
    """Fold ``s`` one character for one character (same length as ``normalize_text(s)``).

    Letters lose their marks and case, đ becomes d, anything that is not a letter or digit
    becomes a space. Because positions line up with the NFC text, a hit found in the folded
    text can be marked in the original for snippets.
    """
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", s))


def fold_for_search(s: str) -> str:
    """The form both search backends index and query: folded, words separated by one space.

    >>> fold_for_search("Quyết định số 1234/QĐ-UBND")
    'quyet dinh so 1234 qd ubnd'
    """
    return " ".join(fold_chars(s).split())


def extract_pages_text(pdf: Any) -> tuple[str, ...]:
    """The NFC text of every page of an open ``pypdfium2.PdfDocument``, in page order.

    A page PDFium cannot load gives "" rather than failing the whole document (damaged
    files often have one bad page among good ones).
    """
    texts: list[str] = []
    for index in range(len(pdf)):
        texts.append(_page_text(pdf, index))
    return tuple(texts)


def _page_text(pdf: Any, index: int) -> str:
    try:
        page = pdf[index]
    except Exception:  # PdfiumError: the page object is unusable
        return ""
    try:
        textpage = page.get_textpage()
        try:
            return normalize_text(textpage.get_text_bounded())
        finally:
            textpage.close()
    except Exception:
        return ""
    finally:
        page.close()
