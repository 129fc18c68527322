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
Ranking is BM25, computed here over the candidate pages the index returns (see "searching"
below for why not FTS5's ``bm25()`` or ``ts_rank_cd``), so both backends order alike;
``SearchHit.score`` is higher-is-better, comparable within one query. Snippets are cut from
the original NFC text at offsets found in the folded text, so the hit keeps its diacritics:
"…theo «Quyết định» số…".
"""

from __future__ import annotations

import json
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
#
# Why not ORDER BY bm25()/ts_rank_cd() over every match: FTS5's bm25 first counts the rows of
# every query word over the whole table (≈5 ms per common word at 100,000 pages) and then
# costs ≈10 µs per matching row; PostgreSQL's ts_rank_cd re-parses every matching page. A
# common word matches most pages, so either blew the 20 ms budget many times over. Instead:
#
# 1. candidates: the newest CANDIDATES matching pages (highest page id first, which both
#    indexes hand out cheaply), among current versions of documents not recalled, filters
#    applied. When fewer pages match, that is every match, and the ranking below is exact;
#    when more do, the most recent ones are ranked (a narrower query or a filter reaches
#    older papers).
# 2. ranking: BM25 (k1 1.2, b 0.75) computed here from the candidates' folded text, with each
#    phrase's document frequency counted up to DF_CAP pages. The same code ranks on both
#    backends, so they order results alike.
# 3. only the returned page's text is read, and its snippet cut.

CANDIDATES = 100
DF_CAP = 500
#: With at most this many document versions left by the filters, SQLite searches each
#: version's page-id range instead of scanning every match of the query.
RANGE_VERSIONS = 100
RANGE_GAP = 2000
_K1, _B = 1.2, 0.75


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
    backend = _Sqlite(session) if session.get_bind().dialect.name == "sqlite" else _Postgres(session)
    ids = backend.candidates(parsed, filters, params, max(CANDIDATES, offset + limit))
    if not ids:
        return []
    ranked = _rank(backend, parsed, ids)[offset:offset + limit]
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


class _Sqlite:
    """FTS5 over ``page_search`` (external content: ``document_pages.folded``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _run(self, sql: str, params: dict[str, Any]) -> list[Any]:
        from sqlalchemy import text

        # SQLAlchemy keeps SQLite dates as ISO text: compare like with like.
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return list(self.session.execute(text(sql), params))

    def candidates(self, parsed: ParsedQuery, filters: str, params: dict[str, Any], k: int) -> list[int]:
        q = {**params, "q": parsed.fts5(), "k": k}
        if filters:
            versions = self._run(
                "SELECT d.current_version_id FROM documents d WHERE d.recalled_at IS NULL "
                f"AND d.current_version_id IS NOT NULL {filters} LIMIT {RANGE_VERSIONS + 1}", params)
            if not versions:
                return []
            if len(versions) <= RANGE_VERSIONS:
                return self._in_ranges(q, filters, [v[0] for v in versions])
        # Walk the matches newest first (FTS5 hands out rowids in descending order natively);
        # CROSS JOIN keeps SQLite from driving the loop from the filters instead.
        return [r.id for r in self._run(f"""
            SELECT page_search.rowid AS id FROM page_search
            CROSS JOIN document_pages p INDEXED BY ix_document_pages_search ON p.id = page_search.rowid
            CROSS JOIN documents d ON d.id = p.document_id
            WHERE page_search MATCH :q AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
            ORDER BY page_search.rowid DESC LIMIT :k""", q)]

    def _in_ranges(self, q: dict[str, Any], filters: str, versions: list[int]) -> list[int]:
        """Candidates among few versions: search their page-id ranges, not every match.

        A version's pages are inserted together, so their ids form one range, and a meeting's
        papers are usually imported close together; FTS5 seeks a rowid range cheaply. Ranges
        less than RANGE_GAP ids apart are searched as one; the joins then keep only pages
        that pass every condition, so a range wider than needed costs time, never results.
        """
        bounds = sorted((r[0], r[1]) for r in self._run(
            "SELECT min(id), max(id) FROM document_pages WHERE version_id IN "
            f"({','.join(str(int(v)) for v in versions)}) GROUP BY version_id", {}))
        ranges: list[list[int]] = []
        for lo, hi in bounds:
            if ranges and lo - ranges[-1][1] <= RANGE_GAP:
                ranges[-1][1] = max(ranges[-1][1], hi)
            else:
                ranges.append([lo, hi])
        if not ranges:
            return []
        return [r.id for r in self._run(f"""
            WITH r AS (SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi
                       FROM json_each(:ranges))
            SELECT page_search.rowid AS id FROM r
            CROSS JOIN page_search ON page_search.rowid BETWEEN r.lo AND r.hi
            CROSS JOIN document_pages p INDEXED BY ix_document_pages_search ON p.id = page_search.rowid
            CROSS JOIN documents d ON d.id = p.document_id
            WHERE page_search MATCH :q AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
            ORDER BY page_search.rowid DESC LIMIT :k""", {**q, "ranges": json.dumps(ranges)})]

    def pages_total(self) -> int:
        # The highest indexed page id: an upper bound of the page count, read in O(log n).
        return self._run("SELECT coalesce(max(id), 0) FROM page_search_docsize", {})[0][0]

    def phrase_dfs(self, phrases: list[ParsedQuery]) -> list[int]:
        counts = ", ".join(f"(SELECT count(*) FROM (SELECT 1 FROM page_search WHERE page_search MATCH :q{i} "
                           f"LIMIT {DF_CAP}))" for i in range(len(phrases)))
        return list(self._run(f"SELECT {counts}", {f"q{i}": ph.fts5() for i, ph in enumerate(phrases)})[0])


class _Postgres:
    """A GIN index over ``to_tsvector('simple', folded)``; the expression is spelled exactly so."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _run(self, sql: str, params: dict[str, Any]) -> list[Any]:
        from sqlalchemy import text

        return list(self.session.execute(text(sql), params))

    def candidates(self, parsed: ParsedQuery, filters: str, params: dict[str, Any], k: int) -> list[int]:
        return [r.id for r in self._run(f"""
            SELECT p.id FROM document_pages p JOIN documents d ON d.id = p.document_id
            WHERE to_tsvector('simple', p.folded) @@ to_tsquery('simple', :q)
              AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
            ORDER BY p.id DESC LIMIT :k""", {**params, "q": parsed.tsquery(), "k": k})]

    def pages_total(self) -> int:
        estimate = self._run("SELECT reltuples FROM pg_class WHERE oid = 'document_pages'::regclass", {})[0][0]
        if estimate and estimate > 0:
            return int(estimate)
        return self._run("SELECT count(*) FROM document_pages", {})[0][0]

    def phrase_dfs(self, phrases: list[ParsedQuery]) -> list[int]:
        counts = ", ".join(f"(SELECT count(*) FROM (SELECT 1 FROM document_pages WHERE to_tsvector('simple', folded) "
                           f"@@ to_tsquery('simple', :q{i}) LIMIT {DF_CAP}) AS x{i})" for i in range(len(phrases)))
        return list(self._run(f"SELECT {counts}", {f"q{i}": ph.tsquery() for i, ph in enumerate(phrases)})[0])


def _rank(backend: _Sqlite | _Postgres, parsed: ParsedQuery, ids: list[int]) -> list[tuple[int, float]]:
    """(page id, BM25 score) best first; ties go to the newer page."""
    import math

    from sqlalchemy import bindparam, text

    rows = backend.session.execute(
        text("SELECT id, folded FROM document_pages WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)),
        {"ids": ids}).all()
    last = len(parsed.phrases) - 1
    patterns = _patterns(parsed)
    # A whole single word is counted by str.count (C speed); phrases and prefixes by regex.
    needles = [f" {ph[0]} " if len(ph) == 1 and not (parsed.prefix and i == last) else ""
               for i, ph in enumerate(parsed.phrases)]
    idf = [1.0]  # one phrase needs no weight; several are weighed rare above common
    if len(patterns) > 1:
        total = max(backend.pages_total(), 1)
        dfs = backend.phrase_dfs([ParsedQuery((ph,), parsed.prefix and i == last) for i, ph in enumerate(parsed.phrases)])
        idf = [math.log(1 + (max(total - df, 0) + 0.5) / (df + 0.5)) for df in dfs]
    avg = (sum(len(r.folded) for r in rows) / len(rows)) or 1.0
    scored = []
    for r in rows:
        padded = " " + r.folded + " "
        norm = _K1 * (1 - _B + _B * len(r.folded) / avg)
        score = 0.0
        for weight, pattern, needle in zip(idf, patterns, needles, strict=True):
            tf = padded.count(needle) if needle else len(_phrase_hits(padded, pattern))
            score += weight * tf * (_K1 + 1) / (tf + norm)
        scored.append((r.id, score))
    scored.sort(key=lambda s: (-s[1], -s[0]))
    return scored


def _hits(session: Session, parsed: ParsedQuery, ranked: list[tuple[int, float]]) -> list[SearchHit]:
    from sqlalchemy import bindparam, text

    if not ranked:
        return []
    rows = {r.id: r for r in session.execute(text(
        "SELECT p.id, p.document_id, p.version_id, p.meeting_id, p.page_no, p.text, p.folded, "
        "d.title, d.number, d.doc_type FROM document_pages p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": [i for i, _ in ranked]})}
    return [
        SearchHit(
            document_id=r.document_id, version_id=r.version_id, meeting_id=r.meeting_id, title=r.title,
            number=r.number or "", doc_type=r.doc_type, page=r.page_no,
            snippet=make_snippet(r.text, r.folded, parsed), score=round(score, 6),
        )
        for page_id, score in ranked if (r := rows.get(page_id)) is not None
    ]


# -- snippets -------------------------------------------------------------------------------

def _patterns(parsed: ParsedQuery) -> list[re.Pattern[str]]:
    """One regex per phrase, to run over ``" " + folded + " "`` (see ``_phrase_hits``).

    Each starts with a literal word, which lets the regex engine skip ahead quickly; folded
    text is words and spaces only, so word boundaries are spaces, checked by the caller
    before a hit and by the pattern after it (except for a prefix, which may end mid-word).
    """
    last = len(parsed.phrases) - 1
    return [re.compile(" +".join(re.escape(w) for w in ph) + ("" if parsed.prefix and i == last else "(?= )"))
            for i, ph in enumerate(parsed.phrases)]


def _phrase_hits(padded: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) in the unpadded text of the whole-word hits of one phrase."""
    hits = []
    for m in pattern.finditer(padded):
        if padded[m.start() - 1] == " ":
            end = m.end() if padded[m.end()] == " " else padded.index(" ", m.end())  # a prefix: to the word's end
            hits.append((m.start() - 1, end - 1))
    return hits


def find_hits(folded: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) of every phrase of the query in folded text, whole words, left to right.

    Offsets into the folded text are offsets into the original text (folding is char for char).
    Where two phrases overlap, the earlier and then the longer one is kept.
    """
    padded = " " + folded + " "
    found = sorted((h for pattern in _patterns(parsed) for h in _phrase_hits(padded, pattern)),
                   key=lambda h: (h[0], -h[1]))
    hits: list[tuple[int, int]] = []
    for start, end in found:
        if not hits or start >= hits[-1][1]:
            hits.append((start, end))
    return hits


def make_snippet(text: str, folded: str, parsed: ParsedQuery, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first hit, every hit inside as «…».

    Hits are found in ``folded`` (same offsets as ``text``) and marked in ``text``, so the
    snippet shows the words as written, diacritics and all.
    """
    if len(folded) != len(text):  # stored by an older or foreign writer: fold again
        folded = fold_chars(text)
        if len(folded) != len(text):
            return _clip(text, 0, width)
    hits = find_hits(folded, parsed)
    if not hits:  # the index matched words split across lines differently: show the top
        return _clip(text, 0, width)
    first_start, first_end = hits[0]
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
    for hit_start, hit_end in hits:
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
