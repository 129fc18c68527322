"""The search benchmark's corpus: generated Vietnamese pages, streamed into a store, kept for reuse.

Pages are built from sentence fragments of provincial People's Committee papers (every
diacritic, đ/Đ, numbers and symbols like "1234/QĐ-UBND", the districts of Quảng Trị) with a
seeded RNG, folded once per fragment (``fold_chars`` is char for char, so a page's folded text
is its fragments' folded texts joined). About 14 documents per meeting; one document in ten
has an older version (its pages stay in the table, searched out by ``current_version_id``)
and a few are recalled.

A million pages are 1.9 GiB of text: they are generated in batches and streamed into the
stores (SQLite by ``executemany``, PostgreSQL by ``COPY``), never held in memory at once. A
loaded store is kept (SQLite: a folder under the cache directory; PostgreSQL: a schema named
for the corpus) and reused by the next run with the same page count and seed; opening it
runs the store's migrations, so a schema change is measured on the kept data as an upgrade.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from documents.models import Document, DocumentPage, DocumentVersion
from documents.search.index import optimize_index, rebuild_index
from documents.text import fold_chars
from meetings.models import Meeting
from store.engine import open_store
from store.location import StoreLocation
from store.models import Blob, Unit

#: Change when generation changes: kept stores of another version are not reused.
CORPUS_VERSION = 1
SEED = 20261128
BATCH_PAGES = 5000
DISTRICTS = ["Đông Hà", "Quảng Trị", "Vĩnh Linh", "Gio Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng",
             "Hướng Hóa", "Đakrông", "Cồn Cỏ"]
COMMUNES = ["Tà Rụt", "A Ngo", "Hướng Phùng", "Khe Sanh", "Lao Bảo", "Vĩnh Giang", "Triệu Ái", "Hải Dương",
            "Cam Thành", "Gio Mỹ", "Ba Lòng", "Húc Nghì", "A Dơi", "Mò Ó", "Cửa Tùng", "Cửa Việt"]
SYMBOLS = ["QĐ-UBND", "TTr-UBND", "BC-UBND", "KH-UBND", "TB-UBND", "NQ-HĐND", "TTr-SKHĐT", "BC-STC", "CV-SNN"]
COMMON = [
    "Ủy ban nhân dân tỉnh Quảng Trị", "Hội đồng nhân dân tỉnh", "các sở, ban, ngành", "tổ chức thực hiện",
    "theo quy định của pháp luật", "kế hoạch phát triển kinh tế - xã hội", "đầu tư công trung hạn",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
    "Trong thời gian qua, dưới sự lãnh đạo của Tỉnh ủy,", "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh,",
    "đã tập trung triển khai đồng bộ, quyết liệt các nhiệm vụ, giải pháp đề ra.",
    "đã chủ động rà soát, đẩy nhanh tiến độ giải ngân vốn đầu tư công.",
    "tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh.",
    "đã phối hợp chặt chẽ trong công tác giải phóng mặt bằng, bố trí tái định cư cho các hộ dân.",
    "thực hiện tốt chính sách đối với người có công và đồng bào dân tộc thiểu số.",
    "cần khẩn trương hoàn thiện hồ sơ, trình cấp có thẩm quyền xem xét, quyết định.",
    "Tuy nhiên, tiến độ một số dự án còn chậm, công tác phối hợp có lúc chưa chặt chẽ.",
    "Các đơn vị báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng.",
    "Ủy ban nhân dân tỉnh đề nghị các đồng chí đại biểu xem xét, cho ý kiến.",
    "Đồng thời, chú trọng công tác thông tin, tuyên truyền để tạo sự đồng thuận trong nhân dân.",
    "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính tham mưu bố trí vốn.",
    "Sở Nông nghiệp và Phát triển nông thôn hướng dẫn phòng, chống dịch bệnh trên gia súc, gia cầm.",
    "Sở Giáo dục và Đào tạo rà soát mạng lưới trường, lớp học.", "Sở Y tế bảo đảm thuốc, vật tư y tế.",
    "Sở Tài nguyên và Môi trường hoàn thành kế hoạch sử dụng đất.", "chương trình mục tiêu quốc gia",
    "xây dựng nông thôn mới", "chuyển đổi số", "Đề án 06", "dịch vụ công trực tuyến toàn trình",
    "phòng, chống thiên tai và tìm kiếm cứu nạn", "bão, lũ, sạt lở đất", "đường ven biển", "khu kinh tế Đông Nam",
    "cảng Mỹ Thủy", "sân bay Quảng Trị", "du lịch cộng đồng", "người dân và doanh nghiệp", "kinh phí thực hiện",
    "nguồn vốn ngân sách trung ương", "nguồn vốn ngân sách địa phương", "Điều 1.", "Điều 2.", "Điều 3.",
    "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ, GIẢI PHÁP", "KIẾN NGHỊ, ĐỀ XUẤT",
]
# Words that appear on few pages (the "rare" queries look for them).
RARE = ["hồ chứa nước Ái Tử", "cầu Cửa Việt", "Nghĩa trang Liệt sĩ Trường Sơn", "Thành cổ Quảng Trị",
        "cao tốc Vạn Ninh - Cam Lộ", "điện gió Hướng Linh", "cà phê Khe Sanh", "hồ tiêu Cùa", "rừng ngập mặn",
        "lúa hữu cơ Triệu Phong", "sâm Bố Chính", "nhà máy nhiệt điện Quảng Trị", "đảo Cồn Cỏ"]
_NOW = datetime(2026, 11, 28, tzinfo=UTC)


@dataclass
class Batch:
    """Rows generated since the last batch, in an order the foreign keys accept."""

    units: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    blobs: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    versions: list[dict] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class CorpusFacts:
    """What the queries need to know about a corpus, kept beside the loaded store."""

    pages: int
    chars: int
    documents: int
    versions: int
    meetings: int
    numbers: list[str]

    def describe(self) -> str:
        return (f"{self.pages:,} pages ({self.chars / 2**20:.0f} MiB of text), {self.documents:,} documents, "
                f"{self.versions:,} versions, {self.meetings:,} meetings")


def _folded_bank(rnd: random.Random) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(text, folded) fragments: common sentences, numbered citations, and the numbers used."""
    common = [(t, fold_chars(t)) for t in COMMON]
    common += [(f"huyện {d}", fold_chars(f"huyện {d}")) for d in DISTRICTS]
    common += [(f"xã {c}", fold_chars(f"xã {c}")) for c in COMMUNES]
    numbers, cited = [], []
    for _ in range(30_000):
        number = f"{rnd.randint(1, 4999)}/{rnd.choice(SYMBOLS)}"
        when = f"ngày {rnd.randint(1, 28):02d} tháng {rnd.randint(1, 12)} năm {rnd.randint(2019, 2026)}"
        kind = rnd.choice(["Quyết định", "Tờ trình", "Báo cáo", "Kế hoạch", "Nghị quyết", "Công văn"])
        t = f"{kind} số {number} {when}"
        numbers.append(number)
        cited.append((t, fold_chars(t)))
    return common, cited, numbers


