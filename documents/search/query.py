"""A typed search query reduced to folded phrases, and its FTS5 spelling.

Every query word becomes a quoted FTS5 phrase (several words when one typed word folds into
several, like "mười-hai"), and the phrases are ANDed; a typed document number
("1234/QĐ-UBND") is searched as one term, and words typed with marks carry their exact
terms (``documents.search.terms``). Quoting is
what makes user input like ``"``, ``*``, ``OR``, ``NEAR(`` or parentheses harmless: they fold
to spaces or become plain words. Prefix matching of the last word is opt-in (``prefix=True``,
for type-ahead): Vietnamese syllables are short, so a prefix "dan" would also find "dang",
"danh", "dan toc"… and flood ordinary searches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.search.terms import marked_key, symbol_key, symbol_runs
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
_LETTERS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedQuery:
    """A query reduced to folded phrases (each a tuple of words), ANDed together.

    Beside each phrase: ``symbols[i]``, the document-number term when the phrase was typed as
    one ("1234/QĐ-UBND" → ``1234/qd-ubnd``), searched instead of its folded words; and
    ``marked[i]``, the terms of the phrase's words typed with marks ("đất" → ``đâts``), which
    the exact pass requires (``documents.search.terms``).
    """

    phrases: tuple[tuple[str, ...], ...]
    prefix: bool = False
    symbols: tuple[str | None, ...] = ()
    marked: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if not self.symbols:
            object.__setattr__(self, "symbols", (None,) * len(self.phrases))
        if not self.marked:
            object.__setattr__(self, "marked", ((),) * len(self.phrases))

    def __bool__(self) -> bool:
        return bool(self.phrases)

    @property
    def has_marks(self) -> bool:
        """Some word was typed with Vietnamese marks: pages holding it so written rank first."""
        return any(self.marked)

    @property
    def words(self) -> tuple[str, ...]:
        """Every folded word, in the order typed."""
        return tuple(w for ph in self.phrases for w in ph)

    def fts5(self, exact: bool = False) -> str:
        """FTS5 MATCH text (columns ``folded`` and ``terms``), every phrase double-quoted, so no
        operator can be smuggled in; ``exact`` also requires the marked words' terms."""
        last = len(self.phrases) - 1
        parts = []
        for i, (phrase, symbol) in enumerate(zip(self.phrases, self.symbols, strict=True)):
            if symbol is not None:
                parts.append(f'terms : "{symbol}"')
                continue
            part = 'folded : "' + " ".join(phrase).replace('"', '""') + '"'
            parts.append(part + ("*" if self.prefix and i == last else ""))
            if exact:
                parts += [f'terms : "{key}"' for key in self.marked[i]]
        return " AND ".join(parts)

    def terms(self, exact: bool = False) -> list[str]:
        """The ``terms`` lexemes a page must hold: document numbers, and marked words if ``exact``."""
        out = [s for s in self.symbols if s is not None]
        if exact:
            out += [key for symbol, keys in zip(self.symbols, self.marked, strict=True) if symbol is None for key in keys]
        return out

    def folded_phrases(self) -> list[tuple[str, ...]]:
        """The phrases searched by their folded words (those not typed as a document number)."""
        return [ph for ph, symbol in zip(self.phrases, self.symbols, strict=True) if symbol is None]

    def each_phrase(self) -> list[ParsedQuery]:
        """One query per phrase (the last keeps the prefix flag), to count each one's pages."""
        last = len(self.phrases) - 1
        return [ParsedQuery((ph,), self.prefix and i == last, (self.symbols[i],), (self.marked[i],))
                for i, ph in enumerate(self.phrases)]


def parse_query(query: str, *, prefix: bool = False) -> ParsedQuery:
    """Fold a typed query into phrases; punctuation-only or empty input gives an empty query."""
    if not isinstance(query, str):
        raise InvalidInput("Từ khóa tìm kiếm phải là chữ.", "The search query must be text.")
    phrases: list[tuple[str, ...]] = []
    symbols: list[str | None] = []
    marked: list[tuple[str, ...]] = []
    for quoted, word in _WORDS.findall(query[:MAX_QUERY_CHARS]):
        typed = quoted or word
        tokens = tuple(fold_for_search(typed).split())
        if not tokens:
            continue
        if any(len(t) > MAX_TOKEN_CHARS for t in tokens):
            return ParsedQuery(())  # such a word is in no page; say so rather than search without it
        if tokens in phrases:
            continue
        runs = symbol_runs(typed.strip())
        whole = len(runs) == 1 and fold_for_search(runs[0]).split() == list(tokens)
        phrases.append(tokens)
        symbols.append(symbol_key(runs[0]) if whole and len(tokens) > 1 else None)
        marked.append(tuple(dict.fromkeys(k for w in _LETTERS.findall(typed) if (k := marked_key(w)) is not None)))
    n = min(len(phrases), MAX_PHRASES)
    return ParsedQuery(tuple(phrases[:n]), prefix and bool(phrases), tuple(symbols[:n]), tuple(marked[:n]))
