"""Private notes: ink, highlights and text notes per person, on a document version's pages.

Notes are their own layer (``private_notes``): the circulated PDF's bytes are never
touched. A person sees their own notes and the notes others shared with the meeting on
purpose (``share_note``). "My notes" export draws the notes over a COPY of the pages that
carry them (reportlab overlay stamped with pikepdf) and returns new bytes.

Coordinates are PDF points on the page, origin at the lower left (what a reader gets by
mapping its view back to the page), so notes stay put at any zoom.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from documents.models import Delivery, Document, DocumentVersion
from documents.reading.notes_models import NOTE_KINDS, PrivateNote
from store.errors import InvalidInput, NotFound, PermissionDenied

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

MAX_POINTS = 20_000


@dataclass(frozen=True)
class NoteInfo:
    id: int
    document_id: int
    version_id: int
    person_id: int
    page: int
    kind: str
    data: dict[str, Any]
    shared: bool
    client_id: str | None
    created_at: datetime
    version: int

    def as_json(self) -> dict:
        return {"id": self.id, "document_id": self.document_id, "version_id": self.version_id,
                "person_id": self.person_id, "page": self.page, "kind": self.kind, "data": self.data,
                "shared": self.shared, "client_id": self.client_id}


def _info(n: PrivateNote) -> NoteInfo:
    return NoteInfo(n.id, n.document_id, n.version_id, n.person_id, n.page, n.kind, dict(n.data), n.shared,
                    n.client_id, n.created_at, n.version)


def _num(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or abs(v) > 100_000:
        raise InvalidInput("Tọa độ ghi chú không hợp lệ.", "A note coordinate is not valid.")
    return float(v)


def _color(v: Any) -> str:
    v = str(v or "")
    if len(v) != 7 or v[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in v[1:]):
        raise InvalidInput("Màu phải có dạng #RRGGBB.", "A colour must look like #RRGGBB.")
    return v


def clean_note_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a note's shape (numbers finite, colours #RRGGBB)."""
    try:
        if kind == "ink":
            strokes = [[[_num(x), _num(y)] for x, y in stroke] for stroke in data["strokes"]]
            if not strokes or sum(len(s) for s in strokes) > MAX_POINTS or any(len(s) < 1 for s in strokes):
                raise InvalidInput("Nét vẽ rỗng hoặc quá dài.", "The ink is empty or too long.")
            return {"strokes": strokes, "color": _color(data.get("color", "#1f3fbf")),
                    "width": min(max(_num(data.get("width", 1.5)), 0.2), 20.0)}
        if kind == "highlight":
            rects = [[_num(v) for v in rect] for rect in data["rects"]]
            if not rects or any(len(r) != 4 for r in rects):
                raise InvalidInput("Vùng tô sáng phải là [x0, y0, x1, y1].", "A highlight is [x0, y0, x1, y1].")
            return {"rects": rects, "color": _color(data.get("color", "#ffe14d"))}
        if kind == "text":
            text = str(data["text"]).strip()
            if not text or len(text) > 5000:
                raise InvalidInput("Ghi chú chữ phải có từ 1 đến 5000 ký tự.", "A text note needs 1 to 5000 characters.")
            x, y = data["at"]
            return {"text": text, "at": [_num(x), _num(y)], "color": _color(data.get("color", "#b00020"))}
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"Ghi chú '{kind}' không đúng cấu trúc.", f"The '{kind}' note is not well formed.") from exc
    raise InvalidInput(f"Loại ghi chú '{kind}' không hợp lệ; chọn: {', '.join(NOTE_KINDS)}.",
                       f"Note kind '{kind}' is not valid; choose: {', '.join(NOTE_KINDS)}.")


def _readable(session: Session, document_id: int, person_id: int) -> tuple[Document, DocumentVersion]:
    """The document and its current version, if it was delivered to this person."""

    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"Không có tài liệu số {document_id}.", f"There is no document {document_id}.")
    delivered = session.execute(select(Delivery.id).where(Delivery.document_id == document_id,
                                                          Delivery.person_id == person_id)).first()
    if not delivered:
        raise PermissionDenied("Tài liệu này chưa được gửi tới bạn.", "This document has not been sent to you.")
    return doc, session.get(DocumentVersion, doc.current_version_id)


