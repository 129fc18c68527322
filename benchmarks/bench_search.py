"""Search benchmark: generated Vietnamese pages (100,000 by default), 100 mixed queries, per backend.

Goals (issues 3 and 18): SQLite p95 ≤ 20 ms; PostgreSQL at 1 M pages p95 ≤ 50 ms and max ≤ 200 ms
with the README's recommended server settings, p95 ≤ 100 ms with the server's defaults.

The corpus (``search_corpus.py``) is generated once per page count and kept: SQLite in a
folder under ``$NGHISU_BENCH_CACHE`` (default ``~/.cache/nghisu-bench``), PostgreSQL in a schema
named for the corpus in the benchmark's own database (``bench_search`` on the local server,
created when missing; ``--pg`` or ``$NGHISU_BENCH_DATABASE_URL`` for another), away from the
database the test suites share. Later runs reuse them (opening a kept store runs the store's migrations:
a schema change is measured as an upgrade of the kept data); ``--fresh`` loads again,
``--drop`` removes the kept copies and exits.

Each query runs in its own read session (as the app does), once, after a short warm-up with
other words. Mixed: with and without diacritics, 1-3 words, symbols, rare and common words,
30 % with a meeting filter. For the five slowest queries of each backend, every SQL statement
the search ran is shown with its plan: ``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL,
``EXPLAIN QUERY PLAN`` on SQLite. On PostgreSQL every query's statements are also run again
under ``EXPLAIN ANALYZE`` and the server's own time reported beside the wall time (on a loaded
machine the wall time is mostly the wait for a core).

``--pg-set name=value`` (repeatable) applies server settings to the benchmark's own
connections only (libpq options), so the shared server's configuration is never changed;
``--pg-set recommended`` applies the README's recommended settings that need no restart.

    python benchmarks/bench_search.py [--pages 100000] [--pg URL | --no-pg | --no-sqlite]
        [--pg-set recommended | --pg-set NAME=VALUE ...] [--fresh | --drop] [--settle 600] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from machine import cpu_model  # noqa: E402
from search_corpus import (  # noqa: E402
    COMMON,
    DISTRICTS,
    RARE,
    SEED,
    CorpusFacts,
    PostgresTarget,
    SqliteTarget,
    drop_kept,
    load,
)

from documents.search.service import search  # noqa: E402
from documents.text import fold_for_search  # noqa: E402

#: The benchmark's own database on the local server (created when missing), not the tests' one.
PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_search"
#: The README's recommended settings that a reload applies (shared_buffers needs a restart and
#: is recommended apart; it matters little while the operating system caches the tables).
RECOMMENDED = {"jit": "off", "random_page_cost": "1.1", "work_mem": "16MB", "effective_cache_size": "4GB",
               "effective_io_concurrency": "100"}
#: Seconds to wait, before each backend's queries, for the 1-minute load to fall below QUIET_LOAD.
SETTLE_S = 0.0
QUIET_LOAD = 2.0


def make_queries(c: CorpusFacts, count: int = 100, seed: int = SEED + 1) -> list[tuple[str, str, int | None]]:
    """(kind, query, meeting_id or None): a mix of common, rare, symbol and multi-word queries."""
    rnd = random.Random(seed)
    words = [w for t in COMMON for w in t.replace(",", " ").replace(".", " ").split() if len(w) > 1]
    kinds = ["common-1", "common-2", "common-3", "rare", "symbol", "district", "number", "phrase-miss"]
    out = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind.startswith("common"):
            k = int(kind[-1])
            start = rnd.randrange(len(words) - k)
            q = " ".join(words[start:start + k])
        elif kind == "rare":
            q = rnd.choice(RARE)
        elif kind == "symbol":
            q = rnd.choice(c.numbers)
        elif kind == "district":
            q = "huyện " + rnd.choice(DISTRICTS)
        elif kind == "number":
            q = f"{rnd.choice(['Quyết định', 'Tờ trình', 'Báo cáo'])} số {rnd.choice(c.numbers).split('/')[0]}"
        else:
            q = "đại biểu " + rnd.choice(["Quốc hội khóa XV", "thiếu nhi", "nông dân tiêu biểu"])
        if rnd.random() < 0.5:
            q = fold_for_search(q)  # typed without diacritics
        meeting = rnd.randint(1, c.meetings) if rnd.random() < 0.3 else None
        out.append((kind, q, meeting))
    return out


def _settle() -> None:
    deadline = time.monotonic() + SETTLE_S
    while os.getloadavg()[0] >= QUIET_LOAD and time.monotonic() < deadline:
        time.sleep(5)


def run_queries(store, queries) -> list[tuple[float, int]]:
    """(milliseconds, hits) per query, in order."""
    _settle()
    print(f"  (queries start at load average {os.getloadavg()[0]:.1f})")
    for warm in ("quan ly", "ngân sách", "huyen"):
        with store.read() as s:
            search(s, warm)
    out = []
    for _kind, q, meeting in queries:
        t = time.perf_counter()
        with store.read() as s:
            hits = search(s, q, meeting_id=meeting)
        out.append(((time.perf_counter() - t) * 1000, len(hits)))
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _statements(store, q: str, meeting: int | None) -> list[tuple[str, dict]]:
    """Every SQL statement one search runs, with its parameters, captured as it runs."""
    from sqlalchemy import event

    seen: list[tuple[str, dict]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        with store.read() as s:
            search(s, q, meeting_id=meeting)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    return seen


def show_plans(store, queries, results, n: int = 5) -> None:
    """The plans of every statement of the ``n`` slowest queries."""
    slowest = sorted(range(len(queries)), key=lambda i: -results[i][0])[:n]
    pg = store.engine.dialect.name == "postgresql"
    for i in slowest:
        kind, q, meeting = queries[i]
        print(f"\n  -- slow #{i}: {kind} {q!r}{f' (meeting {meeting})' if meeting else ''}: {results[i][0]:.1f} ms, "
              f"{results[i][1]} hits")
        with store.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            for sql, params in _statements(store, q, meeting):
                if "set_config" in sql:
                    conn.exec_driver_sql(sql, params)
                    continue
                head = " ".join(sql.split())[:160]
                cur = raw.cursor()
                if pg:
                    t = time.perf_counter()
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    plan = [r[0] for r in cur.fetchall()]
                    print(f"    {head}\n      [{(time.perf_counter() - t) * 1000:.1f} ms]")
                else:
                    cur.execute("EXPLAIN QUERY PLAN " + sql, params)
                    plan = [r[-1] for r in cur.fetchall()]
                    print(f"    {head}")
                for line in plan:
                    print(f"      {line}")
            conn.rollback()


def server_times(store, queries) -> list[float]:
    """PostgreSQL: per query, the server's own time (planning + execution) summed over every
    statement the search ran, each run again under EXPLAIN ANALYZE: a figure the wait for a
    core on a loaded machine hardly touches, beside the wall time the person sees."""
    out = []
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for _kind, q, meeting in queries:
            total = 0.0
            for sql, params in _statements(store, q, meeting):
                if "set_config" in sql:
                    conn.exec_driver_sql(sql, params)
                    continue
                cur = raw.cursor()
                cur.execute("EXPLAIN (ANALYZE, SUMMARY) " + sql, params)
                for (line,) in cur.fetchall():
                    if line.startswith(("Planning Time:", "Execution Time:")):
                        total += float(line.split()[-2])
            out.append(total)
            conn.rollback()
    return out


def report(name: str, queries, runs: list[list[tuple[float, int]]], extra: dict[str, str]) -> float:
    """Print the figures; returns p95. Several runs: each query's median over the runs."""
    lat = [statistics.median(r[i][0] for r in runs) for i in range(len(queries))]
    counts = [runs[0][i][1] for i in range(len(queries))]
    print(f"\n== {name} ==")
    for k, v in extra.items():
        print(f"  {k}: {v}")
    per_run = "; ".join(f"p95 {pct([x for x, _ in r], .95):.1f} max {max(x for x, _ in r):.1f}" for r in runs)
    print(f"  latency over {len(lat)} queries: p50 {pct(lat, .5):.1f} ms, p95 {pct(lat, .95):.1f} ms, "
          f"max {max(lat):.1f} ms  (load average now {os.getloadavg()[0]:.1f}; runs: {per_run})")
    print(f"  queries with hits: {sum(1 for n in counts if n)}/{len(counts)}")
    by_kind: dict[str, list[float]] = {}
    for (kind, _, _), ms in zip(queries, lat, strict=True):
        by_kind.setdefault(kind, []).append(ms)
    for kind, v in by_kind.items():
        print(f"    {kind:12s} n={len(v):3d}  median {statistics.median(v):6.1f} ms  max {max(v):6.1f} ms")
    return pct(lat, .95)


