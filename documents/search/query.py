"""A typed search query reduced to folded phrases, and its FTS5 / tsquery spellings.

Every query word becomes a quoted FTS5 phrase (or a ``'a' <-> 'b'`` tsquery phrase when one
typed word folds into several, like "1234/QĐ-UBND"), and the phrases are ANDed. Quoting is
what makes user input like ``"``, ``*``, ``OR``, ``NEAR(`` or parentheses harmless: they fold
to spaces or become plain words. Prefix matching of the last word is opt-in (``prefix=True``,
for type-ahead): Vietnamese syllables are short, so a prefix "dan" would also find "dang",
"danh", "dan toc"… and flood ordinary searches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.text import fold_for_search
from store.errors import InvalidInput

#: More words than this add nothing a person meant; the rest of the query is ignored.
MAX_PHRASES = 12
#: Longer input is cut (a pasted paragraph is not a search query).
MAX_QUERY_CHARS = 500
#: No word of any language is this long; such a "word" cannot match and PostgreSQL would refuse it.
MAX_TOKEN_CHARS = 200
#: A double-quoted part of the query is one phrase; anything else splits on white space.
_WORDS = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class ParsedQuery:
    """A query reduced to folded phrases (each a tuple of words), ANDed together."""

    phrases: tuple[tuple[str, ...], ...]
    prefix: bool = False

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def fts5(self) -> str:
        """FTS5 MATCH text: every phrase double-quoted, so no operator can be smuggled in."""
        parts = ['"' + " ".join(p).replace('"', '""') + '"' for p in self.phrases]
        if self.prefix:
            parts[-1] += "*"
        return " ".join(parts)

    def tsquery(self) -> str:
        """PostgreSQL ``to_tsquery`` text: quoted lexemes, ``<->`` inside phrases, ``&`` between."""
        parts = []
        for i, phrase in enumerate(self.phrases):
            words = ["'" + w.replace("'", "''") + "'" for w in phrase]
            if self.prefix and i == len(self.phrases) - 1:
                words[-1] += ":*"
            parts.append(" <-> ".join(words) if len(words) > 1 else words[0])
        return " & ".join(parts)

    def each_phrase(self) -> list[ParsedQuery]:
        """One query per phrase (the last keeps the prefix flag), to count each one's pages."""
        last = len(self.phrases) - 1
        return [ParsedQuery((ph,), self.prefix and i == last) for i, ph in enumerate(self.phrases)]


def parse_query(query: str, *, prefix: bool = False) -> ParsedQuery:
    """Fold a typed query into phrases; punctuation-only or empty input gives an empty query."""
    if not isinstance(query, str):
        raise InvalidInput("Từ khóa tìm kiếm phải là chữ.", "The search query must be text.")
    phrases: list[tuple[str, ...]] = []
    for quoted, word in _WORDS.findall(query[:MAX_QUERY_CHARS]):
        tokens = tuple(fold_for_search(quoted or word).split())
        if not tokens:
            continue
        if any(len(t) > MAX_TOKEN_CHARS for t in tokens):
            return ParsedQuery(())  # such a word is in no page; say so rather than search without it
        if tokens not in phrases:
            phrases.append(tokens)
    return ParsedQuery(tuple(phrases[:MAX_PHRASES]), prefix and bool(phrases))
