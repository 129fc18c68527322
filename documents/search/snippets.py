"""Finding a query's words in a page's folded text: term counts for ranking, marked snippets.

Folded text (``documents.text.fold_chars``) is words and spaces only and has the same length
as the NFC text, so an offset found in the folded text is an offset in the real text: the
snippet shows the words as written, diacritics and all ("…theo «Quyết định» số…").
"""

from __future__ import annotations

import re
from functools import lru_cache

from documents.search.query import ParsedQuery
from documents.text import fold_chars

SNIPPET_CHARS = 160
_SNIPPET_LEAD = 50
#: Longest phrase text looked for past an earlier hit (a phrase cut here only moves the snippet).
_PHRASE_ROOM = 400
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=32)  # one query's patterns serve its ranking and every snippet
def phrase_patterns(parsed: ParsedQuery) -> tuple[re.Pattern[str], ...]:
    """One regex per phrase, to run over ``" " + folded + " "`` (see ``phrase_hits``).

    Each starts with a literal word, which lets the regex engine skip ahead quickly; word
    boundaries are spaces, checked by the caller before a hit and by the pattern after it
    (except for a prefix, which may end mid-word).
    """
    last = len(parsed.phrases) - 1
    return tuple(re.compile(" +".join(re.escape(w) for w in ph) + ("" if parsed.prefix and i == last else "(?= )"))
                 for i, ph in enumerate(parsed.phrases))


def phrase_hits(padded: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None,
                first_only: bool = False) -> list[tuple[int, int]]:
    """(start, end) in the unpadded text of the whole-word hits of one phrase.

    ``start``/``end`` bound the search in the padded text; ``first_only`` stops at the first.
    """
    hits = []
    for m in pattern.finditer(padded, start, len(padded) if end is None else end):
        if padded[m.start() - 1] == " ":
            stop = m.end() if padded[m.end()] == " " else padded.index(" ", m.end())  # a prefix: to the word's end
            hits.append((m.start() - 1, stop - 1))
            if first_only:
                break
    return hits


def find_hits(folded: str, parsed: ParsedQuery, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every phrase of the query in folded text, whole words, left to right.

    Only hits lying within ``folded[start:end]`` are looked for. Where two phrases overlap,
    the earlier and then the longer one is kept.
    """
    padded = " " + folded + " "
    stop = len(padded) if end is None else min(len(padded), end + 2)
    found = sorted((h for pattern in phrase_patterns(parsed) for h in phrase_hits(padded, pattern, start + 1, stop)),
                   key=lambda h: (h[0], -h[1]))
    hits: list[tuple[int, int]] = []
    for a, b in found:
        if not hits or a >= hits[-1][1]:
            hits.append((a, b))
    return hits


def _first_hit(folded: str, parsed: ParsedQuery) -> tuple[int, int] | None:
    """The earliest hit of any phrase; each phrase after the first found is only looked for
    before it (plus room for the phrase itself), not through the rest of the page."""
    padded = " " + folded + " "
    best: tuple[int, int] | None = None
    for pattern in phrase_patterns(parsed):
        end = len(padded) if best is None else min(len(padded), best[0] + 2 + _PHRASE_ROOM)
        hit = phrase_hits(padded, pattern, 1, end, first_only=True)
        if hit and (best is None or (hit[0][0], -hit[0][1]) < (best[0], -best[1])):
            best = hit[0]
    return best


def make_snippet(text: str, folded: str, parsed: ParsedQuery, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first hit, every hit inside as «…».

    Hits are found in ``folded`` (same offsets as ``text``) and marked in ``text``. Only the
    first hit is looked for over the whole page; the others only inside the snippet.
    """
    if len(folded) != len(text):  # stored by an older or foreign writer: fold again
        folded = fold_chars(text)
        if len(folded) != len(text):
            return _clip(text, 0, width)
    first = _first_hit(folded, parsed)
    if first is None:  # the index matched words split across lines differently: show the top
        return _clip(text, 0, width)
    first_start, first_end = first
    start = max(0, first_start - _SNIPPET_LEAD)
    end = max(min(len(text), start + width), first_end)
    if end == len(text):
        start = max(0, min(start, end - width))
    if start > 0:  # do not begin or end inside a word
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    spans: list[list[int]] = []
    for hit_start, hit_end in find_hits(folded, parsed, start, end):
        if hit_start < start or hit_end > end:
            continue
        if spans and not text[spans[-1][1]:hit_start].strip():  # "«Quyết định»", not "«Quyết» «định»"
            spans[-1][1] = hit_end
        else:
            spans.append([hit_start, hit_end])
    pieces, cursor = [], start
    for a, b in spans:
        pieces += [text[cursor:a], "«", text[a:b], "»"]
        cursor = b
    pieces.append(text[cursor:end])
    body = _SPACES.sub(" ", "".join(pieces)).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def _clip(text: str, start: int, width: int) -> str:
    body = _SPACES.sub(" ", text[start:start + width]).strip()
    return body + ("…" if len(text) > start + width else "")
