"""The two search backends: which pages match (newest first), and how common each phrase is.

Both hand back *candidates*: up to ``k`` matching pages, newest (highest page id) first, among
current versions of documents not recalled, filters applied, each as ``(id, folded)`` so that
ranking needs no second read. When fewer pages match, that is every match; when more do, the
most recent are ranked (a narrower query or a filter reaches older papers).

Why newest-first candidates and not ORDER BY bm25()/ts_rank_cd() over every match: FTS5's bm25
counts every query word's rows over the whole table (≈5 ms per common word at 100,000 pages)
and PostgreSQL's ranking reads every matching page's vector; a common word matches most pages.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from documents.search.query import ParsedQuery
from documents.search.snippets import phrase_hits, phrase_patterns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Phrase document frequencies are counted up to this many pages: beyond it a phrase is
#: simply "common" (its BM25 weight hardly changes, and counting further costs time).
DF_CAP = 200
#: With at most this many document versions left by the filters, search only their pages.
FEW_VERSIONS = 100
#: PostgreSQL: pages are bucketed by id in their search vector (lexeme ``~N`` for ids from
#: N·BUCKET_PAGES): must match the generated column in migration 0002.
BUCKET_PAGES = 1000
#: PostgreSQL: with fewer matching pages than this expected, one query fetches them all.
FEW_MATCHES = 1500
#: PostgreSQL: sizes, in buckets, of the stretches searched inside the GIN index before the rest.
WINDOW_BUCKETS = (8, 32)
#: PostgreSQL: a word on at least this share of the pages (ANALYZE's statistics) is checked on
#: the rows the index hands out for the query's other words, not intersected inside the index.
COMMON_SHARE = 0.02
#: PostgreSQL: a word ANALYZE saw on this many pages is not counted up to DF_CAP (it has them).
SURELY_COUNTED = 10 * DF_CAP
#: SQLite: version page-id ranges less than this apart are searched as one range.
RANGE_GAP = 2000


class Candidate(NamedTuple):
    id: int
    folded: str
    terms: str


class PageStats(NamedTuple):
    """What one statistics round trip says about a search's phrases (PostgreSQL)."""

    total: int  # estimated pages in the table
    top: int | None  # highest page id; None: no pages
    dfs: list[int]  # capped page count of each phrase's words
    common: frozenset[str]  # the phrases' words and terms ANALYZE lists as common (COMMON_SHARE)


