"""Full-text search over page text, with or without Vietnamese diacritics, on both backends.

Both backends search ``document_pages.folded`` (``documents.text.fold_chars`` of the NFC page
text: lower case, marks removed, đ→d, punctuation → space, *same length* as the text). The
query goes through the same folding, so "quyet dinh", "Quyết định" and "QUYẾT ĐỊNH" are one
query, "dai bieu" finds "đại biểu", and "qd-ubnd" finds "QĐ-UBND".

- SQLite: an FTS5 external-content table ``page_search`` over ``document_pages.folded``
  (created by migration 0002). External content is not kept in step automatically: pages enter
  the index through ``index_version`` and leave it through ``unindex_document``. Rows of
  ``page_search_docsize`` (FTS5's per-row shadow table) say which pages are indexed, which
  makes both calls idempotent: FTS5 corrupts its index if a row is added twice or removed
  without having been added.
- PostgreSQL: a GIN index on ``to_tsvector('simple', folded)`` kept by the database itself.

Every query word becomes a quoted FTS5 phrase (or a ``'a' <-> 'b'`` tsquery phrase when one
typed word folds into several, like "1234/QĐ-UBND"), and the phrases are ANDed. Quoting is
what makes user input like ``"``, ``*``, ``OR``, ``NEAR(`` or parentheses harmless: they fold
to spaces or become plain words. Prefix matching of the last word is opt-in (``prefix=True``,
for type-ahead): Vietnamese syllables are short, so a prefix "dan" would also find "dang",
"danh", "dan toc"… and flood ordinary searches.

Only pages of each document's current version count, and never a recalled document's.
Ranking: SQLite ``bm25``, PostgreSQL ``ts_rank_cd``; ``SearchHit.score`` is higher-is-better
and only comparable within one backend. Snippets are cut from the original NFC text using
offsets found in the folded text, so the hit keeps its diacritics: "…theo «Quyết định» số…".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from documents.text import fold_chars, fold_for_search
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

log = logging.getLogger(__name__)

#: More words than this add nothing a person meant; the rest of the query is ignored.
MAX_PHRASES = 12
#: Longer input is cut (a pasted paragraph is not a search query).
MAX_QUERY_CHARS = 500
#: No word of any language is this long; such a "word" cannot match and PostgreSQL would refuse it.
MAX_TOKEN_CHARS = 200
MAX_LIMIT = 200
SNIPPET_CHARS = 160
_SNIPPET_LEAD = 50
#: A double-quoted part of the query is one phrase; anything else splits on white space.
_WORDS = re.compile(r'"([^"]*)"|(\S+)')
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One page that matches, best first. ``page`` is 1-based; ``score`` is higher-is-better."""

    document_id: int
    version_id: int
    meeting_id: int
    title: str
    number: str
    doc_type: str
    page: int
    snippet: str
    score: float


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


# -- keeping the SQLite index in step -----------------------------------------------------

def index_version(uow: UnitOfWork, version_id: int) -> int:
    """Add a version's pages to the search index (SQLite); returns how many pages were added.

    Call it in the same unit of work that inserted the pages. Pages already indexed are
    skipped, so calling it twice is harmless. PostgreSQL indexes rows itself: returns 0.
    """
    from sqlalchemy import text

    if uow.dialect != "sqlite":
        return 0
    uow.session.flush()
    result = uow.session.execute(text(
        "INSERT INTO page_search(rowid, folded) SELECT id, folded FROM document_pages "
        "WHERE version_id = :v AND id NOT IN (SELECT id FROM page_search_docsize)"), {"v": version_id})
    return max(result.rowcount or 0, 0)