def _page(rnd: random.Random, common, cited, chars: int) -> tuple[str, str]:
    texts, folds, size = [], [], 0
    while size < chars:
        roll = rnd.random()
        if roll < 0.12:
            t, f = rnd.choice(cited)
        elif roll < 0.125:
            t = rnd.choice(RARE)
            f = fold_chars(t)
        elif roll < 0.2:
            n = f"{rnd.randint(1, 99_999):,}".replace(",", ".")
            t = f"{n} triệu đồng" if roll < 0.16 else f"{rnd.randint(1, 99)},{rnd.randint(0, 99)}%"
            f = fold_chars(t)
        else:
            t, f = rnd.choice(common)
        sep = "\n" if rnd.random() < 0.15 else " "
        texts += (t, sep)
        folds += (f, " ")
        size += len(t) + 1
    return "".join(texts), "".join(folds)


def generate(n_pages: int, facts_out: list[CorpusFacts], seed: int = SEED) -> Iterator[Batch]:
    """Batches of about BATCH_PAGES pages; when exhausted, ``facts_out`` holds the corpus facts."""
    rnd = random.Random(seed)
    common, cited, numbers = _folded_bank(rnd)
    batch = Batch()
    units = [{"id": 1, "code": "QT", "name": "Tỉnh Quảng Trị", "level": "province", "parent_id": None}]
    for i, d in enumerate(DISTRICTS, start=2):
        units.append({"id": i, "code": f"D{i}", "name": f"Huyện {d}", "level": "district", "parent_id": 1})
    batch.units = [{**u, "version": 1} for u in units]
    page_id = doc_id = version_id = meeting_id = chars = 0
    while page_id < n_pages:
        meeting_id += 1
        unit = rnd.choice(units)["id"] if rnd.random() < 0.5 else 1
        starts = datetime(2024, 1, 1, 1, tzinfo=UTC) + timedelta(days=meeting_id % 1000)
        batch.meetings.append({"id": meeting_id, "unit_id": unit, "title": f"Phiên họp số {meeting_id}",
                               "kind": "regular", "starts_at": starts, "location": "Phòng họp", "status": "closed",
                               "created_at": _NOW, "version": 1})
        for _ in range(rnd.randint(8, 20)):
            doc_id += 1
            versions = 2 if rnd.random() < 0.1 else 1
            doc = {"id": doc_id, "meeting_id": meeting_id, "unit_id": unit, "position": 0,
                   "title": f"Tài liệu {doc_id}", "doc_type": rnd.choice(["to_trinh", "bao_cao", "quyet_dinh", "ke_hoach"]),
                   "number": rnd.choice(numbers), "issuing_unit": "",
                   "issued_on": starts.date() - timedelta(days=rnd.randint(1, 60)),
                   "classification": "thuong", "current_version_no": versions, "version": 1, "created_at": _NOW,
                   "recalled_at": _NOW if rnd.random() < 0.02 else None}
            n = max(1, int(rnd.expovariate(1 / 7)))
            pending_versions, pending_pages = [], []
            for version_no in range(1, versions + 1):
                version_id += 1
                sha = uuid.UUID(int=rnd.getrandbits(128)).hex * 2
                batch.blobs.append({"sha256": sha, "size": 1, "created_at": _NOW})
                pending_versions.append({"id": version_id, "document_id": doc_id, "meeting_id": meeting_id,
                                         "version_no": version_no, "blob_sha256": sha, "size": 1, "page_count": n,
                                         "filename": "", "source": "import", "note": "", "was_encrypted": False,
                                         "repaired": False, "created_at": _NOW})
                for page_no in range(1, n + 1):
                    page_id += 1
                    text, folded = _page(rnd, common, cited, rnd.randint(1200, 2800))
                    chars += len(text)
                    pending_pages.append({"id": page_id, "version_id": version_id, "document_id": doc_id,
                                          "meeting_id": meeting_id, "page_no": page_no, "text": text, "folded": folded})
            doc["current_version_id"] = version_id
            batch.documents.append(doc)
            batch.versions += pending_versions
            batch.pages += pending_pages
        if len(batch.pages) >= BATCH_PAGES:
            yield batch
            batch = Batch()
    if batch.pages or batch.meetings:
        yield batch
    facts_out.append(CorpusFacts(page_id, chars, doc_id, version_id, meeting_id, numbers))