def bench(target, queries, repeat: int, plans: int, extra: dict[str, str]) -> float:
    runs = [run_queries(target.store, queries) for _ in range(repeat)]
    p95 = report(target.label, queries, runs, extra)
    if target.store.engine.dialect.name == "postgresql":
        server = server_times(target.store, queries)
        print(f"  on the server (planning + execution, every statement, run again): p50 {pct(server, .5):.1f} ms, "
              f"p95 {pct(server, .95):.1f} ms, max {max(server):.1f} ms")
    if plans:
        print(f"  plans of the {plans} slowest queries (each statement run again under EXPLAIN):")
        show_plans(target.store, queries, runs[-1], plans)
    return p95


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--pg", default=os.environ.get("NGHISU_BENCH_DATABASE_URL", PG_URL))
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--pg-set", action="append", default=[], metavar="NAME=VALUE|recommended")
    ap.add_argument("--fresh", action="store_true", help="generate and load again even if a kept copy exists")
    ap.add_argument("--drop", action="store_true", help="remove the kept copies of this corpus and exit")
    ap.add_argument("--repeat", type=int, default=1, help="run the queries this many times (median per query)")
    ap.add_argument("--plans", type=int, default=5, help="show plans for this many slowest queries (0: none)")
    ap.add_argument("--settle", type=float, default=0.0,
                    help=f"wait up to this many seconds for the load average to fall below {QUIET_LOAD} before querying")
    args = ap.parse_args()
    global SETTLE_S
    SETTLE_S = args.settle
    if args.drop:
        drop_kept(None if args.no_pg else args.pg, args.pages)
        print("kept copies removed")
        return 0
    options: dict[str, str] = {}
    for item in args.pg_set:
        if item == "recommended":
            options.update(RECOMMENDED)
        else:
            name, _, value = item.partition("=")
            options[name.strip()] = value.strip()
    print(f"load average {os.getloadavg()[0]:.1f}; machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
          f"{cpu_model()}, Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}")
    started = time.perf_counter()
    targets = []
    if not args.no_sqlite:
        targets.append(SqliteTarget(args.pages, args.fresh))
        targets[-1].label = "SQLite (FTS5)"
    if not args.no_pg:
        try:
            targets.append(PostgresTarget(args.pg, args.pages, args.fresh, options))
        except Exception as exc:  # no server: say so, measure SQLite
            print(f"\n== PostgreSQL: skipped ({str(exc).strip()[:160]}) ==")
        else:
            with targets[-1].store.engine.connect() as conn:
                version = conn.exec_driver_sql("SHOW server_version").scalar().split()[0]
            targets[-1].label = f"PostgreSQL {version}" + (" (settings: " + ", ".join(
                f"{k}={v}" for k, v in options.items()) + ")" if options else " (server's settings)")
    for t in targets:
        print(f"{t.name}: {'kept corpus reused' if t.kept else 'loading'} (open and migrate {t.open_s:.1f} s)")
    facts = load(targets, args.pages)
    print(f"corpus: {facts.describe()}; ready after {time.perf_counter() - started:.0f} s")
    queries = make_queries(facts)
    p95s = {}
    for t in targets:
        extra = {"load": ", ".join(f"{k} {v:.0f}" for k, v in t.times.items()) or "kept",
                 "size": t.sizes()}
        if isinstance(t, PostgresTarget):
            extra["server settings"] = t.settings()
        p95s[t.name] = bench(t, queries, args.repeat, args.plans, extra)
        t.store.close()
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")
    ok = p95s.get("SQLite", 0) <= 20
    if "SQLite" in p95s:
        print(f"SQLite p95 {p95s['SQLite']:.1f} ms: {'meets' if ok else 'MISSES'} the 20 ms goal")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