def unindex_document(uow: UnitOfWork, document_id: int) -> int:
    """Remove every page of every version of a document from the index (SQLite).

    For recalled classified papers: their words must no longer be findable. FTS5 external
    content needs the old values to delete a row, so this must run while the pages still
    exist (before deleting them). PostgreSQL: nothing to do. The page rows stay (they are
    the record of what was circulated); ``search`` leaves out recalled documents on both
    backends, so the rows never surface in results.
    """
    from sqlalchemy import text

    if uow.dialect != "sqlite":
        return 0
    uow.session.flush()
    result = uow.session.execute(text(
        "INSERT INTO page_search(page_search, rowid, folded) SELECT 'delete', id, folded "
        "FROM document_pages WHERE document_id = :d AND id IN (SELECT id FROM page_search_docsize)"),
        {"d": document_id})
    return max(result.rowcount or 0, 0)


def rebuild_index(uow: UnitOfWork) -> int:
    """Repair: empty the SQLite index and re-add the current pages of documents not recalled."""
    from sqlalchemy import text

    if uow.dialect != "sqlite":
        return 0
    s = uow.session
    s.flush()
    s.execute(text("INSERT INTO page_search(page_search) VALUES ('delete-all')"))
    result = s.execute(text(
        "INSERT INTO page_search(rowid, folded) SELECT p.id, p.folded FROM document_pages p "
        "JOIN documents d ON d.id = p.document_id "
        "WHERE d.current_version_id = p.version_id AND d.recalled_at IS NULL"))
    return max(result.rowcount or 0, 0)


# -- searching ------------------------------------------------------------------------------

def search(
    session: Session,
    query: str,
    *,
    meeting_id: int | None = None,
    unit_id: int | None = None,
    doc_type: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    offset: int = 0,
    prefix: bool = False,
) -> list[SearchHit]:
    """Pages matching every word of ``query``, best first, with a marked snippet each.

    Filters: ``meeting_id``; ``unit_id`` (the host unit the document belongs to);
    ``doc_type``; ``date_from``/``date_to`` on the document's issue date (inclusive; documents
    without a date are left out when either is given). ``prefix=True`` lets the last word
    match as a beginning ("quyet đi" finds "quyết định"), for search-as-you-type.
    """
    parsed = parse_query(query, prefix=prefix)
    limit = min(int(limit), MAX_LIMIT)
    offset = max(int(offset), 0)
    if not parsed or limit <= 0:
        return []
    filters, params = _filters(meeting_id, unit_id, doc_type, date_from, date_to)
    params.update(limit=limit, offset=offset)
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        rows = _run_sqlite(session, parsed, filters, params)
    elif dialect == "postgresql":
        rows = _run_postgres(session, parsed, filters, params)
    else:  # pragma: no cover - open_store only makes these two
        raise InvalidInput(f"Không hỗ trợ tìm kiếm trên {dialect}.", f"Search is not supported on {dialect}.")
    matcher = _matcher(parsed)
    return [
        SearchHit(
            document_id=r.document_id, version_id=r.version_id, meeting_id=r.meeting_id, title=r.title,
            number=r.number or "", doc_type=r.doc_type, page=r.page_no,
            snippet=make_snippet(r.text, r.folded, matcher), score=float(r.score),
        )
        for r in rows
    ]


def _filters(meeting_id, unit_id, doc_type, date_from, date_to) -> tuple[str, dict[str, Any]]:
    clauses, params = [], {}
    for name, value, column, kind in (
        ("meeting_id", meeting_id, "p.meeting_id", int),
        ("unit_id", unit_id, "d.unit_id", int),
        ("doc_type", doc_type, "d.doc_type", str),
    ):
        if value is None:
            continue
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InvalidInput(f"Bộ lọc {name} không hợp lệ: {value!r}.", f"Filter {name} is not valid: {value!r}.")
        clauses.append(f"{column} = :{name}")
        params[name] = value
    for name, value, op in (("date_from", date_from, ">="), ("date_to", date_to, "<=")):
        if value is None:
            continue
        if not isinstance(value, date):
            raise InvalidInput(f"Ngày lọc {name} không hợp lệ: {value!r}.", f"Date filter {name} is not valid: {value!r}.")
        clauses.append(f"d.issued_on {op} :{name}")
        params[name] = value.date() if hasattr(value, "date") else value
    return "".join(f" AND {c}" for c in clauses), params


