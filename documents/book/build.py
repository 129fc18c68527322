"""Assembling the meeting book (called by ``documents.book.compile.compile_book``).

Order of work, chosen so that a bad document is found before anything expensive happens:
open and check every source (1 step each), draw the front matter, merge and stamp (1 step
per document), add navigation, then write the file (0-100 steps reported by qpdf).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from documents.book.compile import BookWriteError, PlacedDocument
from documents.book.front import write_front
from documents.book.nav import add_outline, link_agenda, set_info, set_page_labels
from documents.book.sources import OpenedSource, ensure_file_limit, open_source, source_error
from documents.book.stamps import Stamper, footer_text
from documents.files import GuardedSink

if TYPE_CHECKING:
    from documents.book.compile import BookPlan, Progress

log = logging.getLogger(__name__)


def build(
    plan: BookPlan,
    out: Path,
    work: Path,
    progress: Progress | None,
    check: Callable[[], None],
) -> tuple[int, int, list[PlacedDocument]]:
    """Write the book to ``out``; returns (front pages, total pages, where each document is)."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    pairs = [(item, doc) for item in plan.agenda for doc in item.documents]
    total_steps = 2 * len(pairs) + 100
    done = 0

    def step(k: int = 1) -> None:
        nonlocal done
        done += k
        if progress is not None:
            progress(min(done, total_steps), total_steps)
        check()

    ensure_file_limit(len(pairs))
    sources: list[OpenedSource] = []
    opened: list[pikepdf.Pdf] = []
    stamper: Stamper | None = None
    try:
        for index, (item, doc) in enumerate(pairs):
            check()
            sources.append(open_source(doc, item, work, index))
            step()
        first_labels: list[int] = []
        next_label = 1
        for src in sources:
            first_labels.append(next_label)
            next_label += len(src.boxes)
        doc_pages = next_label - 1
        labels_iter = iter(first_labels)
        per_item = [[next(labels_iter) for _ in item.documents] for item in plan.agenda]
        starts = item_starts(plan, per_item)

        front_path = work / "front.pdf"
        front_pages = write_front(plan, per_item, starts, front_path)
        check()

        book = pikepdf.open(front_path)
        opened.append(book)
        stamper = Stamper(book, plan.watermark)
        for src, first in zip(sources, first_labels, strict=True):
            start = len(book.pages)
            try:
                if _has_document_level_parts(src.pdf):
                    # keeps the source's form fields, layers and named destinations (internal
                    # links); its bookmarks give way to the book's outline. ~5 ms a document
                    # more than pages.extend, so only when there is something to keep.
                    book.add_pages_from(src.pdf, outlines="ignore")
                else:
                    book.pages.extend(src.pdf.pages)
            except pikepdf.PdfError as exc:
                raise source_error(src.doc, src.item, "bị hỏng (không chép được các trang).",
                                   "is damaged (its pages cannot be copied).") from exc
            for offset, box in enumerate(src.boxes):
                text = footer_text(src.item.number, src.doc.label, first + offset, doc_pages)
                stamper.stamp(book.pages[start + offset], text, box)
            step()
        stamper.finish()
        total_pages = len(book.pages)
        assert total_pages == front_pages + doc_pages, (total_pages, front_pages, doc_pages)

        link_agenda(book, front_pages)
        first_pages = [[front_pages + k - 1 for k in labels] for labels in per_item]
        add_outline(book, plan, first_pages, [None if k is None else front_pages + k - 1 for k in starts],
                    front_pages)
        set_page_labels(book, front_pages)
        set_info(book, plan)

        base = done

        def save_progress(percent: int) -> None:
            if progress is not None:
                progress(min(base + percent, total_steps), total_steps)
            check()

        # Through a sink that keeps write errors away from qpdf: one raised inside qpdf's writer
        # aborts the interpreter (QPDFSystemError, exit 134) when the disk fills.
        sink = GuardedSink(out)
        try:
            book.save(cast(BinaryIO, sink), progress=save_progress, deterministic_id=True)
        except pikepdf.PdfError as exc:
            culprit = _source_named_in(str(exc), sources)
            if culprit is not None:
                raise source_error(culprit.doc, culprit.item, "bị hỏng (không đọc được nội dung).",
                                   "is damaged (its content cannot be read).") from exc
            raise BookWriteError(str(exc)) from exc
        finally:
            sink.close()
        sink.raise_if_failed()  # disk full and the like: the caller's atomic_output says so
        if progress is not None:
            progress(total_steps, total_steps)
        placed = [
            PlacedDocument(src.item.number, src.doc.number, src.doc.title, front_pages + label - 1, label,
                           len(src.boxes))
            for src, label in zip(sources, first_labels, strict=True)
        ]
        return front_pages, total_pages, placed
    finally:
        if stamper is not None:
            stamper.close()
        for pdf in opened:
            pdf.close()
        for src in sources:
            src.pdf.close()


def _has_document_level_parts(pdf) -> bool:
    root = pdf.Root
    names = root.get("/Names")
    return (
        "/AcroForm" in root
        or "/Dests" in root
        or "/OCProperties" in root
        or (names is not None and "/Dests" in names)
    )


def item_starts(plan: BookPlan, per_item: list[list[int]]) -> list[int | None]:
    """Where each agenda item starts: its first document, else the first document of its
    sub-items (item 2 starts where 2.1 does), else nowhere (None)."""
    starts: list[int | None] = []
    for i, item in enumerate(plan.agenda):
        start = per_item[i][0] if per_item[i] else None
        j = i + 1
        while start is None and j < len(plan.agenda) and plan.agenda[j].number.startswith(item.number + "."):
            start = per_item[j][0] if per_item[j] else None
            j += 1
        starts.append(start)
    return starts


def _source_named_in(message: str, sources: list[OpenedSource]) -> OpenedSource | None:
    """qpdf names the file an error comes from; map it back to the document."""
    for src in sources:
        if re.search(re.escape(str(src.path)), message):
            return src
    return None
