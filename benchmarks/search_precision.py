"""Search quality: a judged query set, precision at 5 on both backends, and whether they agree.

Issue 17 item 9: pages holding the words *as typed* (diacritics included) come first, pages that
match only once marks are set aside come after them, and words standing together ("quyết
định") come before the same words scattered ("quyết … tái định cư"). Each judged query names
what a person typing it expects: a pattern over the page's real text (NFC, case-insensitive),
e.g. «bão» must find storms, not «báo cáo» (reports). Two corpora:

- ``demo``: the demo store (``nghisu demo``: the Quảng Trị meetings and their materials),
  built once into a temporary folder / PostgreSQL schema;
- ``bench``: the search benchmark's generated pages (``search_corpus.py``, 20,000 pages by
  default, kept between runs like ``bench_search.py`` keeps its corpus).

Precision at 5 = relevant pages among the first five hits ÷ min(5, relevant pages in the
corpus); a query with no relevant page in its corpus (the demo has no «đất đai») is shown but
not counted. The script prints every query's figure and top five, the mean per backend, and the
queries where the two backends' top five differ.

    python benchmarks/search_precision.py [--pages 20000] [--pg URL | --no-pg] [--show]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import unicodedata
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_corpus import PostgresTarget, SqliteTarget, load  # noqa: E402

from documents.search.service import search  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"

#: (corpus, query as typed, pattern a relevant page's text holds, why). ``{n}`` is a document
#: number cited in the corpus (the benchmark's first one).
JUDGED: list[tuple[str, str, str, str]] = [
    ("demo", "đất đai", r"đất đai", "the land-management sections, not «đạt» (achieved)"),
    ("demo", "dat dai", r"đất đai", "typed without marks, the same words are meant"),
    ("demo", "quyết định", r"quyết định", "the phrase, before «quyết liệt … tái định cư»"),
    ("demo", "quyet dinh", r"quyết định", "without marks: the phrase still first"),
    ("demo", "1234/QĐ-UBND", r"1234/QĐ-UBND", "a cited decision, by its number"),
    ("demo", "30/2020/NĐ-CP", r"30/2020/NĐ-CP", "the decree on clerical work, by its number"),
    ("demo", "tái định cư", r"tái định cư", "resettlement"),
    ("demo", "nông thôn mới", r"nông thôn mới", "new countryside programme"),
    ("demo", "người có công", r"người có công", "people who served the revolution"),
    ("demo", "thủ tục hành chính", r"thủ tục hành chính", "administrative procedures"),
    ("demo", "Sở Kế hoạch và Đầu tư", r"Sở Kế hoạch và Đầu tư", "a department, by name"),
    ("demo", "chuyen doi so", r"chuyển đổi số", "digital transformation, typed without marks"),
    ("demo", "thiên tai", r"thiên tai", "natural disasters"),
    ("demo", "giải phóng mặt bằng", r"giải phóng mặt bằng", "site clearance"),
    ("demo", "đạt chuẩn", r"đạt chuẩn", "met the standard, not «đất»"),
    ("demo", "Hải Lăng", r"Hải Lăng", "a district"),
    ("bench", "sử dụng đất", r"sử dụng đất", "land use"),
    ("bench", "su dung dat", r"sử dụng đất", "land use, typed without marks"),
    ("bench", "sạt lở đất", r"sạt lở đất", "landslides"),
    ("bench", "đất", r"\bđất\b", "the word «đất», not «ĐẠT ĐƯỢC»"),
    ("bench", "đạt được", r"đạt được", "achieved"),
    ("bench", "bão", r"\bbão\b", "storms, not «báo cáo» (reports)"),
    ("bench", "báo cáo", r"báo cáo", "reports"),
    ("bench", "quyết định", r"quyết định", "the phrase, before «quyết liệt … tái định cư»"),
    ("bench", "tái định cư", r"tái định cư", "resettlement"),
    ("bench", "số {n}", r"số {n}/", "a paper cited by its number"),
    ("bench", "{n}/{sym}", r"{n}/{sym}", "a document number as written"),
    ("bench", "cảng Mỹ Thủy", r"cảng Mỹ Thủy", "a port"),
    ("bench", "Mỹ Thuỷ", r"Mỹ Thủy", "the same, the tone mark placed the older way"),
    ("bench", "cang my thuy", r"cảng Mỹ Thủy", "the same, without marks"),
    ("bench", "huyện Đông Hà", r"huyện Đông Hà", "a district by name"),
    ("bench", "khu kinh tế Đông Nam", r"khu kinh tế Đông Nam", "an economic zone"),
    ("bench", "hồ tiêu Cùa", r"hồ tiêu Cùa", "a rare crop"),
    ("bench", "giải ngân", r"giải ngân", "disbursement"),
    ("bench", "thiên tai", r"thiên tai", "natural disasters"),
]


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def judge(store, corpus: str, subst: dict[str, str], show: bool) -> dict[str, tuple[float, list]]:
    """{"corpus: query": (precision at 5, top five as (document, page))} for the corpus's judged queries."""
    from sqlalchemy import text

    with store.read() as s:
        pages = s.execute(text(
            "SELECT p.document_id, p.page_no, p.text FROM document_pages p JOIN documents d "
            "ON d.current_version_id = p.version_id WHERE d.recalled_at IS NULL")).all()
    texts = {(r[0], r[1]): r[2] for r in pages}
    out = {}
    for c, query, pattern, why in JUDGED:
        if c != corpus:
            continue
        query, pattern = query.format(**subst), _nfc(pattern.format(**subst))
        wanted = re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)  # a line may break between words
        relevant = sum(1 for t in texts.values() if wanted.search(t))
        with store.read() as s:
            hits = search(s, query, limit=5)
        top = [(h.document_id, h.page) for h in hits]
        good = sum(1 for key in top if wanted.search(texts.get(key, "")))
        if not relevant:  # nothing to find in this corpus: not judged (the hits are folded-only ones)
            print(f"     n/a  {query!r:32} ({why}; no page holds it here, {len(top)} folded-only hits)")
            continue
        p5 = good / min(5, relevant)
        out[f"{corpus}: {query}"] = (p5, top)
        if show or p5 < 1:
            print(f"    {p5:4.2f}  {query!r:32} ({why}; {relevant} relevant pages)")
            if p5 < 1:
                for h, key in zip(hits, top, strict=True):
                    mark = "✓" if wanted.search(texts.get(key, "")) else "✗"
                    print(f"           {mark} {h.snippet[:110]}")
    return out


