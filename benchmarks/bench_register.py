"""Register benchmark (issue 14): a province-year of incoming registers on PostgreSQL.

200,000 register entries across 150 units (the province and 149 communes; the province holds
more), each with its page text (about 1.2 KB of generated Vietnamese, folded for search), real
handlers, deadlines (some overdue) and statuses. Loaded with COPY into a fresh schema migrated
by this version, then ANALYZE.

Measured through the register's own service functions (``register.incoming.lists``), each in
its own read session as the desktop does, **as a văn thư's own login**, so row-level security is
paid as in the shared store:

- list a register page: 50 entries of the unit's year, newest first;
- overdue for a unit: the unit's open documents past their deadline, and their count;
- full-text search over the register: 1–3 words (with and without marks) within the unit.
- the page as the Văn bản tab reads it: each entry marked when its handler has left the unit
  ("cần giao lại"; one handler of every unit has moved on), with the count of those entries.

Each figure is the p50 / p95 / max of ``--runs`` timed calls over the benchmark's units, after
a warm-up. Goal: each p95 under 50 ms.

    python benchmarks/bench_register.py [--entries 200000] [--units 150] [--runs 60] [--pg URL] [--keep]
    python benchmarks/bench_register.py --reuse SCHEMA [--keep]   # measure a kept schema again, no reload
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import random
import secrets
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from machine import cpu_model  # noqa: E402
from psycopg import sql  # noqa: E402

from demo.rls_scenery import libpq_url  # noqa: E402
from documents.text import fold_for_search  # noqa: E402
from register.incoming.entries import get_incoming  # noqa: E402
from register.incoming.lists import IncomingFilter, count_incoming, list_incoming  # noqa: E402
from store.accounts import create_login, open_as_person  # noqa: E402
from store.clock import FixedClock  # noqa: E402
from store.directory import create_person, create_unit  # noqa: E402
from store.directory.people import edit_person, grant_role  # noqa: E402
from store.engine import Store, open_store  # noqa: E402
from store.location import StoreLocation  # noqa: E402

SEED = 14
TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
SENDERS = ["Bộ Nội vụ", "Văn phòng Chính phủ", "Sở Tài chính", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư",
           "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an tỉnh",
           "Bộ Chỉ huy Quân sự tỉnh", "Ủy ban nhân dân tỉnh Quảng Trị", "Sở Xây dựng", "Thanh tra tỉnh"]
TOPICS = ["phòng, chống thiên tai và tìm kiếm cứu nạn", "quyết toán ngân sách nhà nước", "chuyển đổi số",
          "xây dựng nông thôn mới", "giải ngân vốn đầu tư công", "cải cách hành chính", "tiêm chủng mở rộng",
          "sắp xếp đơn vị hành chính cấp xã", "bảo vệ rừng và phòng cháy chữa cháy rừng", "an toàn giao thông",
          "giảm nghèo bền vững", "tuyển sinh đầu cấp năm học 2026-2027", "phòng chống dịch bệnh gia súc, gia cầm",
          "công tác văn thư, lưu trữ", "tiếp công dân và giải quyết khiếu nại, tố cáo", "bầu cử đại biểu Quốc hội"]
VERBS = ["Về việc triển khai", "Về việc báo cáo kết quả", "Về việc hướng dẫn", "Về việc đôn đốc thực hiện",
         "Về việc góp ý dự thảo", "Về việc tăng cường"]
FILLER = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; thực hiện chỉ đạo của Ủy ban nhân dân "
          "tỉnh, đề nghị các đơn vị khẩn trương triển khai, tổng hợp kết quả, báo cáo bằng văn bản về Văn phòng trước "
          "ngày 15 hằng tháng để theo dõi, đôn đốc. Trong quá trình thực hiện nếu có vướng mắc, đề nghị phản ánh kịp "
          "thời để được hướng dẫn, giải quyết theo quy định. ")
QUERIES = ["phòng chống thiên tai", "quyet toan ngan sach", "chuyển đổi số", "nong thon moi", "giải ngân",
           "cai cach hanh chinh", "tiêm chủng", "bao ve rung", "an toàn giao thông", "van thu luu tru",
           "tuyen sinh", "khiếu nại tố cáo", "Sở Y tế", "bầu cử"]


class _Folded(dict[str, str]):
    """Folding is the generator's cost: the few distinct pieces are folded once."""

    def __missing__(self, key: str) -> str:
        self[key] = fold_for_search(key)
        return self[key]