class SqliteBackend:
    """FTS5 over ``page_search`` (external content: ``document_pages.folded``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _run(self, sql: str, params: dict[str, Any]) -> list[Any]:
        from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        # SQLAlchemy keeps SQLite dates as ISO text: compare like with like.
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return list(self.session.execute(text(sql), params))

    def candidates(self, parsed: ParsedQuery, filters: str, params: dict[str, Any], k: int,
                   exact: bool = False) -> list[Candidate]:
        q = {**params, "q": parsed.fts5(exact), "k": k}
        if filters:
            versions = _filtered_versions(self, filters, params)
            if not versions:
                return []
            if len(versions) <= FEW_VERSIONS:
                return self._in_ranges(q, filters, versions)
        # Walk the matches newest first (FTS5 hands out rowids in descending order natively);
        # CROSS JOIN keeps SQLite from driving the loop from the filters instead. The narrow
        # index answers the joins; the wide row (for folded) is read for the k kept pages only.
        return [Candidate(*r) for r in self._run(f"""
            SELECT page_search.rowid, p.folded, p.terms FROM page_search
            CROSS JOIN document_pages p INDEXED BY ix_document_pages_search ON p.id = page_search.rowid
            CROSS JOIN documents d ON d.id = p.document_id
            WHERE page_search MATCH :q AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
            ORDER BY page_search.rowid DESC LIMIT :k""", q)]

    def _in_ranges(self, q: dict[str, Any], filters: str, versions: list[int]) -> list[Candidate]:
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
        return [Candidate(*r) for r in self._run(f"""
            WITH r AS (SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi
                       FROM json_each(:ranges))
            SELECT page_search.rowid, p.folded, p.terms FROM r
            CROSS JOIN page_search ON page_search.rowid BETWEEN r.lo AND r.hi
            CROSS JOIN document_pages p INDEXED BY ix_document_pages_search ON p.id = page_search.rowid
            CROSS JOIN documents d ON d.id = p.document_id
            WHERE page_search MATCH :q AND d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters}
            ORDER BY page_search.rowid DESC LIMIT :k""", {**q, "ranges": json.dumps(ranges)})]

    def phrase_dfs(self, phrases: list[ParsedQuery]) -> tuple[int, list[int]]:
        """(pages in the index, how many pages hold each phrase, counted up to DF_CAP).

        The page count is the highest indexed page id: an upper bound read in O(log n)."""
        counts = ", ".join(f"(SELECT count(*) FROM (SELECT 1 FROM page_search WHERE page_search MATCH :q{i} "
                           f"LIMIT {DF_CAP}))" for i in range(len(phrases)))
        row = self._run(f"SELECT (SELECT coalesce(max(id), 0) FROM page_search_docsize), {counts}",
                        {f"q{i}": ph.fts5() for i, ph in enumerate(phrases)})[0]
        return row[0], list(row[1:])


class PostgresBackend:
    """A GIN index over the stored ``document_pages.search_vector`` (migration 0002).

    The vector is stripped (words only, no positions: half the size, kept inside the row),
    so SQL finds the pages holding every word, and a phrase ("1234/QĐ-UBND" → 1234 qd ubnd,
    or a quoted part) is checked here on the candidates' folded text, batch by batch, until
    ``k`` pages pass or none are left.

    The page query touches ``document_pages`` alone and old versions, recalled and
    filtered-out documents are dropped afterwards: joined to ``documents`` in one statement,
    the planner misjudged row counts (version and document conditions are correlated) and
    hash-joined all 100,000 pages. Alone, it chooses between walking the primary key backwards
    checking each row's vector (common words) and a bitmap of the GIN index plus a top-k
    sort (rare words); both stay within milliseconds.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._stats_cache: dict[tuple[ParsedQuery, ...], PageStats] = {}

    def _run(self, sql: str, params: dict[str, Any]) -> list[Any]:
        from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

        return list(self.session.execute(text(sql), params))

    def candidates(self, parsed: ParsedQuery, filters: str, params: dict[str, Any], k: int,
                   exact: bool = False) -> list[Candidate]:
        # psycopg prepares a statement run 5 times on a connection, and PostgreSQL may then
        # reuse one generic plan for it: blind to which words are asked, it picked plans that
        # suit common words for rare ones or the reverse. Plan each query for its words
        # (until the read session's transaction ends).
        # JIT compiling pays off for long analytic queries, not for these: a plan that looks
        # expensive (a common word's long posting list) had 30-100 ms of compiling added.
        self._run("SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)", {})
        where, q = _words_condition(parsed, exact=exact)
        phrases = [pattern for pattern, ph, symbol in zip(phrase_patterns(parsed), parsed.phrases, parsed.symbols,
                                                          strict=True) if len(ph) > 1 and symbol is None]
        columns = "id, version_id, folded, terms"  # folded is read (from TOAST) for the rows returned only
        if filters:
            versions = _filtered_versions(self, filters, params)
            if not versions:
                return []
            if len(versions) <= FEW_VERSIONS:
                # Few pages, all current and wanted: read them by version and check each vector.
                # MATERIALIZED keeps the planner from intersecting with the GIN index instead,
                # which for common words means merging posting lists of most of the table.
                rows = self._run(
                    f"WITH few AS MATERIALIZED (SELECT {columns}, search_vector FROM document_pages "
                    f"WHERE version_id = ANY(:versions)) SELECT {columns} FROM few WHERE {where} ORDER BY id DESC"
                    + ("" if phrases else " LIMIT :k"), {**q, "versions": versions, "k": k})
                return _with_phrases(rows, phrases)[:k]
        stats = self._stats(parsed.each_phrase())
        top, dfs = stats.top, stats.dfs
        if top is None:
            return []
        if (driven := _driven_condition(parsed, exact, stats.common)) is not None:
            where, q = driven
        plain = f"SELECT {columns} FROM document_pages WHERE {where} AND id < :before ORDER BY id DESC LIMIT :n"
        # A rare word: its few pages are the most any stretch could hold, so one query.
        segments = [(plain, {"before": top + 1})] if min(dfs) < DF_CAP else _segments(top, columns, where)
        kept: list[Candidate] = []
        index_scans = True
        while segments and len(kept) < k:
            sql, extra = segments.pop(0)
            before, batch, seen = extra.pop("before"), k + k // 4 if not filters else 3 * k, 0
            while len(kept) < k:
                # Outside the newest stretch the pages are meant to come from the GIN index: a
                # plain index scan here is the planner walking the primary key backwards and
                # checking every page, which it picks when it overestimates how many pages
                # match (a lexeme missing from its statistics counts as 0.5 % of the table):
                # at a million pages "Tờ trình số 3056" walked 298,000 pages, 2.4 s, for 426
                # matches. Switched once per search, not around every statement (round trips).
                if index_scans != ("span" in extra):
                    index_scans = "span" in extra
                    self._run("SELECT set_config('enable_indexscan', :on, true)", {"on": "on" if index_scans else "off"})
                # The pages are picked alone (MATERIALIZED: planned without the join, see the
                # class), then each one's document is looked up in the same round trip; the
                # text of pages of old versions, recalled or filtered-out documents stays put.
                pages = self._run(
                    f"WITH pages AS MATERIALIZED ({sql}) SELECT p.id, p.version_id, l.live IS NOT NULL AS live, "
                    "CASE WHEN l.live THEN p.folded END AS folded, CASE WHEN l.live THEN p.terms END AS terms "
                    "FROM pages p LEFT JOIN LATERAL (SELECT true AS live FROM documents d WHERE "
                    f"d.current_version_id = p.version_id AND d.recalled_at IS NULL {filters} LIMIT 1) AS l ON true "
                    "ORDER BY p.id DESC", {**params, **q, **extra, "before": before, "n": batch})
                kept += _with_phrases([r for r in pages if r.live], phrases)
                seen += len(pages)
                if len(pages) < batch:  # this stretch of pages holds no more matches
                    break
                before, batch = pages[-1].id, min(batch * 4, 5000)
            if "span" in extra and len(kept) < k and seen * extra["lo"] / extra["span"] <= FEW_MATCHES:
                # As dense further back as in the newest pages, the words hold too few pages
                # for stretches to save anything: take the rest in one query.
                segments = [(plain, {"before": extra["lo"]})] if extra["lo"] > 0 else []
        if not index_scans:  # the page texts are read next, by primary key
            self._run("SELECT set_config('enable_indexscan', 'on', true)", {})
        return kept[:k]

    def phrase_dfs(self, phrases: list[ParsedQuery]) -> tuple[int, list[int]]:
        """(estimated pages in the table, how many pages hold each phrase's words, up to DF_CAP)."""
        stats = self._stats(phrases)
        return stats.total, stats.dfs

    def _stats(self, phrases: list[ParsedQuery]) -> PageStats:
        """Estimated page count, highest page id, capped page count of each phrase's words, and
        which of their words are common.

        One round trip, made once per search: the counts choose the candidate strategy and
        then weigh the phrases in ranking."""
        key = tuple(phrases)
        if key in self._stats_cache:
            return self._stats_cache[key]
        conditions = [_words_condition(ph, f"{i}_") for i, ph in enumerate(phrases)]
        # A phrase of one word (or one document number) that ANALYZE saw on far more pages than
        # DF_CAP is not counted: its count would be DF_CAP, and counting it read DF_CAP pages of
        # the heap, scattered (at a million pages 40-50 ms for a query of six such words).
        lone = [None if ph.prefix or len(ph.phrases[0]) > 1 and ph.symbols[0] is None
                else (ph.symbols[0] or ph.phrases[0][0]) for ph in phrases]
        counts = ", ".join(f"CASE WHEN EXISTS (SELECT FROM common, t WHERE common.e = :lone{i} AND "
                           f"common.f * t.reltuples >= {SURELY_COUNTED}) THEN {DF_CAP} ELSE "
                           f"(SELECT count(*) FROM (SELECT 1 FROM document_pages WHERE {where} "
                           f"LIMIT {DF_CAP}) AS x{i}) END" for i, (where, _) in enumerate(conditions))
        params = {name: value for _, q in conditions for name, value in q.items()}
        params.update({f"lone{i}": word for i, word in enumerate(lone)})
        lexemes = sorted({w for ph in phrases for words in ph.folded_phrases() for w in words}
                         | {t for ph in phrases for t in ph.terms(exact=True)})
        # The lexemes ANALYZE found on at least COMMON_SHARE of the pages (pg_stats lists only
        # what the login may read: none under row-level security, and then nothing is common).
        row = self._run(
            "WITH t AS MATERIALIZED (SELECT reltuples FROM pg_class WHERE oid = 'document_pages'::regclass), "
            "common AS MATERIALIZED (SELECT m.e, m.f FROM pg_stats s, unnest(s.most_common_elems::text::text[], "
            "s.most_common_elem_freqs) AS m(e, f) WHERE s.schemaname = current_schema() "
            "AND s.tablename = 'document_pages' AND s.attname = 'search_vector' "
            "AND m.f >= :common_share AND m.e = ANY(:lexemes)) "
            "SELECT (SELECT reltuples FROM t), (SELECT max(id) FROM document_pages), "
            f"(SELECT coalesce(array_agg(e), '{{}}') FROM common), {counts}",
            {**params, "common_share": COMMON_SHARE, "lexemes": lexemes})[0]
        total = int(row[0]) if row[0] and row[0] > 0 else 0
        if not total:  # never analysed yet: count (a new, small store)
            total = self._run("SELECT count(*) FROM document_pages", {})[0][0]
        self._stats_cache[key] = PageStats(total, row[1], list(row[3:]), frozenset(row[2]))
        return self._stats_cache[key]


