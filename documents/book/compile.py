"""Meeting books: one PDF with a cover, the agenda and every document in agenda order.

Layout of the book (what readers and tests can rely on):

- page i: the cover (Decree 30 national header, host unit, title, kind, time, place, sites);
- pages ii, iii, …: the agenda table, with the starting page of every item and document,
  each row a link to that page;
- then every document in agenda order, numbered 1…N (N = pages of all documents).

Page labels say the same thing: front matter is lowercase roman (i, ii, …), the documents
arabic from 1, so the viewer's page box, the agenda's page column and the footer agree.
Every page carries a footer saying where the reader is (``Mục 2.1 · 45/TTr-UBND ·
trang 12/340``, with 340 = N), and optionally a diagonal watermark naming the recipient and
the time. The outline mirrors the agenda: item → its documents.

Why pikepdf (qpdf) for the merge and stamps, not pypdf: on 200 documents / 2,600 pages
pypdf's ``merge_page`` stamping took 7.5 s and grew the file from 24 to 40 MiB; qpdf merges
and stamps in a fraction of that, with no growth. The generated pages (cover, agenda, one
stamp page per document page) come from reportlab; each stamp page becomes a form XObject
that is drawn over its page, and the font they use is embedded once for the whole book.

Sources stream: every source stays a file on disk (bytes from a callable are spooled to a
temporary file) and qpdf copies its pages when the book is written, so no page images and
no whole documents are held in memory. The book is written to a temporary file and renamed
into place, so a failure or a cancel never leaves a partial book behind.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from documents.files import atomic_output
from store.errors import InvalidInput, NghisuError

log = logging.getLogger(__name__)

#: A document's bytes: a path, or a callable giving a path or the bytes (called once, lazily,
#: so the store can hand out blobs one at a time).
DocumentSource = str | os.PathLike[str] | Callable[[], str | os.PathLike[str] | bytes]
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool] | threading.Event | None


class BookSourceError(InvalidInput):
    """A document of the book cannot be used (missing, damaged, encrypted, empty)."""


class BookWriteError(NghisuError):
    """The book could not be written (disk full, folder not writable, …)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Không ghi được tập tài liệu: {reason}. Hãy kiểm tra chỗ trống và quyền ghi thư mục.",
                         f"The meeting book could not be written: {reason}. Check free space and folder permissions.")


class BookCancelled(NghisuError):
    """The book was cancelled; no file was written."""

    def __init__(self) -> None:
        super().__init__("Đã hủy việc tạo tập tài liệu; chưa có tệp nào được ghi.",
                         "The meeting book was cancelled; no file was written.")


@dataclass(frozen=True)
class ConnectedSite:
    """A điểm cầu: ``name`` its official name, ``level`` its level's short name in its scheme."""

    name: str
    level: str = ""


@dataclass(frozen=True)
class MeetingInfo:
    host_unit: str  # "Ủy ban nhân dân tỉnh Quảng Trị"
    title: str  # "Phiên họp thường kỳ tháng 3 năm 2025"
    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    parent_agency: str | None = None  # cơ quan chủ quản, if any
    kind: str = ""  # "Họp thường kỳ", "Họp chuyên đề", …
    sites: tuple[ConnectedSite, ...] = ()
    place: str = ""  # địa danh for the cover's date line, e.g. "Quảng Trị"

    def __post_init__(self) -> None:
        object.__setattr__(self, "sites", tuple(self.sites))


@dataclass(frozen=True)
class BookDocument:
    title: str  # "Tờ trình về việc điều chỉnh dự toán ngân sách năm 2025"
    source: DocumentSource = field(repr=False)
    doc_type: str = ""  # "Tờ trình", "Báo cáo", …
    number: str = ""  # number and symbol, "45/TTr-UBND"

    @property
    def label(self) -> str:
        """How the footer and the outline name the document: its number, else its title."""
        return self.number or _shorten(self.title, 40)


@dataclass(frozen=True)
class AgendaEntry:
    number: str  # "1", "2", "2.1"
    title: str
    presenter: str = ""
    minutes: int | None = None
    documents: tuple[BookDocument, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(self.documents))


@dataclass(frozen=True)
class Watermark:
    """For classified papers: each copy names its recipient and when it was made."""

    recipient: str
    at: datetime
    note: str = ""  # e.g. "MẬT", printed on the cover and after the name


@dataclass(frozen=True)
class BookPlan:
    meeting: MeetingInfo
    agenda: tuple[AgendaEntry, ...]
    watermark: Watermark | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "agenda", tuple(self.agenda))


@dataclass(frozen=True)
class PlacedDocument:
    """Where a document landed: ``first_page`` is its 0-based page index in the book,
    ``first_label`` the number the agenda and the footer print (1-based, document pages only)."""

    item_number: str
    number: str
    title: str
    first_page: int
    first_label: int
    page_count: int


@dataclass(frozen=True)
class BookResult:
    path: Path
    page_count: int
    front_pages: int  # cover + agenda
    size: int  # bytes
    documents: tuple[PlacedDocument, ...]

    def label_of(self, page_index: int) -> str:
        """The page label of a 0-based page index (``i``, ``ii``, then ``1``, ``2``, …)."""
        from documents.book.front import roman  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

        if page_index < self.front_pages:
            return roman(page_index + 1)
        return str(page_index - self.front_pages + 1)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cancel_check(cancel: Cancel) -> Callable[[], None]:
    if cancel is None:
        return lambda: None
    is_set = cancel.is_set if isinstance(cancel, threading.Event) else cancel

    def check() -> None:
        if is_set():
            raise BookCancelled()

    return check


def compile_book(
    plan: BookPlan,
    out_path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: Cancel = None,
) -> BookResult:
    """Write the meeting book for ``plan`` to ``out_path`` (replaced atomically).

    ``progress(done, total)`` is called as work advances, in steps: one per document opened,
    one per document stamped, then 0-100 while the file is written. ``cancel`` (a callable
    returning True, or a ``threading.Event``) stops the work at the next step and raises
    ``BookCancelled``; the destination is then untouched. A document that cannot be used
    raises ``BookSourceError`` naming it.
    """
    from documents.book.build import build  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    out = Path(out_path)
    check = _cancel_check(cancel)
    with atomic_output(out) as part, tempfile.TemporaryDirectory(prefix="nghisu-book-") as work:
        front_pages, total_pages, placed = build(plan, part, Path(work), progress, check)
        check()
    size = out.stat().st_size
    log.info("meeting book %s: %d pages, %d documents, %d bytes", out, total_pages, len(placed), size)
    return BookResult(out, total_pages, front_pages, size, tuple(placed))