# ----------------------------------------------------------------------------------- kept stores


def cache_dir() -> Path:
    base = os.environ.get("NGHISU_BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nghisu-bench")
    return Path(base)


def corpus_name(n_pages: int, seed: int = SEED) -> str:
    return f"search_{n_pages}_{seed}_c{CORPUS_VERSION}"


def _page_row_extra() -> Callable[[dict], dict] | None:
    """Columns the current schema derives from a page's text in Python (none in older versions)."""
    try:
        from documents.search.terms import page_terms
    except ImportError:
        return None
    return lambda page: {"terms": page_terms(page["text"])}


class SqliteTarget:
    """A kept SQLite store folder: ``<cache>/<corpus>/`` with ``corpus.json`` written last."""

    name = "SQLite"

    def __init__(self, n_pages: int, fresh: bool) -> None:
        self.home = cache_dir() / corpus_name(n_pages)
        self.marker = self.home / "corpus.json"
        if fresh and self.home.exists():
            shutil.rmtree(self.home)
        self.kept = self.marker.exists()
        if not self.kept and self.home.exists():
            shutil.rmtree(self.home)  # an interrupted load: start again
        self.home.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        self.store = open_store(StoreLocation(home=self.home), create=True)
        self.open_s = time.perf_counter() - t
        self.times: dict[str, float] = {}

    def facts(self) -> CorpusFacts | None:
        return CorpusFacts(**json.loads(self.marker.read_text())) if self.kept else None

    def begin(self) -> None:
        self._extra = _page_row_extra()

    def add(self, b: Batch) -> None:
        t = time.perf_counter()
        with self.store.engine.begin() as conn:  # a transaction per batch: the WAL stays small
            for table, rows in ((Unit, b.units), (Meeting, b.meetings), (Blob, b.blobs), (Document, b.documents),
                                (DocumentVersion, b.versions)):
                if rows:
                    conn.execute(table.__table__.insert(), rows)
            pages = [{**p, **self._extra(p)} for p in b.pages] if self._extra else b.pages
            conn.execute(DocumentPage.__table__.insert(), pages)
        self.times["insert_s"] = self.times.get("insert_s", 0.0) + time.perf_counter() - t

    def finish(self, facts: CorpusFacts) -> None:
        t = time.perf_counter()
        with self.store.uow() as uow:
            rebuild_index(uow)  # one INSERT … SELECT of every current page, then 'optimize'
            uow.commit()
        self.times["index_s"] = time.perf_counter() - t
        with self.store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("ANALYZE")
        self.marker.write_text(json.dumps({**facts.__dict__}))

    def optimize(self) -> None:
        with self.store.uow() as uow:
            optimize_index(uow)
            uow.commit()

    def sizes(self) -> str:
        db = self.home / "nghisu.sqlite3"
        with self.store.engine.connect() as conn:
            fts_pages = conn.exec_driver_sql("SELECT count(*) FROM dbstat WHERE name LIKE 'page_search%'").scalar()
            page_size = conn.exec_driver_sql("PRAGMA page_size").scalar()
        return f"{db.stat().st_size / 2**20:.0f} MiB (FTS index {fts_pages * page_size / 2**20:.0f} MiB)"