def _segments(top: int, columns: str, where: str) -> list[tuple[str, dict[str, Any]]]:
    """Queries over stretches of pages, newest first, each ``ORDER BY id DESC LIMIT :n``.

    GIN hands out matches in no useful order, so "the newest k" of a word on 3 % of the pages
    meant visiting all 3,000 of its rows. Instead: first the newest pages read in id order,
    checking each vector (common words stop early); then older stretches picked out inside
    the GIN index by their bucket word (``~N`` for ids N·BUCKET_PAGES…, see migration 0002),
    so only matches inside the stretch are visited; last, everything older, by then reached
    only by words too rare for that to cost much.
    """
    bottom = max(0, top // BUCKET_PAGES - 1)  # the newest one to two buckets
    # The inner LIMIT makes it a backward walk of the primary key that stops as soon as the
    # outer query has its rows (a range condition alone was planned as sort-everything).
    segments = [(f"SELECT {columns} FROM (SELECT {columns}, search_vector FROM document_pages WHERE id >= :lo "
                 f"ORDER BY id DESC LIMIT :span) AS newest WHERE {where} AND id < :before ORDER BY id DESC LIMIT :n",
                 {"lo": bottom * BUCKET_PAGES, "span": top + 1 - bottom * BUCKET_PAGES, "before": top + 1})]
    for span in WINDOW_BUCKETS:
        if bottom <= 0:
            break
        low = max(0, bottom - span)
        buckets = " | ".join(f"'~{b}'" for b in range(low, bottom))
        segments.append((f"SELECT {columns} FROM document_pages WHERE {where} "
                         "AND search_vector @@ CAST(:buckets AS tsquery) AND id < :before ORDER BY id DESC LIMIT :n",
                         {"buckets": buckets, "before": bottom * BUCKET_PAGES}))
        bottom = low
    if bottom > 0:
        segments.append((f"SELECT {columns} FROM document_pages WHERE {where} AND id < :before ORDER BY id DESC LIMIT :n",
                         {"before": bottom * BUCKET_PAGES}))
    return segments


def _driven_condition(parsed: ParsedQuery, exact: bool, common: frozenset[str]) -> tuple[str, dict[str, Any]] | None:
    """The words condition with only the query's uncommon words and terms left to the GIN index,
    the whole condition checked on each row it hands out; None when there is nothing to split.

    The GIN index intersects a rare word's few hundred pages with a common word's posting
    tree (most of the table) slowly: at a million pages "quyet dinh so 3853" spent 35 ms in
    the index for 1,701 pages, "3853" alone 4 ms. The result is the same set of pages, since
    the whole condition still holds; ``ts_match_vq`` is ``@@`` in a form the planner does not
    hand to the index. Which words are common comes from ANALYZE (``pg_stats``), so a stale
    or missing statistic can only cost time, never a page."""
    words = [w for ph in parsed.folded_phrases() for w in ph]
    if parsed.prefix and parsed.symbols[-1] is None:
        words = words[:-1]  # a prefix may stand for many lexemes: it is left to the check
    rare_words = [w for w in words if w not in common]
    rare_terms = [t for t in parsed.terms(exact) if t not in common]
    if not rare_words and not rare_terms:
        return None
    everything, q = _words_condition(parsed, exact=exact)
    if len(rare_words) == len(words) and len(rare_terms) == len(parsed.terms(exact)) and not parsed.prefix:
        return None  # every word is uncommon: the index takes them all
    parts = []
    if rare_words:
        parts.append("plainto_tsquery('simple', :dw)")
        q["dw"] = " ".join(rare_words)
    if rare_terms:
        parts.append("CAST(:dt AS tsquery)")
        q["dt"] = " & ".join(f"'{t}'" for t in rare_terms)
    checked = everything.removeprefix("search_vector @@ ")
    return f"search_vector @@ ({' && '.join(parts)}) AND ts_match_vq(search_vector, {checked})", q


def _words_condition(parsed: ParsedQuery, tag: str = "", exact: bool = False) -> tuple[str, dict[str, Any]]:
    """SQL matching pages that hold every word of the query (the last as a prefix if asked),
    every document number typed, and with ``exact`` every word typed with marks, so written.

    ``plainto_tsquery`` ANDs the folded words and treats none of them as an operator; the
    terms are cast as they are (no parser: "1234/qd-ubnd" stays one lexeme), each quoted
    (a term holds only letters, digits, / and -)."""
    words = [w for ph in parsed.folded_phrases() for w in ph]
    prefix = parsed.prefix and parsed.symbols[-1] is None
    parts, params = [], {}
    if words and not (prefix and len(words) == 1):
        parts.append(f"plainto_tsquery('simple', :w{tag})")
        params[f"w{tag}"] = " ".join(words[:-1] if prefix else words)
    if prefix:
        parts.append(f"to_tsquery('simple', :p{tag})")
        params[f"p{tag}"] = "'" + words[-1].replace("'", "''") + "':*"
    terms = parsed.terms(exact)
    if terms:
        parts.append(f"CAST(:t{tag} AS tsquery)")
        params[f"t{tag}"] = " & ".join(f"'{t}'" for t in terms)
    return f"search_vector @@ ({' && '.join(parts)})", params


def _with_phrases(rows: list[Any], phrases: list[re.Pattern[str]]) -> list[Candidate]:
    """The rows whose folded text holds every phrase (words in order, next to each other)."""
    if not phrases:
        return [Candidate(r.id, r.folded, r.terms) for r in rows]
    kept = []
    for r in rows:
        padded = " " + r.folded + " "
        if all(phrase_hits(padded, pattern, first_only=True) for pattern in phrases):
            kept.append(Candidate(r.id, r.folded, r.terms))
    return kept


def _filtered_versions(backend: SqliteBackend | PostgresBackend, filters: str, params: dict[str, Any]) -> list[int]:
    """Current versions of documents passing the filters, up to FEW_VERSIONS + 1 of them."""
    return [r[0] for r in backend._run(
        "SELECT d.current_version_id FROM documents d WHERE d.recalled_at IS NULL "
        f"AND d.current_version_id IS NOT NULL {filters} LIMIT {FEW_VERSIONS + 1}", params)]