def add_note(uow: UnitOfWork, person_id: int, document_id: int, page: int, kind: str, data: dict[str, Any], *,
             shared: bool = False, client_id: str | None = None) -> NoteInfo:
    """A note on the current version's page. ``client_id`` makes a retried offline sync store it once."""

    s = uow.session
    if client_id:
        existing = s.execute(select(PrivateNote).where(PrivateNote.client_id == client_id)).scalar_one_or_none()
        if existing is not None:
            if existing.person_id != person_id:
                raise PermissionDenied("Mã ghi chú đã thuộc về người khác.", "That note id belongs to someone else.")
            return _info(existing)
    doc, version = _readable(s, document_id, person_id)
    if not 1 <= page <= version.page_count:
        raise InvalidInput(f"Trang {page} không có trong tài liệu ({version.page_count} trang).",
                           f"Page {page} is not in the document ({version.page_count} pages).")
    note = PrivateNote(meeting_id=doc.meeting_id, document_id=doc.id, version_id=version.id, person_id=person_id,
                       page=page, kind=kind, data=clean_note_data(kind, data), shared=shared, client_id=client_id,
                       created_at=uow.now(), updated_at=uow.now(), updated_by_id=person_id)
    s.add(note)
    s.flush()
    uow.record("note.add", "note", note.id, {"person_id": person_id, "document_id": doc.id, "page": page,
               "kind": kind, "shared": shared}, meeting_id=doc.meeting_id)
    return _info(note)


def _own(uow: UnitOfWork, note_id: int, person_id: int) -> PrivateNote:
    note = uow.session.get(PrivateNote, note_id)
    if note is None or note.deleted_at is not None:
        raise NotFound(f"Không có ghi chú số {note_id}.", f"There is no note {note_id}.")
    if note.person_id != person_id:
        raise PermissionDenied("Chỉ người viết ghi chú mới sửa hoặc chia sẻ được.", "Only the note's author can change it.")
    return note


def share_note(uow: UnitOfWork, note_id: int, person_id: int, shared: bool = True) -> NoteInfo:
    """Show (or stop showing) one of my notes to the meeting's other participants."""
    note = _own(uow, note_id, person_id)
    note.shared = shared
    note.updated_at, note.updated_by_id = uow.now(), person_id
    uow.session.flush()
    uow.record("note.share" if shared else "note.unshare", "note", note.id, {"person_id": person_id},
               meeting_id=note.meeting_id)
    return _info(note)


def delete_note(uow: UnitOfWork, note_id: int, person_id: int) -> None:
    note = _own(uow, note_id, person_id)
    note.deleted_at = uow.now()
    uow.session.flush()
    uow.record("note.delete", "note", note.id, {"person_id": person_id}, meeting_id=note.meeting_id)


def visible_notes(session: Session, person_id: int, document_id: int, *, page: int | None = None) -> list[NoteInfo]:
    """My notes on the document's current version, plus those others shared with the meeting."""

    doc, version = _readable(session, document_id, person_id)
    q = (select(PrivateNote).where(PrivateNote.version_id == version.id, PrivateNote.deleted_at.is_(None),
                                   or_(PrivateNote.person_id == person_id, PrivateNote.shared.is_(True)))
         .order_by(PrivateNote.page, PrivateNote.id))
    if page is not None:
        q = q.where(PrivateNote.page == page)
    return [_info(n) for n in session.execute(q).scalars()]


def _overlay(notes: list[NoteInfo], width: float, height: float) -> bytes:
    from reportlab.lib.colors import HexColor  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab
    from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    from documents.papers import typeset as ts  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    ts.register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=ts.FONT)
    for n in notes:
        color = HexColor(n.data["color"])
        if n.kind == "highlight":
            c.setFillColor(color, alpha=0.35)
            for x0, y0, x1, y1 in n.data["rects"]:
                c.rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), stroke=0, fill=1)
        elif n.kind == "ink":
            c.setStrokeColor(color)
            c.setLineWidth(n.data["width"])
            c.setLineCap(1)
            for stroke in n.data["strokes"]:
                path = c.beginPath()
                path.moveTo(*stroke[0])
                for x, y in stroke[1:]:
                    path.lineTo(x, y)
                c.drawPath(path, stroke=1, fill=0)
        else:
            x, y = n.data["at"]
            c.setFillColor(color)
            c.setFont(ts.FONT, 10)
            for i, line in enumerate(n.data["text"].splitlines()):
                c.drawString(x, y - i * 12, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def export_my_notes(session: Session, blobs, person_id: int, document_id: int) -> bytes:
    """A PDF of the pages that carry my (and shared) notes, drawn over a copy of each page."""

    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    notes = visible_notes(session, person_id, document_id)
    if not notes:
        raise InvalidInput("Bạn chưa có ghi chú nào trên tài liệu này.", "You have no notes on this document.")
    doc, version = _readable(session, document_id, person_id)
    source = pikepdf.open(io.BytesIO(blobs.get(version.blob_sha256)))  # a copy: the stored bytes stay as they are
    out = pikepdf.new()
    by_page: dict[int, list[NoteInfo]] = {}
    for n in notes:
        by_page.setdefault(n.page, []).append(n)
    for page_no in sorted(by_page):
        out.pages.append(source.pages[page_no - 1])
        page = out.pages[-1]
        box = [float(v) for v in page.mediabox]
        overlay = pikepdf.open(io.BytesIO(_overlay(by_page[page_no], box[2] - box[0], box[3] - box[1])))
        page.add_overlay(overlay.pages[0], pikepdf.Rectangle(*box))
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True)
    return buf.getvalue()