class PostgresTarget:
    """A kept PostgreSQL schema named for the corpus; ``bench_corpus`` (written last) marks it whole.

    ``options`` are per-connection server settings (libpq ``-c name=value``), so a run can
    measure other settings without touching the shared server's configuration.
    """

    name = "PostgreSQL"

    def __init__(self, url: str, n_pages: int, fresh: bool, options: dict[str, str]) -> None:
        import psycopg

        self.url, self.schema = url, corpus_name(n_pages)
        ensure_database(url)
        with psycopg.connect(url, autocommit=True) as conn:
            whole = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{self.schema}".bench_corpus',)).fetchone()[0]
            if fresh or not whole:
                conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')
                conn.execute(f'CREATE SCHEMA "{self.schema}"')
        self.kept = bool(whole and not fresh)
        store_url = url
        if options:
            from urllib.parse import quote

            flags = " ".join(f"-c {k}={v}" for k, v in options.items())
            store_url += ("&" if "?" in url else "?") + "options=" + quote(flags)
        t = time.perf_counter()
        self.store = open_store(StoreLocation(database_url=store_url, schema=self.schema))
        self.open_s = time.perf_counter() - t
        self.times: dict[str, float] = {}

    def facts(self) -> CorpusFacts | None:
        if not self.kept:
            return None
        with self.store.engine.connect() as conn:
            return CorpusFacts(**json.loads(conn.exec_driver_sql("SELECT meta FROM bench_corpus").scalar()))

    def _search_indexes(self) -> list[tuple[str, str]]:
        # Filtered on catalog columns before pg_get_indexdef runs: the pg_indexes view calls it
        # for other schemas' indexes too, and waits on a corpus being loaded beside this one
        # (its GIN index dropped in an open transaction) until that load commits.
        with self.store.engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(
                "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                "JOIN pg_am a ON a.oid = c.relam "
                "WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = 'document_pages' "
                "AND a.amname = 'gin'")]

    def begin(self) -> None:
        import psycopg

        self._gin = self._search_indexes()  # dropped while loading, built again at the end
        self._conn = psycopg.connect(self.url)
        self._conn.execute(f'SET search_path TO "{self.schema}"')
        for name, _ in self._gin:
            self._conn.execute(f'DROP INDEX "{name}"')
        self._extra = _page_row_extra()

    def _copy(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        with self._conn.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row([r[c] for c in cols])

    def add(self, b: Batch) -> None:
        t = time.perf_counter()
        for table, rows in (("units", b.units), ("meetings", b.meetings), ("blobs", b.blobs),
                            ("documents", b.documents), ("document_versions", b.versions)):
            self._copy(table, rows)
        self._copy("document_pages", [{**p, **self._extra(p)} for p in b.pages] if self._extra else b.pages)
        self.times["insert_s"] = self.times.get("insert_s", 0.0) + time.perf_counter() - t

    def finish(self, facts: CorpusFacts) -> None:
        for table in ("units", "meetings", "documents", "document_versions", "document_pages"):
            self._conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        t = time.perf_counter()
        self._conn.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in self._gin:
            self._conn.execute(definition)
        self.times["index_s"] = time.perf_counter() - t
        self._conn.execute("CREATE TABLE bench_corpus (meta text NOT NULL)")
        self._conn.execute("INSERT INTO bench_corpus VALUES (%s)", (json.dumps(facts.__dict__),))
        self._conn.commit()
        self._conn.autocommit = True
        self._conn.execute("VACUUM ANALYZE")
        self._conn.close()

    def sizes(self) -> str:
        with self.store.engine.connect() as conn:
            total = conn.exec_driver_sql(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')").scalar()
            heap = conn.exec_driver_sql("SELECT pg_relation_size('document_pages')").scalar()
            toast = conn.exec_driver_sql("SELECT pg_total_relation_size(reltoastrelid) FROM pg_class "
                                         "WHERE oid = 'document_pages'::regclass").scalar()
            indexes = conn.exec_driver_sql(
                "SELECT i.indexrelid::regclass::text, pg_relation_size(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = 'document_pages'::regclass ORDER BY 2 DESC").all()
        listed = ", ".join(f"{name} {size / 2**20:.0f}" for name, size in indexes)
        return (f"{total / 2**20:.0f} MiB (page heap {heap / 2**20:.0f} MiB, TOAST {toast / 2**20:.0f} MiB; "
                f"indexes on pages, MiB: {listed})")

    def settings(self) -> str:
        with self.store.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', "
                "'jit', 'random_page_cost', 'effective_cache_size', 'effective_io_concurrency') ORDER BY name").all()
        return ", ".join(f"{k} {v}" for k, v in rows)


def ensure_database(url: str) -> None:
    """Create the benchmark's own database if the server lacks it: kept corpora of a million
    pages (gigabytes, hours to load) stay out of the database the test suites share."""
    import psycopg
    from psycopg import conninfo, sql

    params = conninfo.conninfo_to_dict(url)
    name = params.get("dbname")
    if not name:
        return
    with psycopg.connect(conninfo.make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_kept(url: str | None, n_pages: int) -> None:
    shutil.rmtree(cache_dir() / corpus_name(n_pages), ignore_errors=True)
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{corpus_name(n_pages)}" CASCADE')


def load(targets: list[Any], n_pages: int) -> CorpusFacts:
    """Generate once and stream into every target that has no kept copy; the corpus facts."""
    facts = next((f for t in targets if (f := t.facts()) is not None), None)
    todo = [t for t in targets if not t.kept]
    if not todo:
        assert facts is not None
        return facts
    out: list[CorpusFacts] = []
    started = time.perf_counter()
    for t in todo:
        t.begin()
    done = 0
    for batch in generate(n_pages, out):
        for t in todo:
            t.add(batch)
        done += len(batch.pages)
        if done % 100_000 < BATCH_PAGES:
            print(f"  … {done:,} pages loaded in {time.perf_counter() - started:.0f} s", flush=True)
    for t in todo:
        t.finish(out[0])
        t.times["total_s"] = time.perf_counter() - started
    return out[0]
