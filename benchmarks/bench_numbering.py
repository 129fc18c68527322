"""Numbering under contention: N documents numbered from S concurrent PostgreSQL sessions.

Each session has its own engine and connections (a desktop each) and takes numbers one
transaction at a time through ``register.numbering.take_number`` (the server's
``nghisu_take_number``), as a văn thư releasing documents does; all start together. Afterwards
the register must hold exactly 1..N, once each (no duplicate, no gap), and the counter N.

    .venv/bin/python benchmarks/bench_numbering.py [--numbers 1000] [--sessions 10] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

from machine import cpu_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = os.environ.get("NGHISU_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def main() -> int:
    import psycopg
    from sqlalchemy import text

    from register.numbering import Series, take_number
    from store.directory import create_person, create_unit, grant_role
    from store.engine import open_store
    from store.location import StoreLocation

    ap = argparse.ArgumentParser()
    ap.add_argument("--numbers", type=int, default=1000)
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--database-url", default=DEFAULT_URL)
    args = ap.parse_args()
    schema = f"bench_numbering_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    location = StoreLocation(database_url=args.database_url, schema=schema)
    try:
        main_store = open_store(location, create=True)
        with main_store.uow() as uow:
            unit = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019",
                               official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị").id
            clerk = create_person(uow, full_name="Lê Thị Thu", position="Văn thư", unit_id=unit).id
            grant_role(uow, clerk, unit, "van_thu")
            uow.commit()
        share = [args.numbers // args.sessions + (1 if i < args.numbers % args.sessions else 0)
                 for i in range(args.sessions)]
        stores = [open_store(location) for _ in range(args.sessions)]
        for st in stores:  # connect before the clock starts
            with st.read() as s:
                s.execute(text("SELECT 1"))
        got: list[list[int]] = [[] for _ in range(args.sessions)]
        waits: list[float] = []
        failures: list[BaseException] = []
        start = threading.Barrier(args.sessions + 1)

        def desktop(i: int) -> None:
            try:
                start.wait()
                for _ in range(share[i]):
                    t0 = time.perf_counter()
                    with stores[i].uow(clerk) as uow:
                        info = take_number(uow, unit_id=unit, series=Series.DI, doc_type="quyet_dinh")
                        uow.commit()
                    waits.append(time.perf_counter() - t0)
                    got[i].append(info.number)
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=desktop, args=(i,)) for i in range(args.sessions)]
        for t in threads:
            t.start()
        start.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        if failures:
            raise failures[0]
        numbers = sorted(n for g in got for n in g)
        with main_store.read() as s:
            stored = [r[0] for r in s.execute(text("SELECT number FROM register_numbers ORDER BY number"))]
            counter = s.execute(text("SELECT last_number FROM register_counters")).scalar_one()
        ok = numbers == list(range(1, args.numbers + 1)) == stored and counter == args.numbers
        waits.sort()
        print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"{args.numbers} numbers from {args.sessions} concurrent sessions in {elapsed:.2f} s "
              f"({args.numbers / elapsed:.0f}/s); per number p50 {statistics.median(waits) * 1000:.1f} ms, "
              f"p95 {waits[int(len(waits) * 0.95) - 1] * 1000:.1f} ms")
        print(f"no duplicate, no gap: {'yes' if ok else 'NO'} (1..{numbers[-1]}, counter {counter}, "
              f"{len(set(numbers))} distinct)")
        for st in (*stores, main_store):
            st.close()
        return 0 if ok else 1
    finally:
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    sys.exit(main())
