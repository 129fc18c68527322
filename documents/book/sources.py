"""Opening the documents of a meeting book, one at a time, with a plain error for each failure.

A source is a path or a callable returning a path or bytes (the store hands out blobs this
way). Bytes are spooled to a file in the book's work folder so that qpdf reads every source
from disk when the book is written and nothing large stays in memory.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from documents.active_content import strip_active
from documents.book.compile import BookSourceError
from store.errors import NghisuError

if TYPE_CHECKING:
    import pikepdf

    from documents.book.compile import AgendaEntry, BookDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageBox:
    """What a stamp needs to know about a page: its visible box and rotation."""

    llx: float
    lly: float
    urx: float
    ury: float
    rotate: int

    @property
    def display_size(self) -> tuple[float, float]:
        w, h = self.urx - self.llx, self.ury - self.lly
        return (h, w) if self.rotate in (90, 270) else (w, h)


@dataclass
class OpenedSource:
    item: AgendaEntry
    doc: BookDocument
    path: Path
    pdf: pikepdf.Pdf
    boxes: list[PageBox]


def _name(doc: BookDocument, item: AgendaEntry) -> tuple[str, str]:
    what = f"«{doc.number + ' ' if doc.number else ''}{doc.title}» (mục {item.number})"
    what_en = f"'{doc.number + ' ' if doc.number else ''}{doc.title}' (item {item.number})"
    return what, what_en


def source_error(doc: BookDocument, item: AgendaEntry, vi: str, en: str):
    what, what_en = _name(doc, item)
    return BookSourceError(
        f"Văn bản {what} {vi} Hãy thay tệp của văn bản này rồi tạo lại tập tài liệu.",
        f"Document {what_en} {en} Replace this document's file, then make the book again.",
    )


def _materialise(doc: BookDocument, item: AgendaEntry, spool: Path, index: int) -> Path:
    source = doc.source
    if callable(source):
        try:
            source = source()
        except NghisuError as exc:
            raise source_error(doc, item, f"không lấy được từ kho lưu trữ: {exc.vi}.",
                               f"could not be read from the store: {exc.en}.") from exc
        except OSError as exc:
            raise source_error(doc, item, f"không đọc được ({exc.strerror or exc}).",
                               f"could not be read ({exc.strerror or exc}).") from exc
    if isinstance(source, bytes | bytearray | memoryview):
        path = spool / f"doc-{index:04d}.pdf"
        path.write_bytes(source)
        return path
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise source_error(doc, item, f"không có tệp tại {path}.", f"has no file at {path}.")
        return path
    raise TypeError(f"document source must be a path, bytes or a callable, not {type(source).__name__}")


def open_source(doc: BookDocument, item: AgendaEntry, spool: Path, index: int) -> OpenedSource:
    """Open one document for merging; refuse it (naming it) if it cannot be used."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    path = _materialise(doc, item, spool, index)
    try:
        if path.stat().st_size == 0:
            raise source_error(doc, item, "là tệp rỗng (0 byte).", "is an empty file (0 bytes).")
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as exc:
        raise source_error(doc, item, "được mã hóa bằng mật khẩu.", "is encrypted with a password.") from exc
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        log.info("book source %s refused: %s", path, exc)
        raise source_error(doc, item, "bị hỏng hoặc không phải tệp PDF.",
                           "is damaged or is not a PDF file.") from exc
    except OSError as exc:
        raise source_error(doc, item, f"không đọc được ({exc.strerror or exc}).",
                           f"could not be read ({exc.strerror or exc}).") from exc
    try:
        if pdf.is_encrypted:
            raise source_error(doc, item, "được mã hóa; tập tài liệu chỉ nhận văn bản không mã hóa.",
                               "is encrypted; the book only takes unencrypted documents.")
        boxes = [_box(page) for page in pdf.pages]
        if not boxes:
            raise source_error(doc, item, "không có trang nào.", "has no pages.")
    except NghisuError:
        pdf.close()
        raise
    except Exception as exc:  # qpdf raises many kinds on a broken page tree
        pdf.close()
        log.info("book source %s refused while reading pages: %r", path, exc)
        raise source_error(doc, item, "bị hỏng (không đọc được danh sách trang).",
                           "is damaged (its page list cannot be read).") from exc
    for warning in pdf.get_warnings():
        log.info("book source %s repaired by qpdf: %s", path, warning)
    # The book goes to every member: it carries no JavaScript, Launch action or embedded file
    # (the stored original keeps them; import said so).
    removed = strip_active(pdf)
    if removed:
        log.info("book source %s: active content removed: %s", path, ", ".join(removed))
    # Every page's content must decode, or the book would carry a broken page that some
    # readers show blank and others choke on. (~0.1 ms a page: 0.3 s for 2,600 pages.)
    bad_page = _undecodable_page(pdf)
    if bad_page is not None:
        pdf.close()
        raise source_error(doc, item, f"bị hỏng (không đọc được nội dung trang {bad_page}).",
                           f"is damaged (the content of page {bad_page} cannot be read).")
    return OpenedSource(item, doc, path, pdf, boxes)


def _undecodable_page(pdf: pikepdf.Pdf) -> int | None:
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    for number, page in enumerate(pdf.pages, start=1):
        try:
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            for stream in streams:
                if stream is not None:
                    stream.read_bytes()
        except Exception:  # noqa: BLE001 - any failure to decode means a broken page
            return number
    return None


def _box(page: pikepdf.Page) -> PageBox:
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    box = pikepdf.Rectangle(page.cropbox)
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    if box.width <= 0 or box.height <= 0:
        raise ValueError("empty page box")
    return PageBox(box.llx, box.lly, box.urx, box.ury, rotate if rotate in (0, 90, 180, 270) else 0)


def ensure_file_limit(n_files: int) -> None:
    """qpdf keeps every source open until the book is written: raise the soft fd limit if needed."""
    try:
        import resource  # noqa: PLC0415 -- platform-specific or optional: imported where it is used
    except ImportError:  # Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n_files + 256
    if soft != resource.RLIM_INFINITY and soft < want:
        new = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
