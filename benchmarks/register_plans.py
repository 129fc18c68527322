"""Server-side time of the register's search, statement by statement, on a kept benchmark schema.

``bench_register.py --keep`` leaves its 200,000 entries in a schema (named in its output); this
runs each of its search queries for the province and for a commune through the service
(``register.incoming.lists.list_incoming``), captures every SQL statement it sends, and runs
each again under ``EXPLAIN ANALYZE`` (best of three, so the table is warm): the time the
server spends, apart from the client and from the wait for a core on a loaded machine.
``--single`` sets the stretch to none, so every search takes the single statement used before
the newest-stretch search (the words' GIN index intersected with the unit's, every match
sorted), for comparison.

The statements run as the connecting role (no row-level security for a superuser): the
plans' shape, not the desktop's whole call, which ``bench_register.py`` times.

    python benchmarks/register_plans.py SCHEMA [--pg URL] [--single] [--units 1,41]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from bench_register import QUERIES  # noqa: E402
from sqlalchemy import event  # noqa: E402

from register.incoming import lists  # noqa: E402
from register.incoming.lists import IncomingFilter, list_incoming  # noqa: E402
from store.engine import open_store  # noqa: E402
from store.location import StoreLocation  # noqa: E402


def statements(store, f: IncomingFilter) -> list[tuple[str, object]]:
    """The SELECT statements one search sends, with their parameters."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        with store.read() as s:
            list_incoming(s, f, limit=50)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    return [(sql, p) for sql, p in seen if sql.lstrip().upper().startswith("SELECT") and "set_config" not in sql]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("schema")
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/bench_search")
    ap.add_argument("--single", action="store_true", help="the single-statement search, for comparison")
    ap.add_argument("--units", default="1,41", help="unit ids (1 is the province)")
    args = ap.parse_args()
    if args.single:  # an empty stretch: every search falls back to the single statement
        lists.NEWEST_STRETCH = 0
    store = open_store(StoreLocation(database_url=args.pg, schema=args.schema))
    raw = psycopg.connect(args.pg.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    raw.execute(f'SET search_path TO "{args.schema}"')
    raw.execute("SET jit = off")
    totals = []
    for unit in (int(u) for u in args.units.split(",")):
        for q in QUERIES:
            total = 0.0
            for sql, params in statements(store, IncomingFilter(unit_id=unit, text=q)):
                best = min(float(raw.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params).fetchall()[-1][0].split()[-2])
                           for _ in range(3))
                total += best
            totals.append(total)
            print(f"unit {unit:4d}  {q:24s} {total:8.1f} ms on the server")
    store.close()
    v = sorted(totals)
    print(f"{'single statement' if args.single else 'service'}: median {statistics.median(v):.1f} ms, "
          f"p95 {v[int(round(0.95 * (len(v) - 1)))]:.1f} ms, max {v[-1]:.1f} ms over {len(v)} searches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
