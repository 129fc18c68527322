"""Full-text search over page text, with or without Vietnamese diacritics, on both backends.

Both backends search ``document_pages.folded`` (``documents.text.fold_chars`` of the NFC page
text: lower case, marks removed, đ→d, punctuation → space, *same length* as the text). The
query goes through the same folding, so "quyet dinh", "Quyết định" and "QUYẾT ĐỊNH" are one
query, "dai bieu" finds "đại biểu", and "qd-ubnd" finds "QĐ-UBND".

- SQLite: an FTS5 external-content table ``page_search`` kept in step by ``index_version`` /
  ``unindex_document`` (``documents.search.index``).
- PostgreSQL: a GIN index over the stored generated column ``document_pages.search_vector``
  (``to_tsvector('simple', folded)``), kept by the database itself.

Only pages of each document's current version count, and never a recalled document's.
Searching goes in three steps, the same on both backends:

1. candidates: the newest CANDIDATES matching pages (``documents.search.backends``);
2. ranking: BM25 (k1 1.2, b 0.75) computed here from the candidates' folded text, with each
   phrase's document frequency counted up to DF_CAP pages, so both backends order alike;
   ``SearchHit.score`` is higher-is-better, comparable within one query;
3. only the returned pages' text is read, and snippets cut (``documents.search.snippets``).

The index upkeep functions are re-exported here: ``from documents.search.service import search,
index_version, unindex_document, rebuild_index, SearchHit``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from documents.search.backends import Candidate, PostgresBackend, SqliteBackend
from documents.search.index import index_version, optimize_index, rebuild_index, unindex_document
from documents.search.query import ParsedQuery, parse_query
from documents.search.snippets import make_snippet, phrase_hits, phrase_patterns
from store.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["SearchHit", "index_version", "optimize_index", "parse_query", "rebuild_index", "search",
           "unindex_document"]

log = logging.getLogger(__name__)

MAX_LIMIT = 200
CANDIDATES = 100
_K1, _B = 1.2, 0.75


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
    ``offset + limit`` beyond 1,000 gives nothing: refine the query instead.
    """
    parsed = parse_query(query, prefix=prefix)
    limit, offset = min(int(limit), MAX_LIMIT), max(int(offset), 0)
    if not parsed or limit <= 0 or offset + limit > 1000:
        return []
    filters, params = _filters(meeting_id, unit_id, doc_type, date_from, date_to)
    sqlite = session.get_bind().dialect.name == "sqlite"
    backend = SqliteBackend(session) if sqlite else PostgresBackend(session)
    k = max(CANDIDATES, offset + limit)
    found = backend.candidates(parsed, filters, params, k, exact=parsed.has_marks)
    if parsed.has_marks and len(found) < k:
        # Fewer pages hold the words as typed than we rank: fill up with pages that match
        # only once marks are set aside (scans, text typed without marks). They rank below.
        seen = {c.id for c in found}
        more = backend.candidates(parsed, filters, params, k + len(found))
        found += [c for c in more if c.id not in seen][:k - len(found)]
    if not found:
        return []
    ranked = _rank(backend, parsed, found)[offset:offset + limit]
    return _hits(session, parsed, ranked)


def _filters(meeting_id, unit_id, doc_type, date_from, date_to) -> tuple[str, dict[str, Any]]:
    """SQL conditions on ``documents d`` (every filter is a property of the document)."""
    clauses, params = [], {}
    for name, value, column, kind in (
        ("meeting_id", meeting_id, "d.meeting_id", int),
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


def _rank(backend: SqliteBackend | PostgresBackend, parsed: ParsedQuery,
          found: list[Candidate]) -> list[tuple[Candidate, float]]:
    """(candidate, score) best first; ties go to the newer page.

    The order is, in turn: how many of the phrases typed with marks the page holds written
    that way (``exact``); how many neighbouring typed words stand together in the page, in
    order (``together``: "quyết định" as a phrase before "quyết … tái định cư"); BM25.
    The score says the same in one number: 100,000 × exact + 1,000 × together + BM25
    (BM25 of at most twelve phrases stays far below 1,000)."""
    last = len(parsed.phrases) - 1
    patterns = phrase_patterns(parsed)
    # A whole single word is counted by str.count (C speed); phrases and prefixes by regex.
    needles = [f" {ph[0]} " if len(ph) == 1 and not (parsed.prefix and i == last) else ""
               for i, ph in enumerate(parsed.phrases)]
    idf = [1.0]  # one phrase needs no weight; several are weighed rare above common
    if len(patterns) > 1:
        total, dfs = backend.phrase_dfs(parsed.each_phrase())
        total = max(total, 1)
        idf = [math.log(1 + (max(total - df, 0) + 0.5) / (df + 0.5)) for df in dfs]
    avg = (sum(len(c.folded) for c in found) / len(found)) or 1.0
    words = parsed.words
    pairs = [f" {a} {b} " for a, b in zip(words, words[1:], strict=False)]
    marked = [set(keys) for keys, symbol in zip(parsed.marked, parsed.symbols, strict=True) if keys and symbol is None]
    scored = []
    for c in found:
        padded = " " + c.folded + " "
        norm = _K1 * (1 - _B + _B * len(c.folded) / avg)
        score = 0.0
        for weight, pattern, needle in zip(idf, patterns, needles, strict=True):
            tf = padded.count(needle) if needle else len(phrase_hits(padded, pattern))
            score += weight * tf * (_K1 + 1) / (tf + norm)
        if marked:
            held = set(c.terms.split())
            score += 100_000 * sum(1 for keys in marked if keys <= held)
        score += 1_000 * sum(1 for pair in pairs if pair in padded)
        scored.append((c, score))
    scored.sort(key=lambda s: (-s[1], -s[0].id))
    return scored


def _hits(session: Session, parsed: ParsedQuery, ranked: list[tuple[Candidate, float]]) -> list[SearchHit]:
    from sqlalchemy import bindparam, text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    if not ranked:
        return []
    rows = {r.id: r for r in session.execute(text(
        "SELECT p.id, p.document_id, p.version_id, p.meeting_id, p.page_no, p.text, "
        "d.title, d.number, d.doc_type FROM document_pages p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": [c.id for c, _ in ranked]})}
    return [
        SearchHit(
            document_id=r.document_id, version_id=r.version_id, meeting_id=r.meeting_id, title=r.title,
            number=r.number or "", doc_type=r.doc_type, page=r.page_no,
            snippet=make_snippet(r.text, c.folded, parsed), score=round(score, 6),
        )
        for c, score in ranked if (r := rows.get(c.id)) is not None
    ]