# The ranked subquery returns ids and scores only; page text is read for the returned rows.
_SQLITE = """
SELECT p.document_id, p.version_id, p.meeting_id, p.page_no, p.text, p.folded,
       d.title, d.number, d.doc_type, -h.rank AS score
FROM (
    SELECT p.id AS id, bm25(page_search) AS rank
    FROM page_search
    JOIN document_pages p ON p.id = page_search.rowid
    JOIN documents d ON d.id = p.document_id
    WHERE page_search MATCH :q
      AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
    ORDER BY rank, p.id
    LIMIT :limit OFFSET :offset
) h
JOIN document_pages p ON p.id = h.id
JOIN documents d ON d.id = p.document_id
ORDER BY h.rank, p.id
"""

_POSTGRES = """
SELECT p.document_id, p.version_id, p.meeting_id, p.page_no, p.text, p.folded,
       d.title, d.number, d.doc_type, h.score
FROM (
    SELECT p.id AS id, ts_rank_cd(to_tsvector('simple', p.folded), to_tsquery('simple', :q)) AS score
    FROM document_pages p
    JOIN documents d ON d.id = p.document_id
    WHERE to_tsvector('simple', p.folded) @@ to_tsquery('simple', :q)
      AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
    ORDER BY score DESC, p.id
    LIMIT :limit OFFSET :offset
) h
JOIN document_pages p ON p.id = h.id
JOIN documents d ON d.id = p.document_id
ORDER BY h.score DESC, p.id
"""


def _run_sqlite(session: Session, parsed: ParsedQuery, filters: str, params: dict[str, Any]) -> list[Any]:
    from sqlalchemy import text

    # SQLAlchemy keeps SQLite dates as ISO text; compare like with like (and avoid sqlite3's
    # deprecated default date adapter).
    params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    return list(session.execute(text(_SQLITE.format(filters=filters)), {**params, "q": parsed.fts5()}))


def _run_postgres(session: Session, parsed: ParsedQuery, filters: str, params: dict[str, Any]) -> list[Any]:
    from sqlalchemy import text

    return list(session.execute(text(_POSTGRES.format(filters=filters)), {**params, "q": parsed.tsquery()}))


# -- snippets -------------------------------------------------------------------------------

def _matcher(parsed: ParsedQuery) -> re.Pattern[str]:
    """A regex finding any phrase of the query in folded text, whole words only."""
    alternatives = []
    for i, phrase in enumerate(parsed.phrases):
        body = " +".join(re.escape(w) for w in phrase)
        open_end = parsed.prefix and i == len(parsed.phrases) - 1
        alternatives.append((len(body), rf"(?<!\w){body}" + ("" if open_end else r"(?!\w)")))
    alternatives.sort(key=lambda a: -a[0])  # the longest phrase wins where two start together
    return re.compile("|".join(a[1] for a in alternatives))


def make_snippet(text: str, folded: str, matcher: re.Pattern[str], width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first hit, every hit inside as «…».

    Hits are found in ``folded`` (same offsets as ``text``) and marked in ``text``, so the
    snippet shows the words as written, diacritics and all.
    """
    if len(folded) != len(text):  # stored by an older or foreign writer: fold again
        folded = fold_chars(text)
        if len(folded) != len(text):
            return _clip(text, 0, width)
    hits = list(matcher.finditer(folded))
    if not hits:  # the index matched words split across lines differently: show the top
        return _clip(text, 0, width)
    first = hits[0]
    start = max(0, first.start() - _SNIPPET_LEAD)
    end = max(min(len(text), start + width), first.end())
    if end == len(text):
        start = max(0, min(start, end - width))
    if start > 0:  # do not begin or end inside a word
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    spans: list[list[int]] = []
    for hit in hits:
        if hit.start() < start or hit.end() > end:
            continue
        if spans and not text[spans[-1][1]:hit.start()].strip():  # "«Quyết định»", not "«Quyết» «định»"
            spans[-1][1] = hit.end()
        else:
            spans.append([hit.start(), hit.end()])
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
