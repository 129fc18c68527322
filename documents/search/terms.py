"""The index terms a page's folded text cannot give: words as typed with marks, document numbers.

Folding (``documents.text.fold_chars``) lets "dat dai" find "đất đai", but it also makes
«đất», «đạt» and «dát» one word, and splits "1234/QĐ-UBND" into three very common ones. Each
page therefore also stores ``document_pages.terms``: its distinct

- **marked words** (``marked_key``): every word written with a Vietnamese mark or đ, lower
  case, its tone written as a final letter the way Telex types it (s, f, r, x, j) so the two
  spellings in use, "hoà"/"hòa" and "thuỷ"/"thủy", are one term: «đất» → ``đât`` + ``s`` =
  ``đâts``, «đạt» → ``đatj``. Only words that differ from their folded form have one.
- **document numbers** (``symbol_key``): a run of letters and digits joined by ``/`` or ``-``
  that holds a digit, folded but keeping its joints: «1234/QĐ-UBND» → ``1234/qd-ubnd``,
  «45/2024/NĐ-CP» → ``45/2024/nd-cp`` (spaces around a slash are dropped: «12 / QĐ-UBND»
  gives ``12/qd-ubnd`` too).

Both backends index these beside the folded words (SQLite: a second FTS5 column; PostgreSQL:
lexemes in the same stored vector), and the query side computes the same keys from what was
typed (``documents.search.query``), so a typed mark or number needs no other machinery.

Changing how terms are computed changes stored data: it needs a migration that recomputes
``terms`` for every page (0008 computed them first).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from documents.text import fold_chars

#: Tone marks (combining, after NFD) and the Telex letter each one is typed with.
TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
#: A word as fold_chars sees one: letters and digits (fold_chars turns everything else into spaces).
_WORD = re.compile(r"[^\W_]+")
#: A document number: parts of letters/digits joined by / or a dash, looked for only in the
#: white-space-separated chunks that hold a joint, once spaces around a slash are taken out.
_SYMBOL = re.compile(r"[^\W_]+(?:[/\-–‐][^\W_]+)+")
_SLASH_SPACES = re.compile(r" ?/ ?")
_JOINTS = {"–": "-", "‐": "-"}
#: Longer terms are noise (a run of extracted garbage), and PostgreSQL caps a lexeme's length.
MAX_TERM_CHARS = 60


@lru_cache(maxsize=1 << 16)  # Vietnamese has about 7,000 syllables in use: pages repeat them
def marked_key(word: str) -> str | None:
    """The term of a word written with marks, or None for a word without any (see the module doc)."""
    low = unicodedata.normalize("NFC", word).lower()
    if fold_chars(low) == low:
        return None  # no mark, no đ: the folded word already says everything
    decomposed = unicodedata.normalize("NFD", low)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in TONES:
            tone = TONES[ch]
        else:
            kept.append(ch)
    key = unicodedata.normalize("NFC", "".join(kept)) + tone
    return key if len(key) <= MAX_TERM_CHARS else None


def symbol_key(run: str) -> str | None:
    """The term of a document number (a run with a digit and a / or - joint), else None."""
    if not any(c.isdigit() for c in run):
        return None
    key = "".join(_JOINTS.get(c, c) for c in run if not c.isspace())
    key = "".join(c if c in "/-" else fold_chars(c) for c in key)
    if " " in key or len(key) > MAX_TERM_CHARS or not ("/" in key or "-" in key):
        return None
    return key


def page_terms(text: str) -> str:
    """The page's distinct marked words and document numbers, space-separated, in page order."""
    seen: dict[str, None] = {}
    for chunk in dict.fromkeys(text.split()):  # a page repeats its words: look at each once
        if chunk.isascii():
            continue
        for word in _WORD.findall(chunk):
            if (key := marked_key(word)) is not None:
                seen.setdefault(key)
    for run in symbol_runs(text):
        if (key := symbol_key(run)) is not None:
            seen.setdefault(key)
    return " ".join(seen)


def symbol_runs(text: str) -> list[str]:
    """The document-number-like runs of ``text`` ("1234/QĐ-UBND"), without spaces around a slash."""
    if " /" in text or "/ " in text:
        text = _SLASH_SPACES.sub("/", text)
    return [run for chunk in text.split() if "/" in chunk or "-" in chunk or "–" in chunk or "‐" in chunk
            for run in _SYMBOL.findall(chunk)]


def page_row(text: str) -> dict[str, str]:
    """The searchable columns of a page from its NFC text: ``text``, ``folded``, ``terms``."""
    return {"text": text, "folded": fold_chars(text), "terms": page_terms(text)}