FOLDED = _Folded()


def make_rows(n: int, units: list[int], handlers: dict[int, list[int]], blobs: list[str]) -> io.StringIO:
    """The entries as COPY text, spread over the year; the province (units[0]) gets a sixth."""
    rnd = random.Random(SEED)
    out = io.StringIO()
    numbers: dict[int, int] = {}
    start = datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    span = (NOW - start).total_seconds()
    weights = [len(units) * 0.2] + [1.0] * (len(units) - 1)
    picks = rnd.choices(units, weights=weights, k=n)
    times = sorted(rnd.random() * span for _ in range(n))
    for i, unit in enumerate(picks):
        at = start + timedelta(seconds=times[i])
        numbers[unit] = numbers.get(unit, 0) + 1
        sender, topic, verb = rnd.choice(SENDERS), rnd.choice(TOPICS), rnd.choice(VERBS)
        subject = f"{verb} {topic} năm 2026"
        symbol = f"{rnd.randint(1, 3000)}/{''.join(w[0] for w in sender.split()).upper()}-VP"
        body = f"{subject}. {FILLER * 3}{topic.capitalize()}: {FILLER}"
        folded = " ".join((fold_for_search(f"{symbol} {sender} {subject}"), FOLDED[subject], FOLDED[FILLER * 3],
                           FOLDED[topic], FOLDED[FILLER]))
        age = (NOW - at).days
        handler = rnd.choice(handlers[unit])
        due = (at.date() + timedelta(days=rnd.choice([5, 7, 10, 15, 30])))
        status = "done" if age > 40 or rnd.random() < 0.55 else "assigned"
        if age < 2 and rnd.random() < 0.5:
            status, handler_s, due_s = "registered", r"\N", r"\N"
        else:
            handler_s, due_s = str(handler), due.isoformat()
        done = at + timedelta(days=rnd.randint(1, 20)) if status == "done" else None
        fields = [str(unit), "2026", "den", str(numbers[unit]), at.strftime("%Y-%m-%d %H:%M:%S"), r"\N",
                  at.strftime("%Y-%m-%d %H:%M:%S"), "file", status, sender, fold_for_search(sender), r"\N", symbol,
                  "cong_van", (at.date() - timedelta(days=rnd.randint(0, 5))).isoformat(), subject, "thuong", "thuong",
                  blobs[i % len(blobs)], f"{i}.pdf", "120000", "2", "valid", '{"verdict": "valid"}', body, folded,
                  r"\N", r"\N", handler_s, due_s, "", r"\N", r"\N",
                  done.strftime("%Y-%m-%d %H:%M:%S") if done else r"\N", r"\N", "", r"\N", "1", r"\N", r"\N"]
        out.write("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n")
    out.seek(0)
    return out


COLUMNS = ("unit_id, year, series, number, received_at, received_by_id, registered_at, channel, status, sender_name, "
           "sender_key, sender_unit_id, doc_symbol, doc_type, doc_date, subject, classification, urgency, file_sha256, "
           "filename, size, page_count, verdict, verification, body_text, search_folded, source_outgoing_id, "
           "reply_due_on, handler_id, due_on, instruction, assigned_by_id, assigned_at, done_at, done_by_id, done_note, "
           "reply_outgoing_id, version, updated_at, updated_by_id")


