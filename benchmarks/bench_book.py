"""Meeting-book benchmark: our compiler against qpdf merging and stamping the same files.

Issue 3's target: for 200 documents / ~2,600 pages, the whole book (cover, agenda, merge,
outline, links, labels, stamps) must take no longer than

    qpdf --empty --pages <files> -- merged.pdf --keep-files-open=y
    qpdf merged.pdf --overlay stamps.pdf -- out.pdf

measured side by side in one run, and the book must be no larger than 1.1 × the inputs.

The corpus is generated once with ``demo.samples`` and cached (``--cache DIR``,
default a folder in the system temp dir). Each measurement is repeated ``--repeat`` times
and the median is reported, the runs interleaved so both sides see the same machine state.

    .venv/bin/python benchmarks/bench_book.py [--docs 200] [--pages 2600] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo import samples  # noqa: E402
from documents.book.compile import (  # noqa: E402
    AgendaEntry,
    BookDocument,
    BookPlan,
    ConnectedSite,
    MeetingInfo,
    compile_book,
)

#: Bump when documents.samples changes its output, so cached corpora are regenerated.
CORPUS_VERSION = 3  # 3: the default corpus speaks of the 2025 map


def corpus(cache: Path, n_docs: int, pages: int, seed: int) -> list[tuple[samples.SampleSpec, Path]]:
    specs = samples.corpus_specs(n_docs, pages, seed)
    paths = [cache / f"{i:04d}.pdf" for i in range(n_docs)]
    done = cache / "complete.json"
    key = {"n": n_docs, "pages": pages, "seed": seed, "generator": CORPUS_VERSION}
    if not done.exists() or json.loads(done.read_text()) != key:
        cache.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        for path, doc in zip(paths, samples.iter_corpus(n_docs, pages, seed), strict=True):
            path.write_bytes(doc.data)
        done.write_text(json.dumps(key))
        print(f"generated {n_docs} documents in {time.perf_counter() - t0:.1f} s into {cache}", file=sys.stderr)
    return list(zip(specs, paths, strict=True))


def plan_for(docs: list[tuple[samples.SampleSpec, Path]]) -> BookPlan:
    """About 8 documents per agenda item, every fourth item split into sub-items."""
    agenda: list[AgendaEntry] = []
    per_item = 8
    for n, start in enumerate(range(0, len(docs), per_item), start=1):
        chunk = docs[start : start + per_item]
        book_docs = [
            BookDocument(title=f"{s.type_name} {s.subject}", doc_type=s.type_name, number=s.number, source=p)
            for s, p in chunk
        ]
        if n % 4 == 0 and len(book_docs) > 1:
            agenda.append(AgendaEntry(str(n), f"Nhóm nội dung số {n}", "Văn phòng UBND tỉnh", 20))
            half = len(book_docs) // 2
            agenda.append(AgendaEntry(f"{n}.1", "Các tờ trình", "Sở Tài chính", 15, book_docs[:half]))
            agenda.append(AgendaEntry(f"{n}.2", "Các báo cáo", "Sở Kế hoạch và Đầu tư", 15, book_docs[half:]))
        else:
            agenda.append(AgendaEntry(str(n), chunk[0][0].subject, "Giám đốc Sở Kế hoạch và Đầu tư", 30, book_docs))
    meeting = MeetingInfo(
        host_unit="Ủy ban nhân dân tỉnh Quảng Trị",
        title="Phiên họp thường kỳ tháng 3 năm 2025",
        kind="Họp thường kỳ",
        starts_at=datetime(2025, 3, 5, 8, 0),
        ends_at=datetime(2025, 3, 5, 17, 0),
        location="Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh Quảng Trị",
        sites=tuple(ConnectedSite(f"UBND huyện {h}", "huyện") for h in ("Vĩnh Linh", "Đakrông", "Hải Lăng", "Gio Linh", "Cam Lộ")),
        place="Quảng Trị",
    )
    return BookPlan(meeting, tuple(agenda))


def stamp_pdf(path: Path, pages: int) -> None:
    """A stamp PDF of the same page count (one footer per page), for ``qpdf --overlay``."""
    from reportlab.pdfgen import canvas

    from documents.papers import typeset as ts

    ts.register_fonts()
    c = canvas.Canvas(str(path), pagesize=ts.PAGE_SIZE, invariant=1)
    for i in range(pages):
        c.setFont(ts.FONT, 9)
        c.drawCentredString(ts.PAGE_SIZE[0] / 2, 22, f"Mục 2.1 · 45/TTr-UBND · trang {i + 1}/{pages}")
        c.showPage()
    c.save()


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    qpdf = subprocess.run(["qpdf", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}, {qpdf}"


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--pages", type=int, default=2600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "nghisu-bench-book")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args()

    docs = corpus(args.cache / f"{args.docs}x{args.pages}-s{args.seed}", args.docs, args.pages, args.seed)
    files = [str(p) for _, p in docs]
    inputs = sum(os.path.getsize(f) for f in files)
    for f in files:  # warm the page cache so the first timed run is not penalised
        Path(f).read_bytes()
    plan = plan_for(docs)
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        work = Path(tmp)
        book, merged, stamped, stamps = work / "book.pdf", work / "merged.pdf", work / "out.pdf", work / "stamps.pdf"
        ours, merge_t, overlay_t = [], [], []
        result = None
        for _ in range(args.repeat):
            merge_t.append(timed(lambda: subprocess.run(
                ["qpdf", "--empty", "--pages", *files, "--", str(merged), "--keep-files-open=y"], check=True)))
            if not stamps.exists():
                import pikepdf

                with pikepdf.open(merged) as m:
                    stamp_pdf(stamps, len(m.pages))
            overlay_t.append(timed(lambda: subprocess.run(
                ["qpdf", str(merged), "--overlay", str(stamps), "--", str(stamped)], check=True)))

            def run() -> None:
                nonlocal result
                result = compile_book(plan, book)

            ours.append(timed(run))
        assert result is not None
        figures = {
            "documents": len(files),
            "pages": result.page_count,
            "inputs_bytes": inputs,
            "book_s": statistics.median(ours),
            "book_bytes": book.stat().st_size,
            "qpdf_merge_s": statistics.median(merge_t),
            "qpdf_overlay_s": statistics.median(overlay_t),
            "qpdf_out_bytes": stamped.stat().st_size,
            "runs": args.repeat,
            "machine": machine(),
        }
    qpdf_total = figures["qpdf_merge_s"] + figures["qpdf_overlay_s"]
    mib = 1024 * 1024
    print(f"Meeting book: {figures['documents']} documents, {figures['pages']} pages "
          f"(median of {args.repeat} interleaved runs)")
    print(f"{'step':<44}{'seconds':>9}{'output MiB':>12}{'× inputs':>10}")
    print(f"{'inputs':<44}{'':>9}{inputs / mib:>12.1f}{1:>10.2f}")
    print(f"{'nghisu compile_book (whole book)':<44}{figures['book_s']:>9.2f}"
          f"{figures['book_bytes'] / mib:>12.1f}{figures['book_bytes'] / inputs:>10.2f}")
    print(f"{'qpdf --empty --pages (--keep-files-open=y)':<44}{figures['qpdf_merge_s']:>9.2f}")
    print(f"{'qpdf --overlay':<44}{figures['qpdf_overlay_s']:>9.2f}"
          f"{figures['qpdf_out_bytes'] / mib:>12.1f}{figures['qpdf_out_bytes'] / inputs:>10.2f}")
    print(f"{'qpdf merge + overlay':<44}{qpdf_total:>9.2f}")
    ok_time = figures["book_s"] <= qpdf_total
    ok_size = figures["book_bytes"] <= 1.1 * inputs
    print(f"target: book ≤ qpdf total: {'yes' if ok_time else 'NO'} "
          f"({figures['book_s'] / qpdf_total:.2f}×); book ≤ 1.1 × inputs: {'yes' if ok_size else 'NO'}")
    print(f"machine: {figures['machine']}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0 if ok_time and ok_size else 1


if __name__ == "__main__":
    sys.exit(main())