def _demo_targets(url: str | None) -> list:
    from demo.store import create_demo
    from store.engine import open_store
    from store.location import StoreLocation

    targets = []
    tmp = tempfile.mkdtemp(prefix="nghisu-precision-demo-")
    targets.append(("SQLite", open_store(StoreLocation(home=Path(tmp)), create=True)))
    if url:
        import psycopg

        schema = f"precision_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        targets.append(("PostgreSQL", open_store(StoreLocation(database_url=url, schema=schema))))
    for _, store in targets:
        create_demo(store)
    return targets


def _drop_demo(targets, url: str | None) -> None:
    for name, store in targets:
        location = store.location
        store.close()
        if name == "PostgreSQL" and url:
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{location.schema}" CASCADE')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--pg", default=os.environ.get("NGHISU_TEST_DATABASE_URL", PG_URL))
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every query, not only the imperfect ones")
    args = ap.parse_args()
    url = None if args.no_pg else args.pg
    results: dict[str, dict[str, tuple[float, list]]] = {}

    print("demo store (nghisu demo):")
    demo = _demo_targets(url)
    try:
        for name, store in demo:
            print(f"  {name}")
            results.setdefault(name, {}).update(judge(store, "demo", {}, args.show))
    finally:
        _drop_demo(demo, url)

    print(f"search benchmark corpus ({args.pages:,} pages):")
    bench = [SqliteTarget(args.pages, False)] + ([PostgresTarget(url, args.pages, False, {})] if url else [])
    facts = load(bench, args.pages)
    number, symbol = facts.numbers[0].split("/", 1)
    for t in bench:
        print(f"  {t.name}")
        results.setdefault(t.name, {}).update(judge(t.store, "bench", {"n": number, "sym": symbol}, args.show))
        t.store.close()

    print(f"\n{len(JUDGED)} judged queries (those with no relevant page in their corpus are not counted); "
          "precision at 5, mean:")
    for name, per_query in results.items():
        print(f"  {name:11} {statistics.mean(p for p, _ in per_query.values()):.3f}"
              f"  (perfect on {sum(1 for p, _ in per_query.values() if p == 1)} of {len(per_query)})")
    if len(results) == 2:
        a, b = results.values()
        differ = [q for q in a if q in b and a[q][1] != b[q][1]]
        print(f"  backends rank alike: {'yes' if not differ else 'no, top five differ for ' + ', '.join(differ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