def timed(fn, runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[max(0, int(round(0.95 * len(ms))) - 1)]
    verdict = "OK" if p95 < 50 else "OVER GOAL"
    return f"{name:<46} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms   {verdict}"


def kept_directory(pg: str, schema: str) -> tuple[list[int], dict[int, int]]:
    """The units and their văn thư of a kept schema; the văn thư's logins a former run made are
    gone with its roles (or are dropped now), so their rows go too: this run makes new ones."""
    with psycopg.connect(libpq_url(pg), autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        units = [r[0] for r in conn.execute("SELECT id FROM units ORDER BY id")]
        clerks = dict(conn.execute("SELECT unit_id, person_id FROM person_roles WHERE role = 'van_thu'").fetchall())
        for (role,) in conn.execute("DELETE FROM person_logins WHERE person_id = ANY(%s) RETURNING role_name",
                                    [list(clerks.values())]).fetchall():
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
    return units, clerks


def load(args: argparse.Namespace, location: StoreLocation, schema: str) -> tuple[Store, list[int], dict[int, int]]:
    """A new schema migrated by this version: the directory, then the entries by COPY."""
    t0 = time.perf_counter()
    store = open_store(location, clock=FixedClock(NOW))
    with store.uow() as uow:
        prov = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2025",
                           official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị").id
        units = [prov] + [create_unit(uow, code=f"X{i:03d}", name=f"Xã Thử {i:03d}", level="commune", scheme="2025",
                                      parent_id=prov, official_name=f"Ủy ban nhân dân xã Thử {i:03d}",
                                      place_name=f"Thử {i:03d}").id for i in range(1, args.units)]
        handlers: dict[int, list[int]] = {}
        clerks: dict[int, int] = {}
        for u in units:
            handlers[u] = [create_person(uow, full_name=f"Chuyên viên {u}-{k}", position="Chuyên viên",
                                         unit_id=u).id for k in range(3)]
            clerks[u] = create_person(uow, full_name=f"Văn thư {u}", position="Văn thư", unit_id=u).id
            grant_role(uow, clerks[u], u, "van_thu", since=date(2020, 1, 1))
        uow.commit()
    with store.uow() as uow:
        # One handler of each unit has since moved on (to the next unit): their open entries are
        # the ones the Văn bản tab marks "cần giao lại" and counts.
        for u, nxt in zip(units, units[1:] + units[:1], strict=True):
            edit_person(uow, handlers[u][2], unit_id=nxt)
        uow.commit()
    blobs = [f"{i:064x}" for i in range(1, 2001)]
    print(f"directory: {len(units)} units, {sum(map(len, handlers.values()))} handlers "
          f"({time.perf_counter() - t0:.1f} s)", flush=True)
    t1 = time.perf_counter()
    rows = make_rows(args.entries, units, handlers, blobs)
    t2 = time.perf_counter()
    with psycopg.connect(libpq_url(args.pg), autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        with conn.cursor().copy("COPY blobs (sha256, size, created_at) FROM STDIN") as cp:
            for b in blobs:
                cp.write_row((b, 120000, NOW.replace(tzinfo=None)))
        # The text index is built once after the load (as a restore does), not row by row.
        conn.execute("DROP INDEX ix_incoming_documents_fts")
        with conn.cursor().copy(f"COPY incoming_documents ({COLUMNS}) FROM STDIN") as cp:
            while chunk := rows.read(1 << 20):
                cp.write(chunk)
        conn.execute("CREATE INDEX ix_incoming_documents_fts ON incoming_documents USING gin (search_vector) "
                     "WITH (fastupdate = off)")
        t3 = time.perf_counter()
        conn.execute("ANALYZE incoming_documents")
        size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('incoming_documents'))").fetchone()[0]
    print(f"entries: {args.entries:,} generated in {t2 - t1:.1f} s, COPY {t3 - t2:.1f} s, "
          f"ANALYZE {time.perf_counter() - t3:.1f} s; table with indexes {size}", flush=True)
    return store, units, clerks


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=200_000)
    ap.add_argument("--units", type=int, default=150)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--logins", type=int, default=6, help="units whose văn thư logs in to measure")
    ap.add_argument("--pg", default=os.environ.get("NGHISU_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--keep", action="store_true", help="keep the schema afterwards")
    ap.add_argument("--reuse", metavar="SCHEMA", help="measure a schema kept by --keep instead of loading a new one "
                    "(migrated to this version first; the measured văn thư get fresh logins)")
    args = ap.parse_args()
    schema = args.reuse or f"bench_register_{uuid.uuid4().hex[:8]}"
    if not args.reuse:
        with psycopg.connect(libpq_url(args.pg), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    location = StoreLocation(database_url=args.pg, schema=schema)
    roles: list[str] = []
    password = secrets.token_urlsafe(18)
    try:
        if args.reuse:
            units, clerks = kept_directory(args.pg, schema)
            store = open_store(location, clock=FixedClock(NOW))
        else:
            store, units, clerks = load(args, location, schema)
        print(f"schema {schema}", flush=True)
        measured = [units[0]] + random.Random(SEED).sample(units[1:], args.logins - 1)
        with store.uow() as uow:
            for u in measured:
                roles.append(create_login(uow, clerks[u], password).role_name)
            uow.commit()
        store.close()

        results: dict[str, list[float]] = {"page": [], "overdue": [], "search": [], "marks": []}
        rnd = random.Random(SEED + 1)
        for u, role in zip(measured, roles, strict=True):
            me = open_as_person(location, role, password, clock=FixedClock(NOW))
            try:
                def page(i: int, u: int = u, me=me) -> None:
                    with me.read() as s:
                        assert len(list_incoming(s, IncomingFilter(unit_id=u, year=2026), limit=50,
                                                 offset=50 * (i % 4))) == 50

                def overdue(i: int, u: int = u, me=me) -> None:
                    with me.read() as s:
                        f = IncomingFilter(unit_id=u, overdue_on=TODAY)
                        list_incoming(s, f, limit=50)
                        count_incoming(s, f)

                def search(i: int, u: int = u, me=me) -> None:
                    with me.read() as s:
                        list_incoming(s, IncomingFilter(unit_id=u, text=rnd.choice(QUERIES)), limit=50)

                def marks(i: int, u: int = u, me=me) -> None:
                    # What the Văn bản tab adds since issue 18's helpers: the page with each
                    # entry's "cần giao lại" mark, and the count of entries whose handler left.
                    with me.read() as s:
                        list_incoming(s, IncomingFilter(unit_id=u, year=2026), limit=50, offset=50 * (i % 4),
                                      today=TODAY)
                        count_incoming(s, IncomingFilter(unit_id=u, needs_handler_on=TODAY))

                for fn in (page, overdue, search, marks):  # warm-up
                    fn(0)
                with me.read() as s:  # a list's entries as the login reads each one alone (same rule, same data)
                    listed = list_incoming(s, IncomingFilter(unit_id=u, overdue_on=TODAY), limit=50)
                    assert listed and all(e == get_incoming(s, e.id) for e in listed)
                per = max(1, args.runs // len(measured))
                results["page"] += timed(page, per)
                results["overdue"] += timed(overdue, per)
                results["search"] += timed(search, per)
                results["marks"] += timed(marks, per)
            finally:
                me.close()
        avg = os.getloadavg()
        print(f"\nmachine: {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}; "
              f"load average {avg[0]:.1f} {avg[1]:.1f} {avg[2]:.1f}")
        print(f"measured as the văn thư's own login (row-level security on) of {len(measured)} units "
              f"(the province and {len(measured) - 1} communes), {len(results['page'])} calls each:")
        print(summary("list a register page (50 of the year)", results["page"]))
        print(summary("overdue for a unit (page + count)", results["overdue"]))
        print(summary("full-text search in the unit's register", results["search"]))
        print(summary("page with handler marks + count to reassign", results["marks"]))
        return 0
    finally:
        with psycopg.connect(libpq_url(args.pg), autocommit=True) as conn:
            if not args.keep:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
            for role in roles:
                with contextlib.suppress(psycopg.Error):
                    conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


if __name__ == "__main__":
    sys.exit(main())
